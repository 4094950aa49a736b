"""Synthetic committee papers in the forms real ones take, for benchmarks.

Each meeting gets an agenda (membership, an item table, a work-programme table,
dates of future meetings) and minutes (attendance, numbered items, follow-ups,
RESOLVED blocks); every fifth meeting is also published as a ModernGov-style
HTML page instead of text minutes. Councils, panels, names, topics and
acronyms vary; the same seed writes the same papers.

    python bench/generate.py OUT_DIR --meetings 1000 [--seed 7]
"""
from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

COUNCILS = ["Northshire County Council", "Eastborough Council", "Westvale District Council", "Southport City Council",
            "Midlands Metropolitan Borough Council", "Riverside Borough Council", "Highfield County Council",
            "Lakeside Council", "Oakdale District Council", "Kingsbridge City Council"]
PANELS = ["Children and Families Overview and Scrutiny Panel", "Adult Social Care and Health Scrutiny Committee",
          "Economy and Environment Overview and Scrutiny Panel", "Corporate and Communities Scrutiny Committee",
          "Housing Scrutiny Panel", "Overview and Scrutiny Management Board", "Place Scrutiny Committee"]
FIRST = ["Alice", "Ben", "Carla", "David", "Emma", "Farid", "Grace", "Hugh", "Imran", "Jane", "Kieran", "Lucy",
         "Mohammed", "Nina", "Owen", "Priya", "Quentin", "Rachel", "Sanjay", "Tom", "Una", "Victor", "Wendy", "Yusuf"]
LAST = ["Adams", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
        "Lewis", "Morgan", "Nash", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Taylor", "Usher", "Vaughan",
        "Walker", "Young"]
TOPICS = [
    ("Education, Health and Care Plans (EHCPs)", "EHCP timeliness"), ("Special Educational Needs and Disabilities (SEND)", "SEND improvement plan"),
    ("Child and Adolescent Mental Health Services (CAMHS)", "CAMHS waiting times"), ("Not in Education, Employment or Training (NEET)", "NEET young people"),
    ("Home to School Transport", "Home to school transport"), ("Safeguarding Children Partnership Annual Report", "Safeguarding annual report"),
    ("Domestic Abuse Strategy", "Domestic abuse"), ("Medium Term Financial Strategy (MTFS)", "Budget scrutiny"),
    ("Elective Home Education", "Elective home education"), ("Fostering Recruitment", "Foster carers"),
    ("Highways Maintenance", "Potholes and highways"), ("Local Plan Review", "Local plan"),
    ("Homelessness Prevention", "Homelessness"), ("Air Quality Action Plan", "Air quality"),
    ("Libraries Strategy", "Library services"), ("Adult Social Care Reforms", "Care charging reforms"),
    ("Youth Justice Plan", "Youth offending"), ("Climate Emergency Action Plan", "Climate emergency"),
]
FOLLOW_UPS = [
    "It was agreed that the {officer} would circulate {what} to all Members.",
    "Members requested further information on {what}.",
    "It was agreed that {what} would be added to the work programme for {month}.",
    "The {officer} agreed to provide {what} before the next meeting.",
    "Further details were requested on {what}.",
    "It was agreed that the Chairman would write to the Cabinet Member about {what}.",
]
WHATS = ["the latest performance figures", "the breakdown by district", "the action plan", "benchmarking data",
         "the outcome of the consultation", "the waiting list figures", "the budget variance", "the inspection letter"]
OFFICERS = ["Director of Children's Services", "Head of Service", "Scrutiny Officer", "Assistant Director",
            "Strategic Director", "Service Manager"]
NARRATIVE = [
    "The Panel was informed that demand had continued to rise over the last quarter and that staffing remained a challenge.",
    "In response to a question about recruitment, Members were told that agency use had fallen by a fifth.",
    "Concern was expressed about the pace of improvement and the impact on families.",
    "Members were given an opportunity to ask questions and the following main points were raised:",
    "The Cabinet Member reminded the Panel of the national context and the pressures on all councils.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _long(d: date) -> str:
    return f"{d.strftime('%A')}, {d.day} {d.strftime('%B %Y')}"


def _short(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def agenda(rng: random.Random, council: str, panel: str, when: date, members: list[str], topics: list, ahead: list[date]) -> str:
    items = ["Apologies and Welcome", "Declaration of Interest", "Confirmation of the Minutes of the Previous Meeting"]
    items += [t[0] for t in topics] + ["Work Programme"]
    page = 1
    rows = []
    for number, title in enumerate(items, 1):
        pages = ""
        if number > 3:
            pages = f"{page} - {page + rng.randint(4, 30)}"
            page += 40
        rows.append(f"{number}\t{title}\t{pages}")
    programme = []
    for meeting_date in ahead:
        for topic in rng.sample(TOPICS, 3):
            programme.append(f"{_short(meeting_date)}\t{topic[1]}\t{_short(when - timedelta(days=rng.randint(60, 700)))}\t")
    programme.append(f"TBC\t{rng.choice(TOPICS)[1]}\t\tRequested at Panel meeting")
    body = "\n\n".join(rng.choice(NARRATIVE) for _ in range(rng.randint(20, 60)))
    return f"""Agenda

{panel}

{_long(when)}, 10.00 am, County Hall

Membership

Councillors:

{", ".join(f"Cllr {m}" for m in members[:-1])} and Cllr {members[-1]}

Agenda

Item No\tSubject\tPage No
{chr(10).join(rows)}

Agenda produced and published by {council}.

{body}

WORK PROGRAMME

Date of Meeting\tIssue for Scrutiny\tDate of Last Report\tNotes
{chr(10).join(programme)}

Dates of Future Meetings

{chr(10).join(f"- {_short(d)} at 10am" for d in ahead)}
"""


def minutes(rng: random.Random, council: str, panel: str, when: date, members: list[str], topics: list, first_item: int) -> str:
    present = members[:-1]
    items = [("Apologies and Welcome", f"Apologies were received from Councillor {members[-1]}."),
             ("Declarations of Interest", "None."),
             ("Confirmation of the Minutes", "The Minutes of the previous meeting were agreed as a correct record.")]
    month = (when + timedelta(days=rng.randint(60, 200))).strftime("%B %Y")
    for topic in topics:
        paragraphs = [rng.choice(NARRATIVE) for _ in range(rng.randint(3, 8))]
        for _ in range(rng.randint(2, 4)):
            paragraphs.append("- " + rng.choice(FOLLOW_UPS).format(officer=rng.choice(OFFICERS), what=rng.choice(WHATS), month=month))
        if rng.random() < 0.4:
            paragraphs.append(f"RESOLVED that the report be noted and that an update on {topic[1]} be provided to a meeting of the Panel in {month}.")
        elif rng.random() < 0.5:  # a recommendation to the executive: the tracker's records
            paragraphs.append(f"RESOLVED that the Panel recommends to Cabinet that {rng.choice(WHATS)} on {topic[1].lower()} be published.")
        items.append((topic[0], "\n\n".join(paragraphs)))
    body = "\n\n".join(f"{first_item + i} {title}\n\n{text}" for i, (title, text) in enumerate(items))
    officers = "\n".join(f"{_name(rng)}, {rng.choice(OFFICERS)}" for _ in range(3))
    return f"""Minutes of the {panel}

{council}

County Hall

{_long(when)}, 10.00 am

Present:

{", ".join(f"Cllr {m}" for m in present[:-1])} and Cllr {present[-1]}

Also attended:

{officers}

{body}

The meeting ended at 12.30 pm
"""


def moderngov_page(rng: random.Random, council: str, panel: str, when: date, topics: list, first_item: int) -> str:
    rows = []
    for i, topic in enumerate(topics):
        follow = rng.choice(FOLLOW_UPS).format(officer=rng.choice(OFFICERS), what=rng.choice(WHATS), month="March 2030")
        rows.append(f"<tr><td>{first_item + i}.</td><td><p>{topic[0]}</p><p>{rng.choice(NARRATIVE)}</p><p>{follow}</p></td></tr>")
    return f"""<!DOCTYPE html><html><head><title>Agenda and minutes - {panel} - {_long(when)} 10.00 am</title></head>
<body><h1>Agenda and minutes</h1><p>Venue: County Hall</p><p>{council}</p>
<table><tr><th>No.</th><th>Item</th></tr>{"".join(rows)}</table></body></html>
"""


def generate(out: Path, meetings: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    panels = [(council, panel) for council in COUNCILS for panel in PANELS]
    per_panel = max(1, meetings // len(panels)) if meetings >= len(panels) else 1
    count = 0
    for index, (council, panel) in enumerate(panels):
        if count >= meetings:
            break
        members = [_name(rng) for _ in range(rng.randint(7, 11))]
        when = date(2016, 1, 11) + timedelta(days=rng.randint(0, 30))
        minute_number = rng.randint(1, 400)
        for _ in range(per_panel):
            if count >= meetings:
                break
            topics = rng.sample(TOPICS, rng.randint(2, 5))
            ahead = [when + timedelta(days=7 * k) for k in (8, 16, 24)]
            stem = f"c{index:03d}_{when.isoformat()}"
            (out / f"{stem}_agenda.txt").write_text(agenda(rng, council, panel, when, members, topics, ahead), encoding="utf-8")
            written.append(out / f"{stem}_agenda.txt")
            if count % 5 == 4:
                path = out / f"{stem}_minutes.html"
                path.write_text(moderngov_page(rng, council, panel, when, topics, minute_number), encoding="utf-8")
            else:
                path = out / f"{stem}_minutes.txt"
                path.write_text(minutes(rng, council, panel, when, members, topics, minute_number), encoding="utf-8")
            written.append(path)
            minute_number += len(topics) + 4
            when = ahead[0] + timedelta(days=rng.choice([0, 0, 7, -7]))
            while when.weekday() > 4:
                when += timedelta(days=1)
            count += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = generate(args.out, args.meetings, args.seed)
    print(f"wrote {len(files)} papers for {args.meetings} meetings to {args.out}")


if __name__ == "__main__":
    main()
