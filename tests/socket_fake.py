"""A local Slack Socket Mode server: a WebSocket server speaking Slack's protocol.

The bot asks the (fake) Web API's apps.connections.open for a URL and gets this
server's ws:// address; on connecting it gets a `hello`; then the test pushes
envelopes (`slash_commands`, `interactive`) each with an `envelope_id`, and the
bot must send back an ack `{"envelope_id": ...}` for every one. Built like
slack_sdk's own tests fake the server, on the `websockets` package."""
from __future__ import annotations

import json
import threading
import time
import uuid

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

HELLO = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
         "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 3600}}


class FakeSocketMode:
    def __init__(self) -> None:
        self.acks: dict[str, dict] = {}        # envelope id -> the ack the bot sent
        self.received: list[dict] = []         # everything the bot sent
        self.connections: list[ServerConnection] = []
        self.lock = threading.Condition()
        self.server = serve(self._connection, "127.0.0.1", 0, compression=None)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"

    def _connection(self, websocket: ServerConnection) -> None:
        websocket.send(json.dumps(HELLO))
        with self.lock:
            self.connections.append(websocket)
            self.lock.notify_all()
        try:
            for message in websocket:
                data = json.loads(message)
                with self.lock:
                    self.received.append(data)
                    if "envelope_id" in data:
                        self.acks[data["envelope_id"]] = data
                    self.lock.notify_all()
        except ConnectionClosed:  # the bot stopped (SIGTERM) without a closing handshake: as Slack sees it
            pass
        finally:
            with self.lock:
                self.connections.remove(websocket)

    def _wait(self, ready, what: str, timeout: float):
        deadline = time.time() + timeout
        with self.lock:
            while time.time() < deadline:
                value = ready()
                if value:
                    return value
                self.lock.wait(timeout=max(0.0, deadline - time.time()))
        raise AssertionError(f"timed out waiting for {what}")

    def wait_for_connection(self, timeout: float = 60.0) -> None:
        self._wait(lambda: bool(self.connections), "the bot to connect", timeout)

    def send(self, kind: str, payload: dict, envelope_id: str | None = None, accepts_response_payload: bool = True) -> str:
        envelope_id = envelope_id or str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                    "accepts_response_payload": accepts_response_payload}
        with self.lock:
            connection = self.connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def command(self, text: str, response_url: str, user: str = "U111", channel: str = "C111",
                channel_name: str = "scrutiny", envelope_id: str | None = None) -> str:
        return self.send("slash_commands", {
            "token": "legacy", "team_id": "T1", "team_domain": "council", "channel_id": channel,
            "channel_name": channel_name, "user_id": user, "user_name": "officer", "command": "/scrutiny", "text": text,
            "api_app_id": "A1", "response_url": response_url, "trigger_id": f"{uuid.uuid4()}"}, envelope_id)

    def click(self, action_id: str, value: str, response_url: str, user: str = "U111", channel: str = "C111",
              message: dict | None = None, block_id: str = "b1", envelope_id: str | None = None) -> str:
        payload = {
            "type": "block_actions", "team": {"id": "T1"}, "user": {"id": user, "name": "officer"}, "api_app_id": "A1",
            "token": "legacy", "trigger_id": f"{uuid.uuid4()}", "channel": {"id": channel}, "response_url": response_url,
            "container": {"type": "message", "channel_id": channel, "is_ephemeral": message is None},
            "actions": [{"action_id": action_id, "block_id": block_id, "type": "button", "value": value,
                         "action_ts": f"{time.time():.6f}"}],
        }
        if message is not None:
            payload["message"] = message
        return self.send("interactive", payload, envelope_id, accepts_response_payload=False)

    def wait_ack(self, envelope_id: str, timeout: float = 15.0) -> dict:
        return self._wait(lambda: self.acks.get(envelope_id), f"the ack of envelope {envelope_id}", timeout)

    def close(self) -> None:
        self.server.shutdown()
