"""Settings from the environment, read once at start."""
from __future__ import annotations

import os
from dataclasses import dataclass

from store.db import default_path


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

    @property
    def mode(self) -> str:
        """socket (an app-level token), http (a signing secret), or console (no Slack at all)."""
        if self.app_token and self.bot_token:
            return "socket"
        if self.signing_secret and self.bot_token:
            return "http"
        return "console"

    def __repr__(self) -> str:  # secrets never reach a log line
        return (f"Config(db_path={self.db_path!r}, mode={self.mode!r}, api_url={self.api_url!r}, port={self.port}, "
                f"editors={self.editors!r}, officers={len(self.officers)})")


def from_env(db_path: str | None = None) -> Config:
    env = os.environ
    api_url = env.get("SLACK_API_URL") or None
    if api_url and not api_url.endswith("/"):
        api_url += "/"
    return Config(
        db_path=db_path or default_path(),
        bot_token=env.get("SLACK_BOT_TOKEN") or None,
        signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        app_token=env.get("SLACK_APP_TOKEN") or None,
        api_url=api_url,
        port=int(env.get("PORT") or 3000),
        host=env.get("HOST") or "0.0.0.0",
        editors=(env.get("SCRUTINY_EDITORS") or "anyone").strip().lower(),
        officers=frozenset(u.strip() for u in (env.get("SCRUTINY_OFFICERS") or "").split(",") if u.strip()),
    )
