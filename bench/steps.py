"""Steps of building a benchmark store, each run in its own process by
bench/stores.py so that its time and peak memory are its own. Each prints one
line of JSON last.

    python -m bench.steps generate OUT MEETINGS
    python -m bench.steps parse PAPERS COUNT      # the ingest baseline: parsing alone, on every core
    python -m bench.steps load DB PAPERS EVERY  # the bulk, parsed on every core (every EVERY-th paper left out)
    python -m bench.steps ingest DB PAPERS EVERY  # those left out, through scrutiny ingest's own path: the measured rate
    python -m bench.steps setup DB
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from bench.stores import FOLLOWED, TODAY


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def generate(out: str, meetings: str) -> dict:
    from bench.generate import generate as write
    files = write(Path(out), int(meetings), workers=os.cpu_count() or 2)
    return {"papers": len(files), "mb": sum(f.stat().st_size for f in files) / 2**20}


def _parse_one(path: str) -> int:
    from corpus import parse_bytes
    doc, _ = parse_bytes(Path(path).read_bytes(), Path(path).name)
    return len(doc.items)


def parse(papers: str, count: str) -> dict:
    """Parsing alone, on every core: what ingest could reach if saving cost nothing."""
    from store.ingest import expand
    files, _ = expand([papers])
    step = max(1, len(files) // int(count))
    chosen = [str(f) for f in files[::step]][:int(count)]
    workers = os.cpu_count() or 2
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_parse_one, chosen[:workers]))  # start-up and imports are not parsing
        start = time.perf_counter()
        list(pool.map(_parse_one, chosen, chunksize=8))
        took = time.perf_counter() - start
    return {"papers": len(chosen), "per_s": len(chosen) / took, "workers": workers}


def _read(path: str) -> tuple:
    from corpus import ExemptPaper, UnreadableDocument, parse_bytes
    from store.ingest import sidecar_hints
    from store.save import content_hash
    data = Path(path).read_bytes()
    try:
        doc, text = parse_bytes(data, Path(path).name, sidecar_hints(Path(path)))
    except (UnreadableDocument, ExemptPaper) as err:
        return path, None, str(err), content_hash(data), len(data)
    return path, doc, text, content_hash(data), len(data)


def load(db_path: str, papers: str, every: str) -> dict:
    """The bulk of a large store, quickly: papers parsed on every core, saved in order by
    one writer, each in its own transaction, as ingest saves them; every `every`-th paper
    is left for `ingest` (the measured, real path) to read afterwards."""
    from store import connect
    from store.ingest import expand
    from store.save import save_document
    files, _ = expand([papers])
    bulk = [str(f) for i, f in enumerate(files) if i % int(every)]
    log = open(Path(db_path).with_name("ingest.log"), "a")
    now = datetime.now().astimezone()
    failed = 0
    start = time.perf_counter()
    with connect(db_path) as db, ProcessPoolExecutor(os.cpu_count() or 2) as pool:
        for n, (path, doc, text, digest, size) in enumerate(pool.map(_read, bulk, chunksize=8), 1):
            if doc is None:
                failed += 1
            else:
                save_document(db, doc, text, source=path, source_key=str(Path(path).resolve()), digest=digest,
                              size=size, now=now)
            if n % 1000 == 0:
                log.write(f"{datetime.now():%H:%M:%S} loaded {n}/{len(bulk)} {n / (time.perf_counter() - start):.1f}/s "
                          f"load {os.getloadavg()[0]:.1f}\n")
                log.flush()
    took = time.perf_counter() - start
    return {"papers": len(bulk), "failed": failed, "seconds": took, "per_s": len(bulk) / took}


def ingest(db_path: str, papers: str, every: str = "1") -> dict:
    """`scrutiny ingest`'s own path (store.ingest.ingest_paths) over the papers (every
    `every`-th of them: those `load` left), into the store as it stands."""
    from store import connect
    from store.ingest import expand, ingest_paths
    files, _ = expand([papers])
    chosen = [f for i, f in enumerate(files) if i % int(every) == 0]
    log = open(Path(db_path).with_name("ingest.log"), "a")
    started = time.perf_counter()

    def progress(done: int, total: int, _path: Path) -> None:
        if done % 1000 == 0 or done == total:
            elapsed = time.perf_counter() - started
            log.write(f"{datetime.now():%H:%M:%S} {done}/{total} {done / max(elapsed, 1e-9):.1f}/s "
                      f"load {os.getloadavg()[0]:.1f}\n")
            log.flush()

    load = os.getloadavg()[0]
    with connect(db_path) as db:
        start = time.perf_counter()
        report = ingest_paths(db, chosen, progress=progress)
        took = time.perf_counter() - start
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = report.counts()
    return {"papers": len(report.outcomes), "failed": counts["failed"], "seconds": took,
            "per_s": len(report.outcomes) / took, "peak_mb": _peak_mb(), "workers_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
            "load": [load, os.getloadavg()[0]]}


def setup(db_path: str) -> dict:
    """The bench's day: mid-history, with the follow-ups officers would have
    closed by then marked done (most old ones, some recent ones), and the
    workspace following one council."""
    from store import connect
    today = TODAY.isoformat()
    # a sixteenth of the hex digits of an action's key: a fixed, even spread of actions
    share = "(instr('0123456789abcdef', substr(a.action_key, 1, 1)) - 1)"
    with connect(db_path) as db:
        with db.atomic():
            for older_than, done_in_16 in ((180, 13), (30, 8), (0, 2)):
                since = (TODAY - timedelta(days=older_than)).isoformat()
                db.execute(f"""UPDATE action_status SET status = 'done', done_by = 'bench', done_at = :today
                    WHERE status = 'open' AND action_key IN (
                        SELECT a.action_key FROM actions a JOIN meetings m ON m.id = a.meeting_id
                        WHERE m.date < :since AND {share} < :share)""",
                           {"today": today, "since": since, "share": done_in_16})
            council = db.execute("SELECT council FROM committees ORDER BY id LIMIT 1").fetchone()[0]
        if FOLLOWED == 0:
            from store.queries import set_followed
            set_followed(db, [council], "bench", datetime.combine(TODAY, datetime.min.time()))
        one = lambda sql, *args: db.execute(sql, args).fetchone()[0]  # noqa: E731
        return {
            "today": today, "followed": council,
            "councils": one("SELECT count(DISTINCT council) FROM committees"),
            "panels": one("SELECT count(*) FROM committees"),
            "meetings": one("SELECT count(*) FROM meetings"),
            "papers": one("SELECT count(*) FROM documents"),
            "items": one("SELECT count(*) FROM items"),
            "actions": one("SELECT count(*) FROM actions"),
            "open_by_today": one("SELECT count(*) FROM actions a JOIN action_status s USING (action_key) "
                                 "JOIN meetings m ON m.id = a.meeting_id WHERE s.status = 'open' AND m.date < ?", today),
            "programme": one("SELECT count(*) FROM programme"),
            "recommendations": one("SELECT count(*) FROM recommendations"),
            "terms": one("SELECT count(*) FROM terms"),
        }


if __name__ == "__main__":
    step, *rest = sys.argv[1:]
    print(json.dumps({"generate": generate, "parse": parse, "load": load, "ingest": ingest, "setup": setup}[step](*rest)))
