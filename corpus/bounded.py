"""Reading papers within bounds: pages, bytes, wall time and memory.

A PDF is a program for drawing pages, and reading one can take any amount of
memory and time: a 128 KB "bomb" went past 4 GB until the C library aborted
the whole ingest run. So papers are read in worker processes. Each worker
caps its own address space (RLIMIT_AS) before it reads anything; the parent
gives each paper a deadline and kills the worker that overruns it. A paper
past a bound fails with a one-line reason, its worker is replaced, and the
run goes on.

The workers form a pool that parses while one writer (the caller) saves, in
order: `ReaderPool.read_all` keeps every worker busy and hands results back
in the order the papers were given, so a caller with one SQLite connection
saves each paper in its own transaction as its turn comes. Workers are fresh
interpreters (`python -m corpus.bounded`), never forks of a process with
threads (the bot's scheduler and HTTP threads), and live as long as the pool.
"""
from __future__ import annotations

import atexit
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .exempt import ExemptPaper
from .files import MAX_BYTES
from .model import Document
from .pdf import MAX_PAGES
from .text import UnreadableDocument

log = logging.getLogger(__name__)
_ROOT = Path(__file__).resolve().parent.parent  # where the corpus package is importable from


@dataclass(frozen=True)
class Limits:
    """What one paper may take. A 300-page PDF read in 77 MB and took 242 s on
    the project's busy 2-core machine: a PDF gets seconds_per_page more for each
    page it declares, up to `pages`."""
    seconds: float = 120.0
    seconds_per_page: float = 1.0
    memory_mb: int = 1024  # the worker's whole address space, libraries included
    pages: int = MAX_PAGES
    bytes: int = MAX_BYTES


@dataclass
class Read:
    """A paper read, or the reason it was not."""
    document: Document | None = None
    text: str | None = None
    reason: str | None = None
    peak_mb: float = 0.0  # the worker's peak resident memory so far
    exempt: bool = False  # the whole paper is exempt business: not read, and not a failure

    @property
    def ok(self) -> bool:
        return self.document is not None


@dataclass
class Job:
    data: bytes
    name: str = ""
    hints: dict[str, str] = field(default_factory=dict)
    tag: Any = None  # the caller's own handle, handed back with the result


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _die_with_parent() -> None:
    """Linux: the worker is killed when its parent dies, so a kill -9 of an ingest
    leaves no worker reading on."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: workers still exit at the end of their paper (the pipe is closed)
        pass


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM where there is /proc: getrusage's
    figure would include the parent's size at the fork before exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(conn: Connection, limits: Limits) -> None:
    """Read papers sent down the socket until it closes; one answer per paper."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(limits.memory_mb)
    from . import parse_bytes

    try:
        conn.send("ready")  # started: a paper's deadline counts from here, not from the interpreter's start
    except OSError:
        return

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            doc, text = parse_bytes(job.data, job.name, job.hints, max_pages=limits.pages,
                                    on_pages=lambda count: conn.send(("pages", count, None, None)))
            answer = ("ok", doc, text, _peak_mb())
        except ExemptPaper as err:
            answer = ("exempt", str(err), None, _peak_mb())
        except UnreadableDocument as err:
            answer = ("refused", str(err), None, _peak_mb())
        except MemoryError:
            answer = ("memory", None, None, _peak_mb())
        except RecursionError:
            answer = ("refused", "nested too deeply to read", None, _peak_mb())
        except Exception as err:  # a bug of ours: the parent logs it, the run goes on
            answer = ("error", f"{type(err).__name__}: {err}"[:300], traceback.format_exc(), _peak_mb())
        job = doc = text = None  # noqa: F841 - let the memory go before the next paper
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", None, None, _peak_mb()))
        except (BrokenPipeError, OSError):
            return
        if answer[0] == "memory":
            return  # a fresh worker for the next paper: a failed allocation may leave this one fragmented


STARTUP_SECONDS = 120


class _Worker:
    """One reading process: `python -m corpus.bounded FD MEMORY_MB PAGES`, talking
    over a socket pair. A fresh interpreter, not a fork: nothing of the parent's
    threads, locks or __main__ comes with it."""

    def __init__(self, limits: Limits) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "corpus.bounded", str(theirs.fileno()), str(limits.memory_mb), str(limits.pages),
                 str(os.getpid())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env,
                cwd=str(_ROOT))
        finally:
            theirs.close()
        self.conn = Connection(os.dup(ours.fileno()))
        ours.close()
        try:
            started = self.conn.poll(STARTUP_SECONDS) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            started = False
        if not started:
            self.stop()
            raise RuntimeError(f"a paper reader process did not start (exit code {self.process.returncode})")

    def stop(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    def alive(self) -> bool:
        return self.process.poll() is None


def _death(process: subprocess.Popen, limits: Limits) -> str:
    code = process.returncode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return (f"the reader was stopped by {name} while reading it, most likely out of memory "
                f"(a paper may use {limits.memory_mb:,} MB); not read")
    return f"the reader stopped while reading it (exit code {code}); not read"


class ReaderPool:
    """Worker processes that read papers within Limits. Safe to share between
    threads: each read takes a free worker, or waits for one."""

    def __init__(self, workers: int | None = None, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.size = max(1, workers or min(4, os.cpu_count() or 2))
        self._free: list[_Worker] = []
        self._all: list[_Worker] = []
        self._started = 0
        self._lock = threading.Condition()
        self._closed = False

    def _take(self, block: bool) -> _Worker | None:
        with self._lock:
            while True:
                if self._closed:
                    raise RuntimeError("the reader pool is closed")
                if self._free:
                    return self._free.pop()
                if self._started < self.size:
                    self._started += 1
                    break
                if not block:
                    return None
                self._lock.wait()
        try:
            worker = _Worker(self.limits)
        except BaseException:
            with self._lock:
                self._started -= 1
                self._lock.notify()
            raise
        with self._lock:
            self._all = [w for w in self._all if w.alive()] + [worker]
        return worker

    def _give_back(self, worker: _Worker | None) -> None:
        """A worker back to the pool; None: it was stopped, and a new one may start."""
        with self._lock:
            if worker is not None and not self._closed and worker.alive():
                self._free.append(worker)
            else:
                if worker is not None:
                    worker.stop()
                self._started -= 1
            self._lock.notify()

    def read(self, data: bytes, name: str = "", hints: dict[str, str] | None = None) -> Read:
        [(_job, result)] = list(self.read_all([Job(data, name, hints or {})]))
        return result

    def read_all(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Read]]:
        """(job, result) for every job, in the order given, with up to one paper per
        worker being read at a time. A paper past the size bound is refused
        without being sent."""
        pending = iter(jobs)
        in_flight: dict[Connection, list] = {}  # conn -> [worker, job number, started, deadline]
        jobs_by_number: dict[int, Job] = {}
        done: dict[int, Read] = {}
        order: deque[int] = deque()
        number = 0
        exhausted = False
        try:
            while True:
                # keep every worker we can get busy, without running far ahead of the writer
                while not exhausted and len(order) < 2 * self.size:
                    worker = self._take(block=not in_flight)
                    if worker is None:
                        break
                    job = next(pending, None)
                    if job is None:
                        exhausted = True
                        self._give_back(worker)
                        break
                    jobs_by_number[number] = job
                    order.append(number)
                    if len(job.data) > self.limits.bytes:
                        done[number] = Read(reason=f"too large ({len(job.data) // (1024 * 1024)} MB; papers over "
                                                   f"{self.limits.bytes // (1024 * 1024)} MB are not read)")
                        self._give_back(worker)
                    else:
                        self._send(worker, job, number, in_flight)
                    number += 1
                while order and order[0] in done:
                    first = order.popleft()
                    yield jobs_by_number.pop(first), done.pop(first)
                if exhausted and not order:
                    return
                if in_flight:
                    self._collect(in_flight, done)
        finally:
            for worker, *_rest in in_flight.values():  # the caller stopped early: these are mid-paper
                worker.stop()
                self._give_back(None)

    def _send(self, worker: _Worker, job: Job, number: int, in_flight: dict) -> None:
        try:
            worker.conn.send(job)
        except (BrokenPipeError, OSError):  # died between papers: a new one takes the paper
            worker.stop()
            self._give_back(None)
            worker = self._take(block=True)
            worker.conn.send(job)
        started = time.monotonic()
        in_flight[worker.conn] = [worker, number, started, started + self.limits.seconds]

    def _collect(self, in_flight: dict, done: dict[int, Read]) -> None:
        """Wait for the first answer or deadline among the papers being read."""
        nearest = min(deadline for *_rest, deadline in in_flight.values())
        ready = wait(list(in_flight), timeout=max(0.0, nearest - time.monotonic()))
        for conn in ready:
            worker, number, started, _deadline = in_flight[conn]
            try:
                kind, first, second, peak = conn.recv()
            except (EOFError, OSError):
                kind = None
            if kind == "pages":  # a PDF of that many pages: it gets time for each
                in_flight[conn][3] = started + self.limits.seconds + first * self.limits.seconds_per_page
                continue
            del in_flight[conn]
            if kind is None:
                try:
                    worker.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.process.kill()
                    worker.process.wait()
                done[number] = Read(reason=_death(worker.process, self.limits))
                self._give_back(None)
                continue
            if kind == "ok":
                done[number] = Read(document=first, text=second, peak_mb=peak)
            elif kind in ("refused", "exempt"):
                done[number] = Read(reason=first, peak_mb=peak, exempt=kind == "exempt")
            elif kind == "memory":
                done[number] = Read(reason=f"needs more than {self.limits.memory_mb:,} MB of memory to read; not read",
                                    peak_mb=peak)
            else:
                log.error("reading a paper failed: %s\n%s", first, second)
                done[number] = Read(reason=f"internal error ({first.split(':')[0]}); nothing of it was saved", peak_mb=peak)
            if kind == "memory":
                worker.stop()  # it exits by itself after a failed allocation; a fresh one reads the next paper
            self._give_back(worker if kind != "memory" else None)
        now = time.monotonic()
        for conn, (worker, number, started, deadline) in list(in_flight.items()):
            if now >= deadline:
                del in_flight[conn]
                worker.stop()
                self._give_back(None)
                done[number] = Read(reason=f"took longer than {deadline - started:g} s to read; not read")

    def pids(self) -> list[int]:
        """The worker processes now running (idle or reading)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.alive()]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            free, self._free = self._free, []
            self._lock.notify_all()
        for worker in free:
            worker.stop()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_SHARED: dict[Limits, ReaderPool] = {}
_SHARED_LOCK = threading.Lock()


def shared_pool(limits: Limits | None = None) -> ReaderPool:
    """One pool per process (per set of limits), started on first use and kept:
    an ingest, a sync and the next ingest reuse its workers."""
    limits = limits or Limits()
    with _SHARED_LOCK:
        pool = _SHARED.get(limits)
        if pool is None:
            pool = _SHARED[limits] = ReaderPool(limits=limits)
        return pool


@atexit.register
def _close_shared() -> None:
    for pool in list(_SHARED.values()):
        pool.close()


def parse_bytes_bounded(data: bytes, name: str = "", hints: dict[str, str] | None = None,
                        limits: Limits | None = None) -> tuple[Document, str]:
    """parse_bytes, read by a worker within bounds. Raises UnreadableDocument
    with the reason when the paper is past a bound or cannot be read (ExemptPaper
    when it is exempt as a whole)."""
    result = shared_pool(limits).read(data, name, hints)
    if result.exempt:
        raise ExemptPaper(result.reason)
    if not result.ok:
        raise UnreadableDocument(result.reason or "not read")
    return result.document, result.text


if __name__ == "__main__":  # a worker: python -m corpus.bounded FD MEMORY_MB PAGES PARENT_PID
    _die_with_parent()
    _fd, _memory_mb, _pages, _parent = (int(arg) for arg in sys.argv[1:5])
    if os.getppid() == _parent:  # else the parent died while this started, before it could be told
        _worker(Connection(_fd), Limits(memory_mb=_memory_mb, pages=_pages))
