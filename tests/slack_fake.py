"""A fake Slack Web API on 127.0.0.1 that records what the bot sends, and a
client that signs requests the way Slack does."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.lock = threading.Condition()
        self.scripted: dict[str, deque] = defaultdict(deque)  # method -> (status, headers, body, delay, stores) to answer next
        self.messages: dict[str, list[dict]] = defaultdict(list)  # channel -> what was posted there, oldest first
        self.socket_url: str | None = None  # what apps.connections.open hands out (a FakeSocketMode's ws:// URL)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                    for key in ("blocks", "attachments"):
                        if isinstance(body.get(key), str):
                            body[key] = json.loads(body[key])
                path = self.path
                with fake.lock:
                    fake.calls.append({"path": path, "body": body, "auth": self.headers.get("Authorization"), "at": time.time()})
                    fake.lock.notify_all()
                    method = path.rsplit("/", 1)[-1]
                    status, headers, answer, delay, stores = (fake.scripted[method].popleft() if fake.scripted[method]
                                                              else (200, {}, None, 0.0, True))
                if status == 0:  # the connection drops after the request arrived: the client cannot know what happened
                    if method == "chat.postMessage" and stores:
                        fake.store(body, None)
                    self.close_connection = True
                    return
                if answer is None:
                    answer = fake.default_answer(path, body)
                if method == "chat.postMessage" and stores:
                    answer = fake.store(body, answer if isinstance(answer, dict) else None)
                if delay:  # Slack has the message, and answers after the client has given up
                    time.sleep(delay)
                data = json.dumps(answer).encode() if not isinstance(answer, str) else answer.encode()
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Type", "application/json" if not isinstance(answer, str) else "text/plain")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # a late answer the client stopped waiting for
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def api_url(self) -> str:
        return self.base + "/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base}/respond/{name}"

    def default_answer(self, path: str, body: dict):
        if path.endswith("auth.test"):
            return {"ok": True, "user_id": "UBOT", "team_id": "T1", "bot_id": "B1", "user": "scrutiny"}
        if path.endswith("chat.postMessage"):
            return {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"}
        if path.endswith("conversations.open"):
            return {"ok": True, "channel": {"id": "D" + str(body.get("users", "U0"))}}
        if path.endswith("apps.connections.open"):
            if self.socket_url is None:
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": self.socket_url}
        if path.endswith("conversations.history"):
            return self.history(body)
        if path.endswith("users.conversations"):
            with self.lock:
                ims = [{"id": c, "is_im": True, "user": c[1:]} for c in self.messages if c.startswith("D")]
            return {"ok": True, "channels": ims, "response_metadata": {"next_cursor": ""}}
        if path.startswith("/respond/"):
            return "ok"
        return {"ok": True}

    def script(self, method: str, status: int, body, headers: dict | None = None, delay: float = 0.0,
               stores: bool | None = None) -> None:
        """The next call of `method` gets this answer. chat.postMessage stores the
        message when it succeeds (or when `stores`); `delay`: the answer comes that late;
        status 0: no answer at all, the connection drops."""
        with self.lock:
            self.scripted[method].append((status, headers or {}, body, delay, status == 200 and body is None if stores is None else stores))

    @staticmethod
    def conversation(channel: str) -> str:
        """Where a post lands: a user id means the IM with that user, as conversations.open names it."""
        return "D" + channel if channel.startswith("U") else channel

    def store(self, body: dict, answer: dict | None) -> dict | None:
        with self.lock:
            ts = f"{time.time():.6f}"
            metadata = body.get("metadata")
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            self.messages[self.conversation(str(body.get("channel")))].append(
                {"type": "message", "ts": ts, "text": body.get("text", ""), "bot_id": "B1", "metadata": metadata})
        return {**answer, "ts": ts} if answer and "ts" in answer else answer

    def history(self, body: dict) -> dict:
        with self.lock:
            kept = [m for m in self.messages[str(body.get("channel"))] if float(m["ts"]) > float(body.get("oldest") or 0)]
        start = int(body.get("cursor") or 0)
        limit = int(body.get("limit") or 100)
        newest_first = kept[::-1]
        page = [{k: v for k, v in m.items() if k != "metadata" or str(body.get("include_all_metadata")).lower() in ("1", "true")}
                for m in newest_first[start:start + limit]]
        more = start + limit < len(newest_first)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def posted(self, channel: str) -> list[dict]:
        """Messages now in a channel (or in the IM with a user)."""
        with self.lock:
            return list(self.messages[self.conversation(channel)])

    def sent(self, prefix: str) -> list[dict]:
        with self.lock:
            return [c for c in self.calls if c["path"].startswith(prefix)]

    def wait_for(self, prefix: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        deadline = time.time() + timeout
        with self.lock:
            while time.time() < deadline:
                found = [c for c in self.calls if c["path"].startswith(prefix)]
                if len(found) >= count:
                    return found
                self.lock.wait(timeout=max(0.0, deadline - time.time()))
        raise AssertionError(f"expected {count} call(s) to {prefix}, got {len(self.sent(prefix))}: {[c['path'] for c in self.calls]}")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def post(url: str, body: str, headers: dict[str, str], content_type: str = "application/x-www-form-urlencoded") -> tuple[int, str]:
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": content_type, **headers})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def command_body(text: str, response_url: str, user: str = "U111", channel: str = "C111") -> str:
    return urllib.parse.urlencode({
        "token": "legacy", "team_id": "T1", "team_domain": "council", "channel_id": channel, "channel_name": "scrutiny",
        "user_id": user, "user_name": "officer", "command": "/scrutiny", "text": text, "api_app_id": "A1",
        "response_url": response_url, "trigger_id": "1.2.3",
    })


def action_body(action_id: str, value: str, response_url: str, user: str = "U111", channel: str = "C111") -> str:
    payload = {
        "type": "block_actions", "team": {"id": "T1"}, "user": {"id": user, "name": "officer"}, "api_app_id": "A1",
        "token": "legacy", "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
        "trigger_id": "1.2.3", "channel": {"id": channel}, "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "b1", "type": "button", "value": value, "action_ts": "1"}],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})
