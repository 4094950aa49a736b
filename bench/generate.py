"""Committee papers at national scale, for benchmarks: every council's
scrutiny panels for ten years, in the real papers' sizes, words and forms.

Shape: councils with a few panels each (about 370 councils and 1,500 panels
for the whole country), each panel meeting about ten times a year from 2015
for ten years (about 100 meetings a panel). A size of N meetings is the first
N / 400 or so councils of that country: more meetings means more councils,
not deeper panels. A council is the same whatever the size asked for, so a
smaller store is part of a larger one.

Papers (bench/sample.py has what they are made of):
- Sizes are drawn from the real papers' sizes (agendas 28-86 KB, minutes
  8-24 KB of text), each varied by a log-normal factor.
- Sentences, follow-ups, item titles, programme issues and agenda front
  matter are real ones, with the council's own places and people put in
  their names' slots; one sentence in ten has a word swapped for another
  drawn from the real papers' word frequencies, and now and then a word is
  misspelt, as in real papers. Every council has its own place and ward
  names and members, so the vocabulary grows with the country as real
  vocabulary does.
- Forms: an agenda pack (front sheet, item table, reports, work-programme
  table, future dates); minutes in one of two councils' house styles (numbered
  items with follow-ups and resolutions), or a ModernGov "agenda and minutes"
  page; each council keeps its own style.

    python bench/generate.py OUT_DIR --meetings 10000 [--workers 2]
"""
from __future__ import annotations

import argparse
import itertools
import math
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/generate.py
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sample import Sample, real_sample  # noqa: E402
from store.save import slugify  # noqa: E402

START = date(2015, 1, 5)
MEETINGS_PER_PANEL = 100
COUNCILS = 370  # the whole country
MAX_PANELS = 1500

_FIRST = ["Ash", "Brad", "Brid", "Broad", "Burn", "Cam", "Chel", "Clay", "Dun", "Elm", "Fal", "Farn", "Glen", "Gold",
          "Ham", "Har", "Hart", "Hol", "King", "Lang", "Lin", "Long", "Mal", "Mar", "Mel", "Nor", "Oak", "Pen", "Red",
          "Rich", "Rother", "Salt", "Sand", "Stan", "Stock", "Sut", "Tam", "Thorn", "Tun", "Wal", "War", "Wel",
          "Whit", "Wick", "Win", "Wor", "Ald", "Bar", "Cor", "Dar", "Eve", "Fen", "Gil", "Hal", "Ick", "Kes", "Lud",
          "Mor", "Nut", "Ock", "Pad", "Quen", "Ros", "Shel", "Tod", "Ux", "Ven", "Yar", "Ab", "Bol", "Craw"]
_LAST = ["ford", "ham", "ton", "bury", "field", "ley", "wick", "by", "mouth", "bridge", "worth", "stead", "dale",
         "minster", "caster", "chester", "gate", "borough", "wood", "combe", "hurst", "well", "sey", "thorpe", "den",
         "ing", "mere", "holme", "cott", "stow"]
_KINDS = [("{p}shire County Council", 26), ("{p} District Council", 160), ("{p} Borough Council", 60),
          ("{p} City Council", 20), ("{p} Council", 60), ("London Borough of {p}", 20), ("Royal Borough of {p}", 3),
          ("{p} Metropolitan Borough Council", 21)]
_TOPIC_NAMES = [
    "Children and Families", "Children and Young People", "Children's Services", "Adult Social Care and Health",
    "Adults and Health", "Health and Wellbeing", "Health and Social Care", "Economy and Environment",
    "Environment and Transport", "Economy, Skills and Growth", "Place", "Resources", "Corporate Resources",
    "Communities", "Safer and Stronger Communities", "Housing", "Housing and Regeneration", "Regeneration and Skills",
    "Education and Skills", "Budget and Performance", "Climate and Environment", "Culture and Leisure",
    "Customer and Corporate Services", "Neighbourhoods", "Performance", "Finance", "Transport and Highways",
    "Public Health", "Planning and Development", "Community Wellbeing", "Growth and Infrastructure",
    "Sustainability", "Social Inclusion", "Community Safety", "Adults, Wellbeing and Health",
]
_PANEL_KINDS = ["Overview and Scrutiny Panel", "Overview and Scrutiny Committee", "Overview & Scrutiny Committee",
                "Scrutiny Committee", "Scrutiny Panel", "Select Committee", "Scrutiny Board", "Scrutiny Commission",
                "Policy and Scrutiny Committee", "Scrutiny Sub-Committee", "Policy Development and Scrutiny Panel"]
_WHOLE_NAMES = ["Overview and Scrutiny Committee", "Overview and Scrutiny Management Board", "Scrutiny Management Board",
                "Audit and Governance Committee", "Health Overview and Scrutiny Committee", "Audit, Risk and Scrutiny Committee",
                "Audit and Scrutiny Committee", "Overview and Scrutiny Commission", "Scrutiny Co-ordinating Committee",
                "Corporate Overview and Scrutiny Committee", "Crime and Disorder Committee"]
_FIRST_NAMES = ["Alice", "Ben", "Carla", "David", "Emma", "Farid", "Grace", "Hugh", "Imran", "Jane", "Kieran", "Lucy",
                "Mohammed", "Nina", "Owen", "Priya", "Rachel", "Sanjay", "Tom", "Una", "Victor", "Wendy", "Yusuf",
                "Gwen", "Rhys", "Ailsa", "Fergus", "Siobhan", "Tariq", "Joan", "Pete", "Marian", "Liz", "Steve"]
# topics the country's panels share, with the acronyms their papers define (a real paper's long form)
_ACRONYM_TOPICS = [
    "Education, Health and Care Plans (EHCPs)", "Special Educational Needs and Disabilities (SEND)",
    "Child and Adolescent Mental Health Services (CAMHS)", "Not in Education, Employment or Training (NEET)",
    "Medium Term Financial Strategy (MTFS)", "Household Waste Recycling Centres (HWRC)",
    "Integrated Care Board (ICB)", "Community Infrastructure Levy (CIL)", "Anti-Social Behaviour (ASB)",
    "Looked After Children (LAC)", "Police and Crime Commissioner (PCC)", "Disabled Facilities Grant (DFG)",
]
_FOLLOW_UP_FORMS = [
    "It was agreed that the {officer} would circulate {what} to all Members.",
    "Members requested further information on {what}.",
    "It was agreed that {what} would be added to the work programme for {month}.",
    "The {officer} agreed to provide {what} before the next meeting.",
    "It was agreed that the Chairman would write to the Cabinet Member about {what}.",
]
_WHATS = ["the latest performance figures", "the breakdown by ward", "the action plan", "benchmarking data",
          "the outcome of the consultation", "the waiting list figures", "the budget variance", "the inspection letter",
          "a briefing note", "the risk register", "the draft strategy", "case studies"]
_OFFICERS = ["Director of Children's Services", "Head of Service", "Scrutiny Officer", "Assistant Director",
             "Strategic Director", "Service Manager", "Director of Public Health", "Head of Finance",
             "Democratic Services Manager", "Chief Executive"]
_VENUES = ["County Hall", "Civic Centre", "Town Hall", "Council Chamber", "Guildhall", "Council Offices", "Shire Hall"]


def place_names() -> list[str]:
    """Every place name the generator knows, in a fixed order."""
    rng = random.Random(42)
    names = [a + b for a in _FIRST for b in _LAST]
    rng.shuffle(names)
    return names


@dataclass
class Panel:
    council: str
    name: str
    style: str  # worcs | heref | moderngov
    members: list[str]
    remit: list[str]  # the topics its items and programme come from
    first: date


@dataclass
class Council:
    index: int
    name: str
    style: str
    places: list[str]
    people: list[str]
    panels: list[Panel]


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def council(index: int, sample: Sample | None = None) -> Council:
    """The index-th council of the country: the same whatever the run's size."""
    sample = sample or real_sample()
    rng = random.Random(f"council-{index}")
    places = place_names()
    own = places[index]
    name = _weighted(rng, _KINDS).format(p=own)
    # its wards and villages: names only this council's papers use (most of them)
    local = [places[(index * 37 + k * 101) % len(places)] for k in range(1, 40)]
    people = list(dict.fromkeys(f"{rng.choice(_FIRST_NAMES)} {rng.choice(sample.surnames + local)}" for _ in range(80)))
    style = rng.choice(["worcs", "worcs", "heref", "moderngov"])
    count = rng.choices(range(1, 9), [9, 15, 20, 20, 15, 10, 6, 5])[0]
    panel_names: list[str] = []
    while len(panel_names) < count:
        if rng.random() < 0.25:
            panel = rng.choice(_WHOLE_NAMES)
        else:
            panel = f"{rng.choice(_TOPIC_NAMES)} {rng.choice(_PANEL_KINDS)}"
        if panel not in panel_names:
            panel_names.append(panel)
    topics = sample.titles + _ACRONYM_TOPICS + sample.issues
    panels = []
    for panel in panel_names:
        members = rng.sample(people, rng.randint(8, 14))
        remit = rng.sample(topics, min(len(topics), rng.randint(20, 40)))
        panels.append(Panel(name, panel, style, members, remit, START + timedelta(days=rng.randint(0, 40))))
    return Council(index, name, style, [own] + local, people, panels)


def country(meetings: int, first: int = 0) -> list[Council]:
    """The councils a store of about `meetings` meetings holds: the first few of the country
    (from the `first`-th council on)."""
    out: list[Council] = []
    total = 0
    sample = real_sample()
    for index in itertools.count(first):
        if total >= meetings or index >= len(place_names()):
            break
        c = council(index, sample)
        out.append(c)
        total += len(c.panels) * MEETINGS_PER_PANEL
    return out


# --- writing papers ---------------------------------------------------------------------------------

class Writer:
    """Real sentences with this council's names in their slots, and now and then a word changed."""

    def __init__(self, rng: random.Random, sample: Sample, c: Council) -> None:
        self.rng = rng
        self.sample = sample
        self.council = c
        self.words = [w for w, n in sample.word_counts.items() if len(w) >= 5 and w.isalpha()]
        self.weights = list(itertools.accumulate(sample.word_counts[w] for w in self.words))

    def fill(self, template: str) -> str:
        rng = self.rng
        if "{" in template:
            template = template.replace("{place}", rng.choice(self.council.places))
            while "{person}" in template:
                template = template.replace("{person}", rng.choice(self.council.people).split()[-1], 1)
        roll = rng.random()
        if roll < 0.1:  # a word swapped for another the papers use, as often as they use it
            words = template.split(" ")
            at = rng.randrange(len(words))
            if len(words[at]) >= 5 and words[at].isalpha() and words[at].islower():
                words[at] = rng.choices(self.words, cum_weights=self.weights)[0]
                template = " ".join(words)
        elif roll < 0.13:  # a misspelt word, as real papers have
            words = template.split(" ")
            at = rng.randrange(len(words))
            word = words[at]
            if len(word) >= 6 and word.isalpha():
                i = rng.randrange(1, len(word) - 2)
                words[at] = word[:i] + word[i + 1] + word[i] + word[i + 2:]
                template = " ".join(words)
        return template

    def paragraph(self) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            return self.fill(rng.choice(self.sample.bullets))
        return " ".join(self.fill(rng.choice(self.sample.sentences)) for _ in range(rng.randint(1, 5)))

    def follow_up(self, month: str) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return self.fill(rng.choice(self.sample.follow_ups))
        return rng.choice(_FOLLOW_UP_FORMS).format(officer=rng.choice(_OFFICERS), what=rng.choice(_WHATS), month=month)

    def size(self, sizes: list[int]) -> int:
        return int(self.rng.choice(sizes) * math.exp(self.rng.gauss(0, 0.25)))


def _long(d: date) -> str:
    return f"{d.strftime('%A')}, {d.day} {d.strftime('%B %Y')}"


def _short(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _cllrs(names: list[str]) -> str:
    return ", ".join(f"Cllr {m}" for m in names[:-1]) + f" and Cllr {names[-1]}"


def agenda(w: Writer, panel: Panel, when: date, items: list[str], ahead: list[date], last_seen: dict[str, date]) -> str:
    rng = w.rng
    target = w.size(w.sample.agenda_sizes)
    standing = ["Apologies and Welcome", "Declaration of Interest", "Confirmation of the Minutes of the Previous Meeting"]
    rows, page = [], 1
    for number, title in enumerate(standing + items + ["Work Programme"], 1):
        pages = ""
        if number > len(standing):
            pages = f"{page} - {page + rng.randint(4, 30)}"
            page += 40
        rows.append(f"{number}\t{title}\t{pages}")
    front = [rng.choice(w.sample.front_matter) for _ in range(rng.randint(3, 10))]
    head = (f"Agenda\n\n{panel.name}\n\n{_long(when)}, 10.00 am, {rng.choice(_VENUES)}\n\n{panel.council}\n\n"
            + "\n\n".join(front) + f"\n\nMembership\n\nCouncillors:\n\n{_cllrs(panel.members)}\n\n"
            f"Agenda\n\nItem No\tSubject\tPage No\n" + "\n".join(rows) + f"\n\nAgenda produced and published by {panel.council}.\n\n")
    programme = ["WORK PROGRAMME", "", "Date of Meeting\tIssue for Scrutiny\tDate of Last Report\tNotes"]
    for meeting_date in ahead:
        for issue in rng.sample(panel.remit, 3):
            last = last_seen.get(issue)
            programme.append(f"{_short(meeting_date)}\t{issue}\t{_short(last) if last else ''}\t"
                             + (w.fill(rng.choice(w.sample.sentences))[:160] if rng.random() < 0.3 else ""))
    programme.append(f"TBC\t{rng.choice(panel.remit)}\t\tRequested at Panel meeting")
    tail = ("\n".join(programme) + "\n\nDates of Future Meetings\n\n"
            + "\n".join(f"- {_short(d)} at 10am" for d in ahead) + "\n")
    reports: list[str] = []
    length = len(head) + len(tail)
    for number, title in enumerate(items, len(standing) + 1):
        reports.append(f"Item {number}\n\n{title.upper()}\n\nReport of the {rng.choice(_OFFICERS)}")
        length += len(reports[-1])
        share = (target - length) // max(1, len(items) - number + len(standing) + 1)
        written = 0
        while written < share:
            reports.append(w.paragraph())
            written += len(reports[-1]) + 2
        length += written
    return head + "\n\n".join(reports) + "\n\n" + tail


def _minute_body(w: Writer, panel: Panel, title: str, when: date, share: int) -> list[str]:
    rng = w.rng
    month = (when + timedelta(days=rng.randint(60, 200))).strftime("%B %Y")
    paragraphs: list[str] = []
    written = 0
    follow_ups = rng.choices([0, 1, 2, 3], [2, 4, 3, 1])[0]
    while written < share:
        paragraphs.append(w.paragraph())
        written += len(paragraphs[-1]) + 2
        if follow_ups and rng.random() < 0.3:
            paragraphs.append(w.follow_up(month))
            follow_ups -= 1
    for _ in range(follow_ups):
        paragraphs.append(w.follow_up(month))
    roll = rng.random()
    if roll < 0.3:
        paragraphs.append(f"RESOLVED that the report be noted and that an update on {title} be provided to a meeting "
                          f"of the {'Committee' if 'Committee' in panel.name else 'Panel'} in {month}.")
    elif roll < 0.45:  # a recommendation to the executive: the tracker's records
        paragraphs.append(f"RESOLVED that the Panel recommends to Cabinet that {rng.choice(_WHATS)} on "
                          f"{title.lower()} be published.")
    return paragraphs


def minutes(w: Writer, panel: Panel, when: date, items: list[str], first_item: int) -> str:
    rng = w.rng
    target = w.size(w.sample.minutes_sizes)
    present, absent = panel.members[:-1], panel.members[-1]
    standing = [("Apologies and Welcome", f"Apologies were received from Councillor {absent}."),
                ("Declarations of Interest", "None."),
                ("Confirmation of the Minutes", "The Minutes of the previous meeting were agreed as a correct record.")]
    officers = "\n".join(f"{rng.choice(w.council.people)}, {rng.choice(_OFFICERS)}" for _ in range(rng.randint(2, 6)))
    venue = rng.choice(_VENUES)
    if panel.style == "heref":
        head = (f"{panel.council}\n\nMinutes of the meeting of {panel.name} held at {venue} on {_long(when).replace(',', '')} "
                f"at 2.00 pm\n\nPresent: {_cllrs(present)}\n\nIn attendance: {officers.replace(chr(10), ', ')}\n\n")
    else:
        head = (f"Minutes of the {panel.name}\n\n{panel.council}\n\n{venue}\n\n{_long(when)}, 10.00 am\n\n"
                f"Present:\n\n{_cllrs(present)}\n\nAlso attended:\n\n{officers}\n\n")
    share = max(400, (target - len(head)) // max(1, len(items)))
    parts = []
    for i, (title, text) in enumerate(standing):
        parts.append(_item_heading(panel, first_item + i, title) + "\n\n" + text)
    for i, title in enumerate(items, len(standing)):
        parts.append(_item_heading(panel, first_item + i, title) + "\n\n"
                     + "\n\n".join(_minute_body(w, panel, title, when, share)))
    return head + "\n\n".join(parts) + "\n\nThe meeting ended at 12.30 pm\n"


def _item_heading(panel: Panel, number: int, title: str) -> str:
    return f"{number}. {title.upper()}" if panel.style == "heref" else f"{number} {title}"


def moderngov_page(w: Writer, panel: Panel, when: date, items: list[str], first_item: int) -> str:
    rng = w.rng
    target = w.size(w.sample.minutes_sizes)
    share = max(400, target // max(1, len(items)))
    rows = []
    for i, title in enumerate(items):
        body = "".join(f"<p>{escape(p)}</p>" for p in _minute_body(w, panel, title, when, share))
        rows.append(f"<tr><td>{first_item + i}.</td><td><p><strong>{escape(title)}</strong></p>{body}</td></tr>")
    return (f"<!DOCTYPE html><html><head><title>Agenda and minutes - {escape(panel.name)} - {_long(when)} 10.00 am"
            f"</title></head>\n<body><h1>Agenda and minutes</h1><p>{escape(panel.council)}</p>"
            f"<p>Venue: {rng.choice(_VENUES)}</p>\n<table><tr><th>No.</th><th>Item</th></tr>{''.join(rows)}</table></body></html>\n")


def _slug(text: str) -> str:
    return slugify(text)[:60]  # as the store names a panel: '&' is 'and'



def write_council(c: Council, out: Path, meetings: int) -> list[Path]:
    """The papers of a council's first `meetings` meetings (spread over its panels)."""
    sample = real_sample()
    written: list[Path] = []
    per_panel = [meetings // len(c.panels) + (1 if i < meetings % len(c.panels) else 0) for i in range(len(c.panels))]
    for panel, count in zip(c.panels, per_panel):
        rng = random.Random(f"{c.name}|{panel.name}")
        w = Writer(rng, sample, c)
        folder = out / _slug(c.name) / _slug(panel.name)
        folder.mkdir(parents=True, exist_ok=True)
        # the panel's calendar: an agenda's "dates of future meetings" are the meetings that follow
        dates = [panel.first]
        while len(dates) < count + 3:
            when = dates[-1] + timedelta(days=36 + rng.choice([0, 0, 7, -7]))
            while when.weekday() > 4:
                when += timedelta(days=1)
            dates.append(when)
        number = rng.randint(1, 400)
        last_seen: dict[str, date] = {}
        for i in range(count):
            when, ahead = dates[i], dates[i + 1:i + 4]
            items = rng.sample(panel.remit, rng.randint(2, 6))
            stem = when.isoformat()
            path = folder / f"{stem}_agenda.txt"
            path.write_text(agenda(w, panel, when, items, ahead, last_seen), encoding="utf-8")
            written.append(path)
            if panel.style == "moderngov":
                path = folder / f"{stem}_minutes.html"
                path.write_text(moderngov_page(w, panel, when, items, number), encoding="utf-8")
            else:
                path = folder / f"{stem}_minutes.txt"
                path.write_text(minutes(w, panel, when, items, number), encoding="utf-8")
            written.append(path)
            for issue in items:
                last_seen[issue] = when
            number += len(items) + 3
    return written


def _council_job(args: tuple[int, str, int]) -> list[str]:
    index, out, meetings = args
    return [str(p) for p in write_council(council(index), Path(out), meetings)]


SEED_STRIDE = 13  # councils apart: a seed picks councils other seeds' papers do not hold


def generate(out: Path, meetings: int, workers: int = 1, seed: int = 0) -> list[Path]:
    """Papers for about `meetings` meetings (two papers each) under `out`, one folder per council and panel.
    Another seed: other councils' papers (the country from its seed * SEED_STRIDE-th council on)."""
    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    left = meetings
    for c in country(meetings, first=seed * SEED_STRIDE):
        share = min(left, len(c.panels) * MEETINGS_PER_PANEL)
        jobs.append((c.index, str(out), share))
        left -= share
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            return [Path(p) for paths in pool.map(_council_job, jobs) for p in paths]
    return [Path(p) for job in jobs for p in _council_job(job)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out, args.meetings, args.workers)
    print(f"wrote {len(files):,} papers for {args.meetings:,} meetings to {args.out}")


if __name__ == "__main__":
    main()
