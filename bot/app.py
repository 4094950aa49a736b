"""The Bolt app: `/scrutiny` and its buttons. Thin: every answer comes from handlers/."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App
from slack_sdk import WebClient

from handlers import dispatch
from handlers.actions import mark
from store import connect

from . import clock
from .config import Config

log = logging.getLogger(__name__)
SORRY = "Sorry, something went wrong on my side and I could not answer. It has been logged for the officers."


def build_app(config: Config, now: Callable[[], datetime] = clock.now) -> App:
    client = WebClient(token=config.bot_token, base_url=config.api_url) if config.api_url else WebClient(token=config.bot_token)
    # process_before_response with lazy listeners: the ack goes back at once (no
    # polling wait for it), and the answer is worked out after, on another thread
    app = App(client=client, signing_secret=config.signing_secret or "socket-mode-does-not-sign",
              token_verification_enabled=config.mode != "console", process_before_response=True)
    register(app, config, now)
    return app


def _answer(config: Config, text: str, user: str | None, now: Callable[[], datetime], channel: str | None = None):
    with connect(config.db_path) as db:
        return dispatch(text, db, now(), user=user, channel=channel)


def _ack(ack):
    ack()


def register(app: App, config: Config, now: Callable[[], datetime] = clock.now) -> None:
    def answer_command(command, respond):
        try:
            reply = _answer(config, command.get("text", ""), command.get("user_id"), now, command.get("channel_id"))
            respond(response_type="ephemeral" if reply.ephemeral else "in_channel", **reply.slack_message())
        except Exception:
            log.exception("/scrutiny %r failed", command.get("text", "")[:200])
            respond(response_type="ephemeral", text=SORRY)

    app.command("/scrutiny")(ack=_ack, lazy=[answer_command])

    def rerender(body: dict, respond, value: dict) -> None:
        command = value.get("cmd", "actions")
        page = int(value.get("page", 1))
        reply = _answer(config, f"{command} page {page}", body["user"]["id"], now)
        respond(replace_original=True, response_type="ephemeral", **reply.slack_message())

    def marker(done: bool):
        def on_mark(body, respond):
            try:
                value = json.loads(body["actions"][0]["value"])
                with connect(config.db_path) as db:
                    mark(db, int(value["id"]), done, body["user"]["id"], now())
                log.info("action %s %s by %s", value["id"], "done" if done else "reopened", body["user"]["id"])
                rerender(body, respond, value)
            except Exception:
                log.exception("marking an action failed")
                respond(replace_original=False, response_type="ephemeral", text=SORRY)
        return on_mark

    def on_more(body, respond):
        try:
            rerender(body, respond, json.loads(body["actions"][0]["value"]))
        except Exception:
            log.exception("show more failed")
            respond(replace_original=False, response_type="ephemeral", text=SORRY)

    def on_share(body, respond):
        try:
            value = json.loads(body["actions"][0]["value"])
            reply = _answer(config, value["cmd"], body["user"]["id"], now)
            reply.ephemeral = False
            respond(replace_original=False, response_type="in_channel", **reply.slack_message())
        except Exception:
            log.exception("share failed")
            respond(replace_original=False, response_type="ephemeral", text=SORRY)

    app.action("action_done")(ack=_ack, lazy=[marker(True)])
    app.action("action_reopen")(ack=_ack, lazy=[marker(False)])
    app.action("more")(ack=_ack, lazy=[on_more])
    app.action("share")(ack=_ack, lazy=[on_share])
