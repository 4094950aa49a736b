"""Commands through the real bot: `scrutiny serve` in HTTP mode, in its own
process, answering signed slash commands on 127.0.0.1 and delivering each
answer to a fake Slack's response_url. A command's time runs from the request
until its answer arrives.

Beside each command: the handler alone (the same words, in this process, no
HTTP) and the floor (bench/workload.py). Also: 8 clients at once, the first
command of a new process, and the first command after an ingest.
"""
from __future__ import annotations

import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time as clock_time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.workload import Kind
from tests.slack_fake import command_body, sign

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret"
_RUN = uuid.uuid4().hex[:12]
_KEYS = itertools.count(1)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))] if ordered else float("nan")


class Receiver:
    """A fake Slack: the Web API calls the bot makes at start, and response_urls that note when each answer came."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.bodies: dict[str, dict] = {}
        self.waiting: dict[str, threading.Event] = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                at = time.perf_counter()
                if self.path.startswith("/respond/"):
                    key = self.path.rsplit("/", 1)[-1]
                    with receiver.lock:
                        receiver.arrived[key] = at
                        receiver.bodies[key] = json.loads(raw or b"{}")
                        event = receiver.waiting.setdefault(key, threading.Event())
                    event.set()
                    answer = b"ok"
                elif self.path.endswith("auth.test"):
                    answer = json.dumps({"ok": True, "user_id": "UBOT", "team_id": "T1", "bot_id": "B1"}).encode()
                elif self.path.endswith("chat.postMessage"):
                    answer = json.dumps({"ok": True, "ts": f"{time.time():.6f}"}).encode()
                elif self.path.endswith("conversations.open"):
                    answer = json.dumps({"ok": True, "channel": {"id": "D1"}}).encode()
                else:
                    answer = json.dumps({"ok": True}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def wait(self, key: str, timeout: float = 120) -> float:
        with self.lock:
            event = self.waiting.setdefault(key, threading.Event())
        if not event.wait(timeout):
            raise TimeoutError(f"no answer for {key}")
        with self.lock:
            self.bodies.pop(key, None)
            self.waiting.pop(key, None)
            return self.arrived.pop(key)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bot:
    """`scrutiny serve` in HTTP mode, in its own process."""

    def __init__(self, db_path: Path, today: date, receiver: Receiver) -> None:
        self.port = _free_port()
        self.receiver = receiver
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench",
               "SLACK_API_URL": receiver.base + "/api/", "PORT": str(self.port), "HOST": "127.0.0.1",
               "SCRUTINY_TODAY": today.isoformat()}
        env.pop("SLACK_APP_TOKEN", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--db", str(db_path)], cwd=ROOT, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.url = f"http://127.0.0.1:{self.port}/slack/events"
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the bot stopped: " + self.process.stderr.read().decode()[-2000:])
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        self.ready = time.perf_counter() - self.started
    def ask(self, text: str) -> float:
        """Seconds from sending the command until its answer reached Slack."""
        key = f"{_RUN}-{next(_KEYS)}"  # a body never sent before: the bot acts on a repeated delivery once
        body = command_body(text, f"{self.receiver.base}/respond/{key}")
        request = urllib.request.Request(self.url, data=body.encode(), method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()
        return self.receiver.wait(key) - start

    def peak_mb(self) -> float:
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def handler_time(db_path: Path, text: str, now: datetime) -> float:
    """The handler alone: a connection, the answer, its rendering; no HTTP, no Slack."""
    from handlers import dispatch
    from store import connect

    def run():
        with connect(db_path) as db:
            dispatch(text, db, now, user="U111", channel="C111").slack_message()
    return _timed(run)


def measure(db_path: Path, today: date, kinds: list[Kind], log=print) -> tuple[list[dict], dict]:
    """Every kind of command, each case through HTTP, the handler alone and its floor."""
    from store import connect
    now = datetime.combine(today, clock_time(9, 0), ZoneInfo("Europe/London"))
    receiver = Receiver()
    bot = Bot(db_path, today, receiver)
    rows = []
    try:
        bot.ask("help")
        fixed = [bot.ask("help") for _ in range(50)]
        with connect(db_path) as db:
            for kind in kinds:
                for case in kind.cases[:3]:  # the first of a kind warms what every later one shares
                    bot.ask(case.text)
                    handler_time(db_path, case.text, now)
                    case.floor(db)
                http, handler, floor = [], [], []
                for case in kind.cases:
                    http.append(bot.ask(case.text))
                    handler.append(handler_time(db_path, case.text, now))
                    floor.append(_timed(lambda: case.floor(db)))
                ratios = [h / max(f, 1e-6) for h, f in zip(handler, floor)]
                rows.append({"label": kind.label, "family": kind.family, "n": len(http),
                             "p50": statistics.median(http), "p99": percentile(http, 99),
                             "handler_p50": statistics.median(handler), "handler_p99": percentile(handler, 99),
                             "floor_p50": statistics.median(floor), "floor_p99": percentile(floor, 99),
                             "ratio_p50": statistics.median(ratios), "ratio_p99": percentile(handler, 99) / max(percentile(floor, 99), 1e-6),
                             "samples": {"http": http, "handler": handler, "floor": floor, "ratio": ratios}})
                log(f"    {kind.label:<32} p50 {rows[-1]['p50'] * 1000:7.1f} ms  p99 {rows[-1]['p99'] * 1000:7.1f} ms  "
                    f"floor {rows[-1]['floor_p50'] * 1000:6.2f} ms  handler/floor {rows[-1]['ratio_p50']:5.1f}x")
        extra = {"http_fixed_p50": statistics.median(fixed), "http_fixed_p99": percentile(fixed, 99),
                 "bot_peak_mb": bot.peak_mb(), "bot_ready_s": bot.ready}
    finally:
        bot.stop()
        receiver.close()
    return rows, extra


def concurrent(db_path: Path, today: date, kinds: list[Kind], clients: int = 8, requests: int = 1000) -> dict:
    """`clients` at once, each sending the next command of a mix of every kind, until `requests` are answered."""
    receiver = Receiver()
    bot = Bot(db_path, today, receiver)
    mix = [k.cases[i].text for i in range(max(len(k.cases) for k in kinds)) for k in kinds if i < len(k.cases)]
    try:
        for text in mix[:20]:
            bot.ask(text)
        took: list[float] = []
        lock = threading.Lock()
        counter = iter(range(requests))

        def client(_n: int) -> None:
            for i in counter:
                elapsed = bot.ask(mix[i % len(mix)])
                with lock:
                    took.append(elapsed)

        start = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(client, range(clients)))
        wall = time.perf_counter() - start
        return {"clients": clients, "requests": len(took), "per_s": len(took) / wall, "p50": statistics.median(took),
                "p99": percentile(took, 99), "bot_peak_mb": bot.peak_mb()}
    finally:
        bot.stop()
        receiver.close()


def cold(db_path: Path, today: date, kinds: list[Kind], repeats: int, new_paper: Callable[[int], Path]) -> dict:
    """The first command of each family in a new process, and the first after an ingest."""
    families: dict[str, str] = {}
    for kind in kinds:
        families.setdefault(kind.family, kind.cases[len(kind.cases) // 2].text)
    receiver = Receiver()
    first: dict[str, list[float]] = {f: [] for f in families}
    after: dict[str, list[float]] = {f: [] for f in families}
    starts: list[float] = []
    ingest: list[float] = []
    try:
        for r in range(repeats):
            for family, text in families.items():
                bot = Bot(db_path, today, receiver)
                starts.append(bot.ready)
                first[family].append(bot.ask(text))
                bot.stop()
        bot = Bot(db_path, today, receiver)
        try:
            for family, text in families.items():
                bot.ask(text)
            for r in range(repeats):
                paper = new_paper(r)
                start = time.perf_counter()
                _cli("ingest", "--db", str(db_path), str(paper))
                ingest.append(time.perf_counter() - start)
                for family, text in families.items():
                    after[family].append(bot.ask(text))
                _cli("remove", "--db", str(db_path), "paper", str(paper), "--yes")
        finally:
            bot.stop()
    finally:
        receiver.close()
    return {"process_start_s": statistics.median(starts), "ingest_one_s": statistics.median(ingest),
            "first": {f: statistics.median(v) for f, v in first.items()},
            "after_ingest": {f: statistics.median(v) for f, v in after.items()}}


def _cli(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode not in (0,):
        raise RuntimeError(f"scrutiny {' '.join(args)}: {done.stderr[-1000:]}")


def ask_start(db_path: Path, today: date, text: str, repeats: int) -> dict:
    """Cold start of `scrutiny ask` (a new interpreter, its imports, one answer), beside starting Python alone."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRUTINY_TODAY": today.isoformat()}
    asks, bare = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--db", str(db_path), text], cwd=ROOT, env=env,
                       capture_output=True, check=True)
        asks.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        bare.append(time.perf_counter() - start)
    return {"p50": statistics.median(asks), "max": max(asks), "python_p50": statistics.median(bare)}
