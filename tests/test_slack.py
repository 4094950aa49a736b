"""/scrutiny end to end, as Slack drives it: the real Bolt app behind its real
HTTP handler on 127.0.0.1, signed requests, and a fake Slack Web API that
records what the bot sends. Nothing here reaches slack.com."""
from __future__ import annotations

import json
import urllib.parse
import logging
import time

import pytest

from bot.app import SORRY
from corpus import demo_corpus
from store import connect, queries
from store.ingest import ingest_paths

from .conftest import FROZEN, SECRET
from .slack_fake import FakeSlack, action_body, command_body, post, sign

def ask(fake: FakeSlack, url: str, text: str, name: str, **kw) -> dict:
    body = command_body(text, fake.response_url(name), **kw)
    status, answer = post(url, body, sign(SECRET, body))
    assert status == 200, answer
    [reply] = fake.wait_for(f"/respond/{name}")
    return reply["body"]


def all_text(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False) + message.get("text", "")


def test_auth_test_goes_to_the_fake_server_not_slack(slack):
    fake, _url = slack
    assert fake.sent("/api/auth.test"), "Bolt verifies its token at start, against SLACK_API_URL"
    assert all(c["auth"] == "Bearer xoxb-test-token" for c in fake.sent("/api/"))


def test_next_answers_with_the_meeting_programme_and_open_actions(slack):
    fake, url = slack
    message = ask(fake, url, "next children and families", "n1")
    assert message["response_type"] == "ephemeral"
    text = all_text(message)
    assert "Friday 17 July 2020, 10am" in text and "Online only" in text
    assert "Development of Edge of Care Services" in text  # programme row for that meeting
    assert "Open actions from earlier meetings" in text
    assert "Share in channel" in text
    assert len(message["blocks"]) <= 50


def test_mark_done_persists_updates_the_message_and_survives_reingest(slack, db_path):
    fake, url = slack
    message = ask(fake, url, "actions cfosp", "a1")
    buttons = [b["accessory"] for b in message["blocks"] if b.get("accessory", {}).get("action_id") == "action_done"]
    assert buttons, "every open action has a Mark done button"
    value = buttons[0]["value"]
    action_id = json.loads(value)["id"]
    body = action_body("action_done", value, fake.response_url("a2"), user="U777")
    status, _ = post(url, body, sign(SECRET, body))
    assert status == 200
    [update] = fake.wait_for("/respond/a2")
    assert update["body"]["replace_original"] is True
    assert f'"id":{action_id},' not in json.dumps([b.get("accessory", {}).get("value", "") for b in update["body"]["blocks"]]).replace(" ", "")
    with connect(db_path) as db:
        row = queries.action(db, action_id)
        assert (row.status, row.done_by) == ("done", "U777")
        ingest_paths(db, [demo_corpus()], now=FROZEN)
        assert queries.action(db, action_id).status == "done"
    done = ask(fake, url, "actions cfosp done", "a3")
    assert "Reopen" in all_text(done)


def test_find_copes_with_acronyms_and_typos(slack):
    fake, url = slack
    acronym = all_text(ask(fake, url, "find EHCP", "f1"))
    assert "Education, Health and Care Plan" in acronym
    typo = all_text(ask(fake, url, "find safegaurding", "f2"))
    assert "Showing results for *safeguarding*" in typo
    none = all_text(ask(fake, url, "find zzzqqqxx", "f3"))
    assert "No matches" in none


def test_history_lists_meetings_and_what_is_planned(slack):
    fake, url = slack
    text = all_text(ask(fake, url, "history SEND", "h1"))
    assert "11 Sep 2019" in text and "Next planned" in text
    assert "2022" not in text  # today is 10 July 2020: the minutes of 3 Nov 2022 are not known yet


def test_unknown_words_get_usage_and_the_nearest_command(slack):
    fake, url = slack
    text = all_text(ask(fake, url, "nxet cfosp", "u1"))
    assert "Did you mean `/scrutiny next cfosp`?" in text
    text = all_text(ask(fake, url, "next martian affairs", "u2"))
    assert "I don't know a panel called" in text


def test_share_in_channel_posts_for_everyone(slack):
    fake, url = slack
    message = ask(fake, url, "next cfosp", "s1")
    share = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "share"][0]
    body = action_body("share", share["value"], fake.response_url("s2"))
    post(url, body, sign(SECRET, body))
    [shared] = fake.wait_for("/respond/s2")
    assert shared["body"]["response_type"] == "in_channel"
    assert "Share in channel" not in all_text(shared["body"])


@pytest.mark.parametrize("headers", [
    {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64},
    "stale",
    {},
])
def test_forged_or_replayed_requests_get_401_and_change_nothing(slack, headers):
    fake, url = slack
    body = command_body("actions cfosp", fake.response_url("x"))
    if headers == "stale":
        headers = sign(SECRET, body, timestamp=int(time.time()) - 6 * 60)
    status, _ = post(url, body, headers)
    assert status == 401
    time.sleep(0.2)
    assert fake.sent("/respond/x") == []


def test_a_failure_reaches_the_user_as_an_apology_and_the_log_as_a_trace(slack, monkeypatch, caplog):
    import bot.app

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bot.app, "dispatch", broken)
    fake, url = slack
    with caplog.at_level(logging.ERROR):
        message = ask(fake, url, "next", "e1")
    assert message["text"] == SORRY and "disk on fire" not in json.dumps(message)
    assert any("disk on fire" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_health_check_for_hosting(slack):
    import urllib.request

    _fake, url = slack
    with urllib.request.urlopen(url.replace("/slack/events", "/healthz"), timeout=10) as response:
        assert response.status == 200 and response.read() == b"ok\n"


def click(fake: FakeSlack, url: str, action_id: str, value: str, name: str, user: str = "U111",
          message: dict | None = None, block_id: str = "b1") -> int:
    """A button click as Slack sends it: on the clicker's own (ephemeral) reply, or on a public message."""
    payload = json.loads(urllib.parse.parse_qs(action_body(action_id, value, fake.response_url(name), user=user))["payload"][0])
    payload["actions"][0]["block_id"] = block_id
    if message is not None:
        payload["container"]["is_ephemeral"] = False
        payload["message"] = message
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    status, _ = post(url, body, sign(SECRET, body))
    return status


def _with_block_ids(message: dict) -> dict:
    """A message as Slack stores it once posted: every block has a block_id."""
    return {"text": message["text"], "blocks": [{**b, "block_id": b.get("block_id") or f"blk{i}"}
                                                 for i, b in enumerate(message["blocks"])]}


def test_mark_done_on_a_shared_message_redraws_only_that_row_for_everyone(slack, db_path):
    fake, url = slack
    mine = ask(fake, url, "actions cfosp", "p1")
    share = [e for b in mine["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "share"][0]
    assert click(fake, url, "share", share["value"], "p2") == 200
    public = _with_block_ids(fake.wait_for("/respond/p2")[0]["body"])
    rows = [b for b in public["blocks"] if b.get("accessory", {}).get("action_id") == "action_done"]
    clicked = rows[1]
    assert click(fake, url, "action_done", clicked["accessory"]["value"], "p3", user="U777", message=public,
                 block_id=clicked["block_id"]) == 200
    [update] = fake.wait_for("/respond/p3")
    body = update["body"]
    assert body["replace_original"] is True
    assert len(body["blocks"]) == len(public["blocks"]) and body["text"] == public["text"]
    changed = [i for i, (old, new) in enumerate(zip(public["blocks"], body["blocks"])) if old != new]
    assert changed == [public["blocks"].index(clicked)], "only the clicked row is redrawn"
    assert body["blocks"][changed[0]]["accessory"]["action_id"] == "action_reopen"
    assert "Done by officer on 10 Jul 2020" in body["blocks"][changed[0]]["text"]["text"]  # the name Slack sent, no ping
    # "Show more" on a public message answers the clicker alone, leaving the shared message as it is
    assert click(fake, url, "more", json.dumps({"cmd": "actions", "page": 2}), "p4", message=public) == 200
    [more] = fake.wait_for("/respond/p4")
    assert more["body"]["replace_original"] is False and more["body"]["response_type"] == "ephemeral"


def test_mark_done_on_the_digest_says_what_happened_when_there_is_nothing_to_do(slack, db_path):
    fake, url = slack
    with connect(db_path) as db:
        action = queries.actions(db)[0]
        queries.set_action_status(db, action.id, "done", "U5", FROZEN)
    digest = {"text": "New minutes", "blocks": [{"type": "section", "block_id": "row1", "text": {"type": "mrkdwn", "text": "x"},
                                                 "accessory": {"type": "button", "action_id": "action_done", "text": {"type": "plain_text", "text": "Mark done"},
                                                               "value": json.dumps({"id": action.id, "cmd": "actions", "page": 1})}}]}
    click(fake, url, "action_done", json.dumps({"id": action.id, "cmd": "actions", "page": 1}), "d1", message=digest, block_id="row1")
    click(fake, url, "action_done", json.dumps({"id": 987654, "cmd": "actions", "page": 1}), "d2", message=digest, block_id="row1")
    updates = fake.wait_for("/respond/d1", 2)
    told = [u["body"] for u in updates if u["body"].get("replace_original") is False]
    assert told and told[0]["response_type"] == "ephemeral" and told[0]["text"].startswith("Already done by U5 on 10 Jul 2020")
    [gone] = fake.wait_for("/respond/d2")
    assert gone["body"]["replace_original"] is False and "There is no action number 987654" in gone["body"]["text"]


def test_mark_done_in_my_own_list_when_already_done_says_so_and_redraws(slack, db_path):
    fake, url = slack
    with connect(db_path) as db:
        action = queries.actions(db)[0]
        queries.set_action_status(db, action.id, "done", "U5", FROZEN)
    click(fake, url, "action_done", json.dumps({"id": action.id, "cmd": "actions", "page": 1}), "o1")
    said, redrawn = (u["body"] for u in fake.wait_for("/respond/o1", 2))
    assert said["replace_original"] is False and said["text"].startswith("Already done")
    assert redrawn["replace_original"] is True


def test_an_old_button_gets_a_polite_answer_not_a_404(slack):
    fake, url = slack
    assert click(fake, url, "snooze_reminder_v0", json.dumps({"id": 1}), "old") == 200
    [answer] = fake.wait_for("/respond/old")
    assert answer["body"]["response_type"] == "ephemeral" and "older message" in answer["body"]["text"]


def test_slash_command_text_is_unescaped_once(slack, db_path):
    fake, url = slack
    with connect(db_path) as db:
        action = queries.actions(db)[0]
    ask(fake, url, f"actions {action.id} owner Smith &amp; Jones &lt;Highways&gt;", "q1")
    with connect(db_path) as db:
        assert queries.action(db, action.id).owner == "Smith & Jones <Highways>"
    found = all_text(ask(fake, url, "find children &amp; families", "q2"))
    assert "No matches" not in found


def test_channel_typed_in_a_direct_message_is_refused(slack, db_path):
    fake, url = slack
    for name, channel, channel_name in (("m1", "D0123", "directmessage"), ("m2", "G0456", "mpdm-alice--bob-1")):
        body = command_body("channel cfosp", fake.response_url(name), channel=channel)
        body = body.replace("channel_name=scrutiny", f"channel_name={channel_name}")
        status, _ = post(url, body, sign(SECRET, body))
        assert status == 200
        [reply] = fake.wait_for(f"/respond/{name}")
        assert "A direct message can't be a panel's reminders channel" in reply["body"]["text"]
    with connect(db_path) as db:
        assert all(p.channel is None for p in queries.committees(db))


@pytest.mark.parametrize("stamp", ["abc", "", "1e9", "12.5", "-1", "9" * 40])
def test_a_timestamp_that_is_not_a_number_gets_401(slack, stamp):
    fake, url = slack
    body = command_body("next", fake.response_url("t"))
    headers = {**sign(SECRET, body), "X-Slack-Request-Timestamp": stamp}
    status, _ = post(url, body, headers)
    assert status == 401
