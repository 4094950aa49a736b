"""Opening the store: one connection per unit of work (a command, a sweep, an
ingest run), never shared between threads."""
from __future__ import annotations

import contextlib
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


class StoreMissing(FileNotFoundError):
    """The store named does not exist, and this command must not create it."""


class Store(Database):
    """sqlite-utils' Database whose write transactions take the write lock up front.

    A transaction that begins deferred and reads before it writes fails at once
    with "database is locked" when another connection commits in between; the
    busy timeout does not help it. BEGIN IMMEDIATE waits its turn instead."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: a savepoint inside the open transaction
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def open_db(path: str | Path | None = None, create: bool = True) -> Database:
    """A migrated database with WAL, foreign keys and a busy timeout set.
    create=False: a store that does not exist raises StoreMissing instead of being made."""
    path = str(path or default_path())
    if path != ":memory:":
        if not create and not Path(path).is_file():
            raise StoreMissing(f"no store at {path}")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level="IMMEDIATE")
    db = Store(conn)
    with db.ensure_autocommit_on():
        if path != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        db.execute("PRAGMA synchronous=NORMAL")
    migrate(db)
    return db


@contextmanager
def connect(path: str | Path | None = None, create: bool = True) -> Iterator[Database]:
    db = open_db(path, create)
    try:
        yield db
    finally:
        db.close()
