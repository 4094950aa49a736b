"""Watches at scale, run by hand: 1,000 watches matched against each new paper
in a store of 10,000 meetings (target: under 100 ms a paper), printed beside
baselines measured in the same run:

- floor: reading the new paper's rows (the single statement behind any answer);
- naive: each watch's find query run over the whole store, filtered to the new
  paper (what matching would cost without the per-paper index).

    python bench/watches.py                       # 10,000 meetings, 1,000 watches, 20 new papers
    python bench/watches.py --meetings 1000 --watches 1000 --papers 10
    python bench/watches.py --db work.db          # reuse a store built by an earlier run
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import _ACRONYM_TOPICS, _WHATS, Writer, council, generate, minutes  # noqa: E402
from bench.sample import real_sample  # noqa: E402
from handlers.watches import match_new_papers, readings  # noqa: E402
from store import connect  # noqa: E402
from store import watches as store  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from store.search import full_expression  # noqa: E402

LONDON = ZoneInfo("Europe/London")
# what officers and members watch for: acronyms, long forms, single words, phrases, people's typos, words no paper uses
WORDS = ([t.split(" (")[0] for t in _ACRONYM_TOPICS] + [t.split("(")[1].rstrip(")s") for t in _ACRONYM_TOPICS]
         + [w.removeprefix("the ").removeprefix("a ") for w in _WHATS] + ["budget", "potholes", "foster carers", "waiting list", "agency staff", "recruitment", "inspection",
                    "ofsted", "safegaurding", "transprot", "libary", "climate", "flooding", "bus services", "parking",
                    "leisure centres", "council tax", "social housing", "youth services", "dementia", "autism"])


def watch_words(rng: random.Random, count: int) -> list[str]:
    out = []
    for n in range(count):
        first = rng.choice(WORDS)
        out.append(first if n % 3 else f"{first} {rng.choice(['figures', 'plan', 'report', 'costs', 'delays', 'review'])}")
    return out


def build_store(db_path: Path, meetings: int, work: Path) -> None:
    papers = work / "papers"
    generate(papers, meetings)
    with connect(db_path) as db:
        report = ingest_paths(db, [papers], now=datetime(2024, 1, 1, 9, tzinfo=LONDON))
    print(f"store: {meetings:,} meetings, {len(report.outcomes):,} papers read ({report.counts()['failed']} failed)")


def new_paper(rng: random.Random, folder: Path, n: int, run: str) -> Path:
    when = date(2030, 1, 7) + timedelta(days=7 * n)
    home = council(rng.randrange(3))  # a council the store holds at any size
    panel = rng.choice(home.panels)
    path = folder / f"new_{n:03d}_minutes.txt"
    text = minutes(Writer(rng, real_sample(), home), panel, when, rng.sample(panel.remit, rng.randint(2, 5)), 500 + n * 10)
    path.write_text(text + f"\nBenchmark run {run}.\n", encoding="utf-8")  # new bytes each run: a reused store reads it as new
    return path


def naive(db, watches: list, document_id: int) -> float:
    """Each watch's expression over the whole store's indexes, keeping the new paper's rows."""
    start = time.perf_counter()
    for watch in watches:
        for groups in readings(db, watch.words):
            # the store's one index, then the matches kept to the new paper's rows
            rowids = db.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [full_expression(groups)]).fetchall()
            ids = {rowid & ((1 << 29) - 1) for (rowid,) in rowids}
            for table in ("items", "actions", "programme"):
                db.execute(f"SELECT id FROM {table} WHERE document_id = ? AND id IN ({','.join('?' * len(ids)) or 'NULL'})",
                           [document_id, *ids]).fetchall()
    return time.perf_counter() - start


def floor(db, document_id: int) -> float:
    start = time.perf_counter()
    for table in ("items", "actions", "programme"):
        db.execute(f"SELECT * FROM {table} WHERE document_id = ?", [document_id]).fetchall()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--watches", type=int, default=1_000)
    parser.add_argument("--papers", type=int, default=21, help="new papers to match, one at a time (the first after start is reported apart)")
    parser.add_argument("--db", type=Path, help="a store to reuse (built here if missing)")
    parser.add_argument("--naive", type=int, default=3, help="new papers to time the naive baseline on (it is slow)")
    args = parser.parse_args()
    rng = random.Random(17)
    run = datetime.now().isoformat()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_path = args.db or work / "watches.db"
        if not db_path.exists():
            build_store(db_path, args.meetings, work)
        now = datetime(2030, 1, 1, 9, tzinfo=LONDON)
        with connect(db_path) as db:
            db.execute("DELETE FROM watch_hits")
            db.execute("DELETE FROM watches")
            db.execute("DELETE FROM watch_progress")
            meetings = db.execute("SELECT count(*) FROM meetings").fetchone()[0]
            for words in watch_words(rng, args.watches):
                store.add(db, f"user:U{rng.randint(1, 400)}", words, "daily", "bench", now)
            watches = store.active(db)
            match_new_papers(db, now)  # nothing new yet: sets where matching starts
            timings, floors, naives, finds = [], [], [], 0
            for n in range(args.papers):
                path = new_paper(rng, work, n, run)
                ingest_paths(db, [path], now=now + timedelta(days=n))
                document_id = db.execute("SELECT max(id) FROM documents").fetchone()[0]
                floors.append(floor(db, document_id))
                start = time.perf_counter()
                finds += match_new_papers(db, now + timedelta(days=n, minutes=5))
                timings.append(time.perf_counter() - start)
                if n < args.naive:
                    naives.append(naive(db, watches, document_id))
        cold, timings = timings[0], timings[1:]
        ms = sorted(t * 1000 for t in timings)
        print(f"\n{len(watches):,} watches, {meetings:,} meetings in the store, {args.papers} new papers one at a time "
              f"({finds:,} finds recorded)")
        print(f"{'':<38}{'p50 ms':>9}{'max ms':>9}")
        print(f"{'first paper after start (reads every watch)':<38}{cold * 1000:>9.1f}")
        print(f"{'match every watch against the paper':<38}{statistics.median(ms):>9.1f}{ms[-1]:>9.1f}")
        print(f"{'floor: read the paper rows':<38}{statistics.median(floors) * 1000:>9.2f}{max(floors) * 1000:>9.2f}")
        if naives:
            print(f"{'naive: each find over the whole store':<38}{statistics.median(naives) * 1000:>9.1f}{max(naives) * 1000:>9.1f}")
            print(f"matching is {statistics.median(naives) * 1000 / statistics.median(ms):.1f}x faster than the naive way")
        print(f"target: under 100 ms a paper at 10,000 meetings -> {'met' if ms[-1] < 100 else 'NOT met'} (max {ms[-1]:.1f} ms; "
              f"the first paper after the bot starts {cold * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
