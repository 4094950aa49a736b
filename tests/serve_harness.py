"""`scrutiny serve` run for real, in a process of its own, against a fake Slack: the Web API
(tests/slack_fake.py) and, in Socket Mode, a local Socket Mode server (tests/socket_fake.py).
Used by the end-to-end tests and by `python -m tests.try_slack`, which lets a person do the same."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .slack_fake import FakeSlack, action_body, command_body, post, sign
from .socket_fake import FakeSocketMode

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Running:
    """A `scrutiny serve` process and the fakes it talks to, driven the same way in both modes."""
    mode: str
    fake: FakeSlack
    process: subprocess.Popen
    db_path: Path
    socket_mode: FakeSocketMode | None = None
    url: str = ""
    output: str = ""

    def command(self, text: str, name: str, envelope_id: str | None = None, **kw) -> str:
        """Send /scrutiny text as Slack does; returns the delivery's id once it is acknowledged."""
        response_url = self.fake.response_url(name)
        if self.socket_mode:
            sent = self.socket_mode.command(text, response_url, envelope_id=envelope_id, **kw)
            assert self.socket_mode.wait_ack(sent) == {"envelope_id": sent}
            return sent
        body = command_body(text, response_url, **kw)
        status, _ = post(self.url, body, sign(SECRET, body))
        assert status == 200
        return body

    def click(self, action_id: str, value: str, name: str, message: dict | None = None, block_id: str = "b1",
              user: str = "U111") -> None:
        """Click a button: on the clicker's own reply, or (message given) on a message the channel sees."""
        response_url = self.fake.response_url(name)
        if self.socket_mode:
            sent = self.socket_mode.click(action_id, value, response_url, user=user, message=message, block_id=block_id)
            assert self.socket_mode.wait_ack(sent) == {"envelope_id": sent}
            return
        body = action_body(action_id, value, response_url, user=user)
        if message is not None:
            payload = json.loads(urllib.parse.parse_qs(body)["payload"][0])
            payload["container"]["is_ephemeral"] = False
            payload["message"] = message
            payload["actions"][0]["block_id"] = block_id
            body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        status, _ = post(self.url, body, sign(SECRET, body))
        assert status == 200

    def answer(self, name: str, count: int = 1) -> dict:
        return self.fake.wait_for(f"/respond/{name}", count, timeout=30)[count - 1]["body"]


@contextmanager
def serving(mode: str, db_path: Path, cwd: Path, today: str | None = None,
            command: list[str] | None = None) -> Iterator[Running]:
    """`scrutiny serve --db db_path` in Socket Mode or HTTP mode, stopped with SIGTERM at the end
    (its exit status and output are then in the Running)."""
    fake = FakeSlack()
    socket_mode = FakeSocketMode() if mode == "socket" else None
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake.api_url,
           "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": ""}
    if today:
        env["SCRUTINY_TODAY"] = today
    port = free_port()
    if socket_mode:
        fake.socket_url = socket_mode.url
        env["SLACK_APP_TOKEN"] = APP_TOKEN
    else:
        env.update(SLACK_SIGNING_SECRET=SECRET, HOST="127.0.0.1", PORT=str(port))
    process = subprocess.Popen([*(command or [sys.executable, "-m", "bot.cli"]), "serve", "--db", str(db_path)],
                               cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    running = Running(mode, fake, process, db_path, socket_mode, f"http://127.0.0.1:{port}/slack/events")
    try:
        if socket_mode:
            socket_mode.wait_for_connection()
        else:
            _wait_until_listening(port, process)
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            running.output = process.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            running.output = process.communicate()[0]
        fake.close()
        if socket_mode:
            socket_mode.close()


def _wait_until_listening(port: int, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(process.communicate()[0])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("scrutiny serve never started listening")
