"""Writers wait their turn: real processes writing one store at once (ingests,
a burst of `/scrutiny channel` commands, an ingest while the bot serves), and
every one of them finishes with nothing failed and nothing lost."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from bench.generate import generate
from corpus import demo_corpus
from store import connect
from store.ingest import ingest_paths

from .conftest import FROZEN, ROOT, SECRET
from .slack_fake import FakeSlack, command_body, post, sign

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _scrutiny(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env={**ENV, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def test_three_ingests_at_once_all_finish_with_nothing_failed(tmp_path):
    sets = []
    for seed in range(3):
        generate(tmp_path / f"set{seed}", meetings=25, seed=seed)
        sets.append(tmp_path / f"set{seed}")
    shared = tmp_path / "shared.db"
    with connect(shared):
        pass  # created and migrated before the race, as a running bot would have it
    # two of the three read the same folder: the same papers arrive from two writers at once
    procs = [_scrutiny("ingest", str(sets[0]), str(sets[1]), "--db", str(shared)),
             _scrutiny("ingest", str(sets[1]), str(sets[2]), "--db", str(shared)),
             _scrutiny("ingest", str(sets[2]), str(sets[0]), "--db", str(shared))]
    results = [_finish(p) for p in procs]
    for code, output in results:
        assert code == 0 and "database is locked" not in output, output[-2000:]
        assert ", 0 failed" in output, output[-2000:]
    alone = tmp_path / "alone.db"
    with connect(alone) as db:
        ingest_paths(db, sets, now=FROZEN)
    with connect(shared) as db, connect(alone) as expected:
        count = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM actions), (SELECT count(*) FROM meetings)"
        assert db.execute(count).fetchone() == expected.execute(count).fetchone()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_burst_of_channel_commands_from_four_processes_all_succeed(db_path):
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    procs = [subprocess.Popen([sys.executable, "-m", "tests.procs", "channels", str(db_path), "15", str(n)], cwd=ROOT, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(4)]
    lines = []
    for proc in procs:
        code, output = _finish(proc)
        assert code == 0, output
        lines += [line for line in output.splitlines() if line.strip()]
    assert lines == ["ok"] * 60
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM audit_log WHERE change = 'channel'").fetchone()[0] == 40
        assert db.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, proc: subprocess.Popen) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.communicate()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not come up")


def test_an_ingest_while_the_bot_serves_and_writes_finishes_and_every_command_is_answered(db_path, tmp_path):
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    papers = tmp_path / "papers"
    written = generate(papers, meetings=60, seed=9)
    fake = FakeSlack()
    port = _free_port()
    serve = _scrutiny("serve", "--db", str(db_path), env={
        "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_API_URL": fake.api_url,
        "PORT": str(port), "HOST": "127.0.0.1", "SCRUTINY_TODAY": "2020-07-10", "SLACK_APP_TOKEN": ""})
    try:
        _wait_healthy(port, serve)
        url = f"http://127.0.0.1:{port}/slack/events"
        ingest = _scrutiny("ingest", str(papers), "--db", str(db_path))
        sent: list[str] = []
        statuses: list[int] = []
        lock = threading.Lock()

        def client(n: int) -> None:
            k = 0
            while ingest.poll() is None or k < 5:
                text = ["channel cfosp", "subscribe cfosp", "remind-settings cfosp days 7,1", "actions cfosp",
                        "unsubscribe cfosp"][k % 5]
                name = f"s{n}-{k}"
                body = command_body(text, fake.response_url(name), user=f"U{n}", channel=f"C{n}{k}")
                status, _ = post(url, body, sign(SECRET, body))
                with lock:
                    statuses.append(status)
                    sent.append(name)
                k += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(3)]
        for thread in threads:
            thread.start()
        code, output = _finish(ingest)
        for thread in threads:
            thread.join()
        assert code == 0 and ", 0 failed" in output, output[-2000:]
        assert statuses == [200] * len(statuses) and len(sent) >= 15
        answers = fake.wait_for("/respond/s", count=len(sent), timeout=120)
        assert {a["path"].rsplit("/", 1)[-1] for a in answers} == set(sent)
        assert not [a for a in answers if "Sorry" in json.dumps(a["body"])]
    finally:
        serve.terminate()
        serve.communicate(timeout=30)
        fake.close()
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 5 + len(written)
