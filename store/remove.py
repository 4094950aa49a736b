"""Taking papers and panels out of the store, audited: the demo papers from a live store, a
paper read by mistake, a panel that no longer exists (a site no longer synced: store.sources).
A removal cannot be undone from the audit: reading the paper (or syncing the site) again
brings it back, with the done state of its actions, which is kept apart."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from . import audit
from .save import remove_documents


@dataclass
class PaperRow:
    id: int
    source: str
    kind: str
    committee_id: int
    committee: str
    meeting_date: str


_PAPER_SQL = """SELECT d.id, d.source, d.kind, d.committee_id, c.name, m.date FROM documents d
                JOIN committees c ON c.id = d.committee_id JOIN meetings m ON m.id = d.meeting_id"""


def papers_from(db: Database, source: str) -> list[PaperRow]:
    """Papers whose source is this path or URL (as given, or the file it names), or under this folder or site."""
    wanted = {source.rstrip("/")}
    if not source.startswith(("http://", "https://")):
        wanted.add(str(Path(source).resolve()).rstrip("/"))
    rows: dict[int, PaperRow] = {}
    for value in wanted:
        for row in db.execute(_PAPER_SQL + " WHERE d.source = ? OR d.source_key = ? OR d.source LIKE ? ESCAPE '\\'"
                              " OR d.source_key LIKE ? ESCAPE '\\' ORDER BY m.date, d.id",
                              [value, value, _under(value), _under(value)]):
            rows[row[0]] = PaperRow(*row)
    return list(rows.values())


def _under(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"


def papers_of_panel(db: Database, committee_id: int) -> list[PaperRow]:
    return [PaperRow(*row) for row in db.execute(_PAPER_SQL + " WHERE d.committee_id = ? ORDER BY m.date", [committee_id])]


def remove_papers(db: Database, papers: list[PaperRow], by: str, at: datetime) -> int:
    with db.atomic():
        if papers:
            remove_documents(db, [p.id for p in papers], at)
        for paper in papers:
            audit.record(db, by, "remove_paper", f"paper:{paper.source}",
                         {"source": paper.source, "kind": paper.kind, "committee": paper.committee,
                          "meeting_date": paper.meeting_date}, None, at)
    return len(papers)


def remove_panel(db: Database, committee_id: int, by: str, at: datetime) -> int:
    """The panel with its papers, meetings, programme, subscriptions and reminder settings; the count of papers."""
    with db.atomic():
        row = db.execute("SELECT council, name, channel FROM committees WHERE id = ?", [committee_id]).fetchone()
        if row is None:
            return 0
        papers = papers_of_panel(db, committee_id)
        if papers:
            remove_documents(db, [p.id for p in papers], at)
        db.execute("DELETE FROM programme WHERE committee_id = ?", [committee_id])
        db.execute("DELETE FROM meeting_mentions WHERE meeting_id IN (SELECT id FROM meetings WHERE committee_id = ?)",
                   [committee_id])
        for table in ("items", "attendance", "actions", "recommendations", "exec_responses", "decisions"):
            db.execute(f"DELETE FROM {table} WHERE meeting_id IN (SELECT id FROM meetings WHERE committee_id = ?)",
                       [committee_id])
        db.execute("DELETE FROM meetings WHERE committee_id = ?", [committee_id])
        db.execute("DELETE FROM committees WHERE id = ?", [committee_id])
        audit.record(db, by, "remove_panel", f"panel:{row[0]}|{row[1]}",
                     {"council": row[0], "name": row[1], "channel": row[2], "papers": len(papers)}, None, at)
    return len(papers)
