"""Opening the store: one connection per unit of work (a command, a sweep, an
ingest run), never shared between threads.

Writers wait their turn instead of failing. A transaction that begins deferred
and reads before it writes fails at once with "database is locked" when
another connection commits in between, whatever the busy timeout: SQLite
cannot upgrade a read snapshot that is no longer the newest. So every write
transaction here takes the write lock up front (BEGIN IMMEDIATE), where the
busy timeout does apply, and nothing opens a transaction implicitly."""
from __future__ import annotations

import atexit
import contextlib
import os
import sqlite3
import threading
from collections import OrderedDict
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


# Each store this process has opened keeps one idle connection open, doing no
# work and holding no transaction. SQLite checkpoints the write-ahead log, and
# waits for the disk, whenever the last connection to a store closes: without
# it, every command after a write (the bot writes on every request, to know a
# repeated delivery) paid for an fsync as its connection closed. With it, the
# log is checkpointed as it grows (every 1,000 pages), in whatever commit
# crosses that line. Kept for the few most recent stores, and closed at exit.
_ANCHORS: OrderedDict[str, tuple[int, sqlite3.Connection]] = OrderedDict()
_ANCHORS_KEPT = 4
_anchors_lock = threading.Lock()


def _anchor(path: str) -> None:
    """Keep the store at `path` open in this process, in WAL mode (a new file, or one put in
    its place since, gets a new idle connection)."""
    key = os.path.realpath(path)
    with _anchors_lock:
        kept = _ANCHORS.get(key)
        inode = os.stat(path).st_ino if os.path.exists(path) else None
        if kept and kept[0] == inode:
            _ANCHORS.move_to_end(key)
            return
        if kept:
            kept[1].close()
        anchor = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
        anchor.execute("PRAGMA journal_mode=WAL")
        anchor.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the log, so it stays open
        _ANCHORS[key] = (os.stat(path).st_ino, anchor)
        _ANCHORS.move_to_end(key)
        while len(_ANCHORS) > _ANCHORS_KEPT:
            _ANCHORS.popitem(last=False)[1][1].close()


@atexit.register
def _close_anchors() -> None:
    with _anchors_lock:
        while _ANCHORS:
            _ANCHORS.popitem()[1][1].close()


def open_db(path: str | Path | None = None, create: bool = True) -> Store:
    """A migrated database with WAL, foreign keys and a busy timeout set.
    create=False: a store that does not exist raises StoreMissing instead of being made."""
    path = str(path or default_path())
    if path != ":memory:":
        if not create and not Path(path).is_file():
            raise StoreMissing(f"no store at {path}")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            _anchor(path)
        except sqlite3.DatabaseError as err:
            if type(err) is not sqlite3.DatabaseError:  # locked, read-only…: not a question of what the file is
                raise
            raise StoreUnreadable(f"{path} is not a scrutiny store ({err})") from None
    # isolation_level=None: no implicit (deferred) BEGIN before a write; a write
    # outside atomic() is its own statement-long transaction
    # check_same_thread off: a connection kept idle (connect below) may serve its next unit of
    # work on another of the bot's threads; it never serves two at once
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    db = Store(conn, execute_plugins=False)  # no sqlite-utils plugins: looking for them reads every installed package
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # the first read of the file: one that is not SQLite fails here
    except sqlite3.DatabaseError as err:
        conn.close()
        if type(err) is not sqlite3.DatabaseError:  # locked, read-only…: not a question of what the file is
            raise
        raise StoreUnreadable(f"{path} is not a scrutiny store ({err})") from None
    with db.ensure_autocommit_on():
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        db.execute("PRAGMA synchronous=NORMAL")
    migrate(db)
    return db


# A new connection reads the whole schema (about 130 tables, indexes and triggers)
# before its first statement, and each full-text index connects again: more than
# the statements of a typical command. So a connection whose unit of work ended
# cleanly (no transaction open, no error) is kept idle and handed to the next unit
# of work in this process; each unit still has a connection of its own. Kept per
# store file: while a kept connection holds the file open, no other file can take
# its inode number, so (device, inode) says a store was not replaced since.
_IDLE: OrderedDict[tuple[str, int, int], list[Store]] = OrderedDict()
_IDLE_PER_STORE = 4
_IDLE_STORES = 4
_idle_lock = threading.Lock()
_idle_pid = os.getpid()


def _identity(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return os.path.realpath(path), st.st_dev, st.st_ino


def _take_idle(path: str, key: tuple[str, int, int] | None) -> Store | None:
    global _idle_pid
    if key is None:
        return None
    with _idle_lock:
        if _idle_pid != os.getpid():  # a forked child never uses its parent's connections
            _IDLE.clear()
            _idle_pid = os.getpid()
        for other in [k for k in _IDLE if k[0] == key[0] and k != key]:  # the file was replaced: its old connections go
            for db in _IDLE.pop(other):
                db.close()
        kept = _IDLE.get(key)
        if kept:
            _IDLE.move_to_end(key)
            return kept.pop()
    return None


def _give_back(db: Store, key: tuple[str, int, int] | None) -> bool:
    """Keep a connection whose unit of work is over for the next one; False: close it."""
    if key is None or os.getpid() != _idle_pid:
        return False
    try:
        if db.conn.in_transaction:
            return False
        db.conn.set_trace_callback(None)
    except sqlite3.ProgrammingError:  # closed by its user
        return False
    db._tracer = None
    with _idle_lock:
        kept = _IDLE.setdefault(key, [])
        _IDLE.move_to_end(key)
        if len(kept) >= _IDLE_PER_STORE:
            return False
        kept.append(db)
        while len(_IDLE) > _IDLE_STORES:
            for old in _IDLE.popitem(last=False)[1]:
                old.close()
    return True


@atexit.register
def _close_idle() -> None:
    with _idle_lock:
        while _IDLE:
            for db in _IDLE.popitem()[1]:
                db.close()


@contextmanager
def connect(path: str | Path | None = None, create: bool = True) -> Iterator[Database]:
    """A connection for one unit of work (a command, a sweep, an ingest run)."""
    path = str(path or default_path())
    key = _identity(path) if path != ":memory:" else None
    db = _take_idle(path, key)
    if db is None:
        db = open_db(path, create)
        key = _identity(path) if path != ":memory:" else None
    clean = False
    try:
        yield db
        clean = True
    finally:
        if not (clean and _give_back(db, key)):
            db.close()
