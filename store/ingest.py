"""Reading files and folders of papers into the store, one transaction per paper.
A bad file is reported with a one-line reason and the others go on."""
from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from corpus import ExemptPaper, UnreadableDocument, parse_bytes
from corpus.doubts import found_nothing

from .save import CannotSave, already_saved, content_hash, save_document

log = logging.getLogger(__name__)

PAPER_SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}
SIDECAR = ".meta.json"
WORD_SUFFIXES = {".doc", ".docx", ".docm", ".rtf", ".odt"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class FileOutcome:
    path: str
    # new | updated | unchanged | empty (read, but nothing found) | exempt (exempt as a whole) | failed |
    # skipped (not a paper: never read); empty and exempt are not stored
    status: str
    reason: str | None = None
    committee: str | None = None
    meeting_date: str | None = None
    actions: int = 0
    warnings: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # exempt business not stored
    kind: str | None = None
    items: int = 0
    people: int = 0
    programme_rows: int = 0
    actions_without_owner: int = 0

    def read(self) -> str:
        """What was read, in one line: "minutes 2024-01-09 Place Panel: 7 items, 3 actions (1 without owner), ..."."""
        unowned = f" ({self.actions_without_owner} without owner)" if self.actions_without_owner else ""
        return (f"{self.kind or '?'} {self.meeting_date or '(no date)'} {self.committee or '(no committee)'}: "
                f"{self.items} items, {self.actions} actions{unowned}, {self.people} people, {self.programme_rows} programme rows")


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def summary(self) -> str:
        """A line of counts, then each paper read with what it held and its warnings, then each failure."""
        counts = self.counts()
        papers = len(self.outcomes) - counts["skipped"]
        lines = [f"{papers} paper{'s' if papers != 1 else ''}: {counts['new']} new, {counts['updated']} updated, "
                 f"{counts['unchanged']} unchanged, " + (f"{counts['exempt']} exempt, " if counts['exempt'] else "")
                 + f"{counts['failed']} failed"
                 + (f", {counts['empty']} read but nothing found" if counts["empty"] else "")
                 + (f"; {counts['skipped']} other file{'s' if counts['skipped'] != 1 else ''} skipped" if counts["skipped"] else "")]
        for outcome in self.outcomes:
            if outcome.status in ("new", "updated"):
                lines.append(f"  {outcome.status:<8}  {outcome.path}: {outcome.read()}")
            elif outcome.status == "empty":
                lines.append(f"  nothing   {outcome.path}: {outcome.reason}")
        for outcome in self.failed:
            lines.append(f"  failed    {outcome.path}: {outcome.reason}")
        for outcome in self.outcomes:
            if outcome.status == "exempt":
                lines.append(f"  left out  {outcome.path}: {outcome.reason}")
            for part in outcome.left_out:
                lines.append(f"  left out  {outcome.path}: exempt business, {part}")
        for outcome in self.outcomes:
            if outcome.status in ("new", "updated", "empty"):
                lines.extend(f"  warning   {outcome.path}: {warning}" for warning in outcome.warnings)
        for outcome in self.outcomes:
            if outcome.status == "skipped":
                lines.append(f"  skipped   {outcome.path}: {outcome.reason}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The report for scripts: counts, and every paper with what it held."""
        counts = self.counts()
        return {"counts": {status: counts[status] for status in ("new", "updated", "unchanged", "empty", "exempt", "failed", "skipped")},
                "papers": [asdict(o) for o in self.outcomes]}


def _skip_reason(path: Path) -> str | None:
    """Why a file in a folder is not read as a paper, or None when it is one (or a paper's sidecar)."""
    suffix = path.suffix.lower()
    if path.name.endswith(SIDECAR):
        paper = path.with_name(path.name[:-len(SIDECAR)])
        return None if paper.is_file() else f"a {SIDECAR} with no paper named {paper.name} beside it"
    if suffix in PAPER_SUFFIXES:
        return None
    if suffix in WORD_SUFFIXES:
        return "a Word document: save it as PDF, HTML or text first"
    return (f"not a kind of paper I read ({suffix or 'no extension'}): "
            f"papers are {', '.join(sorted(PAPER_SUFFIXES))}")


def _walk(folder: Path, files: list[Path], skipped: list[FileOutcome]) -> None:
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            skipped.append(FileOutcome(str(path), "skipped", "hidden " + ("folder" if path.is_dir() else "file") + ", not read"))
        elif path.is_dir():
            _walk(path, files, skipped)
        elif path.is_file():
            reason = _skip_reason(path)
            if reason:
                skipped.append(FileOutcome(str(path), "skipped", reason))
            elif not path.name.endswith(SIDECAR):
                files.append(path)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Files named, and papers found under folders named, in a stable order; and every file
    not read (missing, or in a folder and not a paper), each with its reason."""
    files: list[Path] = []
    others: list[FileOutcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[Path] = []
            _walk(path, found, others)
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            others.append(FileOutcome(str(path), "failed", "no such file or folder"))
    return files, others


def sidecar_hints(path: Path) -> dict[str, str]:
    """Hints kept beside a paper that does not name its committee or council
    (a ModernGov page saved as text often does not): PAPER.meta.json holding
    {"council": "...", "committee": "..."}."""
    meta = path.with_name(path.name + ".meta.json")
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items() if k in ("council", "committee") and v} if isinstance(data, dict) else {}


def ingest_file(db: Database, path: Path, hints: dict[str, str], now: datetime) -> FileOutcome:
    hints = {**hints, **sidecar_hints(path)}
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return FileOutcome(str(path), "failed", f"too large ({size // (1024 * 1024)} MB; papers over {MAX_BYTES // (1024 * 1024)} MB are not read)")
        data = path.read_bytes()
    except OSError as err:
        return FileOutcome(str(path), "failed", f"cannot read: {err.strerror or err}")
    digest = content_hash(data)
    source_key = str(path.resolve())
    known = already_saved(db, digest, source_key)
    if known:
        return FileOutcome(str(path), "unchanged", committee=known.committee, meeting_date=known.meeting_date)
    try:
        doc, text = parse_bytes(data, path.name, hints)
        read = FileOutcome(str(path), "empty", committee=doc.committee, meeting_date=doc.meeting.date, actions=len(doc.actions),
                           warnings=doc.warnings, kind=doc.kind, items=len(doc.items), people=len(doc.attendance),
                           programme_rows=len(doc.work_programme),
                           actions_without_owner=sum(1 for a in doc.actions if not a.owner), left_out=doc.exempt)
        if found_nothing(doc) and doc.meeting.date and doc.committee:
            # an empty meeting in the store would answer "nothing planned" with confidence
            read.reason = "read, but nothing found (no items, no actions, no programme rows); not stored"
            return read
        result = save_document(db, doc, text, source=str(path), source_key=source_key,
                               digest=digest, size=len(data), now=now)
    except ExemptPaper as err:
        return FileOutcome(str(path), "exempt", str(err))
    except (UnreadableDocument, CannotSave) as err:
        return FileOutcome(str(path), "failed", str(err))
    except Exception as err:  # one bad paper must not stop the rest; its transaction was rolled back
        log.exception("ingest of %s failed", path)
        return FileOutcome(str(path), "failed", f"internal error ({type(err).__name__}); nothing of it was saved")
    read.status, read.committee, read.meeting_date = result.status, result.committee, result.meeting_date
    return read


def ingest_paths(db: Database, paths: Iterable[str | Path], hints: dict[str, str] | None = None,
                 now: datetime | None = None,
                 progress: Callable[[int, int, Path], None] | None = None) -> IngestReport:
    files, missing = expand(paths)
    report = IngestReport(outcomes=list(missing))
    now = now or datetime.now().astimezone()
    for index, path in enumerate(files):
        if progress:
            progress(index, len(files), path)
        report.outcomes.append(ingest_file(db, path, hints or {}, now))
    if progress and files:
        progress(len(files), len(files), files[-1])
    return report
