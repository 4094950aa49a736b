"""The Home tab: what it shows, its limits, and end to end through the real Bolt
app over HTTP: published when opened, redrawn after each change."""
from __future__ import annotations

import json
import urllib.parse
from datetime import datetime


from handlers.home import home
from store import connect, queries
from store import reminders as subscriptions
from store import watches as watch_store

from .conftest import LONDON, ROOT, SECRET
from .slack_fake import FakeSlack, command_body, post, sign

NOW = datetime(2020, 7, 10, 9, tzinfo=LONDON)


def test_it_shows_subscribed_panels_actions_overdue_first_watches_and_recommendations(demo_db):
    cfosp = next(p for p in queries.committees(demo_db) if p.name.startswith("Children and Families"))
    subscriptions.subscribe(demo_db, cfosp.id, "U1", NOW)
    # the papers date none of the panel's open actions; an officer gives one a date, now passed
    kpis = next(a for a in queries.actions(demo_db, cfosp.id) if "KPIs would be shared" in a.text)
    queries.set_action_fields(demo_db, kpis.id, "U1", NOW, due="2020-06-30")
    watch_store.add(demo_db, "user:U1", "EHCP", "daily", "U1", NOW)
    view = home(demo_db, "U1", NOW).home_view()
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Friday 17 July 2020, 10am" in text  # the panel's next meeting
    assert "Unsubscribe" in text and "Subscribe to a panel" in text  # and the other panel offered
    assert "Children and young people scrutiny committee" in text
    assert "Open actions on your panels" in text and "Mark done" in text
    first_action = next(b for b in view["blocks"] if b.get("accessory", {}).get("action_id") == "home_action_done")
    assert "*overdue*" in first_action["text"]["text"]  # overdue first
    assert "“EHCP”" in text and "home_unwatch" in text


def test_a_person_with_nothing_yet_is_told_how_to_start(demo_db):
    text = json.dumps(home(demo_db, "U2", NOW).home_view()["blocks"], ensure_ascii=False)
    assert "You follow no panel yet" in text and "/scrutiny watch EHCP" in text and "Subscribe to a panel" in text


def test_within_the_home_tab_limit_however_much_there_is(db):
    with db.atomic():
        for n in range(30):
            committee = db.execute("INSERT INTO committees (council, name, slug) VALUES ('C', ?, ?)",
                                   [f"Panel {n}", f"panel-{n}"]).lastrowid
            db.execute("INSERT INTO subscriptions (committee_id, user_id, created_at) VALUES (?, 'U1', ?)", [committee, f"2020-01-{n + 1:02d}"])
    for n in range(40):
        watch_store.add(db, "user:U1", f"topic {n}", "daily", "U1", NOW)
    blocks = home(db, "U1", NOW).home_view()["blocks"]
    assert len(blocks) <= 100
    text = json.dumps(blocks)
    assert "and 10 more panels" in text and "and 25 more" in text


def event_body(user: str, event_id: str) -> str:
    return json.dumps({"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": 1,
                       "event": {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home", "event_ts": "1.1"}})


def home_action_body(action_id: str, action: dict, user: str) -> str:
    payload = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": user, "name": "officer"}, "api_app_id": "A1",
               "token": "legacy", "container": {"type": "view", "view_id": "V1"}, "trigger_id": "1.2.3",
               "view": {"id": "V1", "type": "home"},
               "actions": [{"action_id": action_id, "block_id": "b1", "action_ts": "1", **action}]}
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def publishes(fake: FakeSlack, count: int) -> list[dict]:
    return [c["body"] for c in fake.wait_for("/api/views.publish", count)]


def view_text(call: dict) -> str:
    view = call["view"] if isinstance(call["view"], dict) else json.loads(call["view"])
    return json.dumps(view["blocks"], ensure_ascii=False)


def test_published_on_open_and_redrawn_after_each_change_over_http(slack, db_path):
    fake, url = slack
    body = event_body("U1", "Ev1")
    status, _ = post(url, body, sign(SECRET, body), content_type="application/json")
    assert status == 200
    [first] = publishes(fake, 1)
    assert first["user_id"] == "U1" and "You follow no panel yet" in view_text(first)
    with connect(db_path) as db:
        cfosp = next(p for p in queries.committees(db) if p.name.startswith("Children and Families"))

    body = home_action_body("home_subscribe", {"type": "static_select", "selected_option": {
        "text": {"type": "plain_text", "text": cfosp.name}, "value": str(cfosp.id)}}, "U1")
    assert post(url, body, sign(SECRET, body))[0] == 200
    second = publishes(fake, 2)[-1]
    assert "Open actions on your panels" in view_text(second)
    with connect(db_path) as db:
        assert subscriptions.subscriptions_of(db, "U1") == [cfosp.id]

    done = next(json.loads(b["accessory"]["value"]) for b in json.loads(view_text(second))
                if b.get("accessory", {}).get("action_id") == "home_action_done")
    body = home_action_body("home_action_done", {"type": "button", "value": json.dumps(done)}, "U1")
    assert post(url, body, sign(SECRET, body))[0] == 200
    third = publishes(fake, 3)[-1]
    with connect(db_path) as db:
        assert queries.action(db, done["id"]).status == "done"
    assert f'\\"id\\":{done["id"]}}}' not in view_text(third).replace(" ", "")

    # a command that changes what the tab shows redraws it too
    body = command_body("watch EHCP", fake.response_url("w1"), user="U1", channel="D1")
    assert post(url, body, sign(SECRET, body))[0] == 200
    fourth = publishes(fake, 4)[-1]
    assert "“EHCP”" in view_text(fourth)
    body = command_body("next", fake.response_url("n1"), user="U1")
    post(url, body, sign(SECRET, body))
    fake.wait_for("/respond/n1")
    assert len(fake.sent("/api/views.publish")) == 4  # reading changes nothing

    leave = next(b["accessory"]["value"] for b in json.loads(view_text(fourth))
                 if b.get("accessory", {}).get("action_id") == "home_unsubscribe")
    body = home_action_body("home_unsubscribe", {"type": "button", "value": leave}, "U1")
    assert post(url, body, sign(SECRET, body))[0] == 200
    fifth = publishes(fake, 5)[-1]
    with connect(db_path) as db:
        assert subscriptions.subscriptions_of(db, "U1") == []
    assert "home_unsubscribe" not in view_text(fifth) and "“EHCP”" in view_text(fifth)


def test_an_old_button_on_the_home_tab_gets_a_polite_notice_not_an_error(slack, caplog):
    """A Home tab click carries no response_url: the answer is the tab redrawn, with the notice at its top."""
    fake, url = slack
    body = home_action_body("home_snooze_v0", {"type": "button", "value": "{}"}, "U1")
    assert post(url, body, sign(SECRET, body))[0] == 200
    [view] = publishes(fake, 1)
    assert view["user_id"] == "U1" and "older message that I can no longer act on" in view_text(view)
    assert "Traceback" not in caplog.text and "KeyError" not in caplog.text


def test_the_manifest_asks_for_the_home_tab_and_its_one_event_and_nothing_more():
    manifest = json.loads((ROOT / "bot" / "manifest.json").read_text())
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_home_opened"]
    assert manifest["oauth_config"]["scopes"]["bot"] == ["commands", "chat:write", "chat:write.public",
                                                        "channels:read", "groups:read",  # no new scope for views.publish
                                                        # a send whose outcome is unknown is looked for before it goes again
                                                        "channels:history", "groups:history", "im:history", "im:read"]



