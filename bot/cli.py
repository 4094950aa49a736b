"""The `scrutiny` command line: parse, ingest, ask, serve, run."""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import textwrap
from datetime import date
from pathlib import Path


log = logging.getLogger("scrutiny")


def _hints(args: argparse.Namespace) -> dict[str, str]:
    return {k: v for k, v in (("council", args.council), ("committee", args.committee)) if v}


def _cmd_parse(args: argparse.Namespace) -> int:
    from corpus import UnreadableDocument
    from corpus.bounded import parse_bytes_bounded
    from corpus.files import read_paper_file

    path = Path(args.file)
    try:
        doc, _text = parse_bytes_bounded(read_paper_file(path), path.name, _hints(args))
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


def _say(line: str) -> None:
    print(f"scrutiny: {line}", file=sys.stderr)


def _existing_store(path: str) -> bool:
    """Commands that read or copy the store never create one by accident (a mistyped --db)."""
    if Path(path).is_file():
        return True
    _say(f"no store at {path}: read papers into one first (scrutiny ingest PAPERS, or scrutiny sync), or pass --db.")
    return False


def _ingest(db_path: str, paths: list[str], hints: dict[str, str], as_json: bool = False) -> int:
    from store import connect
    from store.ingest import ingest_paths

    if not Path(db_path).exists() and not any(Path(p).exists() for p in paths):
        # nothing to read and no store yet (a mistyped folder): the report is made in a scratch
        # store, so that no empty store is left behind by accident
        db_path = ":memory:"
    with connect(db_path) as db:
        report = ingest_paths(db, paths, hints, progress=_progress_bar if sys.stderr.isatty() and not as_json else None)
    print(json.dumps(report.to_json(), indent=1, ensure_ascii=False) if as_json else report.summary())
    return 1 if report.failed else 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    return _ingest(args.db, args.paths, _hints(args), as_json=args.json)


def _slack_id(kind: str, prefixes: str):
    def check(text: str) -> str:
        if not re.fullmatch(rf"[{prefixes}][A-Z0-9]{{2,}}", text):
            raise argparse.ArgumentTypeError(f"not a Slack {kind} id (like {prefixes[0]}0123ABCD): {text!r}")
        return text
    return check


def _cmd_ask(args: argparse.Namespace) -> int:
    """One command, answered as it would be in Slack: as --user (the operator at the machine,
    allowed to change anything), in --channel (where `channel <panel>` points reminders)."""
    from bot import clock
    from handlers import dispatch
    from store import StoreUnreadable, connect

    if not _existing_store(args.db):
        return 2
    user = args.user or "cli"
    try:
        with connect(args.db, create=False) as db:
            if args.user and args.name:
                from store.queries import remember_person
                remember_person(db, args.user, args.name, clock.now())
            kind = "dm" if args.channel and args.channel.startswith("D") else "channel"
            reply = dispatch(" ".join(args.text), db, clock.now(), user=user, channel=args.channel, channel_kind=kind)
    except StoreUnreadable:
        raise
    except Exception as err:
        log.debug("ask %r failed", args.text, exc_info=True)
        _say(f"that command failed ({type(err).__name__}); run with -v to see why.")
        return 1
    print(reply.text)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from bot.config import from_env
    from bot.serve import serve

    config = from_env(args.db)
    if config.mode != "console" and not config.problems() and not Path(config.db_path).is_file():
        log.info("no store at %s yet: starting with an empty one (add papers with scrutiny ingest or scrutiny sync)",
                 config.db_path)
    return serve(config)


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
    from handlers.format import plural
    from handlers.reminders import describe, plan, reminder_message
    from store import connect

    if not _existing_store(args.db):
        return 2
    now = args.now or clock.now()
    if args.dry_run:
        from handlers.clock_reminders import describe_clock, plan_clocks
        with connect(args.db, create=False) as db:
            due, overtaken = plan(db, now)
            clocks_due, clocks_overtaken = plan_clocks(db, now)
            print(f"At {now.isoformat(timespec='minutes')}: {plural(len(due), 'reminder')} would be sent"
                  + (f", {len(overtaken)} overtaken by later ones" if overtaken else "") + ".")
            shown: set[tuple[int, int]] = set()
            for item in due:
                print("  " + describe(item))
                if (item.meeting.id, item.offset_days) not in shown:  # the same words go to every recipient
                    shown.add((item.meeting.id, item.offset_days))
                    print(textwrap.indent(reminder_message(db, item, now).text, "    | "))
            for item in overtaken:
                print("  skip " + describe(item))
        print(f"{len(clocks_due)} clock reminder(s) would be sent (responses, report deadlines, call-in).")
        for item in clocks_due:
            print("  " + describe_clock(item))
        for item in clocks_overtaken:
            print("  skip " + describe_clock(item))
        from handlers.digest import describe_weekly, plan_weekly
        from handlers.watches import plan_watch_sends
        with connect(args.db, create=False) as db:
            weekly = plan_weekly(db, now)
            watch_sends = plan_watch_sends(db, now)
        print(f"{len(weekly)} weekly digest(s) and {len(watch_sends)} watch alert(s) or digest(s) would be sent"
              " (a week with nothing new sends nothing; papers read since the last sweep are matched when it runs).")
        for item in weekly:
            print("  " + describe_weekly(item))
        for send in watch_sends:
            print(f"  {send.digest}  -> {send.target}  ({len(send.hits)} new finds)")
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
    from bot.digests import sweep_digests
    digests = sweep_digests(config.db_path, client, now)
    for name, part in digests.items():
        print(f"{name}: {len(part.sent)} sent, {len(part.failed)} failed, {len(part.retry)} to retry")
        for what, error in part.failed + part.retry:
            print(f"  {what}: {error}")
    return 1 if report.failed or clocks.failed or any(p.failed for p in digests.values()) else 0


def _store_and_output_ready(db_path: str, output: Path | None, force: bool) -> bool:
    """The store exists and the output file (if any) may be written; each refusal said in one line."""
    if not _existing_store(db_path):
        return False
    problem = _output_problem(output, db_path, force) if output else None
    if problem:
        _say(problem)
        return False
    return True


def _output_problem(target: Path, store: str, force: bool) -> str | None:
    """Why a file must not be written (the store itself above all), or None. For backup, export and calendar alike."""
    store_path = Path(store).resolve()
    live = {store_path, *(store_path.with_name(store_path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}
    resolved = target.resolve()
    if resolved in live or (target.exists() and any(p.exists() and os.path.samefile(target, p) for p in live)):
        return f"{target} is the store itself ({store}); choose another file."
    if target.is_dir():
        return f"{target} is a folder; name a file in it."
    if not target.parent.is_dir():
        return f"the folder {target.parent} does not exist."
    if target.exists() and not force:
        return f"{target} exists; pass --force to replace it."
    return None


def _replace_with(target: Path, write) -> None:
    """Write beside the target, then rename over it: a failure leaves any earlier file whole."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _cmd_backup(args: argparse.Namespace) -> int:
    from store import connect
    from store.export import backup

    target = Path(args.file)
    if not _store_and_output_ready(args.db, target, args.force):
        return 2
    for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)  # an old copy's journal must never be replayed into the new one

    def write(path: Path) -> None:
        path.unlink()
        with connect(args.db, create=False) as db:
            backup(db, path)
    _replace_with(target, write)
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
        counted = []

        def write_file(path: Path) -> None:
            with open(path, "w", newline="", encoding="utf-8-sig") as out:  # the BOM tells Excel it is UTF-8
                counted.append(write(out))
        _replace_with(Path(args.output), write_file)  # checked by _output_problem before the store was opened
        print(f"{counted[0]} {'rows' if args.summary else 'recommendations'} written to {args.output}", file=sys.stderr)
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
    if not _store_and_output_ready(args.db, args.output and Path(args.output), args.force):
        return 2
    with connect(args.db, create=False) as db:
        committee_id = None
        if args.panel:
            match = find_panel(db, args.panel)
            if match.panel is None:
                _say(f"no single panel matches {args.panel!r}")
                return 2
            committee_id = match.panel.id
        if args.what == "recommendations":
            return _export_recommendations(args, db, committee_id)
        if args.status not in ("open", "done", "all"):
            print(f"scrutiny: actions are open, done or all, not {args.status}", file=sys.stderr)
            return 2
        if args.output:
            counted = []

            def write(path: Path) -> None:
                with open(path, "w", newline="", encoding="utf-8-sig") as out:  # the BOM tells Excel it is UTF-8
                    counted.append(actions_csv(db, out, args.status, committee_id))
            _replace_with(Path(args.output), write)
            print(f"{counted[0]} actions written to {args.output}", file=sys.stderr)
        else:
            actions_csv(db, sys.stdout, args.status, committee_id)
    return 0


def _cmd_settings(args: argparse.Namespace) -> int:
    """The same settings as `/scrutiny settings`, from the machine (audited as the operator, "cli")."""
    from bot import clock
    from handlers.clocks import handle_settings
    from store import connect

    if not _existing_store(args.db):
        return 2
    text = " ".join([args.target] + (args.change or [])).strip()
    with connect(args.db, create=False) as db:
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

    if not _existing_store(args.db):
        return 2
    with connect(args.db, create=False) as db:
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


def _cmd_calendar(args: argparse.Namespace) -> int:
    """An iCalendar feed of one panel's meetings, or of every panel's."""
    from bot import clock
    from handlers.calendar import feed
    from handlers.panels import find_panel
    from store import connect

    if not _store_and_output_ready(args.db, args.output and Path(args.output), args.force):
        return 2
    with connect(args.db, create=False) as db:
        committee = None
        if args.panel:
            match = find_panel(db, args.panel)
            if match.panel is None:
                options = ", ".join(p.name for p in match.candidates[:3])
                print(f"scrutiny: no single panel matches {args.panel!r}" + (f"; did you mean: {options}?" if options else ""),
                      file=sys.stderr)
                return 2
            committee = match.panel
        data = feed(db, clock.now(), committee)
    if args.output:
        _replace_with(Path(args.output), lambda path: path.write_bytes(data))
        print(f"wrote {data.count(b'BEGIN:VEVENT')} meetings to {args.output}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    """Read any papers named into the store, then serve. The bundled demo papers only with `demo`."""
    if args.papers:
        status = _ingest(args.db, args.papers, {})
        if status:
            _say("some papers could not be read (above); carrying on with the rest.")
    return _cmd_serve(args)


def _cmd_demo(args: argparse.Namespace) -> int:
    """The bundled papers in a store of their own (./demo.db unless --db names one), then serve."""
    from corpus import demo_corpus
    demo_papers = sorted(str(p) for p in demo_corpus().iterdir() if p.suffix == ".txt")
    status = _ingest(args.db, [*demo_papers, *args.papers], {})
    if status:
        _say("some papers could not be read (above); carrying on with the rest.")
    return _cmd_serve(args)


def _cmd_remove(args: argparse.Namespace) -> int:
    """Papers (by path, folder or URL), a whole panel, or the bundled demo papers: shown, then removed with --yes."""
    from bot import clock
    from handlers.format import plural
    from handlers.panels import find_panel
    from store import connect
    from store.remove import papers_from, papers_of_panel, remove_panel, remove_papers

    if not _existing_store(args.db):
        return 2
    with connect(args.db, create=False) as db:
        if args.what == "panel":
            match = find_panel(db, " ".join(args.targets))
            if match.panel is None:
                _say(f"no single panel matches {' '.join(args.targets)!r}; scrutiny ask panels lists them.")
                return 2
            papers = papers_of_panel(db, match.panel.id)
            label = f"the panel {match.panel.name}" + (f" ({match.panel.council})" if match.panel.council else "")
            print(f"{label}: {plural(len(papers), 'paper')}, its meetings, programme, subscriptions and reminder settings")
            if not args.yes:
                print("nothing removed: pass --yes to remove them")
                return 1
            remove_panel(db, match.panel.id, "cli", clock.now())
            print(f"removed {label}")
            return 0
        from corpus import demo_corpus
        targets = [str(demo_corpus())] if args.what == "demo" else args.targets
        if not targets:
            _say("which papers? scrutiny remove paper PATH-OR-URL...")
            return 2
        papers = {p.id: p for target in targets for p in papers_from(db, target)}
        if not papers:
            _say("no paper in the store came from " + ", ".join(targets))
            return 2
        for paper in papers.values():
            print(f"  {paper.kind} of {paper.meeting_date}, {paper.committee}: {paper.source}")
        if not args.yes:
            print(f"nothing removed: pass --yes to remove {'this paper' if len(papers) == 1 else f'these {len(papers)} papers'}")
            return 1
        remove_papers(db, list(papers.values()), "cli", clock.now())
    print(f"removed {plural(len(papers), 'paper')}")
    return 0


def _today(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("scrutiny-bot")
    except PackageNotFoundError:
        return "(not installed)"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (reading package metadata takes a while)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None, help="database file (default: $SCRUTINY_DB, else ./scrutiny.db)")
    common.add_argument("--today", type=_today, help="fix today's date (YYYY-MM-DD), as SCRUTINY_TODAY does")

    parser = argparse.ArgumentParser(prog="scrutiny", description="The scrutiny bot: committee papers in, answers out.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
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
    p.add_argument("--json", action="store_true", help="print the report as JSON: counts, and each paper with what it held")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help='answer one command and print it, e.g. scrutiny ask "next children"')
    p.add_argument("text", nargs="+")
    p.add_argument("--user", type=_slack_id("user", "UW"), help="as this Slack user (subscribe, changes in the audit)")
    p.add_argument("--name", help="that user's name, shown instead of the id")
    p.add_argument("--channel", type=_slack_id("channel", "CGD"), help="as typed in this channel (channel <panel>)")
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
    p.add_argument("--force", action="store_true", help="replace the -o file if it exists")
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

    p = sub.add_parser("calendar", parents=[common], help="an iCalendar feed of a panel's meetings (or every panel's)")
    p.add_argument("panel", nargs="?", default="", metavar="PANEL", help="a panel (default: every panel)")
    p.add_argument("-o", "--output", help="write to this file (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.set_defaults(func=_cmd_calendar)

    p = sub.add_parser("run", parents=[common], help="read PAPERS (if any) into the store, then serve")
    p.add_argument("papers", nargs="*", metavar="PAPERS")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("demo", parents=[common], help="the bundled demo papers in ./demo.db (or --db), then serve")
    p.add_argument("papers", nargs="*", metavar="PAPERS")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("remove", parents=[common], help="take papers, a panel or the demo papers out of the store (audited)")
    p.add_argument("what", choices=["paper", "panel", "demo"])
    p.add_argument("targets", nargs="*", metavar="PATH-URL-OR-PANEL")
    p.add_argument("--yes", action="store_true", help="remove them (without it, only show what would go)")
    p.set_defaults(func=_cmd_remove)
    return parser


DEMO_DB = "demo.db"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bot import logs
    logs.setup(args.verbose)
    if getattr(args, "today", None):
        os.environ["SCRUTINY_TODAY"] = args.today
    if hasattr(args, "db") and args.db is None:
        from store.db import default_path
        # the demo never writes into the live store unless told to with --db
        args.db = DEMO_DB if args.command == "demo" else default_path()
    from store import StoreMissing, StoreUnreadable
    try:
        return args.func(args)
    except StoreMissing as err:
        _say(f"{err}: read papers into one first (scrutiny ingest PAPERS), or pass --db.")
        return 2
    except StoreUnreadable as err:
        _say(f"{err}; pass --db with the store's path.")
        return 2


def run() -> int:
    """The console script: like main(), and quiet when its reader goes away (scrutiny ask … | head)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped reading: not an error; point stdout at nothing so the exit flush is quiet too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code


if __name__ == "__main__":
    sys.exit(run())
