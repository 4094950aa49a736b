"""Panel matching at national scale, run by hand (never by the tests):

    python bench/panels.py                # 100, 1,500 and 3,000 panels

Prints, per size, the time of `next <name>` for names that fit one panel, many
panels, a typo and no panel, next to the baseline measured in the same run:
reading every panel (`SELECT … FROM committees`), which any matching must do.
Matching should grow like the baseline (near-linear), not with its square.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers import dispatch  # noqa: E402
from store import open_db, queries  # noqa: E402

TOPICS = ["Children and Young People", "Adults and Health", "Place", "Resources", "Children's Services",
          "Economy and Environment", "Communities", "Health and Wellbeing", "Corporate", "Housing", "Licensing",
          "Education and Skills", "Transport", "Planning", "Audit and Governance", "Crime and Disorder"]
KINDS = ["Scrutiny Committee", "Overview and Scrutiny Panel", "Select Committee", "Scrutiny Board", "Scrutiny Panel"]
NAMES = ["children", "health", "childrn and young people", "licencing", "martian affairs"]


def fill(db, panels: int) -> None:
    rng = random.Random(3)
    rows = []
    for c in range(panels // 4 + 1):
        council = f"{rng.choice(['North', 'South', 'East', 'West', 'Mid', 'Upper'])}{c} {rng.choice(['County', 'Borough', 'District', 'City'])} Council"
        for name in rng.sample([f"{t} {k}" for t in TOPICS for k in KINDS], 4):
            rows.append((council, name, re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")))
    db.conn.executemany("INSERT INTO committees (council, name, slug, created_at) VALUES (?, ?, ?, '2020-01-01')",
                        rows[:panels])
    db.conn.commit()


def timed(run, repeat: int = 30) -> float:
    run()  # warm: the panel index is built once per version of the committees table
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1500, 3000])
    args = parser.parse_args()
    now = datetime(2024, 1, 1, 9, tzinfo=ZoneInfo("Europe/London"))
    print(f"{'panels':>7} {'baseline ms':>12} " + " ".join(f"{n[:14]:>15}" for n in NAMES))
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            db = open_db(Path(folder) / "panels.db")
            fill(db, size)
            base = timed(lambda: queries.committees(db))
            figures = [timed(lambda name=name: dispatch(f"next {name}", db, now)) for name in NAMES]
            print(f"{size:>7} {base * 1000:>12.2f} "
                  + " ".join(f"{f * 1000:>8.2f} ({f / base:>4.1f}x)" for f in figures))
            db.close()


if __name__ == "__main__":
    main()
