"""The benchmark runs end to end at its smallest size (figures are read by a
person; no time is asserted here)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.generate import generate
from corpus import parse_bytes

ROOT = Path(__file__).resolve().parent.parent


def test_generated_papers_parse_as_the_forms_they_imitate(tmp_path):
    papers = generate(tmp_path, meetings=8, seed=3)
    assert len(papers) == 16
    kinds = set()
    for paper in papers:
        doc, _ = parse_bytes(paper.read_bytes(), paper.name)
        kinds.add(doc.kind)
        assert doc.meeting.date and doc.committee and doc.items, paper.name
        if doc.kind == "agenda":
            assert doc.work_programme and doc.future_meetings and doc.attendance
        else:
            assert doc.actions
    assert kinds == {"agenda", "minutes", "agenda_and_minutes"}


def test_same_seed_same_papers(tmp_path):
    first = [p.read_text() for p in generate(tmp_path / "a", meetings=3, seed=5)]
    second = [p.read_text() for p in generate(tmp_path / "b", meetings=3, seed=5)]
    assert first == second


def test_bench_prints_its_tables_at_the_smallest_size():
    done = subprocess.run([sys.executable, "bench/run.py", "--sizes", "20", "--runs", "3"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "ingest/s" in out and "p99 ms" in out and "plan (nothing due) ms" in out
    assert "failed!" not in out


def test_sync_bench_runs_at_a_small_size():
    done = subprocess.run([sys.executable, "bench/sync.py", "--meetings", "7"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first sync" in done.stdout and "ratio to ingest" in done.stdout and "failed!" not in done.stdout
    assert "second: 0 papers fetched" in done.stdout
