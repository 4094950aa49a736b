"""The Bolt app: `/scrutiny` and its buttons. Thin: every answer comes from handlers/.

process_before_response with lazy listeners: the ack goes back at once (no
polling wait for it) and the answer is worked out after it, on another thread,
then delivered to Slack's response_url with retries."""
from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (ConnectionErrorRetryHandler, RateLimitErrorRetryHandler,
                                                   ServerErrorRetryHandler)
from slack_sdk.webhook import WebhookClient

from handlers import dispatch
from handlers.access import POLICIES, Access
from handlers.actions import action_row, mark
from handlers.forward_plan import add_decision
from handlers.recommendations import change as rec_change
from handlers.recommendations import details as rec_details
from handlers.reply import unescape
from store import connect, queries

from . import clock
from .config import Config
from .home import register_home

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
    if config.editors not in POLICIES:  # serve refuses to start first (Config.problems); never guess a policy
        raise ValueError(f"SCRUTINY_EDITORS={config.editors!r} is not one of {', '.join(POLICIES)}")
    policy = config.editors
    if policy != "anyone" and not config.officers:
        log.warning("SCRUTINY_EDITORS=%s but SCRUTINY_OFFICERS is empty: nobody in Slack can change anything", policy)
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


ENVELOPE_HEADER = "x-scrutiny-envelope-id"  # set by bot.socket for each Socket Mode envelope


def delivery_key(request: BoltRequest) -> str:
    """What identifies one delivery from Slack: in Socket Mode its envelope id (Bolt leaves the
    raw body empty there); over HTTP the signed body, which a retry (X-Slack-Retry-Num) repeats."""
    if request.mode == "socket_mode":
        envelope = request.headers.get(ENVELOPE_HEADER, [""])[0]
        if envelope:
            return "envelope:" + envelope
        return "payload:" + hashlib.sha256(json.dumps(request.body, sort_keys=True).encode()).hexdigest()
    return hashlib.sha256(request.raw_body.encode()).hexdigest()


def first_delivery(db_path: str, key: str) -> bool:
    """True the first time this delivery is seen, by any process sharing the store. Runs after
    the ack, so waiting here for another writer never makes Slack give up on the request."""
    with connect(db_path) as db:
        with db.atomic():
            db.execute("DELETE FROM seen_requests WHERE at < ?", [time.time() - SEEN_FOR_SECONDS])
            return db.execute("INSERT OR IGNORE INTO seen_requests (digest, at) VALUES (?, ?)",
                              [key, time.time()]).rowcount == 1


def command_text(command: dict) -> str:
    """Slash-command text as typed: Slack sends &, < and > escaped, once."""
    return unescape(command.get("text") or "")


def channel_kind(command: dict) -> str:
    """Where a command was typed: a channel, a direct message or a group DM (Slack's channel_name says)."""
    name = command.get("channel_name") or ""
    if name == "directmessage" or (command.get("channel_id") or "").startswith("D"):
        return "dm"
    if name.startswith("mpdm-"):
        return "group_dm"
    return "channel"


UNKNOWN_BUTTON = ("That button belongs to an older message that I can no longer act on. "
                  "Type `/scrutiny help` to see what I can do now.")


def register(app: App, config: Config, now: Callable[[], datetime] = clock.now, access: Access | None = None) -> None:
    """Every listener acknowledges at once and does nothing else on the ack path: the work, and
    the repeat-delivery check (a write to the store), run after it in a lazy listener."""
    access = access or Access()

    def once(request: BoltRequest) -> bool:
        if first_delivery(config.db_path, delivery_key(request)):
            return True
        log.info("ignoring a repeated delivery (retry %s)", request.headers.get("x-slack-retry-num", ["-"])[0])
        return False

    def remember(user_id: str | None, name: str | None) -> None:
        if user_id and name:
            try:
                with connect(config.db_path) as db:
                    queries.remember_person(db, user_id, name, now())
            except Exception:  # a name is a courtesy; the answer matters more
                log.exception("could not remember the name of %s", user_id)

    def answer(text: str, user: str | None, channel: str | None = None, kind: str | None = None):
        with connect(config.db_path) as db:
            return dispatch(text, db, now(), user=user, channel=channel, access=access, channel_kind=kind,
                            public_url=config.public_url)

    publish_home = register_home(app, config.db_path, now, access, _ack, once)

    def answer_command(request: BoltRequest, command: dict, client):
        url = command["response_url"]
        if not once(request):
            return
        try:
            remember(command.get("user_id"), command.get("user_name"))
            reply = answer(command_text(command), command.get("user_id"), command.get("channel_id"), channel_kind(command))
            deliver(url, response_type="ephemeral" if reply.ephemeral else "in_channel", **reply.slack_message())
        except Exception:
            log.exception("/scrutiny %r failed", (command.get("text") or "")[:200])
            deliver(url, response_type="ephemeral", text=SORRY)
            return
        if reply.home_changed and command.get("user_id"):
            try:
                publish_home(client, command["user_id"])
            except Exception:  # the answer is given; a stale Home tab is redrawn when next opened
                log.exception("Home tab for %s not published", command["user_id"])

    app.command("/scrutiny")(ack=_ack, lazy=[answer_command])

    def button(work: Callable[[dict, dict], list[dict]]):
        """A button's lazy listener: work(body, value) gives the messages to send back, in order."""
        def run(request: BoltRequest, body: dict):
            url = body["response_url"]
            if not once(request):
                return
            try:
                user = body.get("user") or {}
                remember(user.get("id"), user.get("name") or user.get("username"))
                for message in work(body, json.loads(body["actions"][0].get("value") or "{}")):
                    deliver(url, **message)
            except Exception:
                log.exception("button %s failed", body["actions"][0].get("action_id"))
                deliver(url, replace_original=False, response_type="ephemeral", text=SORRY)
        return run

    def ephemeral(reply) -> dict:
        return {"replace_original": False, "response_type": "ephemeral", **reply.slack_message()}

    def public(body: dict) -> bool:
        """A message everyone in the channel sees (shared, or posted by the bot), not the clicker's own."""
        return not (body.get("container") or {}).get("is_ephemeral", False) and bool(body.get("message"))

    def rerendered(body: dict, value: dict) -> list[dict]:
        reply = answer(f"{value.get('cmd', 'actions')} page {int(value.get('page', 1))}", body["user"]["id"])
        if public(body):  # the next page for the clicker alone; the shared message stays as it is
            return [ephemeral(reply)]
        return [{"replace_original": True, "response_type": "ephemeral", **reply.slack_message()}]

    def row_updated(body: dict, value: dict) -> dict | None:
        """The public message with only the clicked action's row re-drawn."""
        message = body["message"]
        clicked = body["actions"][0].get("block_id")
        blocks = list(message.get("blocks") or [])
        at = next((i for i, b in enumerate(blocks) if b.get("block_id") == clicked), None)
        if at is None:
            return None
        with connect(config.db_path) as db:
            row = action_row(db, int(value["id"]), now(), value.get("cmd", "actions"), int(value.get("page", 1)),
                             with_panel=bool(value.get("wp")))
        if row is None:
            return None
        [block] = [b.to_dict() for b in row.blocks()[:1]]
        blocks[at] = {**block, "block_id": clicked}
        return {"replace_original": True, "text": message.get("text") or " ", "blocks": blocks}

    def marking(done: bool):
        def work(body: dict, value: dict) -> list[dict]:
            user = body["user"]["id"]
            with connect(config.db_path) as db:
                result = mark(db, int(value["id"]), done, user, now(), access)
            if result.outcome == "changed":
                log.info("action %s %s by %s", value["id"], "done" if done else "reopened", user)
            if public(body):
                update = row_updated(body, value) if result.outcome in ("changed", "unchanged") else None
                messages = [update] if update else []
                if result.outcome != "changed" or update is None:
                    messages.append(ephemeral(result.reply))
                return messages
            if result.outcome == "changed":
                return rerendered(body, value)
            # say what happened, then show the clicker's list as it now is
            return [ephemeral(result.reply)] + (rerendered(body, value) if result.outcome != "refused" else [])
        return work

    def shared(body: dict, value: dict) -> list[dict]:
        reply = answer(value["cmd"], body["user"]["id"])
        reply.ephemeral = False
        return [{"replace_original": False, "response_type": "in_channel", **reply.slack_message()}]

    def unknown(body: dict, value: dict) -> list[dict]:
        log.info("a click on an unknown button %r", body["actions"][0].get("action_id"))
        return [{"replace_original": False, "response_type": "ephemeral", "text": UNKNOWN_BUTTON}]

    def recommendation(verb: str):
        """Buttons on the recommendation tracker: the change, then the list (or the one) shown again."""
        def work(body: dict, value: dict) -> list[dict]:
            user = body["user"]["id"]
            with connect(config.db_path) as db:
                if verb == "details":
                    return [ephemeral(rec_details(db, int(value["id"]), now()))]
                outcome = rec_change(db, int(value["id"]), verb, str(value.get("m", "")), user, now(), access)
                if outcome.text.startswith("Sorry"):
                    return [ephemeral(outcome)]
                log.info("recommendation %s %s by %s", value["id"], verb, user)
                if "cmd" not in value:  # pressed on one recommendation's details
                    return [{"replace_original": True, "response_type": "ephemeral",
                             **rec_details(db, int(value["id"]), now()).slack_message()}]
            return rerendered(body, value)
        return work

    def forward_plan_add(body: dict, value: dict) -> list[dict]:
        """The "Add to work programme" button on a pre-decision scrutiny candidate."""
        with connect(config.db_path) as db:
            outcome = add_decision(db, str(value["k"]), int(value["c"]), body["user"]["id"], now(), access)
        return [ephemeral(outcome)]

    app.action("fp_add")(ack=_ack, lazy=[button(forward_plan_add)])

    for verb in ("response", "implemented", "details", "confirm", "reject"):
        app.action(f"rec_{verb}")(ack=_ack, lazy=[button(recommendation(verb))])
    app.action("action_done")(ack=_ack, lazy=[button(marking(True))])
    app.action("action_reopen")(ack=_ack, lazy=[button(marking(False))])
    app.action("more")(ack=_ack, lazy=[button(rerendered)])
    app.action("share")(ack=_ack, lazy=[button(shared)])
    answer_unknown = button(unknown)

    def unknown_anywhere(request: BoltRequest, body: dict, client):
        if body.get("response_url"):
            return answer_unknown(request, body)
        # a click in a view (the Home tab) has no response_url: the answer is the tab redrawn, saying so
        user = (body.get("user") or {}).get("id")
        if user and (body.get("view") or {}).get("type") == "home" and once(request):
            log.info("a click on an unknown Home tab button %r", body["actions"][0].get("action_id"))
            publish_home(client, user, UNKNOWN_BUTTON)

    # last: any other button (from an older version of the bot) gets a polite answer, not a 404
    app.action(re.compile(".*"))(ack=_ack, lazy=[unknown_anywhere])
