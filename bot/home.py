"""The Home tab in Slack: published when a person opens it, and again after
each change they make (from its buttons, or by a command that changes what it
shows). Thin: the view comes from handlers/home.py."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App, BoltRequest
from sqlite_utils import Database

from handlers.access import Access
from handlers.actions import mark
from handlers.home import home
from store import connect
from store import reminders as subscriptions
from store import watches as watch_store

log = logging.getLogger(__name__)


def register_home(app: App, db_path: str, now: Callable[[], datetime], access: Access, ack: Callable,
                  once: Callable[[BoltRequest], bool]) -> Callable[[object, str], None]:
    """Listeners for the tab and its buttons; returns publish(client, user) for commands that change it."""

    def publish(client, user: str, notice: str | None = None) -> None:
        with connect(db_path) as db:
            view = home(db, user, now(), notice).home_view()
        client.views_publish(user_id=user, view=view)

    def opened(request: BoltRequest, event, client):
        if event.get("tab", "home") == "home" and once(request):
            publish(client, event["user"])

    app.event("app_home_opened")(ack=ack, lazy=[opened])

    def changing(work: Callable[[Database, str, dict], str | None]):
        """A Home tab button: work(db, user, action) makes the change (and may say something), then the tab is redrawn."""
        def run(request: BoltRequest, body, client):
            if not once(request):
                return
            user, action = body["user"]["id"], body["actions"][0]
            try:
                with connect(db_path) as db:
                    notice = work(db, user, action)
            except Exception:
                log.exception("home button %s failed", action.get("action_id"))
                notice = "Sorry, that did not work; it has been logged for the officers."
            publish(client, user, notice)
        return run

    def subscribe(db: Database, user: str, action: dict) -> str | None:
        subscriptions.subscribe(db, int(action["selected_option"]["value"]), user, now())
        return None

    def unsubscribe(db: Database, user: str, action: dict) -> str | None:
        subscriptions.unsubscribe(db, int(_value(action)["id"]), user)
        return None

    def done(db: Database, user: str, action: dict) -> str | None:
        result = mark(db, int(_value(action)["id"]), True, user, now(), access)
        return result.reply.text if result.outcome in ("refused", "missing") else None

    def unwatch(db: Database, user: str, action: dict) -> str | None:
        watch = watch_store.get(db, int(_value(action)["id"]))
        if watch and (watch.target == f"user:{user}" or watch.created_by == user):
            watch_store.remove(db, watch.id, now())
        return None

    for action_id, work in (("home_subscribe", subscribe), ("home_unsubscribe", unsubscribe),
                            ("home_action_done", done), ("home_unwatch", unwatch)):
        app.action(action_id)(ack=ack, lazy=[changing(work)])
    return publish


def _value(action: dict) -> dict:
    import json
    return json.loads(action["value"])
