"""Benchmark stores: generated, ingested through the real ingest path, set to a
realistic day, and kept between runs (a 150,000-meeting store takes hours to
build on a 2-core machine).

A store lives in `$SCRUTINY_BENCH_STORES/m<meetings>/` (default bench/stores/):
`store.db`, and `build.json` with what building it measured (papers, ingest
rate, its baseline, peak memory, the machine's load while it ran). A store is
reused while its build.json says it was built by the same generator; `--rebuild`
builds it again.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = "national-2"
TODAY = date(2020, 1, 15)  # mid-history: five years of papers before it, five after
FOLLOWED = 0  # the bench's workspace follows the country's first council


def stores_dir() -> Path:
    return Path(os.environ.get("SCRUTINY_BENCH_STORES") or ROOT / "bench" / "stores")


@dataclass
class Store:
    meetings: int
    folder: Path
    build: dict

    @property
    def db_path(self) -> Path:
        return self.folder / "store.db"


def load_average() -> float:
    return os.getloadavg()[0]


def _run_json(args: list[str], env: dict | None = None) -> dict:
    """A bench step in its own process (so that its peak memory is its own); it prints one JSON line last."""
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(meetings: int, rebuild: bool = False, keep_papers: bool | None = None, log=print) -> Store:
    folder = stores_dir() / f"m{meetings}"
    marker = folder / "build.json"
    if marker.exists() and not rebuild:
        info = json.loads(marker.read_text())
        if info.get("generator") == GENERATOR_VERSION and (folder / "store.db").exists():
            return Store(meetings, folder, info)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    papers = folder / "papers"
    log(f"  building the {meetings:,}-meeting store in {folder} (generating papers)…")
    start = time.perf_counter()
    generated = _run_json(["-m", "bench.steps", "generate", str(papers), str(meetings)])
    generate_s = time.perf_counter() - start
    log(f"  {generated['papers']:,} papers, {generated['mb']:,.0f} MB in {generate_s:.0f} s; "
        f"measuring the baseline (parsing them on every core, no store)…")
    baseline = _run_json(["-m", "bench.steps", "parse", str(papers), str(min(generated["papers"], 2000))])
    # the bulk is loaded on every core; the last 2,000 or so papers (spread over the store) go
    # through `scrutiny ingest`'s own path into the nearly full store: the measured ingest rate
    every = max(1, generated["papers"] // 2000)
    bulk = None
    if every > 1:
        log(f"  loading the bulk (every core parsing, one writer)…")
        bulk = _run_json(["-m", "bench.steps", "load", str(folder / "store.db"), str(papers), str(every)])
        log(f"  {bulk['papers']:,} papers at {bulk['per_s']:.1f}/s")
    log(f"  ingesting {'the rest' if bulk else 'them'} through `scrutiny ingest`'s own path…")
    load_before = load_average()
    ingest = _run_json(["-m", "bench.steps", "ingest", str(folder / "store.db"), str(papers), str(every)])
    log(f"  {ingest['papers']:,} papers at {ingest['per_s']:.1f}/s; setting the day and the workspace…")
    setup = _run_json(["-m", "bench.steps", "setup", str(folder / "store.db")])
    info = {"generator": GENERATOR_VERSION, "meetings": meetings, "built": time.strftime("%Y-%m-%d %H:%M"),
            "generate_s": generate_s, "papers_mb": generated["mb"], "baseline": baseline, "bulk": bulk, "ingest": ingest,
            "setup": setup, "load": [load_before, load_average()],
            "db_mb": (folder / "store.db").stat().st_size / 2**20}
    marker.write_text(json.dumps(info, indent=1))
    if keep_papers is False or (keep_papers is None and meetings > 20000):
        shutil.rmtree(papers)  # a national store's papers are many gigabytes
    return Store(meetings, folder, info)
