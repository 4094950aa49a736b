"""Every paper is read within bounds (pages, bytes, time, memory) and parsing
stays linear: one paper past a bound fails with a reason, and never takes the
run down or hangs it."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.adversarial import SHAPES
from corpus import UnreadableDocument, demo_corpus, parse_bytes
from corpus.bounded import Job, Limits, ReaderPool
from corpus.parse import LIMITS
from corpus.text import MAX_TEXT_CHARS, read_text
from store import connect
from store.ingest import ingest_paths

from .conftest import FROZEN, ROOT
from .pdfs import long_pdf, pdf_bomb

GOOD = sorted(demo_corpus().glob("*.txt"))[4]


def _ingest_cli(*paths: Path, db: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`scrutiny ingest` as a process: on a build that hangs or dies the test fails, pytest does not."""
    return subprocess.run([sys.executable, "-m", "bot.cli", "ingest", *map(str, paths), "--db", str(db)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=timeout)


def test_dev_zero_and_a_named_pipe_are_refused_not_read(tmp_path):
    fifo = tmp_path / "paper.txt"
    os.mkfifo(fifo)
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    done = _ingest_cli(Path("/dev/zero"), fifo, link, GOOD, db=tmp_path / "s.db", timeout=60)
    assert done.returncode == 1
    assert "/dev/zero: a device, not a file; only paper files are read" in done.stdout
    assert f"{fifo}: a named pipe, not a file; only paper files are read" in done.stdout
    assert f"{link}: a device, not a file" in done.stdout
    assert "1 new" in done.stdout


def test_a_pdf_bomb_fails_with_a_reason_and_the_rest_of_the_run_is_saved(tmp_path):
    bomb = pdf_bomb(tmp_path / "bomb.pdf", expands_to=3 << 29)
    assert bomb.stat().st_size < 64 * 1024  # 16 KB that expands to 1.5 GB
    done = _ingest_cli(bomb, GOOD, db=tmp_path / "s.db", timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"failed    {bomb}: needs more than 1,024 MB of memory to read; not read" in done.stdout
    assert "2 papers: 1 new" in done.stdout


def test_a_paper_past_the_time_bound_is_stopped_and_the_next_is_read(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text(SHAPES["numbered_random"](3 * 1024 * 1024), encoding="utf-8")  # tens of seconds to parse
    with ReaderPool(workers=1, limits=Limits(seconds=5)) as pool, connect(tmp_path / "s.db") as db:
        report = ingest_paths(db, [slow, GOOD], now=FROZEN, readers=pool)
    assert [(Path(o.path).name, o.status, o.reason) for o in report.outcomes] == [
        ("slow.txt", "failed", "took longer than 5 s to read; not read"), (GOOD.name, "new", None)]


def test_a_reader_that_dies_mid_paper_fails_that_paper_only():
    slow = SHAPES["numbered_random"](3 * 1024 * 1024).encode()
    with ReaderPool(workers=1) as pool:
        # killed once the reader holds the paper (a kill before that is a reader dying between
        # papers: a new one takes the paper, and nothing fails), whatever the machine's load
        sent, send = threading.Event(), pool._send
        pool._send = lambda *args: (send(*args), sent.set())
        killer = threading.Thread(target=lambda: (sent.wait(60), time.sleep(0.2), [os.kill(pid, 9) for pid in pool.pids()]))
        killer.start()
        results = [read for _job, read in pool.read_all([Job(slow, "slow.txt"), Job(GOOD.read_bytes(), GOOD.name)])]
        killer.join()
    assert results[0].reason.startswith("the reader was stopped by SIGKILL while reading it")
    assert results[1].ok and results[1].document.committee


def test_pages_past_the_bound_are_refused_before_they_are_read(tmp_path):
    pdf = long_pdf(tmp_path / "pack.pdf", pages=40).read_bytes()
    with pytest.raises(UnreadableDocument, match="^40 pages; papers over 30 pages are not read$"):
        parse_bytes(pdf, "pack.pdf", max_pages=30)
    with ReaderPool(workers=1, limits=Limits(pages=30)) as pool:
        assert pool.read(pdf, "pack.pdf").reason == "40 pages; papers over 30 pages are not read"
        read = pool.read(long_pdf(tmp_path / "short.pdf", pages=3).read_bytes(), "short.pdf")
    assert read.ok and [i.number for i in read.document.items][:1] == ["1"]


def test_a_long_pdf_is_read_a_page_at_a_time(tmp_path):
    """pdfplumber keeps every page it has read unless told to let go: about 10 MB a
    page of text, so 12 pages took 160 MB and a 300-page pack 2.7 GB. Read a page
    at a time, any length of paper reads in under 60 MB."""
    pdf = long_pdf(tmp_path / "pack.pdf", pages=12).read_bytes()
    with ReaderPool(workers=1, limits=Limits(memory_mb=140)) as pool:
        read = pool.read(pdf, "pack.pdf")
    assert read.ok, read.reason
    assert read.text.count("Report on ward") == 12


# --- parsing stays linear ---------------------------------------------------------------------------

def _python_events(data: bytes, name: str) -> int:
    """Function calls (Python and C) made parsing a paper: a count, not a time, so a
    busy machine cannot change it. Linear work grows with size; quadratic with its square."""
    count = 0

    def hook(frame, event, arg):
        nonlocal count
        count += 1

    try:
        parse_bytes(data, name)  # warm: caches and compiled patterns are not the paper's work
    except UnreadableDocument:
        pass
    sys.setprofile(hook)
    try:
        parse_bytes(data, name)
    except UnreadableDocument:
        pass
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_parse_work_grows_linearly_with_the_paper(shape):
    name = f"{shape}.html" if shape.startswith("html") else f"{shape}.txt"
    small = _python_events(SHAPES[shape](8 * 1024).encode(), name)
    large = _python_events(SHAPES[shape](32 * 1024).encode(), name)
    assert large / small < 5.5, (small, large)  # four times the paper: about four times the work, not sixteen


def test_a_one_line_paper_of_action_sentences_keeps_a_sane_number_of_actions():
    one_line = SHAPES["one_line_actions"](200 * 1024)
    doc, _ = parse_bytes(one_line.encode(), "one-line.txt")
    assert 0 < len(doc.actions) <= LIMITS["actions"]
    assert any("not kept" in w for w in doc.warnings), doc.warnings
    doc, _ = parse_bytes(one_line.replace(". ", ".\n\n").encode(), "paragraphs.txt")  # the same, a sentence a paragraph
    assert len(doc.actions) == LIMITS["actions"]
    assert any("actions found; kept the first 1,000" in w for w in doc.warnings)


def test_text_past_the_bound_is_refused_before_it_is_parsed():
    with pytest.raises(UnreadableDocument, match="characters of text; papers over 5,000,000 are not read"):
        read_text(b"x " * (MAX_TEXT_CHARS // 2 + 10), "long.txt")


@pytest.mark.parametrize("shape", ["attendance", "html_nested", "programme_rows", "numbered_random", "dates"])
def test_adversarial_papers_are_read_within_the_bounds(shape):
    """Layouts once quadratic inside a single regular expression (retried from every
    line or every capital): 300 KB of each took minutes. A generous bound, far above
    the second or two they take now."""
    name = f"{shape}.html" if shape.startswith("html") else f"{shape}.txt"
    with ReaderPool(workers=1, limits=Limits(seconds=60)) as pool:
        read = pool.read(SHAPES[shape](300 * 1024).encode(), name)
    assert read.reason is None or "took longer" not in read.reason, read.reason
