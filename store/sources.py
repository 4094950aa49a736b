"""What the store keeps about council sites: each registered source, what each
fetched URL looked like (validators), and which meetings a site listed.

A validator (ETag, Last-Modified) is written only inside the transaction that
stores what it validates, and it only counts while that document is stored and
was read by this parser version: a crash, a failed parse or a newer parser all
mean the next sync asks for the whole thing again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from . import audit


@dataclass
class Source:
    url: str
    council: str | None
    committee_filter: str | None
    allow_private: bool
    last_sync_at: str | None = None
    last_status: str | None = None
    last_report: dict | None = None


def _parser_version() -> str:
    from corpus import PARSER_VERSION  # the parser: loaded only by a sync, never by a command
    return PARSER_VERSION


def validators(db: Database, url: str) -> tuple[str | None, str | None] | None:
    """(ETag, Last-Modified) for a URL whose document is stored and current; else None."""
    row = db.execute(
        "SELECT f.etag, f.last_modified FROM fetch_cache f WHERE f.url = ? AND EXISTS"
        " (SELECT 1 FROM documents d WHERE d.source_key = f.url AND d.parser_version = ?)",
        [url, _parser_version()]).fetchone()
    return (row[0], row[1]) if row and (row[0] or row[1]) else None


def remember_validators(db: Database, url: str, etag: str | None, last_modified: str | None, digest: str | None,
                        now: datetime) -> None:
    """Call inside the transaction that stores what the response held."""
    db.execute(
        "INSERT INTO fetch_cache (url, etag, last_modified, content_hash, fetched_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
        " content_hash = COALESCE(excluded.content_hash, content_hash), fetched_at = excluded.fetched_at",
        [url, etag, last_modified, digest, now.isoformat(timespec="seconds")])


def synced_papers(db: Database, site: str, meeting_id: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(meeting date, [(title, url)]) as the site last listed them for this meeting."""
    row = db.execute("SELECT meeting_date, papers FROM synced_meetings WHERE site = ? AND mg_meeting_id = ?",
                     [site, meeting_id]).fetchone()
    return (row[0], [tuple(p) for p in json.loads(row[1] or "[]")]) if row else None


def record_synced_meeting(db: Database, site: str, meeting_id: str, committee_id: str, committee: str, meeting_date: str,
                          papers: list[tuple[str, str]], now: datetime) -> None:
    db.execute("INSERT INTO synced_meetings (site, mg_meeting_id, mg_committee_id, committee, meeting_date, last_seen_at, papers)"
               " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, mg_meeting_id) DO UPDATE SET meeting_date = excluded.meeting_date,"
               " last_seen_at = excluded.last_seen_at, gone = 0, papers = excluded.papers",
               [site, meeting_id, committee_id, committee, meeting_date, now.isoformat(timespec="seconds"), json.dumps(papers)])


def listed_meetings(db: Database, site: str, committee_id: str, since: date, until: date) -> list[tuple[str, str]]:
    """(site meeting id, date) of meetings the site listed before, between those dates, not yet gone."""
    return db.execute("SELECT mg_meeting_id, meeting_date FROM synced_meetings WHERE site = ? AND mg_committee_id = ?"
                      " AND gone = 0 AND meeting_date BETWEEN ? AND ?",
                      [site, committee_id, since.isoformat(), until.isoformat()]).fetchall()


def mark_gone(db: Database, site: str, meeting_id: str) -> None:
    db.execute("UPDATE synced_meetings SET gone = 1 WHERE site = ? AND mg_meeting_id = ?", [site, meeting_id])


def _source(row) -> Source:
    return Source(row[0], row[1], row[2], bool(row[3]), row[4], row[5], json.loads(row[6]) if row[6] else None)


_SOURCE_SQL = "SELECT url, council, committee_filter, allow_private, last_sync_at, last_status, last_report FROM sources"


def sources(db: Database) -> list[Source]:
    return [_source(row) for row in db.execute(_SOURCE_SQL + " ORDER BY url")]


def source(db: Database, url: str) -> Source | None:
    row = db.execute(_SOURCE_SQL + " WHERE url = ?", [url]).fetchone()
    return _source(row) if row else None


def record_sync(db: Database, url: str, council: str | None, committee: str | None, allow_private: bool, status: str,
                report: dict, now: datetime) -> None:
    """The outcome of a sync; the first one registers the site for the nightly sync."""
    stamp = now.isoformat(timespec="seconds")
    with db.atomic():
        db.execute("INSERT INTO sources (url, council, committee_filter, added_at, last_sync_at, last_status, last_report,"
                   " allow_private) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                   " council = COALESCE(excluded.council, council),"
                   " committee_filter = COALESCE(excluded.committee_filter, committee_filter),"
                   " allow_private = excluded.allow_private OR allow_private,"
                   " last_sync_at = excluded.last_sync_at, last_status = excluded.last_status, last_report = excluded.last_report",
                   [url, council, committee, stamp, stamp, status, json.dumps(report), int(allow_private)])


@dataclass
class Removed:
    source: Source
    papers_removed: int
    papers_kept: int


def remove_source(db: Database, url: str, by: str, now: datetime, with_papers: bool = False) -> Removed | None:
    """Stop syncing a site (audited): its registration and what was remembered of it go;
    the papers read from it stay unless with_papers."""
    found = source(db, url)
    if found is None:
        return None
    prefix = url.rstrip("/") + "/"
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with db.atomic():
        found_docs = db.execute("SELECT id, kind FROM documents WHERE source LIKE ? ESCAPE '\\'", [like]).fetchall()
        papers = [document_id for document_id, kind in found_docs if kind != "listing"]  # listings are the site's calendar
        removed = 0
        if with_papers and found_docs:
            from .save import remove_documents  # the parser loads with it: only when papers go
            remove_documents(db, [document_id for document_id, _kind in found_docs], now)
            removed = len(papers)
        db.execute("DELETE FROM sources WHERE url = ?", [url])
        db.execute("DELETE FROM synced_meetings WHERE site = ?", [url])
        db.execute("DELETE FROM fetch_cache WHERE url LIKE ? ESCAPE '\\'", [like])
        before = {"url": found.url, "council": found.council, "committee_filter": found.committee_filter,
                  "allow_private": found.allow_private, "papers": len(papers)}
        audit.record(db, by, "source_removed", url, before, {"papers_removed": removed}, now)
    return Removed(found, removed, len(papers) - removed)


def restore_source(db: Database, state: dict, now: datetime) -> None:
    """Undo a removal: the site is registered again (its papers come back at the next sync)."""
    db.execute("INSERT OR IGNORE INTO sources (url, council, committee_filter, added_at, allow_private) VALUES (?, ?, ?, ?, ?)",
               [state["url"], state.get("council"), state.get("committee_filter"), now.isoformat(timespec="seconds"),
                int(bool(state.get("allow_private")))])
