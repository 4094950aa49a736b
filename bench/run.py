"""Benchmarks, run by hand (never by the tests): figures, and ratios against a
baseline measured in the same run on the same machine.

    python bench/run.py                 # sizes 100 and 1,000 meetings
    python bench/run.py --sizes 100 1000 10000

Prints, per size: papers written, ingest papers/s (and the baseline: reading
and hashing the same files), peak RSS, re-ingest (unchanged) papers/s, and
database size per 1,000 papers; and once: the time to parse the largest
bundled paper (86 KB).
"""
from __future__ import annotations

import argparse
import hashlib
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from corpus import demo_corpus, parse_bytes  # noqa: E402
from store import queries  # noqa: E402
from store import connect  # noqa: E402
from store.ingest import expand, ingest_paths  # noqa: E402

COMMANDS = [("next", "next {panel}"), ("actions", "actions {panel}"), ("recommendations", "recommendations {panel} all"), ("find (common word)", "find budget"),
            ("find (acronym)", "find EHCP"), ("find (typo)", "find safegaurding"), ("history", "history SEND")]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_parse() -> dict:
    paper = max(demo_corpus().glob("*.txt"), key=lambda p: p.stat().st_size)
    data = paper.read_bytes()
    parse_bytes(data, paper.name)  # warm: regex compilation, imports
    times = []
    for _ in range(20):
        start = time.perf_counter()
        parse_bytes(data, paper.name)
        times.append(time.perf_counter() - start)
    return {"paper": paper.name, "kb": len(data) / 1024, "median_s": statistics.median(times), "max_s": max(times)}


def bench_ingest(meetings: int, work: Path) -> dict:
    papers_dir = work / f"papers_{meetings}"
    generate(papers_dir, meetings)
    files, _ = expand([papers_dir])
    start = time.perf_counter()
    for path in files:
        hashlib.sha256(path.read_bytes()).hexdigest()
    baseline = time.perf_counter() - start

    db_path = work / f"bench_{meetings}.db"
    with connect(db_path) as db:
        start = time.perf_counter()
        report = ingest_paths(db, [papers_dir])
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest_paths(db, [papers_dir])
        second = time.perf_counter() - start
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        panel = queries.committees(db)[0]
        first_meeting = db.execute("SELECT min(date) FROM meetings WHERE committee_id = ?", [panel.id]).fetchone()[0]
        actions = db.execute("SELECT count(*) FROM actions").fetchone()[0]
        recommendations = db.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    failed = report.counts()["failed"]
    size_mb = db_path.stat().st_size / (1024 * 1024)
    return {
        "meetings": meetings, "papers": len(files), "failed": failed,
        "ingest_per_s": len(files) / first, "baseline_per_s": len(files) / baseline,
        "reingest_per_s": len(files) / second, "unchanged": again.counts()["unchanged"],
        "rss_mb": peak_rss_mb(), "db_mb_per_1000": size_mb / len(files) * 1000,
        "db_path": db_path, "today": first_meeting, "actions": actions, "recommendations": recommendations,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=60, help="requests per command and size")
    args = parser.parse_args()

    parsed = bench_parse()
    print(f"parse {parsed['paper']} ({parsed['kb']:.0f} KB): median {parsed['median_s'] * 1000:.0f} ms, "
          f"max {parsed['max_s'] * 1000:.0f} ms (target < 500 ms)")
    print()
    print(f"{'meetings':>9} {'papers':>7} {'actions':>8} {'ingest/s':>9} {'read+hash/s':>12} {'ratio':>7} {'re-ingest/s':>12} "
          f"{'peak RSS MB':>12} {'DB MB/1k papers':>16}")
    stores = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            r = bench_ingest(size, Path(tmp))
            stores.append(r)
            print(f"{r['meetings']:>9,} {r['papers']:>7,} {r['actions']:>8,} {r['ingest_per_s']:>9.0f} {r['baseline_per_s']:>12.0f} "
                  f"{r['baseline_per_s'] / r['ingest_per_s']:>6.0f}x {r['reingest_per_s']:>12.0f} {r['rss_mb']:>12.0f} "
                  f"{r['db_mb_per_1000']:>16.1f}" + (f"  ({r['failed']} failed!)" if r["failed"] else ""))
        print("targets: ingest >= 50 papers/s; peak RSS <= 300 MB at 10,000 meetings")
        print("recommendations tracked: " + ", ".join(f"{r['recommendations']:,} at {r['meetings']:,} meetings" for r in stores))

        from bench.latency import measure
        print(f"\n{'meetings':>9} {'command':<20} {'p50 ms':>8} {'p99 ms':>8} {'bare p50':>9} {'bare p99':>9} {'p50 ratio':>10}")
        for r in stores:
            for row in measure(r["db_path"], r["today"], COMMANDS, runs=args.runs):
                print(f"{r['meetings']:>9,} {row['label']:<20} {row['p50'] * 1000:>8.1f} {row['p99'] * 1000:>8.1f} "
                      f"{row['base_p50'] * 1000:>9.2f} {row['base_p99'] * 1000:>9.2f} {row['p50'] / max(row['base_p50'], 1e-6):>9.0f}x")
        print("targets: next/actions p99 <= 50 ms; find p99 <= 150 ms")

        from bench.sweep import measure_sweep
        print(f"\n{'meetings':>9} {'recipients':>11} {'plan (nothing due) ms':>22} {'sweep, reminders due':>21} {'sent':>6} {'baseline: bare meetings query ms':>33}")
        for r in stores:
            row = measure_sweep(r["db_path"])
            print(f"{r['meetings']:>9,} {row['recipients']:>11,} {row['idle_ms']:>22.1f} {row['busy_ms']:>19.0f}ms {row['sent']:>6} {row['bare_ms']:>33.2f}")
        print("target: sweep <= 1 s at 10,000 meetings")


if __name__ == "__main__":
    main()
