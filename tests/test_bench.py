"""The benchmark's papers are like the real ones, and the benchmark runs end to
end at its quick size (figures are read by a person; no time is asserted here)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench.generate import council, country, generate
from bench.sample import real_sample
from corpus import parse_bytes
from store.save import slugify

ROOT = Path(__file__).resolve().parent.parent


def test_generated_papers_parse_as_the_forms_they_imitate(tmp_path):
    papers = generate(tmp_path, meetings=12)
    assert len(papers) == 24
    intended = {(c.name, slugify(p.name)) for c in country(12) for p in c.panels}
    kinds = Counter()
    for paper in papers:
        doc, text = parse_bytes(paper.read_bytes(), paper.name)
        kinds[doc.kind] += 1
        assert doc.meeting.date and doc.items, paper.name
        assert (doc.council, slugify(doc.committee)) in intended, (paper.name, doc.council, doc.committee)
        assert paper.parent.name == slugify(doc.committee)[:60]
        if doc.kind == "agenda":
            assert doc.work_programme and doc.future_meetings and doc.attendance
        else:
            assert doc.actions
    assert kinds["agenda"] == 12 and kinds["minutes"] + kinds["agenda_and_minutes"] == 12


def test_papers_are_the_size_and_words_of_the_real_ones(tmp_path):
    sample = real_sample()
    papers = generate(tmp_path, meetings=20)
    agendas = [len(p.read_text()) for p in papers if "agenda" in p.name]
    minutes = [len(p.read_text()) for p in papers if "minutes" in p.name]
    # sizes drawn from the real papers' sizes, each varied by a factor rarely past 2
    assert min(sample.agenda_sizes) / 2 < sum(agendas) / len(agendas) < max(sample.agenda_sizes) * 2
    assert min(sample.minutes_sizes) / 2 < sum(minutes) / len(minutes) < max(sample.minutes_sizes) * 2
    words = Counter(w for p in papers for w in re.findall(r"[a-z]+", p.read_text().lower()))
    real = set(sample.word_counts)
    assert len(words) > 1500  # not a fixed list of a few hundred words
    assert sum(n for w, n in words.items() if w in real) / sum(words.values()) > 0.9  # the real papers' words, mostly


def test_the_country_has_the_national_shape_and_a_council_is_the_same_in_every_run():
    councils = country(150_000)
    panels = sum(len(c.panels) for c in councils)
    assert 330 <= len(councils) <= 400 and 1_400 <= panels <= 1_600
    assert len({p.name for c in councils for p in c.panels}) > 200  # names as varied as real ones
    assert council(7).panels[0].name == council(7).panels[0].name and council(7).name == councils[7].name


def test_bench_runs_end_to_end_at_its_quick_size(tmp_path):
    done = subprocess.run([sys.executable, "bench/run.py", "--quick", "--rebuild"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "SCRUTINY_BENCH_STORES": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for shown in ("papers/s", "find (typo)", "floor", "8 clients", "first command after an ingest", "reminder sweep",
                  "cold start of `scrutiny ask`", "| command |"):
        assert shown in out, shown
    assert "failed!" not in out


def test_sync_bench_runs_at_a_small_size():
    done = subprocess.run([sys.executable, "bench/sync.py", "--meetings", "7"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first sync" in done.stdout and "ratio to ingest" in done.stdout and "failed!" not in done.stdout
    assert "second: 0 papers fetched" in done.stdout
