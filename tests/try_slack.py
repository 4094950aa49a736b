"""Try `scrutiny serve` by hand against a fake Slack, in Socket Mode or HTTP mode, with no
Slack workspace and nothing sent to slack.com:

    .venv/bin/python -m tests.try_slack --mode socket --db demo.db
    /scrutiny> next cfosp

Each line is sent as a slash command the way Slack sends it (a Socket Mode envelope, or a
signed HTTP request); the bot's acknowledgement and its answer (the text fallback) are printed.
`click N` presses the Nth button of the last answer."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .serve_harness import serving


def _buttons(message: dict) -> list[dict]:
    found = []
    for block in message.get("blocks", []):
        if block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"])
        found += [e for e in block.get("elements", []) if e.get("type") == "button"]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.try_slack", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["socket", "http"], default="socket")
    parser.add_argument("--db", default="scrutiny.db", help="the store to serve (make one with scrutiny ingest or scrutiny demo)")
    parser.add_argument("--scrutiny", default=None, help="the scrutiny command to run (default: this checkout's)")
    args = parser.parse_args(argv)
    db = Path(args.db).resolve()
    command = [args.scrutiny] if args.scrutiny else None
    with serving(args.mode, db, Path.cwd(), command=command) as bot:
        print(f"scrutiny serve is running in {args.mode} mode against a fake Slack"
              + (f" (Socket Mode server {bot.socket_mode.url})" if bot.socket_mode else f" ({bot.url})")
              + ". Type a command, `click N`, or quit.")
        last: dict = {}
        turn = 0
        for line in sys.stdin:
            line = line.strip().removeprefix("/scrutiny").strip()
            if line in ("quit", "exit"):
                break
            if not line:
                continue
            turn += 1
            name = f"t{turn}"
            if line.startswith("click "):
                buttons = _buttons(last)
                index = int(line.split()[1]) - 1 if line.split()[1].isdigit() else -1
                if not 0 <= index < len(buttons):
                    print(f"there are {len(buttons)} buttons")
                    continue
                bot.click(buttons[index]["action_id"], buttons[index]["value"], name)
            else:
                bot.command(line, name)
            print("(acknowledged)")
            last = bot.answer(name)
            print(last.get("text", ""))
            for number, button in enumerate(_buttons(last), 1):
                print(f"  [{number}] {button['text']['text']}: {json.loads(button['value'] or '{}')}")
    print(bot.output.strip().splitlines()[-1] if bot.output.strip() else "", file=sys.stderr)
    return bot.process.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
