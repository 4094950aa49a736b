"""The benchmark, run by hand (never timed by the tests): national-shape stores
of real-size papers, every command with many different words, each beside its
floor, through the real bot over HTTP.

    make bench                                   # 1,000, 10,000 and 150,000 meetings
    python bench/run.py --sizes 1000 10000       # some sizes
    python bench/run.py --quick                  # a small store, few samples: a smoke test
    python bench/run.py --rebuild                # build the stores again (else they are reused)

Prints per size: the store (councils, panels, meetings, papers, actions), how it
was ingested (papers/s beside parsing alone on every core, peak memory), then
per kind of command p50 and p99 through HTTP, the handler alone, its floor and
the ratio of the handler to the floor (per command, then the median), 8 clients
at once, the first command in a new process and after an ingest, the reminder
sweep with 1,000 recipients and with none due, and the cold start of
`scrutiny ask`. Last, how each command's cost grows between the two largest
sizes (the log-log slope: 1.0 grows with the data, 0 not at all).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import latency, stores  # noqa: E402
from bench.sweep import measure_sweep  # noqa: E402
from bench.workload import workload  # noqa: E402
from store import connect  # noqa: E402

TARGETS = {"next": 0.050, "actions": 0.050, "find": 0.150, "history": 0.150}


def _new_paper(store: stores.Store, folder: Path):
    """A new minutes paper for a panel the workspace follows, as the next meeting after the store's last."""
    from bench.generate import Writer, council, minutes
    import random

    c = council(stores.FOLLOWED)
    panel = c.panels[0]

    def make(n: int) -> Path:
        rng = random.Random(f"new-{n}")
        from bench.sample import real_sample
        text = minutes(Writer(rng, real_sample(), c), panel, date(2026, 1, 5 + n), rng.sample(panel.remit, 3), 900 + n * 10)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"new_{n}.txt"
        path.write_text(text, encoding="utf-8")
        return path
    return make


def bench_size(size: int, args, log) -> dict:
    store = stores.build(size, rebuild=args.rebuild, log=log)
    info = store.build
    setup = info["setup"]
    today = date.fromisoformat(setup["today"])
    log(f"\n== {size:,} meetings: {setup['councils']:,} councils, {setup['panels']:,} panels, {setup['meetings']:,} meetings "
        f"known, {setup['papers']:,} papers ({info['papers_mb']:,.0f} MB of text), {setup['actions']:,} actions "
        f"({setup['open_by_today']:,} open on {today:%d %b %Y}), {setup['items']:,} items, {setup['programme']:,} programme rows, "
        f"{setup['terms']:,} distinct words; store {info['db_mb']:,.0f} MB (built {info['built']})")
    ingest, base = info["ingest"], info["baseline"]
    log(f"   ingest: {ingest['per_s']:.1f} papers/s; parsing alone on {base['workers']} cores: {base['per_s']:.1f} papers/s "
        f"(ratio {base['per_s'] / ingest['per_s']:.1f}x); peak RSS {ingest['peak_mb']:.0f} MB"
        + (f", readers {ingest['workers_peak_mb']:.0f} MB" if ingest.get("workers_peak_mb") else "")
        + f"; load average {ingest['load'][0]:.1f}-{ingest['load'][1]:.1f}")
    samples = args.samples
    with connect(store.db_path) as db:
        kinds = workload(db, today, [setup["followed"]], samples)
    # each family the targets name gets `samples` commands in all (its p99), spread over its kinds
    # of words and panels; the other families a tenth of that
    in_family = {f: sum(1 for k in kinds if k.family == f) for f in {k.family for k in kinds}}
    for kind in kinds:
        share = samples if kind.family in TARGETS else max(samples // 10, 1)
        kind.cases = kind.cases[:max(1, math.ceil(share / in_family[kind.family]))]
    log(f"   {len(kinds)} kinds of command, {sum(len(k.cases) for k in kinds):,} commands: " + ", ".join(
        f"{f} {sum(len(k.cases) for k in kinds if k.family == f):,}" for f in in_family)
        + f" (load average now {stores.load_average():.1f}):")
    rows, extra = latency.measure(store.db_path, today, kinds, log=log)
    families = family_rows(rows)
    for row in families:
        log(f"    {row['label']:<32} p50 {row['p50'] * 1000:7.1f} ms  p99 {row['p99'] * 1000:7.1f} ms  "
            f"floor {row['floor_p50'] * 1000:6.2f} ms  handler/floor {row['ratio_p50']:5.1f}x  ({row['n']:,} commands)")
    for row in rows:
        row.pop("samples", None)
    log(f"   the fixed cost of a command over HTTP (`help`): p50 {extra['http_fixed_p50'] * 1000:.1f} ms, "
        f"p99 {extra['http_fixed_p99'] * 1000:.1f} ms; bot peak RSS {extra['bot_peak_mb']:.0f} MB")
    together = latency.concurrent(store.db_path, today, kinds, clients=8, requests=args.concurrent)
    log(f"   8 clients: {together['per_s']:.1f} requests/s, p50 {together['p50'] * 1000:.0f} ms, p99 {together['p99'] * 1000:.0f} ms "
        f"over {together['requests']:,} requests; bot peak RSS {together['bot_peak_mb']:.0f} MB")
    cold = latency.cold(store.db_path, today, kinds, args.cold, _new_paper(store, store.folder / "new"))
    log("   first command in a new process: " + ", ".join(f"{f} {t * 1000:.0f} ms" for f, t in cold["first"].items())
        + f" (the process takes {cold['process_start_s']:.1f} s to start)")
    log("   first command after an ingest: " + ", ".join(f"{f} {t * 1000:.0f} ms" for f, t in cold["after_ingest"].items())
        + f" (ingesting one paper with `scrutiny ingest`: {cold['ingest_one_s']:.1f} s)")
    sweep = measure_sweep(store.db_path, recipients=args.recipients)
    log(f"   reminder sweep: {sweep['sent']:,} reminders to {sweep['recipients']:,} recipients in {sweep['busy_s']:.2f} s "
        f"(floor: the claims alone, {sweep['floor_s']:.2f} s); nothing due {sweep['idle_ms']:.1f} ms "
        f"(floor: the meetings query {sweep['idle_floor_ms']:.2f} ms); sweep peak RSS {sweep['peak_mb']:.0f} MB")
    start = latency.ask_start(store.db_path, today, "next " + kinds[0].cases[0].text.split(" ", 1)[1], args.cold)
    log(f"   cold start of `scrutiny ask`: {start['p50']:.2f} s (python alone {start['python_p50']:.2f} s)")
    return {"size": size, "store": info, "rows": rows, "families": families, "extra": extra, "concurrent": together, "cold": cold,
            "sweep": sweep, "ask": start, "load": stores.load_average()}


def family_rows(rows: list[dict]) -> list[dict]:
    """Every command of a family together: p50 and p99 over all its samples (at least 1,000 for
    the families with targets), the handler's and the floor's medians, the median ratio."""
    out = []
    for family in dict.fromkeys(r["family"] for r in rows):
        mine = [r["samples"] for r in rows if r["family"] == family]
        joined = {key: [v for m in mine for v in m[key]] for key in ("http", "handler", "floor", "ratio")}
        out.append({"label": f"all {family}", "family": family, "n": len(joined["http"]),
                    "p50": statistics.median(joined["http"]), "p99": latency.percentile(joined["http"], 99),
                    "handler_p50": statistics.median(joined["handler"]),
                    "handler_p99": latency.percentile(joined["handler"], 99),
                    "floor_p50": statistics.median(joined["floor"]), "ratio_p50": statistics.median(joined["ratio"]),
                    "ratio_p99": latency.percentile(joined["ratio"], 99)})
    return out


def targets_table(results: list[dict]) -> str:
    """Each target against what the largest size measured."""
    r = results[-1]
    fam = {row["family"]: row for row in r["families"]}
    lines = [f"| target (measured at {r['size']:,} meetings) | measured | floor / baseline | ratio | met |", "|---|---:|---:|---:|:---:|"]
    for family, limit in TARGETS.items():
        row = fam.get(family)
        if row:
            within = row["p99"] <= limit and (family not in ("find", "history") or row["ratio_p50"] <= 3)
            lines.append(f"| {family} p99 <= {limit * 1000:.0f} ms" + (" and <= 3x floor" if family in ("find", "history") else "")
                         + f" | p99 {row['p99'] * 1000:.0f} ms (n={row['n']:,}) | floor p50 {row['floor_p50'] * 1000:.2f} ms"
                         f" | {row['ratio_p50']:.1f}x | {'yes' if within else 'no'} |")
    c = r["concurrent"]
    lines.append(f"| 8 clients >= 50 requests/s | {c['per_s']:.1f}/s, p99 {c['p99'] * 1000:.0f} ms | | | {'yes' if c['per_s'] >= 50 else 'no'} |")
    ingest, base = r["store"]["ingest"], r["store"]["baseline"]
    lines.append(f"| ingest >= 50 papers/s | {ingest['per_s']:.1f}/s | parsing alone {base['per_s']:.1f}/s | "
                 f"{base['per_s'] / ingest['per_s']:.1f}x | {'yes' if ingest['per_s'] >= 50 else 'no'} |")
    peak = max(ingest["peak_mb"], r["extra"]["bot_peak_mb"], c["bot_peak_mb"], r["sweep"]["peak_mb"])
    lines.append(f"| peak RSS <= 300 MB | {peak:.0f} MB | | | {'yes' if peak <= 300 else 'no'} |")
    sw = r["sweep"]
    lines.append(f"| sweep, {sw['recipients']:,} due <= 1 s | {sw['busy_s']:.2f} s | claims alone {sw['floor_s']:.2f} s | "
                 f"{sw['busy_s'] / max(sw['floor_s'], 1e-9):.1f}x | {'yes' if sw['busy_s'] <= 1 else 'no'} |")
    lines.append(f"| idle sweep <= 20 ms | {sw['idle_ms']:.1f} ms | meetings query {sw['idle_floor_ms']:.2f} ms | "
                 f"{sw['idle_ms'] / max(sw['idle_floor_ms'], 1e-9):.1f}x | {'yes' if sw['idle_ms'] <= 20 else 'no'} |")
    a = r["ask"]
    lines.append(f"| `scrutiny ask` cold start <= 0.3 s | {a['p50']:.2f} s | python alone {a['python_p50']:.2f} s | "
                 f"{a['p50'] / max(a['python_p50'], 1e-9):.1f}x | {'yes' if a['p50'] <= 0.3 else 'no'} |")
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    """The figures side by side: p50/p99 through HTTP, the floor and the ratio, per size."""
    sizes = [r["size"] for r in results]
    head = "| command | " + " | ".join(f"{s:,}: p50 / p99 ms | floor p50 ms | ratio" for s in sizes) + " |"
    lines = [head, "|---|" + "---:|---:|---:|" * len(sizes)]
    labels = [row["label"] for row in results[0]["families"] + results[0]["rows"]]
    by = [{row["label"]: row for row in r["families"] + r["rows"]} for r in results]
    for label in labels:
        cells = []
        for rows in by:
            row = rows.get(label)
            cells.append(f"{row['p50'] * 1000:.1f} / {row['p99'] * 1000:.1f} | {row['floor_p50'] * 1000:.2f} | "
                         f"{row['ratio_p50']:.1f}x" if row else " | | ")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def slopes(results: list[dict]) -> str:
    if len(results) < 2:
        return ""
    small, large = results[-2], results[-1]
    growth = math.log(large["size"] / small["size"])
    a = {row["label"]: row for row in small["rows"]}
    lines = [f"| command | slope of p50, {small['size']:,} → {large['size']:,} | of the handler alone | of its floor |",
             "|---|---:|---:|---:|"]
    a.update({row["label"]: row for row in small["families"]})
    for row in large["families"] + large["rows"]:
        old = a.get(row["label"])
        if not old:
            continue
        s = lambda key: math.log(max(row[key], 1e-7) / max(old[key], 1e-7)) / growth  # noqa: E731
        lines.append(f"| {row['label']} | {s('p50'):.2f} | {s('handler_p50'):.2f} | {s('floor_p50'):.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 150000])
    parser.add_argument("--quick", action="store_true", help="one small store, few samples: a smoke test")
    parser.add_argument("--samples", type=int, default=1000, help="commands of each kind (p99 needs 1,000)")
    parser.add_argument("--concurrent", type=int, default=2000, help="requests sent by the 8 clients")
    parser.add_argument("--cold", type=int, default=5, help="repeats of each cold measurement")
    parser.add_argument("--recipients", type=int, default=1000, help="reminders due at once in the sweep")
    parser.add_argument("--rebuild", action="store_true", help="build the stores again")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--combine", type=Path, nargs="+", help="print the tables of earlier runs' --json files, smallest first")
    args = parser.parse_args()
    if args.combine:
        results = sorted((r for f in args.combine for r in json.loads(f.read_text())), key=lambda r: r["size"])
        print(table(results) + "\n\n" + targets_table(results))
        if len(results) > 1:
            print("\nHow cost grows (log-log slope of p50):\n" + slopes(results))
        return
    if args.quick:
        args.sizes, args.samples, args.concurrent, args.cold, args.recipients = [40], 5, 40, 1, 20
    print(f"scrutiny bench: {os.cpu_count()} cores, load average {stores.load_average():.1f}, "
          f"stores in {stores.stores_dir()}", flush=True)
    results = []
    for size in args.sizes:
        results.append(bench_size(size, args, lambda line: print(line, flush=True)))
    print("\n" + table(results))
    print("\n" + targets_table(results))
    if len(results) > 1:
        print("\nHow cost grows (log-log slope of p50):\n" + slopes(results))
    print(f"\ntargets at 150,000 meetings: next/actions p99 <= 50 ms; find/history p99 <= 150 ms and within 3x of the floor; "
          f"8 clients >= 50 requests/s; ingest >= 50 papers/s; peak RSS <= 300 MB; sweep of 1,000 <= 1 s, idle <= 20 ms; "
          f"`scrutiny ask` cold start <= 0.3 s. Load average at the end: {stores.load_average():.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
