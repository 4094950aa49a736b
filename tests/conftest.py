from __future__ import annotations

import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import demo_corpus  # noqa: E402
from store import open_db  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402

LONDON = ZoneInfo("Europe/London")
SHARED = ROOT.parent / "shared"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "scrutiny.db"


@pytest.fixture
def db(db_path: Path):
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(db, db_path):
    """A fresh store holding the bundled demo corpus."""
    report = ingest_paths(db, [demo_corpus()], now=datetime(2026, 1, 5, 9, 0, tzinfo=LONDON))
    assert not report.failed, report.summary()
    return db


SECRET = "test-signing-secret"
FROZEN = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)


@pytest.fixture
def slack(db_path):
    """The real Bolt app behind its HTTP handler on 127.0.0.1, the demo corpus,
    a frozen today, and a fake Slack Web API: (fake, url)."""
    from bot.app import build_app
    from bot.config import Config
    from bot.http import http_server
    from store import connect

    from .slack_fake import FakeSlack

    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    fake = FakeSlack()
    config = Config(db_path=str(db_path), bot_token="xoxb-test-token", signing_secret=SECRET, app_token=None,
                    api_url=fake.api_url, port=0, host="127.0.0.1")
    app = build_app(config, now=lambda: FROZEN)
    server = http_server(app, "127.0.0.1", 0, str(db_path), now=lambda: FROZEN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()
    fake.close()
