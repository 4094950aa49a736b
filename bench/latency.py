"""Command latency through the real Bolt HTTP handler (signed requests on
127.0.0.1), from the request until the answer reaches the fake Slack's
response_url, next to the bare query behind each command."""
from __future__ import annotations

import statistics
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_app
from bot.config import Config
from bot.http import http_server
from handlers.find import build_query
from store import connect, queries
from store import recommendations as tracker
from store.search import match_expression
from tests.slack_fake import FakeSlack, command_body, post, sign

SECRET = "bench-secret"


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def _bare(db_path: Path, name: str, panel_id: int, today: str, typed: str | None):
    """The SQL behind each command, run directly."""
    def run() -> None:
        with connect(db_path) as db:
            if name in ("next",):
                m = queries.next_meeting(db, panel_id, datetime.fromisoformat(today).date())
                if m:
                    queries.programme_for(db, panel_id, m.date)
                    queries.actions(db, panel_id, "open", before=m.date)
            elif name == "actions":
                queries.actions(db, panel_id, "open")
            elif name == "recommendations":
                day = datetime.fromisoformat(today).date()
                tracker.recommendations(db, panel_id, "all", day, limit=8)
            else:
                expression = match_expression(build_query(db, typed).term_groups)
                db.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT 30", [expression]).fetchall()
    return run


def measure(db_path: Path, today: str, commands: list[tuple[str, str]], runs: int = 60) -> list[dict]:
    fake = FakeSlack()
    frozen = datetime.fromisoformat(today + "T09:00").replace(tzinfo=ZoneInfo("Europe/London"))
    config = Config(db_path=str(db_path), bot_token="xoxb-bench", signing_secret=SECRET, app_token=None,
                    api_url=fake.api_url, port=0, host="127.0.0.1")
    server = http_server(build_app(config, now=lambda: frozen), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/slack/events"
    with connect(db_path) as db:
        panel = queries.committees(db)[0]
    panel_name = f"{panel.council} {panel.name}"  # the exact name: several councils have a panel of that name
    results = []
    try:
        for label, template in commands:
            text = template.format(panel=panel_name)
            name = text.split()[0]
            typed = text.split(" ", 1)[1] if name in ("find", "history") else None
            bare = _bare(db_path, name, panel.id, today, typed)
            bare()
            took, base = [], []
            for i in range(runs + 3):
                key = f"{label}-{i}".replace(" ", "_")
                body = command_body(text, fake.response_url(key))
                start = time.perf_counter()
                post(url, body, sign(SECRET, body))
                fake.wait_for(f"/respond/{key}", timeout=30)
                elapsed = time.perf_counter() - start
                start = time.perf_counter()
                bare()
                base_elapsed = time.perf_counter() - start
                if i >= 3:  # the first few warm caches
                    took.append(elapsed)
                    base.append(base_elapsed)
            results.append({"label": label, "p50": statistics.median(took), "p99": _percentile(took, 99),
                            "base_p50": statistics.median(base), "base_p99": _percentile(base, 99)})
    finally:
        server.shutdown()
        server.server_close()
        fake.close()
    return results
