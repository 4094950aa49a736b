"""The `scrutiny` command line: parse, ingest, ask, serve, run."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

from corpus import UnreadableDocument, demo_corpus, parse_bytes

log = logging.getLogger("scrutiny")


def _hints(args: argparse.Namespace) -> dict[str, str]:
    return {k: v for k, v in (("council", args.council), ("committee", args.committee)) if v}


def _cmd_parse(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        doc, _text = parse_bytes(path.read_bytes(), path.name, _hints(args))
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


def _ingest(db_path: str, paths: list[str], hints: dict[str, str]) -> int:
    from store import connect
    from store.ingest import ingest_paths

    with connect(db_path) as db:
        report = ingest_paths(db, paths, hints, progress=_progress_bar if sys.stderr.isatty() else None)
    print(report.summary())
    return 1 if report.failed else 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    return _ingest(args.db, args.paths, _hints(args))


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot import clock
    from handlers import dispatch
    from store import connect

    with connect(args.db) as db:
        reply = dispatch(" ".join(args.text), db, clock.now(), user="cli")
    print(reply.text)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from bot.config import from_env

    config = from_env(args.db)
    log.info("starting in %s mode with %s", config.mode, config)
    if config.mode == "console":
        from bot.console import run_console
        return run_console(config.db_path)
    from bot.app import build_app
    from bot.reminders import slack_client, start_scheduler

    app = build_app(config)
    start_scheduler(config.db_path, slack_client(config.bot_token, config.api_url))
    if config.mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler
        SocketModeHandler(app, config.app_token).start()
        return 0
    from bot.http import EVENTS_PATH, http_server

    server = http_server(app, config.host, config.port, config.db_path)
    log.info("listening on http://%s:%d%s", config.host, server.server_port, EVENTS_PATH)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def _moment(text: str):
    from datetime import datetime

    from bot.clock import LONDON
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a moment in YYYY-MM-DDTHH:MM form: {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def _cmd_remind(args: argparse.Namespace) -> int:
    """Reminders due at a moment: printed (--dry-run), or sent once, now."""
    from bot import clock
    from handlers.reminders import describe, plan
    from store import connect

    now = args.now or clock.now()
    if args.dry_run:
        from handlers.clock_reminders import describe_clock, plan_clocks
        with connect(args.db) as db:
            due, overtaken = plan(db, now)
            clocks_due, clocks_overtaken = plan_clocks(db, now)
        print(f"At {now.isoformat(timespec='minutes')}: {len(due)} reminder(s) would be sent"
              + (f", {len(overtaken)} overtaken by later ones" if overtaken else "") + ".")
        for item in due:
            print("  " + describe(item))
        for item in overtaken:
            print("  skip " + describe(item))
        print(f"{len(clocks_due)} clock reminder(s) would be sent (responses, report deadlines, call-in).")
        for item in clocks_due:
            print("  " + describe_clock(item))
        for item in clocks_overtaken:
            print("  skip " + describe_clock(item))
        return 0
    from bot.config import from_env
    from bot.reminders import slack_client, sweep

    config = from_env(args.db)
    if not config.bot_token:
        print("scrutiny: SLACK_BOT_TOKEN is not set; use --dry-run to see what would be sent.", file=sys.stderr)
        return 2
    from bot.clock_reminders import sweep_clocks
    client = slack_client(config.bot_token, config.api_url)
    report = sweep(config.db_path, client, now)
    print(f"{len(report.sent)} sent, {len(report.failed)} failed, {len(report.retry)} to retry, "
          f"{report.claimed_elsewhere} already taken by another process")
    for due, error in report.failed + report.retry:
        print(f"  {due.target}: {error}")
    clocks = sweep_clocks(config.db_path, client, now)
    print(f"clocks: {len(clocks.sent)} sent, {len(clocks.failed)} failed, {len(clocks.retry)} to retry")
    for due, error in clocks.failed + clocks.retry:
        print(f"  {due.target} {due.clock}: {error}")
    return 1 if report.failed or clocks.failed else 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from store import connect
    from store.export import backup

    target = Path(args.file)
    if target.exists() and not args.force:
        print(f"scrutiny: {target} exists; pass --force to replace it", file=sys.stderr)
        return 2
    if target.exists():
        target.unlink()
    with connect(args.db) as db:
        backup(db, target)
    print(f"backed up {args.db} to {target}")
    return 0


def _export_recommendations(args: argparse.Namespace, db, committee_id: int | None) -> int:
    from bot import clock
    from store import recommendations as tracker

    today = clock.today()
    status = args.status if args.status != "open" else "awaiting"
    if args.year and not tracker.year_label_ok(args.year):
        print(f"scrutiny: {args.year!r} is not a municipal year like 2024/25", file=sys.stderr)
        return 2

    def write(out) -> int:
        if args.summary:
            return tracker.write_summary_csv(db, out, today, committee_id, args.year)
        return tracker.write_csv(db, out, today, committee_id, status)

    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8-sig") as out:  # the BOM tells Excel it is UTF-8
            count = write(out)
        print(f"{count} {'rows' if args.summary else 'recommendations'} written to {args.output}", file=sys.stderr)
    else:
        write(sys.stdout)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from handlers.panels import find_panel
    from store import connect
    from store.export import actions_csv

    if args.what == "actions" and (args.summary or args.year):
        print("scrutiny: --summary and --year are for `export recommendations`", file=sys.stderr)
        return 2
    with connect(args.db) as db:
        committee_id = None
        if args.panel:
            match = find_panel(db, args.panel)
            if match.panel is None:
                print(f"scrutiny: no single panel matches {args.panel!r}", file=sys.stderr)
                return 2
            committee_id = match.panel.id
        if args.what == "recommendations":
            return _export_recommendations(args, db, committee_id)
        if args.status not in ("open", "done", "all"):
            print(f"scrutiny: actions are open, done or all, not {args.status}", file=sys.stderr)
            return 2
        if args.output:
            with open(args.output, "w", newline="", encoding="utf-8-sig") as out:  # the BOM tells Excel it is UTF-8
                count = actions_csv(db, out, args.status, committee_id)
            print(f"{count} actions written to {args.output}", file=sys.stderr)
        else:
            actions_csv(db, sys.stdout, args.status, committee_id)
    return 0


def _cmd_settings(args: argparse.Namespace) -> int:
    """The same settings as `/scrutiny settings`, from the machine (audited as the operator, "cli")."""
    from bot import clock
    from handlers.clocks import handle_settings
    from store import connect

    text = " ".join([args.target] + (args.change or [])).strip()
    with connect(args.db) as db:
        reply = handle_settings(text, db, clock.now(), user="cli")
    print(reply.text)
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    from bot import clock
    from bot.config import from_env
    from sources.fetch import Site
    from sources.moderngov import run_sync

    try:
        site = Site.parse(args.moderngov, allow_private=args.allow_private_network)
    except ValueError as err:
        print(f"scrutiny: {err}; nothing was fetched or registered", file=sys.stderr)
        return 2
    config = from_env(args.db)
    slack = None
    if config.bot_token:
        from bot.reminders import slack_client
        slack = slack_client(config.bot_token, config.api_url)
    since = date.fromisoformat(args.since) if args.since else None
    report = run_sync(config.db_path, site, clock.now(), args.council, args.committee, since,
                      min_interval=args.rate, slack=slack)
    print(report.summary())
    if not report.reached:
        print(f"scrutiny: {site.url} did not answer as a ModernGov site; it was not registered.", file=sys.stderr)
    return 1 if report.failed else 0


def _cmd_sources(args: argparse.Namespace) -> int:
    """List the registered sites, or remove one (audited)."""
    from bot import clock
    from handlers import dispatch
    from sources.fetch import Site
    from store import connect
    from store import sources as registry

    with connect(args.db) as db:
        if args.verb == "list":
            print(dispatch("sources", db, clock.now(), user="cli").text)
            return 0
        if not args.url:
            print("scrutiny: which site? scrutiny sources remove URL", file=sys.stderr)
            return 2
        try:
            url = Site.parse(args.url).url
        except ValueError:
            url = args.url.strip()
        removed = registry.remove_source(db, url, "cli", clock.now(), with_papers=args.papers)
        if removed is None:
            known = ", ".join(s.url for s in registry.sources(db)) or "none"
            print(f"scrutiny: {args.url} is not a registered source (registered: {known})", file=sys.stderr)
            return 2
    print(f"removed {removed.source.url}: no longer synced"
          + (f"; {removed.papers_removed} papers read from it removed" if removed.papers_removed else "")
          + (f"; {removed.papers_kept} papers read from it kept (--papers removes them)" if removed.papers_kept else ""))
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    """The main job: read the bundled papers (and any named) into the store, then answer."""
    status = _ingest(args.db, [str(demo_corpus()), *args.papers], {})
    if status:
        print("scrutiny: some papers could not be read (above); carrying on with the rest.", file=sys.stderr)
    return _cmd_serve(args)


def _today(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None, help="database file (default: $SCRUTINY_DB, else ./scrutiny.db)")
    common.add_argument("--today", type=_today, help="fix today's date (YYYY-MM-DD), as SCRUTINY_TODAY does")

    parser = argparse.ArgumentParser(prog="scrutiny", description="The scrutiny bot: committee papers in, answers out.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse one paper and print what it holds")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--council", help="council name, where the paper does not say")
    p.add_argument("--committee", help="committee name, where the paper does not say")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("ingest", parents=[common], help="read papers (files or folders) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--council", help="council name, where the papers do not say")
    p.add_argument("--committee", help="committee name, where the papers do not say")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help='answer one command and print it, e.g. scrutiny ask "next children"')
    p.add_argument("text", nargs="+")
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("serve", parents=[common], help="answer /scrutiny: Socket Mode, HTTP, or a console without tokens")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("remind", parents=[common], help="send the reminders due now (or show them with --dry-run)")
    p.add_argument("--dry-run", action="store_true", help="print what would be sent, send and claim nothing")
    p.add_argument("--now", type=_moment, help="the moment to consider, YYYY-MM-DDTHH:MM (London time)")
    p.set_defaults(func=_cmd_remind)

    p = sub.add_parser("backup", parents=[common], help="a consistent copy of the store, safe while the bot runs")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=_cmd_backup)

    p = sub.add_parser("export", parents=[common], help="the action or recommendation tracker as a spreadsheet")
    p.add_argument("what", choices=["actions", "recommendations"])
    p.add_argument("--csv", action="store_true", help="CSV (the only format, and the default)")
    p.add_argument("--status", choices=["open", "done", "all", "awaiting", "overdue", "responded", "implemented", "closed"],
                   default="all", help="actions: open, done, all; recommendations: awaiting, overdue, responded, implemented, closed, all")
    p.add_argument("--summary", action="store_true", help="recommendations: per panel and municipal year, for the annual report")
    p.add_argument("--year", help="recommendations: one municipal year, like 2024/25")
    p.add_argument("--panel", help="one panel only")
    p.add_argument("-o", "--output", help="write to this file (default: standard output)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("settings", parents=[common], help="show or change a council's clock settings (audited)")
    p.add_argument("target", nargs="?", default="", help="a council or panel (default: every council)")
    p.add_argument("--set", nargs="+", metavar="KEY VALUE", dest="change",
                   help="e.g. --set clear-days 3, --set response executive 2 months, --set nation wales")
    p.set_defaults(func=_cmd_settings)

    p = sub.add_parser("sync", parents=[common], help="fetch and read papers from a council's ModernGov site")
    p.add_argument("--moderngov", required=True, metavar="URL", help="the site, e.g. https://democracy.example.gov.uk")
    p.add_argument("--council", help="the council's name, for papers that do not say it")
    p.add_argument("--committee", help="a committee's name (or part of it) or ModernGov id; default: every scrutiny committee")
    p.add_argument("--since", type=_today, help="meetings from this date (YYYY-MM-DD; default a year ago)")
    p.add_argument("--rate", type=float, default=1.0, help="seconds between requests to the site (default 1)")
    p.add_argument("--allow-private-network", action="store_true",
                   help="the site is on an internal network (a private or loopback address); remembered for nightly syncs")
    p.set_defaults(func=_cmd_sync)

    p = sub.add_parser("sources", parents=[common], help="the council sites synced; scrutiny sources remove URL stops one")
    p.add_argument("verb", nargs="?", choices=["list", "remove"], default="list")
    p.add_argument("url", nargs="?", help="the site to remove")
    p.add_argument("--papers", action="store_true", help="with remove: also remove the papers read from it")
    p.set_defaults(func=_cmd_sources)

    p = sub.add_parser("run", parents=[common], help="read the bundled papers (and PAPERS), then serve")
    p.add_argument("papers", nargs="*", metavar="PAPERS")
    p.set_defaults(func=_cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bot import logs
    logs.setup(args.verbose)
    if getattr(args, "today", None):
        os.environ["SCRUTINY_TODAY"] = args.today
    if hasattr(args, "db") and args.db is None:
        from store.db import default_path
        args.db = default_path()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
