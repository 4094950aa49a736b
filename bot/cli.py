"""The `scrutiny` command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus import UnreadableDocument, parse_bytes


def _cmd_parse(args: argparse.Namespace) -> int:
    path = Path(args.file)
    hints = {k: v for k, v in (("council", args.council), ("committee", args.committee)) if v}
    try:
        doc, _text = parse_bytes(path.read_bytes(), path.name, hints)
    except OSError as err:
        print(f"scrutiny: cannot read {path}: {err.strerror or err}", file=sys.stderr)
        return 2
    except UnreadableDocument as err:
        print(f"scrutiny: {path}: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(doc.to_json(), indent=1, ensure_ascii=False))
    else:
        from bot.show import document_as_text
        print(document_as_text(doc))
    return 0


def _progress_bar(done: int, total: int, path: Path) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {path.name[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _cmd_ingest(args: argparse.Namespace) -> int:
    from store import connect
    from store.ingest import ingest_paths

    hints = {k: v for k, v in (("council", args.council), ("committee", args.committee)) if v}
    with connect(args.db) as db:
        report = ingest_paths(db, args.paths, hints, progress=_progress_bar if sys.stderr.isatty() else None)
    print(report.summary())
    return 1 if report.failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scrutiny", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse one paper and print what it holds")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--council", help="council name, where the paper does not say")
    p.add_argument("--committee", help="committee name, where the paper does not say")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("ingest", help="read papers (files or folders) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", help="database file (default: $SCRUTINY_DB, else ./scrutiny.db)")
    p.add_argument("--council", help="council name, where the papers do not say")
    p.add_argument("--committee", help="committee name, where the papers do not say")
    p.set_defaults(func=_cmd_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
