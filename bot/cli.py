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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scrutiny", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse one paper and print what it holds")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--council", help="council name, where the paper does not say")
    p.add_argument("--committee", help="committee name, where the paper does not say")
    p.set_defaults(func=_cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
