"""A year of three councils' papers, replayed day by day with a frozen clock,
to prove the statutory clocks (issue 15).

The generator writes, for an English county, a Welsh council and a Scottish
council (which has adopted a two-month response period of its own), twelve
months of scrutiny agendas and minutes with recommendations to the executive in
several layouts, and monthly Cabinet minutes that answer some on time, some
late, some never and some in part, among decisions that answer nothing. It
knows the truth of each: when every recommendation was made, when and how it was
answered, and when each paper was published.

The replay ingests each paper on the day it is published, runs the clock sweep
twice each morning (as two processes would) against a recording fake Slack, and
after every day checks:
- every recommendation published is tracked, with the due date the law and the
  council's settings give;
- one that is unanswered past its due date is flagged overdue, and was told to
  its panel on the day it became overdue and 14 days before it was due;
- no response that has been published is reported missing, and none is matched
  to the wrong recommendation;
- nothing is sent twice; every report deadline is reminded before it passes.

    python bench/clocks_replay.py [--months 12] [--seed 11]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.clocks import add_working_days, response_due, parse_period  # noqa: E402

LONDON = ZoneInfo("Europe/London")
START = date(2025, 5, 5)

COUNCILS = [  # name, nation, settings an officer sets for it
    ("Northshire County Council", "england", []),
    ("Glanwern County Borough Council", "wales", [("nation", "wales")]),
    ("Lochvale Council", "scotland", [("nation", "scotland"), ("response", "executive 2 months")]),
]
PANELS = [
    ("Children and Young People Scrutiny Panel", ["Home to School Transport", "Special Educational Needs Provision",
                                                  "Foster Carer Recruitment", "Youth Services", "School Place Planning"]),
    ("Adult Social Care and Health Scrutiny Committee", ["Hospital Discharge Arrangements", "Care Market Sustainability",
                                                         "Dementia Support Services", "Carers Strategy", "Home Care Workforce"]),
    ("Environment and Economy Scrutiny Panel", ["Highways Maintenance Programme", "Flood Risk Management",
                                                "Bus Service Improvement", "Waste Collection Changes", "Town Centre Regeneration"]),
]
ASKS = ["that a dedicated budget line be created for {t}", "that the service publishes quarterly performance data on {t}",
        "that the eligibility criteria for {t} be reviewed with users", "that a member champion be appointed for {t}",
        "that the {t} action plan include measurable targets", "that the council lobbies government for fairer funding of {t}",
        "that officers consult parish and town councils on {t}", "that the waiting times for {t} be reported every six months"]
OTHER_DECISIONS = ["Budget Monitoring Quarter {q}", "Capital Programme Update", "Treasury Management Report",
                   "Procurement of Office Cleaning", "Corporate Risk Register"]


@dataclass
class TruthRec:
    council: str
    panel: str
    made_on: date
    published_on: date
    text: str
    recipient_kind: str = "executive"
    answer: str = "never"  # on_time | late | never | partly
    response_on: date | None = None  # Cabinet's decision
    response_published: date | None = None
    outcome: str | None = None


@dataclass
class Paper:
    path: Path
    published_on: date


@dataclass
class World:
    papers: list[Paper] = field(default_factory=list)
    recs: list[TruthRec] = field(default_factory=list)
    report_deadlines: list[tuple[str, str, date]] = field(default_factory=list)  # council, panel, meeting


def _long(d: date) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def _weekday_on_or_after(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _layout(rng: random.Random, rows: list[str], recipient: str) -> str:
    """One of the ways minutes write a panel's recommendations."""
    choice = rng.randrange(4)
    if choice == 0 or len(rows) > 2:
        listed = "\n".join(f"({chr(97 + i)}) {r};" for i, r in enumerate(rows))
        return f"RESOLVED that the following recommendations be made to {recipient}:\n{listed}"
    if choice == 1:
        return "The Panel AGREED:\n(a) to note the report;\n" + "\n".join(
            f"({chr(98 + i)}) to recommend to {recipient} {r};" for i, r in enumerate(rows))
    if choice == 2:
        return "\n\n".join(f"RESOLVED – That the Panel recommends to the {recipient} {r}." for r in rows)
    return "\n\n".join(f"It was agreed to recommend to {recipient} {r}." for r in rows)


def generate_year(out: Path, months: int = 12, seed: int = 11) -> World:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    world = World()
    end = START + timedelta(days=round(months * 30.5))
    for council_index, (council, nation, _settings) in enumerate(COUNCILS):
        period = parse_period("2 months")
        cabinet_days = []
        day = _weekday_on_or_after(START + timedelta(days=council_index * 3), 1)  # Tuesdays
        while day < end + timedelta(days=120):
            cabinet_days.append(day)
            day = _weekday_on_or_after(day + timedelta(days=28), 1)
        answers: dict[date, list[tuple[str, str, date, str, list[TruthRec]]]] = {}
        for panel_index, (panel, topics) in enumerate(PANELS):
            meetings = []
            day = _weekday_on_or_after(START + timedelta(days=7 + panel_index * 5 + council_index), 3)  # Thursdays
            while day < end:
                meetings.append(day)
                day = _weekday_on_or_after(day + timedelta(days=rng.choice([35, 42, 49])), 3)
            for number, meeting in enumerate(meetings):
                ahead = [m for m in meetings[number + 1:number + 4]]
                extra = [meeting + timedelta(days=42 * k) for k in range(1, 4)] if not ahead else []
                future = ahead or extra
                agenda_published = add_working_days(meeting, -6, nation)
                stem = f"{council_index}{panel_index}_{meeting.isoformat()}"
                topic_now = topics[number % len(topics)]
                agenda = (f"Agenda\n\n{panel}\n\n{_long(meeting)}, 10.00 am, Council Chamber\n\n{council}\n\nMembership\n\n"
                          f"Councillors: A Adams, B Brown and C Clarke\n\nItem No\tSubject\tPage No\n1\tApologies\t\n"
                          f"2\t{topic_now}\t1 - 20\n3\tWork Programme\t21 - 24\n\nWORK PROGRAMME\n\n"
                          f"Date of Meeting\tIssue for Scrutiny\tNotes\n"
                          + "".join(f"{m.day} {m.strftime('%B %Y')}\t{topics[(number + k + 1) % len(topics)]}\t\n"
                                    for k, m in enumerate(future))
                          + "\nDates of Future Meetings\n\n" + "\n".join(f"- {m.day} {m.strftime('%B %Y')} at 10am" for m in future) + "\n")
                path = out / f"{stem}_agenda.txt"
                path.write_text(agenda, encoding="utf-8")
                world.papers.append(Paper(path, agenda_published))
                world.report_deadlines.append((council, panel, meeting))

                items = [f"1. Apologies\n\nApologies were received from Councillor C Clarke."]
                asks = rng.sample(ASKS, rng.choice([1, 2, 2, 3]))
                rows = [a.format(t=topic_now.lower()) + f" ({meeting.strftime('%B %Y')} review)" for a in asks]
                recipient = rng.choice(["Cabinet", "Cabinet", "Executive"])
                body = (f"The Panel considered a report on {topic_now.lower()}. Members asked about demand and staffing.\n\n"
                        f"It was agreed that the Head of Service would circulate the latest figures to all Members.\n\n"
                        f"Members noted that Ofsted recommended that management oversight be strengthened.\n\n"
                        + _layout(rng, rows, recipient))
                items.append(f"2. {topic_now}\n\n{body}")
                items.append("3. Work Programme\n\nThe Panel noted its work programme.")
                minutes = (f"Minutes of the {panel}\n\n{council}\n\nCouncil Chamber\n\n{_long(meeting)}, 10.00 am\n\n"
                           f"Present:\n\nCllr A Adams and Cllr B Brown\n\n" + "\n\n".join(items) + "\n\nThe meeting ended at 12.30 pm\n")
                published = add_working_days(meeting, 5, nation)
                path = out / f"{stem}_minutes.txt"
                path.write_text(minutes, encoding="utf-8")
                world.papers.append(Paper(path, published))

                group = [TruthRec(council, panel, meeting, published, r[5:6].upper() + r[6:]) for r in rows]  # less "that "
                world.recs.extend(group)
                due = response_due(meeting, period)
                answer = rng.choices(["on_time", "late", "never", "partly"], weights=[4, 2, 2, 2])[0]
                if answer == "never":
                    continue
                if answer == "late":
                    chosen = next(c for c in cabinet_days if c > due + timedelta(days=6))
                else:  # answered by a Cabinet whose minutes are out before the due date
                    fits = [c for c in cabinet_days if meeting + timedelta(days=14) <= c and add_working_days(c, 3, nation) <= due]
                    if not fits:
                        continue
                    chosen = rng.choice(fits)
                outcomes = ["accepted"] * len(group)
                if answer == "partly":
                    outcomes = [rng.choice(["accepted", "rejected"]) for _ in group]
                    if len(group) > 1:
                        outcomes[0], outcomes[1] = "accepted", "rejected"
                for rec, outcome in zip(group, outcomes):
                    rec.answer, rec.response_on, rec.outcome = answer, chosen, outcome
                    rec.response_published = add_working_days(chosen, 3, nation)
                answers.setdefault(chosen, []).append((panel, topic_now, meeting, answer, group))

        for number, cabinet in enumerate(cabinet_days):
            if cabinet >= end + timedelta(days=90):
                break
            items = ["1. Apologies for Absence\n\nApologies were received from Councillor D Davies."]
            n = 2
            for panel, topic, meeting, answer, group in answers.get(cabinet, []):
                if answer == "partly" and len(group) > 1:
                    lines = "\n".join(f"Recommendation {i}: {'accepted' if r.outcome == 'accepted' else 'not accepted'}."
                                      for i, r in enumerate(group, 1))
                    decision = f"RESOLVED that the response set out below be agreed:\n{lines}"
                elif answer == "partly":
                    decision = "RESOLVED that the recommendation be accepted in part." if group[0].outcome == "accepted" else \
                        "RESOLVED that the recommendation be not accepted."
                    for r in group:
                        r.outcome = "partly" if r.outcome == "accepted" else "rejected"
                else:
                    decision = "RESOLVED that the recommendations be accepted and an action plan be prepared."
                said = (f"at its meeting on {meeting.day} {meeting.strftime('%B %Y')} " if (n + number) % 3 else "")
                items.append(f"{n}. Recommendations of the {panel}: {topic}\n\nCabinet considered the recommendations made by the "
                             f"{panel} {said}on {topic.lower()}.\n\n{decision}")
                n += 1
            # decisions that answer nothing, one on a panel's subject (a call-in for that panel)
            panel, topics = PANELS[number % len(PANELS)]
            items.append(f"{n}. {topics[(number + 2) % len(topics)]} Policy\n\nCabinet considered a report on "
                         f"{topics[(number + 2) % len(topics)].lower()}.\n\nRESOLVED that the revised policy be approved.")
            items.append(f"{n + 1}. {OTHER_DECISIONS[number % len(OTHER_DECISIONS)].format(q=number % 4 + 1)}\n\n"
                         "RESOLVED that the report be noted.")
            text = (f"Minutes of the Cabinet\n\n{council}\n\nCouncil Chamber\n\n{_long(cabinet)}, 2.00 pm\n\nPresent:\n\n"
                    f"Cllr L Leader and Cllr M Member\n\n" + "\n\n".join(items) + "\n\nThe meeting ended at 4.00 pm\n")
            path = out / f"{council_index}c_{cabinet.isoformat()}_cabinet.txt"
            path.write_text(text, encoding="utf-8")
            world.papers.append(Paper(path, add_working_days(cabinet, 3, nation)))
    return world


# --- the replay ---------------------------------------------------------------------------------------

class RecordingSlack:
    """chat_postMessage, recorded: what a sweep would have posted."""

    def __init__(self) -> None:
        self.posts: list[dict] = []

    def chat_postMessage(self, **message):  # noqa: N802 - Slack's name
        self.posts.append(message)
        return {"ok": True, "ts": f"{len(self.posts)}.0"}


@dataclass
class Counts:
    recommendations: int = 0
    responses_published: int = 0
    responses_matched: int = 0
    false_matches: int = 0
    missed: int = 0  # a recommendation not tracked, a wrong due date, an overdue not flagged or not told, a warning not sent
    false_overdue: int = 0
    reminded_twice: int = 0
    report_deadlines_missed: int = 0
    sent: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def replay(world: World, db_path: Path, months: int = 12, check_every: int = 1) -> tuple[Counts, list[tuple[str, Counts]]]:
    from bot.clock_reminders import sweep_clocks
    from handlers import dispatch
    from store import connect, queries
    from store import recommendations as tracker
    from store import reminders as log
    from store.ingest import ingest_file

    counts = Counts()
    monthly: list[tuple[str, Counts]] = []
    slack = RecordingSlack()
    by_day: dict[date, list[Paper]] = {}
    for paper in world.papers:
        by_day.setdefault(paper.published_on, []).append(paper)
    sent_keys: Counter = Counter()
    warned: dict[tuple[str, int], date] = {}  # (rec words, offset) -> the day it was told
    report_told: set[tuple[int, str]] = set()
    channels: set[int] = set()
    configured: set[str] = set()
    end = START + timedelta(days=round(months * 30.5))
    day = START
    month = Counts()
    while day <= end:
        with connect(db_path) as db:
            morning = datetime.combine(day, datetime.min.time(), LONDON).replace(hour=7)
            for paper in by_day.get(day, []):
                outcome = ingest_file(db, paper.path, {}, morning)
                if outcome.status == "failed":
                    counts.problems.append(f"{paper.path.name}: {outcome.reason}")
            for council, _nation, settings in COUNCILS:
                if council in configured or not db.execute("SELECT 1 FROM committees WHERE council = ?", [council]).fetchone():
                    continue
                for key, value in settings:
                    dispatch(f"settings {council} {key} {value}", db, morning, user="cli")
                configured.add(council)
            for panel in queries.committees(db):
                if panel.id not in channels and "Cabinet" not in panel.name:
                    log.set_channel(db, panel.id, f"C{panel.id}", "replay", morning)
                    channels.add(panel.id)
        for hour, minute in ((9, 0), (9, 0), (9, 5)):  # two processes at 09:00, then the next sweep
            now = datetime.combine(day, datetime.min.time(), LONDON).replace(hour=hour, minute=minute)
            report = sweep_clocks(str(db_path), slack, now)
            for due in report.sent:
                key = (due.clock, due.offset_days, due.target)
                sent_keys[key] += 1
                if sent_keys[key] > 1:
                    counts.reminded_twice += 1
                counts.sent[due.kind] += 1
                for rec in due.recs:
                    warned.setdefault((rec.council, rec.made_on, _words(rec.text), due.offset_days), day)
                if due.kind == "report":
                    report_told.add((due.meeting.id, due.deadlines.report_deadline.isoformat()))
        if (day - START).days % check_every == 0 or day == end:
            with connect(db_path) as db:
                _check(db, world, day, warned, counts, month, tracker)
        if (day + timedelta(days=1)).month != day.month or day == end:
            monthly.append((day.strftime("%Y-%m"), month))
            month = Counts()
        day += timedelta(days=1)
    with connect(db_path) as db:
        _check_reports(db, world, end, report_told, counts)
        counts.recommendations = db.execute("SELECT count(DISTINCT rec_key) FROM recommendations").fetchone()[0]
        counts.responses_published = sum(1 for r in world.recs if r.response_published and r.response_published <= end)
        counts.responses_matched = _matched(db, world, end, counts, tracker)
    return counts, monthly


def _store_rec(db, rec: TruthRec, tracker):
    wanted = _words(rec.text)
    for row in tracker.recommendations(db, status="all", today=rec.made_on, council=rec.council):
        if row.made_on == rec.made_on.isoformat() and wanted in _words(row.text):
            return row
    return None


def _check(db, world: World, today: date, warned: dict, counts: Counts, month: Counts, tracker) -> None:
    rows: dict[tuple[str, str], list] = {}
    for r in tracker.recommendations(db, status="all", today=today):
        rows.setdefault((r.council, r.made_on), []).append(r)
    for rec in world.recs:
        if rec.published_on > today:
            continue
        key = _words(rec.text)
        row = next((r for r in rows.get((rec.council, rec.made_on.isoformat()), []) if key in _words(r.text)), None)
        if row is None:
            _problem(counts, month, "missed", f"{today}: not tracked: {rec.text[:60]}")
            continue
        due = response_due(rec.made_on, parse_period("2 months"))
        if row.due != due.isoformat():
            _problem(counts, month, "missed", f"{today}: due {row.due} not {due}: {rec.text[:60]}")
        answered = rec.response_published is not None and rec.response_published <= today
        status = row.status(today)
        if answered and status in ("overdue", "due soon", "awaiting"):
            _problem(counts, month, "false_overdue" if status == "overdue" else "missed",
                     f"{today}: response of {rec.response_on} not seen ({status}): {rec.text[:60]}")
        if not answered and today > due:
            if status != "overdue":
                _problem(counts, month, "missed", f"{today}: not flagged overdue ({status}): {rec.text[:60]}")
            if today == due + timedelta(days=1) and not _told(warned, rec, key, -1, today):
                _problem(counts, month, "missed", f"{today}: overdue not told: {rec.text[:60]}")
        if not answered and today == due - timedelta(days=14) and not _told(warned, rec, key, 14, today):
            _problem(counts, month, "missed", f"{today}: 14-day warning not sent: {rec.text[:60]}")


def _told(warned: dict, rec: TruthRec, key: str, offset: int, today: date) -> bool:
    return any(c == rec.council and m == rec.made_on.isoformat() and key in words and o == offset and d == today
               for (c, m, words, o), d in warned.items())


def _problem(counts: Counts, month: Counts, kind: str, text: str) -> None:
    for c in (counts, month):
        setattr(c, kind, getattr(c, kind) + 1)
    if len(counts.problems) < 40:
        counts.problems.append(text)


def _check_reports(db, world: World, end: date, told: set, counts: Counts) -> None:
    """Every scrutiny meeting known before its report deadline had that deadline reminded, before it passed."""
    from store import clocks as store_clocks
    for council, panel, meeting in world.report_deadlines:
        row = db.execute("SELECT m.id FROM meetings m JOIN committees c ON c.id = m.committee_id"
                         " WHERE c.council = ? AND c.name = ? AND m.date = ?", [council, panel, meeting.isoformat()]).fetchone()
        if row is None:
            continue
        deadline = store_clocks.deadlines_for(db, council, meeting.isoformat()).report_deadline
        if deadline > end or deadline < START + timedelta(days=60):
            continue  # beyond the replay, or before the meeting could be known
        if (row[0], deadline.isoformat()) not in told:
            counts.report_deadlines_missed += 1
            counts.problems.append(f"report deadline {deadline} for {panel} {meeting} not reminded")


def _matched(db, world: World, end: date, counts: Counts, tracker) -> int:
    """Responses matched to the right recommendation; anything matched wrongly is a false match."""
    matched = 0
    for rec in world.recs:
        if rec.published_on > end:
            continue
        row = _store_rec(db, rec, tracker)
        if row is None:
            continue
        found = [m for m in tracker.matches_for(db, row.rec_key) if m.state != "rejected"]
        for m in found:
            if rec.response_on is None or m.decided_on != rec.response_on.isoformat():
                counts.false_matches += 1
                counts.problems.append(f"false match: {rec.text[:50]} -> {m.cabinet} {m.decided_on}")
            elif rec.outcome and m.outcome not in (rec.outcome, None):
                counts.false_matches += 1
                counts.problems.append(f"wrong outcome {m.outcome} not {rec.outcome}: {rec.text[:50]}")
            else:
                matched += 1
    return matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        world = generate_year(Path(tmp) / "papers", args.months, args.seed)
        start = time.perf_counter()
        counts, monthly = replay(world, Path(tmp) / "replay.db", args.months)
        took = time.perf_counter() - start
    print(f"{len(world.papers)} papers for {len(COUNCILS)} councils over {args.months} months, replayed day by day in {took:.0f} s")
    print(f"{'month':<8} {'missed':>7} {'false overdue':>14}")
    for label, month in monthly:
        print(f"{label:<8} {month.missed:>7} {month.false_overdue:>14}")
    truth = Counter(r.answer for r in world.recs)
    published = sum(1 for r in world.recs if r.published_on <= START + timedelta(days=round(args.months * 30.5)))
    print(f"\nrecommendations: {counts.recommendations} tracked of {published} published ({len(world.recs)} made) "
          f"({truth['on_time']} answered on time, {truth['late']} late, {truth['partly']} in part, {truth['never']} never)")
    print(f"responses published: {counts.responses_published}; matched: {counts.responses_matched}; "
          f"false matches: {counts.false_matches}")
    print(f"missed: {counts.missed}; false overdue: {counts.false_overdue}; reminded twice: {counts.reminded_twice}; "
          f"report deadlines not reminded: {counts.report_deadlines_missed}")
    print("sent: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.sent.items())))
    for problem in counts.problems[:20]:
        print("  " + problem)
    print("targets: 0 missed, 0 false overdue, 0 false matches, 0 reminded twice")


if __name__ == "__main__":
    main()
