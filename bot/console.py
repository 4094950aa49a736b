"""Console mode: /scrutiny without Slack. Type a command, read the reply."""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from handlers import dispatch
from store import connect, queries

from . import clock

log = logging.getLogger(__name__)

BANNER = """scrutiny bot console: no Slack tokens are set, so commands are answered here.
Type /scrutiny help (or just: next, actions, find EHCP, history SEND, panels). quit to leave."""


def run_console(db_path: str, now: Callable[[], datetime] = clock.now,
                stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    interactive = stdin.isatty()
    with connect(db_path) as db:
        counts = queries.counts(db)
    print(BANNER, file=stdout)
    print(f"Store {db_path}: {counts.committees} panels, {counts.meetings} meetings, {counts.documents} papers, "
          f"{counts.actions_open} open actions. Today is {now().date().isoformat()}"
          " (set SCRUTINY_TODAY or --today to change it).", file=stdout)
    while True:
        if interactive:
            try:
                line = input("/scrutiny> ")
            except (EOFError, KeyboardInterrupt):
                print(file=stdout)
                return 0
        else:
            line = stdin.readline()
            if not line:
                return 0
        line = line.strip()
        if not line:
            continue
        if line.lower() in ("quit", "exit", ":q"):
            return 0
        if not interactive:
            print(f"/scrutiny> {line}", file=stdout)
        try:
            with connect(db_path) as db:
                reply = dispatch(line, db, now(), user="console")
        except Exception as err:  # one bad command must not end the console
            log.debug("console command %r failed", line[:200], exc_info=True)
            print(f"Sorry, that command failed ({type(err).__name__}); run with -v to see why.\n", file=stdout)
            continue
        print(reply.text + "\n", file=stdout)
