"""Issue 17 end to end, the real `scrutiny serve` in a process of its own, in Socket Mode and in
HTTP mode against the fake Slack: the Home tab is published when opened, and a watch fires once
for a new paper and never again, across a restart."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from handlers import dispatch
from store import connect
from store.ingest import ingest_paths

from .conftest import LONDON
from .serve_harness import SECRET, serving
from .slack_fake import post, sign

SET_UP = datetime(2026, 3, 1, 12, 0, tzinfo=LONDON)
PAPER = """Minutes of the Children's Services Scrutiny Panel

Exampleshire County Council

Monday, 9 March 2026, 2.00 pm, Council Chamber

Present: Councillor Ann Bee (Chairman)

1 Apologies

None.

2 Home to School Transport

Members asked about the costs of school transport.
"""


def open_home(running, user: str, event_id: str) -> None:
    event = {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home", "event_ts": "1.1"}
    payload = {"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
               "event_id": event_id, "event_time": 1, "event": event}
    if running.socket_mode:
        sent = running.socket_mode.send("events_api", payload, accepts_response_payload=False)
        assert running.socket_mode.wait_ack(sent)["envelope_id"] == sent
        return
    body = json.dumps(payload)
    status, _ = post(running.url, body, sign(SECRET, body), content_type="application/json")
    assert status == 200


def alerts(running) -> list[dict]:
    return [c["body"] for c in running.fake.sent("/api/chat.postMessage") if "school transport" in json.dumps(c["body"])]


@pytest.mark.parametrize("mode", ["socket", "http"])
def test_home_on_open_and_a_watch_once_across_a_restart(mode, tmp_path: Path):
    db_path = tmp_path / "scrutiny.db"
    with connect(db_path) as db:
        ingest_paths(db, [], now=SET_UP)
        dispatch("watch school transport at once", db, SET_UP, user="U5", channel="D5", channel_kind="dm")
        paper = tmp_path / "minutes.txt"
        paper.write_text(PAPER, encoding="utf-8")
        ingest_paths(db, [paper], now=datetime(2026, 3, 9, 16, 0, tzinfo=LONDON))  # read after the watch was set
    with serving(mode, db_path, tmp_path, today="2026-03-10") as running:
        open_home(running, "U5", "Ev1")
        [view] = running.fake.wait_for("/api/views.publish", timeout=30)
        assert view["body"]["user_id"] == "U5" and "school transport" in json.dumps(view["body"])
        running.fake.wait_for("/api/chat.postMessage", timeout=60)  # the first sweep runs as the bot starts
        [alert] = alerts(running)
        assert alert["channel"] == "U5" and "Home to School Transport" in json.dumps(alert["blocks"])
    assert running.process.returncode == 0, running.output
    with connect(db_path) as db:  # a second watch and its paper: its alert shows the restarted bot has swept
        dispatch("watch library services at once", db, SET_UP, user="U5", channel="D5", channel_kind="dm")
        library = tmp_path / "library.txt"
        library.write_text(PAPER.replace("9 March", "16 March").replace("Home to School Transport", "Library Services")
                           .replace("the costs of school transport", "opening hours of library services"), encoding="utf-8")
        ingest_paths(db, [library], now=datetime(2026, 3, 16, 16, 0, tzinfo=LONDON))
    with serving(mode, db_path, tmp_path, today="2026-03-17") as again:
        [other] = again.fake.wait_for("/api/chat.postMessage", timeout=60)
        assert "Library Services" in json.dumps(other["body"]["blocks"])
        # finds are sent oldest first: had the school transport paper been reported again, it would be here first
        assert alerts(again) == []
    assert again.process.returncode == 0, again.output
