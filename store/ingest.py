"""Reading files and folders of papers into the store, one transaction per paper.
A bad file is reported with a one-line reason and the others go on."""
from __future__ import annotations

import json
import os
import stat
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from corpus import UnreadableDocument
from corpus.doubts import found_nothing
from corpus.bounded import Job, Read, ReaderPool, shared_pool
from corpus.files import file_kind, read_paper_file
from corpus.parse import MAX_NAME_CHARS

from .save import CannotSave, already_saved, content_hash, save_document

log = logging.getLogger(__name__)

PAPER_SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}
SIDECAR = ".meta.json"
WORD_SUFFIXES = {".doc", ".docx", ".docm", ".rtf", ".odt"}


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
                f"{_count(self.items, 'item')}, {_count(self.actions, 'action')}{unowned}, "
                f"{_count(self.people, 'person', 'people')}, {_count(self.programme_rows, 'programme row')}")


def _count(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


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


def _walk(folder: Path, files: list[Path], skipped: list[FileOutcome], root: Path | None = None,
          walked: set[Path] | None = None) -> None:
    """Papers under folder, in a stable order. Links to files are read; a link to a folder is
    followed only within the folder given, and no folder is walked twice, so a link such as
    `up -> ..` can neither lead out of it nor round a loop. Anything not read is named."""
    root = root or folder.resolve()
    walked = walked if walked is not None else {root}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            skipped.append(FileOutcome(str(path), "skipped", "hidden " + ("folder" if path.is_dir() else "file") + ", not read"))
            continue
        try:
            mode = os.stat(path).st_mode  # follows links: a link to /dev/zero is a device
        except OSError:
            skipped.append(FileOutcome(str(path), "skipped", "a link to nothing" if path.is_symlink() else "cannot be read"))
            continue
        if stat.S_ISDIR(mode):
            target = path.resolve()
            if target in walked:
                skipped.append(FileOutcome(str(path), "skipped", "a folder already read (through a link), not read again"))
            elif not target.is_relative_to(root):
                skipped.append(FileOutcome(str(path), "skipped", "a link to a folder outside the one given, not followed"))
            else:
                walked.add(target)
                _walk(path, files, skipped, root, walked)
        elif not stat.S_ISREG(mode):
            skipped.append(FileOutcome(str(path), "skipped", f"{file_kind(mode)}, not a paper file"))
        else:
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


def check_hints(hints: dict[str, str], where: str) -> dict[str, str]:
    """Council and committee names given beside the papers, refused when they
    cannot be names (a sidecar once held a 120,000-character committee)."""
    for key, value in hints.items():
        if len(value) > MAX_NAME_CHARS:
            raise UnreadableDocument(f"the {key} name in {where} is {len(value):,} characters long; "
                                     f"a name has at most {MAX_NAME_CHARS}")
        if any(ord(ch) < 32 for ch in value):
            raise UnreadableDocument(f"the {key} name in {where} holds control characters")
    return hints


def sidecar_hints(path: Path) -> dict[str, str]:
    """Hints kept beside a paper that does not name its committee or council
    (a ModernGov page saved as text often does not): PAPER.meta.json holding
    {"council": "...", "committee": "..."}."""
    meta = path.with_name(path.name + SIDECAR)
    if not meta.is_file():
        return {}
    try:
        data = json.loads(read_paper_file(meta, max_bytes=1024 * 1024).decode("utf-8"))
    except UnreadableDocument as err:
        raise UnreadableDocument(f"{meta.name}: {err}") from None
    except (OSError, ValueError):
        return {}
    hints = {k: str(v).strip() for k, v in data.items() if k in ("council", "committee") and v} if isinstance(data, dict) else {}
    return check_hints(hints, meta.name)


@dataclass
class _Pending:
    """A paper read from disk and not already in the store: its parse is under way."""
    path: Path
    data: bytes
    digest: str
    source_key: str
    hints: dict[str, str]


def _prepare(db: Database, path: Path, hints: dict[str, str]) -> FileOutcome | _Pending:
    """The checks made before a paper is parsed: its hints, its bytes, whether the store has them."""
    try:
        hints = {**hints, **sidecar_hints(path)}
        data = read_paper_file(path)
    except UnreadableDocument as err:
        return FileOutcome(str(path), "failed", str(err))
    except OSError as err:
        return FileOutcome(str(path), "failed", f"cannot read: {err.strerror or err}")
    digest = content_hash(data)
    source_key = str(path.resolve())
    known = already_saved(db, digest, source_key)
    if known:
        return FileOutcome(str(path), "unchanged", committee=known.committee, meeting_date=known.meeting_date)
    return _Pending(path, data, digest, source_key, hints)


def _save(db: Database, pending: _Pending, read: Read, now: datetime) -> FileOutcome:
    path = pending.path
    if read.exempt:
        return FileOutcome(str(path), "exempt", read.reason)
    if not read.ok:
        return FileOutcome(str(path), "failed", read.reason)
    doc = read.document
    outcome = FileOutcome(str(path), "empty", committee=doc.committee, meeting_date=doc.meeting.date, actions=len(doc.actions),
                          warnings=doc.warnings, kind=doc.kind, items=len(doc.items), people=len(doc.attendance),
                          programme_rows=len(doc.work_programme),
                          actions_without_owner=sum(1 for a in doc.actions if not a.owner), left_out=doc.exempt)
    if found_nothing(doc) and doc.meeting.date and doc.committee:
        # an empty meeting in the store would answer "nothing planned" with confidence
        outcome.reason = "read, but nothing found (no items, no actions, no programme rows); not stored"
        return outcome
    try:
        result = save_document(db, doc, read.text, source=str(path), source_key=pending.source_key,
                               digest=pending.digest, size=len(pending.data), now=now)
    except CannotSave as err:
        return FileOutcome(str(path), "failed", str(err))
    except Exception as err:  # one bad paper must not stop the rest; its transaction was rolled back
        log.exception("saving %s failed", path)
        return FileOutcome(str(path), "failed", f"internal error ({type(err).__name__}); nothing of it was saved")
    outcome.status, outcome.committee, outcome.meeting_date = result.status, result.committee, result.meeting_date
    return outcome


def ingest_file(db: Database, path: Path, hints: dict[str, str], now: datetime,
                readers: ReaderPool | None = None) -> FileOutcome:
    """One paper, read within bounds and saved in its own transaction."""
    try:
        checked = _prepare(db, Path(path), check_hints(dict(hints), "--council/--committee"))
    except UnreadableDocument as err:
        return FileOutcome(str(path), "failed", str(err))
    if isinstance(checked, FileOutcome):
        return checked
    return _save(db, checked, (readers or shared_pool()).read(checked.data, checked.path.name, checked.hints), now)


def ingest_paths(db: Database, paths: Iterable[str | Path], hints: dict[str, str] | None = None,
                 now: datetime | None = None,
                 progress: Callable[[int, int, Path], None] | None = None,
                 readers: ReaderPool | None = None) -> IngestReport:
    """Papers parsed by worker processes within bounds (corpus.bounded), saved
    here by one writer in the order given, each in its own transaction: the
    write lock is held one paper at a time, so other writers interleave."""
    files, missing = expand(paths)
    report = IngestReport(outcomes=list(missing))
    now = now or datetime.now().astimezone()
    try:
        hints = check_hints(dict(hints or {}), "--council/--committee")
    except UnreadableDocument as err:
        report.outcomes += [FileOutcome(str(path), "failed", str(err)) for path in files]
        return report
    readers = readers or shared_pool()
    outcomes: dict[int, FileOutcome] = {}

    def jobs() -> Iterator[Job]:
        for index, path in enumerate(files):
            checked = _prepare(db, path, hints)
            if isinstance(checked, FileOutcome):
                outcomes[index] = checked
                continue
            yield Job(checked.data, path.name, checked.hints, tag=(index, checked))

    next_index = 0

    def record_ready() -> None:  # outcomes in the order of the files, as each is known
        nonlocal next_index
        while next_index in outcomes:
            report.outcomes.append(outcomes.pop(next_index))
            next_index += 1
            if progress:
                progress(next_index, len(files), files[next_index - 1])

    for job, read in readers.read_all(jobs()):
        index, pending = job.tag
        outcomes[index] = _save(db, pending, read, now)
        job.data = pending.data = b""  # a run of many papers keeps no paper's bytes
        record_ready()
    record_ready()
    return report
