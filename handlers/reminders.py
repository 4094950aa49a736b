"""Reminders before each panel meeting: what is due at a moment, what each
says, and the commands that set them up (channel, subscribe, remind-settings,
reminders)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from corpus.dates import human_date, human_time
from store import queries
from store import reminders as log
from store.queries import Committee, MeetingRow

from .access import OPEN, Access
from .format import action_lines, meeting_line, paper, person, plural, when
from .paging import add_lines
from .panels import find_panel, not_found, short_name
from .reply import Reply, escape

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
LATE_AFTER = timedelta(minutes=15)
MAX_OFFSET_DAYS = 60
PROGRAMME_SHOWN = 15
ACTIONS_SHOWN = 5


@dataclass
class Due:
    meeting: MeetingRow
    committee: Committee
    offset_days: int
    send_at: datetime
    target: str  # channel:C123 | user:U123
    late: bool


def send_moment(meeting_date: str, offset_days: int, send_time: str) -> datetime:
    """The London wall-clock moment to send; correct across the clock changes."""
    hour, minute = (int(p) for p in send_time.split(":"))
    day = date.fromisoformat(meeting_date) - timedelta(days=offset_days)
    # normalising through UTC settles a time the spring change skips (01:30 becomes 02:30)
    return datetime.combine(day, time(hour, minute), LONDON).astimezone(ZoneInfo("UTC")).astimezone(LONDON)


def meeting_start(meeting: MeetingRow) -> datetime:
    hour, minute = (int(p) for p in (meeting.time or "00:00").split(":"))
    return datetime.combine(date.fromisoformat(meeting.date), time(hour, minute), LONDON)


def targets(db: Database, committee: Committee) -> list[str]:
    out = [f"channel:{committee.channel}"] if committee.channel else []
    out += [f"user:{user}" for user in log.subscribers(db, committee.id)]
    return out


def _instant(moment: datetime) -> datetime:
    """A moment as an instant. Two London datetimes compare (and subtract) by wall
    clock, so 01:30 BST and 01:30 GMT on the October change would be one moment."""
    return moment.astimezone(UTC)


def plan(db: Database, now: datetime) -> tuple[list[Due], list[Due]]:
    """(to send now, overtaken): reminders whose moment has come, for meetings
    still ahead; where the bot was down across two of a meeting's reminders,
    only the later one goes and the earlier is overtaken. A recipient added
    after a reminder's moment (subscribed, or a channel set) does not get that
    one: it was never theirs to miss."""
    now = _instant(now)
    today = now.astimezone(LONDON).date()
    send: list[Due] = []
    overtaken: list[Due] = []
    ahead: dict[int, list[MeetingRow]] = {}
    for meeting in queries.meetings_between(db, today, today + timedelta(days=MAX_OFFSET_DAYS)):
        if meeting.status not in ("cancelled", "rearranged", "held"):
            ahead.setdefault(meeting.committee_id, []).append(meeting)
    for committee in queries.committees(db):
        if committee.id not in ahead:
            continue
        settings = log.settings(db, committee.id)
        recipients = log.recipients_since(db, committee.id)
        if not settings.enabled or not recipients:
            continue
        for meeting in ahead[committee.id]:
            if now >= _instant(meeting_start(meeting)):
                continue  # never a reminder for a meeting that has begun
            moments = {k: send_moment(meeting.date, k, settings.send_time) for k in settings.offsets}
            due = sorted(k for k, moment in moments.items() if _instant(moment) <= now)
            for target, since in recipients.items():
                theirs = [k for k in due if since is None or _instant(moments[k]) >= _instant(since)]
                if not theirs:
                    continue
                latest, earlier = theirs[0], theirs[1:]
                moment = moments[latest]
                status = log.already_logged(db, meeting.id, latest, target)
                if status in (None, "retry", "claimed"):
                    send.append(Due(meeting, committee, latest, moment, target, now - _instant(moment) > LATE_AFTER))
                for k in earlier:
                    if log.already_logged(db, meeting.id, k, target) is None:
                        overtaken.append(Due(meeting, committee, k, moments[k], target, True))
    return send, overtaken


def reminder_message(db: Database, due: Due, now: datetime) -> Reply:
    meeting, committee = due.meeting, due.committee
    today = now.date()
    days = (date.fromisoformat(meeting.date) - today).days
    soon = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    reply = Reply(ephemeral=False)
    reply.header(f"Reminder: {committee.name}"[:150])
    head = f"*{escape(committee.name)}* meets {soon}: *{meeting_line(meeting)}*"
    if meeting.moved_from:
        head += f"\n_Moved from {when(meeting.moved_from)}._"
    reply.section(head)
    short = short_name(committee, queries.committees(db))
    planned = queries.programme_for(db, committee.id, meeting.date)
    if planned:
        add_lines(reply, "*On the work programme*", [f"• {escape(row.issue)}" for row in planned[:PROGRAMME_SHOWN]])
        if len(planned) > PROGRAMME_SHOWN:
            reply.context(f"…and {plural(len(planned) - PROGRAMME_SHOWN, 'more item')}: `/scrutiny next {short} programme`")
    total_open = queries.count_actions(db, committee.id, "open", before=meeting.date)
    if total_open:
        overdue_first = queries.open_actions_overdue_first(db, committee.id, meeting.date, today.isoformat(), ACTIONS_SHOWN)
        reply.section(f"*Open actions from earlier meetings: {total_open}*")
        for action in overdue_first:
            reply.section(action_lines(action, today))
        if total_open > ACTIONS_SHOWN:
            reply.context(f"…and {total_open - ACTIONS_SHOWN} more: `/scrutiny actions {short}`")
    sources = queries.provenance_of_meeting(db, meeting.id)
    if sources:
        reply.context("Papers: " + "; ".join(f"{paper(s.kind, s.meeting_date)} ({escape(_short_source(s.source))})" for s in sources[:3]))
    if due.late:
        reply.context(f"_Sent late: this reminder was due {human_date(due.send_at.date())} at "
                      f"{due.send_at.strftime('%H:%M')}, while the bot was not running._")
    return reply


def change_is_stale(change: log.ChangeRow, now: datetime) -> bool:
    """Too late to tell: the meeting (at its old and its new date) is over."""
    last = max(change.before["date"], change.after.get("moved_to") or "", change.after["date"])
    return last < _instant(now).astimezone(LONDON).date().isoformat()


def _details(state: dict) -> str:
    parts = [human_time(state["time"])] if state.get("time") else []
    parts += [escape(state["venue"])] if state.get("venue") else []
    return " at ".join(parts) if parts else "time and place to be confirmed"


def change_message(db: Database, change: log.ChangeRow, now: datetime) -> Reply:
    """What a panel's channel is told when a meeting's time, place or date changes."""
    before, after = change.before, change.after
    panel = queries.committee(db, after["committee_id"])
    name = escape(panel.name if panel else "A panel")
    day = human_date(date.fromisoformat(before["date"]))
    reply = Reply(ephemeral=False).header(f"Meeting changed: {panel.name if panel else 'a panel'}"[:150])
    if after["status"] == "cancelled":
        reply.section(f"*{name}*: the meeting on *{day}* ({_details(before)}) is *cancelled*.")
    elif after["status"] == "rearranged" and after.get("moved_to"):
        moved = queries.next_meeting(db, after["committee_id"], date.fromisoformat(after["moved_to"]))
        new = meeting_line(moved) if moved and moved.date == after["moved_to"] else human_date(date.fromisoformat(after["moved_to"]))
        reply.section(f"*{name}*: the meeting of {day} has *moved to {new}*.")
    elif before["status"] in ("cancelled", "rearranged"):
        reply.section(f"*{name}*: the meeting on *{day}* is on again, {_details(after)}.")
    else:
        reply.section(f"*{name}*: the meeting on *{day}* is now *{_details(after)}* (was {_details(before)}).")
    sources = queries.provenance_of_meeting(db, change.meeting_id)
    if sources:
        reply.context("Papers: " + "; ".join(f"{paper(s.kind, s.meeting_date)} ({escape(_short_source(s.source))})" for s in sources[:3]))
    return reply


def _short_source(source: str) -> str:
    return source if source.startswith("http") else source.rsplit("/", 1)[-1]


# --- commands -------------------------------------------------------------------------------------

def _panel_or_reply(db: Database, typed: str, usage: str) -> tuple[Committee | None, Reply | None]:
    if not typed.strip():
        return None, Reply().section(f"Which panel? `{usage} <panel>`")
    match = find_panel(db, typed)
    if match.panel is None:  # never a guess: a typo gets "did you mean"
        return None, not_found(typed, match, db, usage)
    return match.panel, None


DIRECT_MESSAGES = ("dm", "group_dm")


def handle_channel(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                   access: Access = OPEN, channel_kind: str | None = None) -> Reply:
    """channel_kind: "channel", or "dm" / "group_dm" when typed in a direct message (Slack says which)."""
    panel, problem = _panel_or_reply(db, args, "/scrutiny channel")
    if problem:
        return problem
    if not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel, db))
    if not channel or channel == "console":
        return Reply().section("Type `/scrutiny channel <panel>` in the Slack channel that should get the panel's reminders.")
    if channel_kind in DIRECT_MESSAGES or channel.startswith("D"):
        return Reply().section("A direct message can't be a panel's reminders channel. Type `/scrutiny channel <panel>` "
                               "in the channel that should get them, or `/scrutiny subscribe <panel>` for reminders "
                               "to you alone.")
    if not log.set_channel(db, panel.id, channel, user or "console", now):
        return Reply().section(f"No change: reminders for *{escape(panel.name)}* already go to <#{channel}>.")
    return Reply(ephemeral=False).section(f"Reminders for *{escape(panel.name)}* will be posted in <#{channel}>, "
                                          "and its weekly digest (`/scrutiny digest <panel>` to change or stop it).")


def handle_subscribe(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                     access: Access = OPEN) -> Reply:
    panel, problem = _panel_or_reply(db, args, "/scrutiny subscribe")
    if problem:
        return problem
    if not user:
        return Reply().section("I need to know who you are to send you reminders.")
    new = log.subscribe(db, panel.id, user, now)
    settings = log.settings(db, panel.id)
    days = " and ".join(plural(k, "day") for k in settings.offsets)
    return Reply(home_changed=new).section((f"Subscribed: I'll message you {days} before each meeting of *{escape(panel.name)}*, at {settings.send_time}."
                            if new else f"You are already subscribed to *{escape(panel.name)}*.")
                           + " `/scrutiny unsubscribe` to stop.")


def handle_unsubscribe(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                       access: Access = OPEN) -> Reply:
    panel, problem = _panel_or_reply(db, args, "/scrutiny unsubscribe")
    if problem:
        return problem
    gone = log.unsubscribe(db, panel.id, user or "")
    return Reply(home_changed=gone).section(f"Unsubscribed from *{escape(panel.name)}*." if gone else f"You were not subscribed to *{escape(panel.name)}*.")


_SWITCHES = {"on": True, "off": False}
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?", re.IGNORECASE)


@dataclass
class SettingsChange:
    offsets: tuple[int, ...] | None = None
    send_time: str | None = None
    enabled: bool | None = None

    def __bool__(self) -> bool:
        return self.offsets is not None or self.send_time is not None or self.enabled is not None


class NotUnderstood(ValueError):
    """Words of a settings command that mean nothing here; the message says which and what would do."""


def _clock_time(text: str) -> str:
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise NotUnderstood(f"I can't read “{escape(text[:30])}” as a time: try `at 09:00` or `at 2pm`.")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise NotUnderstood(f"“{escape(text[:30])}” is not a clock time: try `at 09:00` or `at 2pm`.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise NotUnderstood("The time must be a clock time, like `at 09:00` or `at 2pm`.")
    return f"{hour:02d}:{minute:02d}"


def _settings_words(words: list[str]) -> SettingsChange:
    """`days 14,7,1`, `at 08:30`, `on`, `off`, in any order; anything else is refused, never ignored."""
    change = SettingsChange()
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word in ("days", "day"):
            numbers: list[str] = []
            i += 1
            while i < len(words) and re.fullmatch(r"[\d,]+", words[i]):
                numbers += [n for n in words[i].split(",") if n]
                i += 1
            if not numbers or not all(n.isascii() and n.isdigit() for n in numbers) or any(int(n) > MAX_OFFSET_DAYS for n in numbers):
                raise NotUnderstood(f"Days before the meeting must be numbers from 0 to {MAX_OFFSET_DAYS}, like `days 7,1`.")
            change.offsets = tuple(int(n) for n in numbers)
        elif word == "at":
            if i + 1 >= len(words):
                raise NotUnderstood("At what time? Like `at 09:00` or `at 2pm`.")
            typed = words[i + 1]
            i += 2
            if i < len(words) and words[i].lower() in ("am", "pm"):
                typed += words[i]
                i += 1
            change.send_time = _clock_time(typed)
        elif word in _SWITCHES:
            change.enabled = _SWITCHES[word]
            i += 1
        else:
            raise NotUnderstood(f"I don't understand “{escape(' '.join(words[i:])[:60])}”. Settings are "
                                "`days 7,1`, `at 09:00`, and `on` or `off`.")
    return change


def _split_settings(args: str) -> tuple[str, SettingsChange]:
    """(panel as typed, settings asked for). The settings start at the first of days/at/on/off
    from which every word after reads as a setting ("Committee on Standards off" keeps its "on")."""
    words = args.split()
    first_problem: NotUnderstood | None = None
    for k, word in enumerate(words):
        if word.lower() not in ("days", "day", "at", *_SWITCHES):
            continue
        try:
            return " ".join(words[:k]), _settings_words(words[k:])
        except NotUnderstood as problem:
            if word.lower() in ("days", "day", "at") and first_problem is None:
                first_problem = problem
    if first_problem:
        raise first_problem
    return " ".join(words), SettingsChange()


def handle_remind_settings(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                           access: Access = OPEN) -> Reply:
    """`remind-settings <panel> [days 7,1] [at 09:00] [on|off]`"""
    try:
        panel_text, change = _split_settings(args)
    except NotUnderstood as problem:
        return Reply().section(str(problem))
    panel, problem = _panel_or_reply(db, panel_text, "/scrutiny remind-settings")
    if problem:
        return problem
    current = log.settings(db, panel.id)
    reply = Reply()
    if change:
        if not access.can_edit(user, panel):
            return Reply().section(access.refusal(panel, db))
        wanted = log.Settings(panel.id, change.offsets or current.offsets, change.send_time or current.send_time,
                              current.enabled if change.enabled is None else change.enabled)
        clash = _starts_before(db, panel, wanted.send_time, now) if 0 in wanted.offsets else None
        if clash:
            return Reply().section(
                f"A reminder on the day at {wanted.send_time} would come after the meeting on "
                f"{human_date(date.fromisoformat(clash.date))} starts ({human_time(clash.time)}), so it could never be sent. "
                f"Choose a time before the meeting (`at 08:00`) or the day before (`days 1`). Nothing was changed.")
        if not log.save_settings(db, wanted, user or "console", now):
            reply.context("No change: these are the settings already.")
        current = log.settings(db, panel.id)
    days_text = ", ".join(str(k) for k in current.offsets)
    reply.section(f"*{escape(panel.name)}* reminders: {'on' if current.enabled else 'off'}, "
                  f"{days_text} {'day' if list(current.offsets) == [1] else 'days'} before each meeting at {current.send_time} (UK time).")
    where = targets(db, panel)
    reply.context(f"Going to {plural(len(where), 'place')}: " + (", ".join(_target_label(t, db) for t in where) if where else
                  "nowhere yet. `/scrutiny channel <panel>` in a channel, or `/scrutiny subscribe <panel>`."))
    reply.context("Change with `/scrutiny remind-settings <panel> days 7,1 at 09:00`, or `off` / `on`.")
    return reply


def _starts_before(db: Database, panel: Committee, send_time: str, now: datetime) -> MeetingRow | None:
    """The panel's first meeting ahead that begins at or before send_time on its day."""
    today = _instant(now).astimezone(LONDON).date()
    for meeting in queries.meetings_between(db, today, today + timedelta(days=366)):
        if meeting.committee_id == panel.id and meeting.status == "scheduled" and meeting.time and meeting.time <= send_time:
            return meeting
    return None


def _target_label(target: str, db: Database) -> str:
    kind, _, ident = target.partition(":")
    return f"<#{ident}>" if kind == "channel" else person(ident, queries.person_name(db, ident))


def handle_reminders(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None) -> Reply:
    """What is due next, for whom, and what failed."""
    reply = Reply().header("Reminders")
    upcoming = []
    set_up, switched_off, no_meeting, none_left = [], [], [], []
    for committee in queries.committees(db):
        settings = log.settings(db, committee.id)
        where = targets(db, committee)
        if not where:
            continue
        set_up.append(committee)
        if not settings.enabled:
            switched_off.append(committee)
            continue
        meeting = queries.next_meeting(db, committee.id, now.date())
        if meeting is None:
            no_meeting.append(committee)
            continue
        moments = [(send_moment(meeting.date, k, settings.send_time), k) for k in sorted(settings.offsets, reverse=True)]
        ahead = [(moment, k) for moment, k in moments if _instant(moment) > _instant(now)]
        if not ahead:
            none_left.append((committee, meeting))
        for moment, k in ahead:
            upcoming.append((moment, committee, meeting, k, where))
    if upcoming:
        lines = [f"• {human_date(moment.date())} {moment.strftime('%H:%M')} — *{escape(c.name)}* "
                 f"({plural(k, 'day')} before {when(m.date)}) to {', '.join(_target_label(t, db) for t in where)}"
                 for moment, c, m, k, where in sorted(upcoming, key=lambda u: _instant(u[0]))[:10]]
        reply.section("*Next*\n" + "\n".join(lines))
        if len(upcoming) > 10:
            reply.context(f"…and {len(upcoming) - 10} more after these.")
    elif not set_up:
        reply.section("No reminders are due: set a channel (`/scrutiny channel <panel>`) or subscribe (`/scrutiny subscribe <panel>`).")
    else:
        reply.section("No reminders are due.")
    why = []
    if no_meeting:
        why.append("no future meeting is known for " + ", ".join(f"*{escape(c.name)}*" for c in no_meeting[:10])
                   + " (its reminders start once a paper or the council's site names the next date)")
    if none_left:
        why.append("every reminder before the next meeting of " + ", ".join(
            f"*{escape(c.name)}* ({when(m.date)})" for c, m in none_left[:10]) + " has already gone")
    if switched_off:
        why.append("reminders are off for " + ", ".join(f"*{escape(c.name)}*" for c in switched_off[:10])
                   + " (`/scrutiny remind-settings <panel> on`)")
    if why:
        reply.context("Also: " + "; ".join(why) + ".")
    failed = log.log_rows(db, ("failed", "retry"), limit=10)
    if failed:
        reply.section("*Failed*\n" + "\n".join(
            f"• {escape(r.committee)} {when(r.meeting_date)}, {plural(r.offset_days, 'day')} before, to {_target_label(r.target, db)}: "
            f"`{escape(r.error or 'unknown error')}`" + (" (will retry)" if r.status == "retry" else "") for r in failed))
    sent = log.log_rows(db, ("sent",), limit=5)
    if sent:
        reply.context("Last sent: " + "; ".join(f"{escape(r.committee)} {when(r.meeting_date)} to {_target_label(r.target, db)}"
                                                + (" (late)" if r.late else "") for r in sent))
    return reply


def describe(due: Due) -> str:
    late = " (late)" if due.late else ""
    return (f"{due.send_at.strftime('%Y-%m-%d %H:%M %Z')}{late}  {due.committee.name}  meeting {due.meeting.date}"
            f"  {plural(due.offset_days, 'day')} before  -> {due.target}")
