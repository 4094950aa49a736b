"""`scrutiny serve` end to end, as it runs in production: the real command in a process of
its own, in Socket Mode against a local Socket Mode server speaking Slack's protocol, and in
HTTP mode with signed requests; a fake Web API records every answer. Commands and button
clicks must each be acknowledged and answered once, and no acknowledgement may wait for
another writer's lock on the store."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from corpus import demo_corpus
from store import connect, open_db, queries
from store.ingest import ingest_paths

from .conftest import FROZEN
from .serve_harness import SECRET, Running, serving
from .slack_fake import post, sign


@pytest.fixture(params=["socket", "http"])
def served(request, tmp_path) -> Iterator[Running]:
    db_path = tmp_path / "scrutiny.db"
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    with serving(request.param, db_path, tmp_path, today=FROZEN.date().isoformat()) as running:
        yield running
    assert running.process.returncode == 0, running.output
    assert "Traceback" not in running.output, running.output


def _blocks_text(message: dict) -> str:
    return json.dumps(message.get("blocks", []), ensure_ascii=False)


def test_commands_and_clicks_are_each_acked_and_answered_once(served):
    # five commands, then Mark done and Share in channel, the way Slack delivers them
    for i, text in enumerate(["next cfosp", "actions cfosp", "find EHCP", "history SEND", "panels"]):
        served.command(text, f"c{i}")
    assert "Friday 17 July 2020, 10am" in _blocks_text(served.answer("c0"))
    listed = served.answer("c1")
    assert "Education, Health and Care Plan" in _blocks_text(served.answer("c2"))
    assert "11 Sep 2019" in _blocks_text(served.answer("c3"))  # as known on 10 July 2020: nothing later
    assert "Panels" in _blocks_text(served.answer("c4"))

    [first] = [b["accessory"] for b in listed["blocks"] if b.get("accessory", {}).get("action_id") == "action_done"][:1]
    action_id = json.loads(first["value"])["id"]
    served.click("action_done", first["value"], "k1", user="U777")
    update = served.answer("k1")
    assert update["replace_original"] is True
    with connect(served.db_path) as db:
        assert queries.action(db, action_id).status == "done"
    share = [e for b in served.answer("c0")["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "share"][0]
    served.click("share", share["value"], "k2")
    assert served.answer("k2")["response_type"] == "in_channel"

    time.sleep(0.5)  # nothing more arrives: each delivery was answered exactly once
    for name in ["c0", "c1", "c2", "c3", "c4", "k1", "k2"]:
        assert len(served.fake.sent(f"/respond/{name}")) == 1, name


def test_a_delivery_sent_twice_is_answered_once_and_a_new_one_always(served):
    if served.socket_mode:  # Slack re-sends an unacknowledged envelope with the same id
        envelope = served.command("next cfosp", "r1")
        served.command("next cfosp", "r1", envelope_id=envelope)
    else:  # a retry carries the same signed body
        body = served.command("next cfosp", "r1")
        status, _ = post(served.url, body, {**sign(SECRET, body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        assert status == 200
    served.command("next cfosp", "r2")  # the same words typed again are a new request
    served.answer("r1")
    served.answer("r2")
    time.sleep(0.5)
    assert len(served.fake.sent("/respond/r1")) == 1 and len(served.fake.sent("/respond/r2")) == 1


def test_the_ack_never_waits_for_another_writer(served):
    """An ingest (or any writer) holding the store's write lock must not delay an ack: Slack gives up at 3 s."""
    holder = open_db(served.db_path)
    holder.execute("BEGIN IMMEDIATE")  # what a long ingest transaction holds
    try:
        served.command("next cfosp", "w1")  # asserts the ack (or HTTP 200) arrives while the lock is held
        served.click("more", json.dumps({"cmd": "actions", "page": 2}), "w2")
        assert served.fake.sent("/respond/w1") == [], "the answer waits for the store, the ack does not"
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert "Friday 17 July 2020" in _blocks_text(served.answer("w1"))
    served.answer("w2")
