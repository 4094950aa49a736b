"""Settings from the environment, read once at start."""
from __future__ import annotations

import os
from dataclasses import dataclass

from handlers.access import POLICIES
from store.db import default_path

DEFAULT_HOST = "127.0.0.1"  # only this machine, unless HOST says otherwise (a proxy in front, or a container)
DEFAULT_PORT = 3000


@dataclass(frozen=True)
class Config:
    db_path: str
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    api_url: str | None
    port: int
    host: str
    editors: str = "anyone"  # who may change things: anyone | officers | channel
    officers: frozenset[str] = frozenset()
    public_url: str | None = None  # where HTTP mode is reached from outside: calendar links in replies

    port_text: str = ""  # PORT as given, when it was not a number

    @property
    def mode(self) -> str:
        """socket (an app-level token), http (a signing secret), console (no Slack variable at all),
        or incomplete (some Slack variables, not enough to run: see problems())."""
        if self.app_token and self.bot_token:
            return "socket"
        if self.signing_secret and self.bot_token:
            return "http"
        if self.bot_token or self.app_token or self.signing_secret:
            return "incomplete"
        return "console"

    def problems(self) -> list[str]:
        """Everything that stops the bot starting as configured, one line each, naming the variable."""
        out: list[str] = []
        if self.bot_token and not (self.app_token or self.signing_secret):
            out.append("SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is: "
                       "set one of them.")
        if self.app_token and not self.bot_token:
            out.append("SLACK_APP_TOKEN is set, but SLACK_BOT_TOKEN is missing: Socket Mode needs both.")
        if self.signing_secret and not self.bot_token and not self.app_token:
            out.append("SLACK_SIGNING_SECRET is set, but SLACK_BOT_TOKEN is missing: HTTP mode needs both.")
        if self.bot_token and not self.bot_token.startswith("xoxb-"):
            out.append("SLACK_BOT_TOKEN does not look like a bot token: it starts xoxb- (Install App → Bot User OAuth Token).")
        if self.app_token and not self.app_token.startswith("xapp-"):
            out.append("SLACK_APP_TOKEN does not look like an app-level token: it starts xapp- "
                       "(Basic Information → App-Level Tokens, with connections:write).")
        if self.editors not in POLICIES:
            out.append(f"SCRUTINY_EDITORS={self.editors!r} is not one of: {', '.join(POLICIES)}.")
        if self.port_text:
            out.append(f"PORT={self.port_text!r} is not a port number.")
        return out

    def __repr__(self) -> str:  # secrets never reach a log line
        return (f"Config(db_path={self.db_path!r}, mode={self.mode!r}, api_url={self.api_url!r}, port={self.port}, "
                f"editors={self.editors!r}, officers={len(self.officers)})")


def from_env(db_path: str | None = None) -> Config:
    env = os.environ
    api_url = env.get("SLACK_API_URL") or None
    if api_url and not api_url.endswith("/"):
        api_url += "/"
    port_text = (env.get("PORT") or "").strip()
    port = int(port_text) if port_text.isascii() and port_text.isdigit() and int(port_text) < 65536 else None
    return Config(
        db_path=db_path or default_path(),
        bot_token=env.get("SLACK_BOT_TOKEN") or None,
        signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        app_token=env.get("SLACK_APP_TOKEN") or None,
        api_url=api_url,
        port=DEFAULT_PORT if not port_text else (port if port is not None else DEFAULT_PORT),
        port_text=port_text if port_text and port is None else "",
        host=env.get("HOST") or DEFAULT_HOST,
        editors=(env.get("SCRUTINY_EDITORS") or "anyone").strip().lower(),  # checked by problems()
        officers=frozenset(u.strip() for u in (env.get("SCRUTINY_OFFICERS") or "").split(",") if u.strip()),
        public_url=(env.get("SCRUTINY_PUBLIC_URL") or "").strip().rstrip("/") or None,
    )
