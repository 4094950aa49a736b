"""Small worker programs the multi-process tests start as real processes:
`python -m tests.procs channels DB N PREFIX [PANEL]` runs N `/scrutiny channel` commands
against the store, one connection per command (as the bot does), and prints
one line per command: "ok" or the error."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers import dispatch  # noqa: E402
from store import connect  # noqa: E402

NOW = datetime(2020, 7, 10, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def channels(db_path: str, count: int, prefix: str, panel: str = "cfosp") -> None:
    for n in range(count):
        try:
            with connect(db_path) as db:
                reply = dispatch(f"{'subscribe' if n % 3 == 2 else 'channel'} {panel}", db, NOW,
                                 user=f"U{prefix}{n}", channel=f"C{prefix}{n}")
            print("ok" if "will be posted" in reply.text or "Subscribed" in reply.text else f"refused: {reply.text[:80]}")
        except Exception as err:  # "database is locked" lands here
            print(f"error: {type(err).__name__}: {err}")
        sys.stdout.flush()


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "channels":
        channels(*rest[:1], int(rest[1]), *rest[2:4])
    else:
        raise SystemExit(f"unknown command {command!r}")
