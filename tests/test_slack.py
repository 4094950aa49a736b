"""/scrutiny end to end, as Slack drives it: the real Bolt app behind its real
HTTP handler on 127.0.0.1, signed requests, and a fake Slack Web API that
records what the bot sends. Nothing here reaches slack.com."""
from __future__ import annotations

import json
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
