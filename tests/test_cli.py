"""The scrutiny command line, run as a person runs it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from corpus import demo_corpus

ROOT = Path(__file__).resolve().parent.parent


NO_SLACK = {"SLACK_BOT_TOKEN": "", "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": ""}


def scrutiny(*args: str, env: dict | None = None, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, input=stdin, timeout=120)


def test_parse_prints_the_json_contract():
    done = scrutiny("parse", str(demo_corpus() / "004_f238e8122ed5804f.txt"), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) >= {"kind", "council", "committee", "meeting", "attendance", "items", "actions",
                        "work_programme", "future_meetings", "warnings"}
    assert doc["meeting"] == {"date": "2018-10-01", "time": "14:00",
                              "venue": "The Council Chamber - The Shire Hall, St. Peter's Square, Hereford, HR1 2HX"}


def test_parse_without_json_reads_for_a_person():
    done = scrutiny("parse", str(demo_corpus() / "000_492692d4b457f793.txt"))
    assert "Meeting: Thursday 3 November 2022, 10am, County Hall, Worcester" in done.stdout
    assert "Actions" in done.stdout


def test_parse_of_a_broken_file_says_why_in_one_line(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 100)
    done = scrutiny("parse", str(broken), "--json")
    assert done.returncode == 2 and done.stderr.strip().endswith("binary file, not a text or HTML paper")
    assert len(done.stderr.strip().splitlines()) == 1


def test_ingest_exit_status_says_whether_anything_failed(tmp_path):
    db = tmp_path / "s.db"
    ok = scrutiny("ingest", str(demo_corpus()), "--db", str(db))
    assert ok.returncode == 0 and "5 papers: 5 new" in ok.stdout
    (tmp_path / "empty.txt").write_text("")
    bad = scrutiny("ingest", str(tmp_path / "empty.txt"), str(demo_corpus()), "--db", str(db))
    assert bad.returncode == 1 and "5 unchanged, 1 failed" in bad.stdout and "empty file" in bad.stdout


def test_ingest_json_gives_each_paper_and_what_it_held(tmp_path):
    done = scrutiny("ingest", str(demo_corpus() / "004_f238e8122ed5804f.txt"), "--db", str(tmp_path / "s.db"), "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["counts"]["new"] == 1
    [paper] = report["papers"]
    assert (paper["kind"], paper["meeting_date"], paper["items"] > 5, paper["actions"] > 3) == ("minutes", "2018-10-01", True, True)


def test_today_is_fixed_by_option_or_environment(tmp_path):
    db = tmp_path / "s.db"
    scrutiny("ingest", str(demo_corpus()), "--db", str(db))
    by_option = scrutiny("ask", "next", "cfosp", "--db", str(db), "--today", "2020-07-10")
    assert "Friday 17 July 2020, 10am" in by_option.stdout
    by_env = scrutiny("ask", "next", "cfosp", "--db", str(db), env={"SCRUTINY_TODAY": "2020-09-01"})
    assert "Tuesday 8 September 2020, 2pm" in by_env.stdout


def test_demo_without_tokens_is_a_console_on_the_bundled_corpus_in_a_store_of_its_own(tmp_path):
    live = tmp_path / "live.db"
    env = {"SCRUTINY_DB": str(live), "SCRUTINY_TODAY": "2020-07-10", **NO_SLACK}
    done = scrutiny("demo", env=env, stdin="/scrutiny next cfosp\nfind EHCP\nquit\n", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "console" in done.stdout and "Friday 17 July 2020, 10am" in done.stdout
    assert "Education, Health and Care Plan" in done.stdout
    assert (tmp_path / "demo.db").is_file() and not live.exists(), "the demo never writes into the live store"


def test_production_start_serves_an_empty_store_not_the_demo(tmp_path):
    live = tmp_path / "live.db"
    for command in ("run", "serve"):
        done = scrutiny(command, "--db", str(live), env={"SCRUTINY_TODAY": "2020-07-10", **NO_SLACK}, stdin="panels\nquit\n")
        assert done.returncode == 0, done.stderr
        assert "0 panels, 0 meetings, 0 papers" in done.stdout and "No panels yet" in done.stdout


# What answering a command must not load: the parser (its modules compile hundreds of
# patterns as they load), the calendar writer, and Slack's models (a console has no Slack).
NOT_FOR_ANSWERS = ("corpus.parse", "corpus.actions", "corpus.items", "corpus.programme", "corpus.attendance",
                   "corpus.exempt", "corpus.meta", "store.save", "icalendar", "slack_sdk.models.blocks")


def test_answering_commands_from_the_command_line_loads_no_parser(demo_db, db_path):
    script = f"""
import json, sys
import bot.cli
from datetime import datetime
from zoneinfo import ZoneInfo
from handlers import dispatch
from store import connect
now = datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Europe/London"))
with connect({str(db_path)!r}) as db:
    for text in ("next", "actions", "actions overdue", "find budget", "history safeguarding", "panels", "audit",
                 "recommendations", "watches", "help"):
        dispatch(text, db, now, user="U1", channel="C1").text
print(json.dumps(sorted(sys.modules)))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert not loaded & set(NOT_FOR_ANSWERS), sorted(loaded & set(NOT_FOR_ANSWERS))
