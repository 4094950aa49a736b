"""Socket Mode: Bolt's built-in Socket Mode handler (no extra WebSocket library), with each
envelope's id passed on to the app, so that the repeat-delivery guard can key on it: Bolt
leaves the raw body empty in Socket Mode, and drops the envelope id."""
from __future__ import annotations

from time import time

from slack_bolt import BoltRequest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import build_headers, send_response
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from .app import ENVELOPE_HEADER


class EnvelopeSocketModeHandler(SocketModeHandler):
    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        start = time()
        headers = {**(build_headers(req) or {}), ENVELOPE_HEADER: req.envelope_id}
        response = self.app.dispatch(BoltRequest(mode="socket_mode", body=req.payload, headers=headers))
        send_response(client, req, response, start)
