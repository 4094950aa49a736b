"""Opening the store: one connection per unit of work (a command, a sweep, an
ingest run), never shared between threads."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from .schema import migrate

DEFAULT_DB = "scrutiny.db"


def default_path() -> str:
    return os.environ.get("SCRUTINY_DB") or DEFAULT_DB


def open_db(path: str | Path | None = None) -> Database:
    """A migrated database with WAL, foreign keys and a busy timeout set."""
    path = str(path or default_path())
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30)
    db = Database(conn)
    with db.ensure_autocommit_on():
        if path != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        db.execute("PRAGMA synchronous=NORMAL")
    migrate(db)
    return db


@contextmanager
def connect(path: str | Path | None = None) -> Iterator[Database]:
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()
