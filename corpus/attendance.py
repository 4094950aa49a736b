"""Who was on the committee, present, in attendance, or sent apologies.

Lists come in labelled blocks ("Present:", "Also attended:", "In attendance:",
"Membership"), as sentences ("Apologies were received from ..."), and with
roles and organisations mixed in; the rules below keep the people and drop
the roles.
"""
from __future__ import annotations

import re

from .model import Attendee
from .prose import strip_parentheticals, until_sentence_end

HONORIFIC = r"(?:Councillors?|Cllrs?\.?|County\s+Councillors?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|Sir|Dame|Revd?\.?|Reverend|DCI|DI|DS|Supt|Ch\s+Supt|Insp|Lord|Lady|Canon|Father)\.?"
_HONORIFIC_SPLIT = re.compile(rf"(?<=[a-z\]\)])\s+(?={HONORIFIC}\s+[A-Z])")
_HONORIFIC_LEAD = re.compile(rf"^(?:{HONORIFIC}\s+)+", re.IGNORECASE)
_LABELS = [
    (re.compile(r"^\s*(?:(?:Members|Councillors)\s+)?Present\s*(?::|$)", re.IGNORECASE), "present"),
    (re.compile(r"^\s*(?:Also\s+(?:attended|present|in\s+attendance)|In\s+attendance|Officers(?:\s+(?:present|in\s+attendance))?|Others\s+present)\s*(?::|$)", re.IGNORECASE), "in_attendance"),
    (re.compile(r"^\s*Apologies(?:\s+for\s+absence)?\s*:", re.IGNORECASE), "apologies"),
    (re.compile(r"^\s*(?:Named\s+)?Substitutes?(?:\s+present)?\s*:", re.IGNORECASE), "substitute"),
    (re.compile(r"^\s*Membership\s*(?::|$)", re.IGNORECASE), "member"),
]
_APOLOGIES_SENTENCE = re.compile(
    r"\bApologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been|have\s+been)\s+(?:received|submitted|given|tendered|noted)\s+(?:from|by|on\s+behalf\s+of)\s+",
    re.IGNORECASE,
)
_SUBSTITUTE_SENTENCE = re.compile(
    rf"\b((?:{HONORIFIC}\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}})\s+(?:attended|acted|was\s+present|was\s+in\s+attendance)\s+as\s+(?:a\s+|the\s+)?(?:named\s+)?substitute\s+for\b"
)
# words that occur in roles, organisations and headings but not in people's names
_NOT_NAME_WORDS = {
    "council", "county", "district", "borough", "city", "children", "child", "families", "family", "first",
    "director", "directorate", "manager", "management", "officer", "officers", "head", "service", "services",
    "team", "board", "trust", "police", "partnership", "member", "members", "chairman", "chair", "chairperson",
    "vice", "cabinet", "education", "health", "care", "public", "group", "assistant", "interim", "senior",
    "democratic", "scrutiny", "overview", "safeguarding", "unit", "hub", "department", "authority",
    "representative", "representatives", "governor", "governors", "church", "england", "diocese", "papers",
    "available", "agenda", "minutes", "apologies", "present", "attendance", "attended", "also", "councillors",
    "co-opted", "coopted", "parent", "vacancy", "vacant", "none", "nhs", "ccg", "practitioner", "principal",
    "strategic", "business", "intelligence", "development", "skills", "support", "quality", "assurance",
    "performance", "early", "help", "need", "front", "door", "communities", "community", "safer", "adults",
    "adult", "social", "work", "worker", "leader", "deputy", "executive", "chief", "lead", "legal",
    "governance", "finance", "resources", "place", "people", "housing", "planning", "strategy", "policy",
    "programme", "project", "commissioning", "clerk", "secretary", "advisor", "adviser", "consultant",
    "inspector", "committee", "panel", "substitute", "substitutes", "and", "of", "the", "for", "with",
    "responsibility", "portfolio", "holder", "well-being", "wellbeing", "disability", "disabilities",
    "college", "school", "schools", "university", "healthwatch", "association", "commissioner", "mercia",
    "west", "east", "north", "south", "hospital", "foundation", "agency", "ltd", "limited", "office",
    "specialist", "permanency", "proceedings", "fostering", "adoption", "in", "on", "by", "guest", "guests",
    "speaker", "speakers", "press", "observer", "observers", "young", "youth", "elected", "mayor", "town",
    "parish", "observing", "virtually", "remotely", "online", "webcast", "item", "items", "minute", "hall",
}
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|[A-Z]{1,3}|[A-Z]\.(?:[A-Z]\.)*|(?:Mc|Mac|O'|O’|D'|De|Van|Von|Le|La)[A-Z][a-z'’]+|de|van|von|der|den|le|la|du|da|di|bin|al)$")


_PLURAL_HONORIFIC = re.compile(r"^\s*(?:and\s+)?(?:County\s+)?(?:Councillors|Cllrs)\b\.?", re.IGNORECASE)


def _name_from(fragment: str, listed_after_honorific: bool = False) -> str | None:
    """A person's name from a list fragment, or None if it is a role or heading."""
    text = re.sub(r"\s+", " ", fragment).strip(" .,;:-–*")
    text = re.sub(r"^(?:and|&)\s+", "", text)
    had_honorific = bool(_HONORIFIC_LEAD.match(text))
    text = _HONORIFIC_LEAD.sub("", text).strip()
    tokens = text.split(" ")
    name: list[str] = []
    for token in tokens:
        bare = token.strip(".,")
        if bare.lower() in _NOT_NAME_WORDS or not _NAME_TOKEN.match(bare.replace(".", "") if len(bare) <= 4 else bare):
            break
        name.append(bare)
    if not name:
        return None
    # "Lisa Fraser Assistant Director ...": the name is the leading run; a run that
    # stops on a role word must have come first in the fragment
    if len(name) == 1 and not had_honorific and not listed_after_honorific:
        return None
    if len(name) > 5:
        return None
    if all(t.isupper() and len(t) <= 3 for t in name):  # "DCF", "WCF" - initials alone are a role acronym
        return None
    return " ".join(name)


def _split_list(text: str) -> list[str]:
    text = strip_parentheticals(text)
    text = _HONORIFIC_SPLIT.sub(", ", text)
    parts = re.split(r"\s*(?:,|;|:|\n|\band\b|&|\s-\s|\s–\s)\s*", text)
    return [p for p in parts if p and p.strip()]


def _names(text: str, status: str) -> list[Attendee]:
    """Names in a list; after "Councillors" a bare surname is a name ("Councillors Dunn and Edwards")."""
    people = []
    after_plural = False
    for part in _split_list(text):
        if _PLURAL_HONORIFIC.match(part):
            after_plural = True
        elif _HONORIFIC_LEAD.match(part.strip()):
            after_plural = False
        name = _name_from(part, listed_after_honorific=after_plural)
        if name:
            people.append(Attendee(name=name, status=status))
    return people


def _labelled_blocks(lines: list[str]) -> list[tuple[str, str]]:
    """(status, text) for each labelled attendance block."""
    blocks: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        status = None
        for pattern, label_status in _LABELS:
            m = pattern.match(line)
            if m:
                status = label_status
                rest = line[m.end():]
                break
        if status is None:
            i += 1
            continue
        collected = [rest]
        j = i + 1
        previous = rest.strip()
        while j < len(lines) and j - i < 60:
            nxt = lines[j].strip()
            if any(p.match(lines[j]) for p, _ in _LABELS):
                break
            if re.match(r"^\d{1,4}[a-z]?\.?\s+\S", nxt) or re.match(r"^(?:Agenda|Item\s+No)\b", nxt, re.IGNORECASE):
                break
            if not nxt:
                collected.append("")  # kept: a blank line separates a list from the next heading
                j += 1
                continue
            continuation = (
                status == "member"
                or "," in nxt
                or re.match(HONORIFIC + r"\s", nxt) is not None
                or nxt[:1].islower()
                or previous.endswith((",", " and", "(", "&"))
                or previous.count("(") > previous.count(")")
                or not previous
                or _name_from(re.split(r"\s[-–]\s|,|\(", nxt)[0]) is not None
            )
            if not continuation:
                break
            collected.append(nxt)
            previous = nxt
            j += 1
        blocks.append((status, "\n".join(collected)))
        i = j
    return blocks


def parse_attendance(text: str) -> list[Attendee]:
    lines = text.split("\n")
    people: list[Attendee] = []
    for status, block in _labelled_blocks(lines[:400]):
        if status == "substitute":
            # "Councillor Jo Park for Councillor Sam Lee": the one substituted for is not here
            block = re.sub(rf"\s+(?:for|replacing|in\s+place\s+of)\s+(?:{HONORIFIC}\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}", "", block)
        if status == "member":
            # a comma-separated list: a line break inside a paragraph is only wrapping ("Mr P M" / "McDonald");
            # headings inside the block ("Co-opted Church Representatives") are dropped by _name_from
            for paragraph in re.split(r"\n\s*\n", block):
                people.extend(_names(" ".join(paragraph.split("\n")), status))
        else:
            # a block of "Name, Role" lines: the role never yields a name
            for line in block.split("\n"):
                people.extend(_names(line, status))
    for m in _APOLOGIES_SENTENCE.finditer(text):
        for person in _names(until_sentence_end(text[m.end():]), "apologies"):
            people.append(person)
    for m in _SUBSTITUTE_SENTENCE.finditer(text):
        name = _name_from(m.group(1))
        if name:
            people.append(Attendee(name=name, status="substitute"))
    return _dedupe(people)


def _dedupe(people: list[Attendee]) -> list[Attendee]:
    seen: set[tuple[str, str]] = set()
    out = []
    for person in people:
        key = (person.name.lower(), person.status)
        if key not in seen:
            seen.add(key)
            out.append(person)
    return out
