"""Attacks on the bot: odd commands, broken papers, kills mid-ingest, load,
Slack retries and failures, secrets in logs. Nothing lost, nothing twice."""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate
from corpus import UnreadableDocument, demo_corpus, parse_bytes
from handlers import dispatch
from store import connect, open_db, queries
from store.export import actions_csv, backup
from store.ingest import ingest_paths

from .conftest import FROZEN, ROOT, SECRET
from .slack_fake import action_body, command_body, post, sign

SEEDS = [p.read_bytes() for p in sorted(demo_corpus().glob("*.txt"))]
FTS_SYNTAX = ['"', "*", "NEAR(", "-", "AND", "OR", "NOT", "(", ")", "^", ":", "'", ";", "--", "DROP TABLE actions",
              "' OR 1=1 --", "\x00", "\u202e", "🙂", "%", "_", "\\"]
COUNT_SQL = "SELECT (SELECT count(*) FROM actions) || '/' || (SELECT count(*) FROM documents) || '/' || (SELECT count(*) FROM audit_log)"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FTS_SYNTAX + ["find", "next", "history", "actions", "EHCP", "cfosp", "page"]), max_size=12).map(" ".join),
    st.sampled_from(["find", "history", "next", "actions", "remind-settings", "undo"]).flatmap(
        lambda cmd: st.text(max_size=200).map(lambda rest: f"{cmd} {rest}")),
))
def test_any_command_text_gets_a_reply_and_changes_nothing(demo_db, text):
    before = demo_db.execute(COUNT_SQL).fetchone()
    reply = dispatch(text, demo_db, FROZEN, user="UFUZZ")
    assert reply.text
    assert len(reply.blocks()) <= 50
    assert demo_db.execute(COUNT_SQL).fetchone() == before


def test_a_ten_thousand_character_command_is_refused_clearly(demo_db):
    assert "too long" in dispatch("find " + "x" * 10_000, demo_db, FROZEN).text


@settings(max_examples=120, deadline=None)
@given(seed=st.sampled_from(range(len(SEEDS))), cut=st.floats(0, 1), flips=st.lists(st.integers(0, 10**6), max_size=30),
       junk=st.binary(max_size=64))
def test_broken_papers_parse_or_are_refused_with_a_reason(seed, cut, flips, junk):
    data = bytearray(SEEDS[seed][: int(len(SEEDS[seed]) * cut)])
    for position in flips:
        if data:
            data[position % len(data)] = position % 256
    data += junk
    try:
        doc, _ = parse_bytes(bytes(data), "fuzz.txt")
    except UnreadableDocument as err:
        assert str(err) and "\n" not in str(err)
        return
    json.dumps(doc.to_json())


def test_random_bytes_huge_files_and_nonsense_dates_are_reported_and_the_rest_kept(db, tmp_path):
    (tmp_path / "random.txt").write_bytes(random.Random(1).randbytes(100_000))
    with open(tmp_path / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    (tmp_path / "nonsense.txt").write_text("Minutes of the Scrutiny Panel\n\nThursday, 45 Octember 2022, 31 February 2023\n\n"
                                           "1 Apologies\n\nNone.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_bytes(SEEDS[4])
    report = ingest_paths(db, [tmp_path], now=FROZEN)
    reasons = {Path(o.path).name: o.reason for o in report.failed}
    assert reasons["huge.txt"].startswith("too large (50 MB")
    assert reasons["random.txt"] == "binary file, not a text or HTML paper"
    assert reasons["nonsense.txt"] == "no meeting date found in the paper"
    assert report.counts()["new"] == 1


def _invariants(db_path: Path, papers: Path) -> dict[str, int]:
    """The store is consistent, and every paper in it is all there."""
    with connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for source, items, actions in db.execute(
                "SELECT d.source, (SELECT count(*) FROM items WHERE document_id = d.id),"
                " (SELECT count(*) FROM actions WHERE document_id = d.id) FROM documents d"):
            doc, _ = parse_bytes(Path(source).read_bytes(), Path(source).name)
            assert (items, actions) == (len(doc.items), len(doc.actions)), source
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "items", "actions", "meetings")}


def _wait_until_saved(db_path: Path, papers: int, proc: subprocess.Popen) -> None:
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        try:
            with connect(db_path) as db:
                if db.execute("SELECT count(*) FROM documents").fetchone()[0] >= papers:
                    return
        except Exception:  # the file is being created
            pass
        time.sleep(0.02)


def test_kill_9_mid_ingest_leaves_a_consistent_store_that_a_rerun_completes(tmp_path):
    papers = tmp_path / "papers"
    generate(papers, meetings=50, seed=11)  # the README's 20 kills over 280 papers were run by hand; three here keep the suite quick
    clean = tmp_path / "clean.db"
    with connect(clean) as db:
        ingest_paths(db, [papers], now=FROZEN)
    want = _invariants(clean, papers)
    rng = random.Random(5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "bot.cli", "ingest", str(papers)]
    kills = 0
    for attempt in range(3):
        db_path = tmp_path / f"killed{attempt}.db"
        proc = subprocess.Popen([*command, "--db", str(db_path)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_until_saved(db_path, rng.randint(1, want["documents"] - 20), proc)  # somewhere in the papers
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if db_path.exists():
            partial = _invariants(db_path, papers)
            assert partial["documents"] <= want["documents"]
        done = subprocess.run([*command, "--db", str(db_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert _invariants(db_path, papers) == want
    assert kills >= 2


def test_readers_keep_answering_while_an_ingest_writes(db_path, tmp_path):
    papers = tmp_path / "papers"
    generate(papers, meetings=60, seed=2)
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    errors: list[BaseException] = []
    answered = 0
    writing = threading.Event()

    def writer():
        writing.set()
        with connect(db_path) as db:
            ingest_paths(db, [papers], now=FROZEN)
        writing.clear()

    thread = threading.Thread(target=writer)
    thread.start()
    writing.wait()
    while thread.is_alive():
        for text in ("next cfosp", "find EHCP", "actions", "reminders"):
            try:
                with connect(db_path) as db:
                    assert dispatch(text, db, FROZEN).text
                answered += 1
            except BaseException as err:  # "database is locked" would land here
                errors.append(err)
    thread.join()
    assert errors == [] and answered > 10


def test_two_hundred_concurrent_slash_commands_are_all_acknowledged_and_answered(slack):
    fake, url = slack

    def one(n: int) -> int:
        body = command_body(["next cfosp", "actions", "find EHCP", "history SEND"][n % 4], fake.response_url(f"c{n}"))
        return post(url, body, sign(SECRET, body))[0]

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(one, range(200)))
    assert statuses == [200] * 200
    answers = fake.wait_for("/respond/c", count=200, timeout=120)
    assert len({a["path"] for a in answers}) == 200  # each answered once
    assert all("Sorry" not in json.dumps(a["body"]) for a in answers)


def test_a_slack_retry_is_not_acted_on_twice(slack, db_path):
    fake, url = slack
    body = command_body("actions cfosp", fake.response_url("r1"))
    post(url, body, sign(SECRET, body))
    [listing] = fake.wait_for("/respond/r1")
    value = [b["accessory"]["value"] for b in listing["body"]["blocks"] if b.get("accessory", {}).get("action_id") == "action_done"][0]
    click = action_body("action_done", value, fake.response_url("r2"), user="U5")
    assert post(url, click, sign(SECRET, click))[0] == 200
    assert post(url, click, {**sign(SECRET, click), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})[0] == 200
    time.sleep(0.5)
    assert len(fake.sent("/respond/r2")) == 1
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM audit_log WHERE change = 'action_status'").fetchone()[0] == 1


def test_a_reply_is_delivered_when_slack_fails_first(slack):
    fake, url = slack
    fake.script("f1", 500, "internal error")
    fake.script("f1", 503, "unavailable")
    body = command_body("next cfosp", fake.response_url("f1"))
    post(url, body, sign(SECRET, body))
    answers = fake.wait_for("/respond/f1", count=3, timeout=30)
    assert "Friday 17 July 2020" in json.dumps(answers[-1]["body"])


def test_secrets_never_reach_the_log(capsys, monkeypatch):
    from bot import logs

    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cr3t-signing-value")
    logs.setup()
    log = logging.getLogger("scrutiny.test")
    try:
        raise RuntimeError("call failed with xoxb-1234-5678-abcdef and s3cr3t-signing-value")
    except RuntimeError:
        log.exception("boom with token xapp-1-A-2-xyz")
    err = capsys.readouterr().err
    assert "xoxb-1234" not in err and "xapp-1-A" not in err and "s3cr3t-signing-value" not in err
    assert "xoxb-***" in err and "xapp-***" in err
    logging.getLogger().handlers.clear()


def test_backup_while_writing_is_consistent_and_export_gives_the_tracker(db_path, tmp_path):
    papers = tmp_path / "papers"
    generate(papers, meetings=30, seed=4)
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    thread = threading.Thread(target=lambda: ingest_paths(open_db(db_path), [papers], now=FROZEN))
    thread.start()
    copy = tmp_path / "copy.db"
    with connect(db_path) as db:
        backup(db, copy)
    thread.join()
    with connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] >= 5
    with connect(db_path) as db:
        [first, *_] = queries.actions(db)
        queries.set_action_status(db, first.id, "done", "U1", FROZEN)
        out = io.StringIO()
        count = actions_csv(db, out, "all")
        numbers = {a.id for a in queries.actions(db, status="all")}
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    # the action's number, as `/scrutiny actions <number> owner …` takes it
    assert {int(r["number"]) for r in rows} == numbers
    assert len(rows) == count and rows[0]["status"] in ("open", "done")
    assert any(r["status"] == "done" and r["done_by"] == "U1" for r in rows)


def test_backup_and_export_commands(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    db = tmp_path / "s.db"
    subprocess.run([sys.executable, "-m", "bot.cli", "ingest", str(demo_corpus()), "--db", str(db)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    run = subprocess.run([sys.executable, "-m", "bot.cli", "backup", str(tmp_path / "b.db"), "--db", str(db)], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0 and (tmp_path / "b.db").exists()
    out = subprocess.run([sys.executable, "-m", "bot.cli", "export", "actions", "--csv", "--status", "open", "--panel", "cypsc",
                          "--db", str(db)], cwd=ROOT, env=env, capture_output=True, text=True)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and all(r["panel"] == "Children and young people scrutiny committee" for r in rows)
