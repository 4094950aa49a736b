"""What the real papers we hold look like, learned once from them: how long
they are, the sentences they are written in, the titles their items carry,
the follow-ups the parser finds in them, their programme rows and their words.

The generator (bench/generate.py) writes papers from these, so that their size,
vocabulary and phrasing follow the real ones instead of a fixed word list.
The sources are the five bundled papers (corpus/demo, full papers) and the
development corpus (tests/papers/docs: 60 real papers from 50 bodies, most of
them cut at about 2,000 characters, so they lend phrasing and words, not size).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus import parse_bytes
from corpus.text import UnreadableDocument
from corpus.words import tokens

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpus" / "demo", ROOT / "tests" / "papers" / "docs"]
CUT_AT = 2100  # the development corpus's web pages were stored cut at about 2,000 characters

# Business every agenda carries: kept apart from the items about a topic.
_STANDING = re.compile(r"apolog|declaration|interest|minutes|public (?:participation|question)|substitut|"
                       r"next meeting|urgent|exclusion|welcome|chair", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"'])")
# a name of a council, a place or a person in a real sentence becomes a slot the
# generator fills with the generated council's own names (its places, members, officers)
_PLACE_WORDS = {"Worcestershire", "Worcester", "Herefordshire", "Hereford", "Haringey", "Hackney", "Southwark",
                "Greenwich", "Sefton", "Surrey", "Aberdeen", "Moray", "Glasgow", "Highland", "Stirling", "Midlothian",
                "Argyll", "Bute", "Colchester", "Denbighshire", "Flintshire", "Newport", "Tintern", "Monmouthshire",
                "Derbyshire", "Chorley", "Lancaster", "Woking", "Darlington", "Cheshire", "Brighton", "Hove",
                "Epping", "Lindsey", "Norfolk", "Yorkshire", "Skipton", "Ripon", "Oxfordshire", "Hertfordshire",
                "Hampshire", "Rhondda", "Cynon", "Taf", "Glamorgan", "Lothian", "Ayrshire", "Dagenham", "Barking",
                "Liverpool", "Cambridgeshire", "Peterborough", "Mercia", "Wye", "Manordeilo", "Salem"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}


@dataclass
class Sample:
    """Pieces of real papers, and their statistics."""
    agenda_sizes: list[int] = field(default_factory=list)  # characters of text, full papers only
    minutes_sizes: list[int] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # narrative, with {place} and {person} slots
    bullets: list[str] = field(default_factory=list)  # "- ..." lines of the minutes
    follow_ups: list[str] = field(default_factory=list)  # sentences the parser read as actions
    resolutions: list[str] = field(default_factory=list)  # "RESOLVED that ..." (or "That ...") texts
    titles: list[str] = field(default_factory=list)  # items about a topic
    standing: list[str] = field(default_factory=list)  # apologies, declarations, minutes...
    issues: list[str] = field(default_factory=list)  # work-programme issues
    front_matter: list[str] = field(default_factory=list)  # an agenda's opening pages, block by block
    word_counts: Counter = field(default_factory=Counter)
    surnames: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)  # "Director of Children's Services"

    def summary(self) -> str:
        return (f"{len(self.sentences):,} sentences, {len(self.follow_ups):,} follow-ups, {len(self.titles):,} titles, "
                f"{len(self.issues):,} programme issues, {len(self.word_counts):,} distinct words; sizes: agendas "
                f"{sorted(self.agenda_sizes)}, minutes {sorted(self.minutes_sizes)}")


def _slots(text: str, people: set[str]) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        if word in _PLACE_WORDS:
            return "{place}"
        if word in people:
            return "{person}"
        return word
    return re.sub(r"\b[A-Z][a-z]+\b", swap, text.replace("{", "(").replace("}", ")"))


def _papers() -> list[tuple[str, bytes, dict]]:
    from store.ingest import expand, sidecar_hints
    files, _ = expand(SOURCES)
    return [(p.name, p.read_bytes(), sidecar_hints(p)) for p in files]


@lru_cache(maxsize=1)
def real_sample() -> Sample:
    sample = Sample()
    read = []
    people: set[str] = set()
    for name, data, hints in _papers():
        try:
            doc, text = parse_bytes(data, name, hints)
        except UnreadableDocument:
            continue
        read.append((doc, text))
        for person in doc.attendance:
            people.update(w for w in person.name.split() if len(w) > 2 and w[0].isupper())
    lower = {w for _, text in read for w in re.findall(r"\b[a-z]+\b", text)}
    people = {w for w in people if w.lower() not in lower and w not in _MONTHS and w not in _PLACE_WORDS}
    sample.surnames = sorted(people)
    for doc, text in read:
        whole = len(text) > CUT_AT
        if whole and doc.kind == "agenda":
            sample.agenda_sizes.append(len(text))
        elif whole and doc.kind in ("minutes", "agenda_and_minutes"):
            sample.minutes_sizes.append(len(text))
        sample.word_counts.update(tokens(text))
        for action in doc.actions:
            if 20 <= len(action.text) <= 400:
                if re.match(r"(?:RESOLVED|That)\b", action.text):
                    sample.resolutions.append(_slots(action.text, people))
                else:
                    sample.follow_ups.append(_slots(action.text, people))
        for item in doc.items:
            title = re.sub(r"\s+", " ", item.title).strip()
            if 4 <= len(title) <= 120:
                (sample.standing if _STANDING.search(title) else sample.titles).append(title)
        for paragraph in re.split(r"\n\s*\n", text):
            if "\t" in paragraph or paragraph.isupper():
                continue  # tables and headings
            paragraph = re.sub(r"\s+", " ", paragraph).strip()
            if paragraph.startswith("- ") and 40 <= len(paragraph) <= 600:
                sample.bullets.append(_slots(paragraph, people))
                continue
            for sentence in _SENTENCE.split(paragraph):
                if 30 <= len(sentence) <= 400 and sentence[-1] in ".:" and not re.search(r"\bRESOLVED\b", sentence):
                    sample.sentences.append(_slots(sentence, people))
        for row in doc.work_programme:
            if 4 <= len(row.issue) <= 120:
                sample.issues.append(row.issue)
        if doc.kind == "agenda" and whole:
            head = text[:text.find("DISCLOSING INTERESTS") + 1 or 1]
            blocks = [b.strip() for b in re.split(r"\n\s*\n", text[len(head) - 1:]) if b.strip()]
            sample.front_matter.extend(b for b in blocks[:40] if 40 <= len(b) <= 1500 and not re.search(r"\d{1,2} \w+ \d{4}", b))
        for line in text.splitlines():
            match = re.match(r"^[A-Z][a-z]+ [A-Z][a-z]+, ((?:Interim |Assistant |Strategic )?(?:Director|Head|Manager|Officer)[^,\n]{3,60})$", line.strip())
            if match:
                sample.officers.append(match.group(1))
    # the same sentence in two papers is one sentence
    for name in ("sentences", "bullets", "follow_ups", "resolutions", "titles", "standing", "issues", "front_matter", "officers"):
        setattr(sample, name, list(dict.fromkeys(getattr(sample, name))))
    return sample


if __name__ == "__main__":
    print(real_sample().summary())
