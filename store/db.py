"""Opening the store: one connection per unit of work (a command, a sweep, an
ingest run), never shared between threads.

Writers wait their turn instead of failing. A transaction that begins deferred
and reads before it writes fails at once with "database is locked" when
another connection commits in between, whatever the busy timeout: SQLite
cannot upgrade a read snapshot that is no longer the newest. So every write
transaction here takes the write lock up front (BEGIN IMMEDIATE), where the
busy timeout does apply, and nothing opens a transaction implicitly."""
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
# Longer than any one write transaction holds the lock: the largest is one paper's
# save (an ingest takes the lock one paper at a time, so others interleave).
BUSY_TIMEOUT_SECONDS = 120


def default_path() -> str:
    return os.environ.get("SCRUTINY_DB") or DEFAULT_DB


class StoreMissing(FileNotFoundError):
    """The store named does not exist, and this command must not create it."""


class StoreUnreadable(Exception):
    """The file named as the store is not a SQLite database (a mistyped --db, a CSV)."""


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


def open_db(path: str | Path | None = None, create: bool = True) -> Store:
    """A migrated database with WAL, foreign keys and a busy timeout set.
    create=False: a store that does not exist raises StoreMissing instead of being made."""
    path = str(path or default_path())
    if path != ":memory:":
        if not create and not Path(path).is_file():
            raise StoreMissing(f"no store at {path}")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: no implicit (deferred) BEGIN before a write; a write
    # outside atomic() is its own statement-long transaction
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    db = Store(conn)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # the first read of the file: one that is not SQLite fails here
    except sqlite3.DatabaseError as err:
        conn.close()
        if type(err) is not sqlite3.DatabaseError:  # locked, read-only…: not a question of what the file is
            raise
        raise StoreUnreadable(f"{path} is not a scrutiny store ({err})") from None
    with db.ensure_autocommit_on():
        if path != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
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
