"""The other clocks in replies: a meeting's publication date and report
deadline (in `next`), open call-in windows (`/scrutiny callin`), and the
council's and panel's clock settings (`/scrutiny settings`)."""
from __future__ import annotations

import re
from datetime import date, datetime

from rapidfuzz import fuzz, process, utils
from sqlite_utils import Database

from corpus.clocks import bank_holiday_name
from store import clocks as store_clocks
from store import council_settings as cs
from store import queries
from store import recommendations as tracker
from store.queries import Committee, MeetingRow

from .access import OPEN, Access
from .format import when
from .panels import find_panel, not_found
from .reply import Reply, escape

NATION_NAMES = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}


def meeting_clock_lines(db: Database, panel: Committee, meeting: MeetingRow, today: date) -> list[str]:
    """For `next`: when the agenda must be published and reports are due, and
    the responses to the panel's recommendations due by that meeting."""
    settings = cs.council_settings(db, panel.council)
    due = store_clocks.deadlines(settings, meeting.date)
    past = lambda d: " _(passed)_" if d < today else ""  # noqa: E731
    lines = [f"*Clocks* ({NATION_NAMES[settings.nation]}: {settings.clear_days} clear days)\n"
             f"Reports due to democratic services: *{when(due.report_deadline.isoformat())}*{past(due.report_deadline)}"
             f" · agenda published by *{when(due.publication.isoformat())}*{past(due.publication)}"]
    owed = tracker.recommendations(db, panel.id, "awaiting", today, due_by=meeting.date, limit=6)
    if owed:
        body = "\n".join(f"• #{r.id} {escape(r.text[:140])} — to {escape(r.to_whom or '')}, due {when(r.due)}"
                         + (" · *overdue*" if r.due < today.isoformat() else "") for r in owed[:5])
        lines.append(f"*Responses due by this meeting*\n{body}" + (
            "\n…more: `/scrutiny recommendations overdue`" if len(owed) > 5 else ""))
    return lines


def handle_callin(args: str, db: Database, now: datetime) -> Reply:
    """`/scrutiny callin [panel|council]`: executive decisions whose call-in window is open."""
    today = now.date()
    council = None
    panel = None
    typed = args.strip()
    if typed:
        council = _council(db, typed)
        if council is None:
            found = find_panel(db, typed)
            if found.panel is None:
                return not_found(typed, found, db, "/scrutiny callin")
            panel, council = found.panel, found.panel.council
    rows = store_clocks.open_callins(db, today, council)
    reply = Reply(share=f"callin {typed}".strip()).header("Open call-in windows" + (f": {panel.name}" if panel else ""))
    shown = 0
    vocabularies: dict[int, set[str]] = {}
    for row in rows:
        remit = store_clocks.panels_for(db, row, vocabularies)
        if panel and panel.id not in [committee_id for committee_id, _ in remit]:
            continue
        days = (date.fromisoformat(row.callin_by) - today).days
        closes = "closes today" if days == 0 else f"closes {when(row.callin_by)} ({days} day{'s' if days != 1 else ''})"
        names = ", ".join(escape(queries.committee(db, committee_id).name) for committee_id, _ in remit[:2])
        reply.section(f"*{escape(row.title[:150])}* — {escape(row.body)}, {when(row.decided_on)}\n"
                      f"Call-in {closes}" + (" (as the paper states)" if row.stated else
                                             f" (published {when(row.published_on)})")
                      + (f"\nIn the remit of {names}" if names else ""))
        shown += 1
        if shown >= 20:
            break
    if not shown:
        reply.section("No executive decision I know of can be called in today.")
    reply.context("Call-in runs for the council's call-in working days after publication; "
                  "`/scrutiny settings` shows and changes them.")
    return reply


def _council(db: Database, typed: str) -> str | None:
    names = [c for c in cs.councils(db) if c]
    if not names:
        return None
    best = process.extractOne(typed, names, scorer=fuzz.token_set_ratio, processor=utils.default_process, score_cutoff=90)
    return best[0] if best else None


_COUNCIL_KEYS = ("nation", "clear-days", "report-days", "callin-days", "response", "executive")
_PANEL_KEYS = ("response-reminders", "overdue", "weekly", "report-reminders", "callin-alerts")
_KEY = re.compile(r"(?:^|\s)(" + "|".join(re.escape(k) for k in _COUNCIL_KEYS + _PANEL_KEYS) + r")(?=\s|$)", re.IGNORECASE)


def _describe(settings: cs.CouncilSettings) -> str:
    periods = ", ".join(f"{kind} {settings.response.get(kind) or 'none'}" for kind in cs.RECIPIENTS)
    changed = f"\n_Changed from {NATION_NAMES[settings.nation]}'s defaults: {', '.join(settings.changed)}_" if settings.changed else ""
    return (f"*{escape(settings.council or 'Council not named in the papers')}* — {NATION_NAMES[settings.nation]}\n"
            f"Agendas published {settings.clear_days} clear days before a meeting (no weekends or "
            f"{NATION_NAMES[settings.nation]} bank holidays) · reports due {settings.report_days} working days before that\n"
            f"Call-in: {settings.callin_days} working days after a decision is published\n"
            f"Response periods: {periods}\nExecutive: {escape(', '.join(settings.executive))}{changed}")


def _panel_line(value: cs.ClockSettings, panel: Committee) -> str:
    return (f"*{escape(panel.name)}* clock reminders: responses {','.join(map(str, value.response_days)) or 'none'} days before due"
            f" · overdue day {'on' if value.overdue else 'off'} · weekly overdue line {'on' if value.weekly else 'off'}"
            f" · report deadline {','.join(map(str, value.report_days)) or 'none'} days before · call-in alerts "
            f"{'on' if value.callin else 'off'}")


def _days(text: str) -> tuple[int, ...] | None:
    if text.strip().lower() in ("off", "none"):
        return ()
    numbers = re.findall(r"\d+", text)
    if not numbers or not all(n.isascii() for n in numbers) or any(int(n) > 60 for n in numbers):
        return None
    return tuple(sorted({int(n) for n in numbers}, reverse=True))


def handle_settings(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                    access: Access = OPEN) -> Reply:
    """`/scrutiny settings [council|panel] [key value]`."""
    m = _KEY.search(args)
    target = (args[:m.start()] if m else args).strip()
    key = m.group(1).lower() if m else None
    value = args[m.end():].strip() if m else ""
    panel = None
    council = _council(db, target) if target else None
    if council and set(target.lower().split()) - set(council.lower().split()):
        found = find_panel(db, target)  # "<council> <panel>": the panel
        if found.panel is not None and found.panel.council == council:
            panel = found.panel
    if target and council is None:
        found = find_panel(db, target)
        if found.panel is None:
            return not_found(target, found, db, "/scrutiny settings")
        panel, council = found.panel, found.panel.council
    if council is None:
        known = cs.councils(db)
        if len(known) == 1:
            council = known[0]
        elif key:
            return Reply().section("Which council? `/scrutiny settings <council> " + escape(key) + " …`")
        else:
            reply = Reply().header("Clock settings")
            for name in [k for k in known if k][:10]:
                reply.section(_describe(cs.council_settings(db, name)))
            return reply.context("Change one: `/scrutiny settings <council> clear-days 5`, `… response executive 2 months`, "
                                 "`… nation wales`; a panel's reminders: `/scrutiny settings <panel> response-reminders 14,1`.")
    who = user or "console"
    if key in _COUNCIL_KEYS:
        subject = panel or next(iter(p for p in queries.committees(db) if p.council == council), None)
        if not access.can_edit(user, subject):
            return Reply().section(access.refusal(subject))
        try:
            change = cs.changed(cs.council_settings(db, council), key, value)
        except cs.BadSetting as err:
            return Reply().section(escape(str(err)))
        cs.save_council_settings(db, council, change, who, now)
    elif key in _PANEL_KEYS:
        if panel is None:
            return Reply().section(f"`{key}` is set per panel: `/scrutiny settings <panel> {key} …`")
        if not access.can_edit(user, panel):
            return Reply().section(access.refusal(panel))
        current = cs.clock_settings(db, panel.id)
        if key in ("response-reminders", "report-reminders"):
            days = _days(value)
            if days is None:
                return Reply().section(f"Days are numbers from 0 to 60, like `{key} 14,1`, or `off`.")
            current = cs.ClockSettings(**{**cs.clock_settings_dict(current), "committee_id": panel.id,
                                          ("response_days" if key == "response-reminders" else "report_days"): days})
        else:
            if value.lower() not in ("on", "off"):
                return Reply().section(f"`{key}` is `on` or `off`.")
            field = {"overdue": "overdue", "weekly": "weekly", "callin-alerts": "callin"}[key]
            current = cs.ClockSettings(**{**cs.clock_settings_dict(current), "committee_id": panel.id,
                                          field: value.lower() == "on"})
        cs.save_clock_settings(db, current, who, now)
    reply = Reply().header("Clock settings")
    reply.section(_describe(cs.council_settings(db, council)))
    if panel:
        reply.section(_panel_line(cs.clock_settings(db, panel.id), panel))
    holiday = bank_holiday_name(now.date(), cs.council_settings(db, council).nation)
    if holiday:
        reply.context(f"Today is a bank holiday here ({escape(holiday)}): it is not a working day on any clock.")
    reply.context("Change with `/scrutiny settings <council> clear-days 5 | report-days 3 | callin-days 5 | "
                  "response executive 2 months | nation wales | executive Cabinet, Mayor`; per panel: "
                  "`response-reminders 14,1 | overdue on | weekly on | report-reminders 3,1 | callin-alerts on`. Every change is audited.")
    return reply
