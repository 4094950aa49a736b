"""Sync speed: a ModernGov site of N meetings (one minutes paper each, every
item's minutes also in GetMeeting) synced into an empty store with the
politeness delay set to 0, against a baseline measured in the same run: the
same papers ingested from files. Then a second sync of the unchanged site.
Run by hand; no test asserts a time.

    python bench/sync.py                 # 50 meetings (target: first sync under 5 s)
    python bench/sync.py --meetings 200
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import Writer, council, minutes, moderngov_page  # noqa: E402
from bench.sample import real_sample  # noqa: E402
from corpus import parse_bytes  # noqa: E402
from sources.fetch import Fetcher, Site  # noqa: E402
from sources.moderngov import sync_site  # noqa: E402
from store import open_db  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from tests.moderngov_fake import FakeItem, FakeMeeting, FakeModernGov, item_html  # noqa: E402

TARGET_SECONDS = 5.0
FIRST = date(2021, 1, 4)
COUNCIL = council(0)  # the benchmark country's first council (bench/generate.py), with real-size papers
PANELS = [panel.name for panel in COUNCIL.panels]


def papers(folder: Path, meetings: int, seed: int) -> list[tuple[str, date, Path]]:
    """(panel, date, file) for one council's meetings, minutes in text or as a ModernGov page."""
    rng = random.Random(seed)
    writer = Writer(rng, real_sample(), COUNCIL)
    out = []
    for n in range(meetings):
        panel = COUNCIL.panels[n % len(PANELS)]
        when = FIRST + timedelta(days=7 * (n // len(PANELS)) + n % 5)
        items = rng.sample(panel.remit, rng.randint(2, 5))
        if n % 5 == 4:
            path, text = folder / f"m{n:04d}.html", moderngov_page(writer, panel, when, items, 100 + 20 * n)
        else:
            path, text = folder / f"m{n:04d}.txt", minutes(writer, panel, when, items, 100 + 20 * n)
        path.write_text(text, encoding="utf-8")
        out.append((panel.name, when, path))
    return out


def site_of(written: list[tuple[str, date, Path]]) -> FakeModernGov:
    site = FakeModernGov()
    site.committees = {str(300 + i): panel for i, panel in enumerate(PANELS)}
    ids = {panel: key for key, panel in site.committees.items()}
    for n, (panel, when, path) in enumerate(written):
        site.files[f"/documents/{path.name}"] = path.read_bytes()
        doc, _ = parse_bytes(path.read_bytes(), path.name)
        items = [FakeItem(item.number, item.title, item_html(item.text)) for item in doc.items]
        site.meetings[str(5000 + n)] = FakeMeeting(ids[panel], when.strftime("%d/%m/%Y"), items=items,
                                                   papers=[("Printed minutes", f"documents/{path.name}")])
    return site


def timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    now = datetime.combine(FIRST + timedelta(days=7 * (args.meetings // len(PANELS) + 1)), datetime.min.time(),
                           ZoneInfo("Europe/London"))
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "papers").mkdir()
        written = papers(folder / "papers", args.meetings, args.seed)

        baseline_db = open_db(folder / "ingested.db")
        ingest_seconds, report = timed(lambda: ingest_paths(baseline_db, [p for _, _, p in written], now=now))
        baseline_db.close()
        assert not report.failed, report.summary()

        site = site_of(written)
        where = Site.parse(site.url, allow_private=True)
        synced_db = open_db(folder / "synced.db")
        try:
            with Fetcher(where, min_interval=0) as fetcher:
                first_seconds, first = timed(lambda: sync_site(synced_db, where, now, council=COUNCIL.name,
                                                               since=FIRST - timedelta(days=1), fetcher=fetcher))
                first_requests = len(site.requests())
                second_seconds, second = timed(lambda: sync_site(synced_db, where, now, council=COUNCIL.name,
                                                                 since=FIRST - timedelta(days=1), fetcher=fetcher))
                second_requests = len(site.requests()) - first_requests
        finally:
            site.close()
            synced_db.close()
    failed = first.failed or second.failed
    print(f"sync bench: {args.meetings} meetings of {len(PANELS)} committees, one minutes paper each "
          f"(every item's minutes also in GetMeeting); fake site on 127.0.0.1; politeness delay 0")
    print(f"{'':32} {'seconds':>8} {'meetings/s':>11} {'requests':>9} {'ratio to ingest':>16}")
    print(f"{'ingest the papers (baseline)':32} {ingest_seconds:8.2f} {args.meetings / ingest_seconds:11.1f} {'-':>9} {1.0:16.2f}")
    print(f"{'first sync':32} {first_seconds:8.2f} {args.meetings / first_seconds:11.1f} {first_requests:9d} "
          f"{first_seconds / ingest_seconds:16.2f}")
    print(f"{'second sync (nothing changed)':32} {second_seconds:8.2f} {args.meetings / second_seconds:11.1f} "
          f"{second_requests:9d} {second_seconds / ingest_seconds:16.2f}")
    print(f"first sync: {first.new} new records, {first.fetched} papers fetched; second: {second.fetched} papers fetched, "
          f"{second.not_modified} unchanged")
    verdict = "met" if first_seconds < TARGET_SECONDS else "NOT met"
    print(f"target (first sync of 50 meetings under {TARGET_SECONDS:g} s): {verdict}" if args.meetings == 50 else "")
    if failed:
        print(f"failed! {failed[:3]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
