"""The Bolt app: `/scrutiny` and its buttons. Thin: every answer comes from handlers/.

process_before_response with lazy listeners: the ack goes back at once (no
polling wait for it) and the answer is worked out after it, on another thread,
then delivered to Slack's response_url with retries."""
from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (ConnectionErrorRetryHandler, RateLimitErrorRetryHandler,
                                                   ServerErrorRetryHandler)
from slack_sdk.webhook import WebhookClient

from handlers import dispatch
from handlers.access import POLICIES, Access
from handlers.actions import mark
from handlers.recommendations import change as rec_change
from handlers.recommendations import details as rec_details
from store import connect

from . import clock
from .config import Config

log = logging.getLogger(__name__)
SORRY = "Sorry, something went wrong on my side and I could not answer. It has been logged for the officers."
SEEN_FOR_SECONDS = 3600
MEMBERS_CACHE_SECONDS = 300


def build_app(config: Config, now: Callable[[], datetime] = clock.now) -> App:
    client = WebClient(token=config.bot_token, base_url=config.api_url) if config.api_url else WebClient(token=config.bot_token)
    app = App(client=client, signing_secret=config.signing_secret or "socket-mode-does-not-sign",
              token_verification_enabled=config.mode != "console", process_before_response=True)
    register(app, config, now, access_for(config, client))
    return app


def access_for(config: Config, client: WebClient) -> Access:
    if config.editors not in POLICIES:
        log.warning("SCRUTINY_EDITORS=%r is not one of %s; using 'officers'", config.editors, POLICIES)
    policy = config.editors if config.editors in POLICIES else "officers"
    cache: dict[str, tuple[float, set[str]]] = {}
    lock = threading.Lock()

    def channel_members(channel: str) -> set[str]:
        with lock:
            hit = cache.get(channel)
            if hit and time.monotonic() - hit[0] < MEMBERS_CACHE_SECONDS:
                return hit[1]
        members: set[str] = set()
        for page in client.conversations_members(channel=channel, limit=1000):
            members.update(page.get("members", []))
        with lock:
            cache[channel] = (time.monotonic(), members)
        return members

    return Access(policy=policy, officers=config.officers, channel_members=channel_members)


def deliver(response_url: str, **message) -> None:
    """Post to a response_url, retrying 5xx, 429 and dropped connections."""
    webhook = WebhookClient(response_url, timeout=10, retry_handlers=[
        ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=2),
        ServerErrorRetryHandler(max_retry_count=2)])
    response = webhook.send_dict(message)
    if response.status_code != 200:
        log.error("Slack did not take a reply (HTTP %s): %s", response.status_code, response.body[:200])


def _ack(ack):
    ack()


def register(app: App, config: Config, now: Callable[[], datetime] = clock.now, access: Access | None = None) -> None:
    access = access or Access()

    @app.middleware
    def once_only(req, resp, next):  # noqa: A002 - Bolt's name
        """A request Slack sends twice (X-Slack-Retry-Num, a network replay) is acted on once."""
        digest = hashlib.sha256(req.raw_body.encode()).hexdigest()
        with connect(config.db_path) as db:
            with db.atomic():
                db.execute("DELETE FROM seen_requests WHERE at < ?", [time.time() - SEEN_FOR_SECONDS])
                first = db.execute("INSERT OR IGNORE INTO seen_requests (digest, at) VALUES (?, ?)",
                                   [digest, time.time()]).rowcount == 1
        if not first:
            log.info("ignoring a repeated request (retry %s)", req.headers.get("x-slack-retry-num", ["-"])[0])
            return BoltResponse(status=200, body="")
        return next()

    def answer(text: str, user: str | None, channel: str | None = None):
        with connect(config.db_path) as db:
            return dispatch(text, db, now(), user=user, channel=channel, access=access)

    def answer_command(command):
        url = command["response_url"]
        try:
            reply = answer(command.get("text", ""), command.get("user_id"), command.get("channel_id"))
            deliver(url, response_type="ephemeral" if reply.ephemeral else "in_channel", **reply.slack_message())
        except Exception:
            log.exception("/scrutiny %r failed", command.get("text", "")[:200])
            deliver(url, response_type="ephemeral", text=SORRY)

    app.command("/scrutiny")(ack=_ack, lazy=[answer_command])

    def button(work: Callable[[dict, dict], dict]):
        """A button's lazy listener: work(body, value) gives the message to send back."""
        def run(body):
            url = body["response_url"]
            try:
                deliver(url, **work(body, json.loads(body["actions"][0]["value"])))
            except Exception:
                log.exception("button %s failed", body["actions"][0].get("action_id"))
                deliver(url, replace_original=False, response_type="ephemeral", text=SORRY)
        return run

    def rerendered(body: dict, value: dict) -> dict:
        reply = answer(f"{value.get('cmd', 'actions')} page {int(value.get('page', 1))}", body["user"]["id"])
        return {"replace_original": True, "response_type": "ephemeral", **reply.slack_message()}

    def marking(done: bool):
        def work(body: dict, value: dict) -> dict:
            user = body["user"]["id"]
            with connect(config.db_path) as db:
                outcome = mark(db, int(value["id"]), done, user, now(), access)
            if outcome.text.startswith("Sorry"):
                return {"replace_original": False, "response_type": "ephemeral", **outcome.slack_message()}
            log.info("action %s %s by %s", value["id"], "done" if done else "reopened", user)
            return rerendered(body, value)
        return work

    def shared(body: dict, value: dict) -> dict:
        reply = answer(value["cmd"], body["user"]["id"])
        reply.ephemeral = False
        return {"replace_original": False, "response_type": "in_channel", **reply.slack_message()}

    def recommendation(verb: str):
        """Buttons on the recommendation tracker: the change, then the list (or the one) shown again."""
        def work(body: dict, value: dict) -> dict:
            user = body["user"]["id"]
            with connect(config.db_path) as db:
                if verb == "details":
                    return {"replace_original": False, "response_type": "ephemeral",
                            **rec_details(db, int(value["id"]), now()).slack_message()}
                outcome = rec_change(db, int(value["id"]), verb, str(value.get("m", "")), user, now(), access)
                if outcome.text.startswith("Sorry"):
                    return {"replace_original": False, "response_type": "ephemeral", **outcome.slack_message()}
                log.info("recommendation %s %s by %s", value["id"], verb, user)
                if "cmd" not in value:  # pressed on one recommendation's details
                    return {"replace_original": True, "response_type": "ephemeral",
                            **rec_details(db, int(value["id"]), now()).slack_message()}
            return rerendered(body, value)
        return work

    for verb in ("response", "implemented", "details", "confirm", "reject"):
        app.action(f"rec_{verb}")(ack=_ack, lazy=[button(recommendation(verb))])
    app.action("action_done")(ack=_ack, lazy=[button(marking(True))])
    app.action("action_reopen")(ack=_ack, lazy=[button(marking(False))])
    app.action("more")(ack=_ack, lazy=[button(rerendered)])
    app.action("share")(ack=_ack, lazy=[button(shared)])
