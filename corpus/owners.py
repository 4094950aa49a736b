"""Who an action belongs to, in the paper's own words.

An owner is read as the paper writes it ("the Chairman", "County Cllr Webb",
"Clerk") and then spelt out from the paper's own acronyms and initials, the
short form kept beside it: "The DCF confirmed ..." in a paper that earlier
says "Chris Baird, Director Children and Families (DCF)" gives
"Director Children and Families (DCF)"; "Action: ... (CW)" in notes whose
attendees include "Caroline Watson" gives "Caroline Watson (CW)".
"""
from __future__ import annotations

import re

from .glossary import initials_before
from .prose import collapse

# words that make a phrase a post or a body that can own a follow-up
POST_WORDS = (
    r"Director|Directors|Officer|Officers|Manager|Managers|Head|Heads|Chair|Chairs|Chairman|Chairperson|Chairwoman|Vice-Chair|Convener|Convenor|"
    r"Leader|Clerk|Secretary|Treasurer|Executive|Member|Members|Commissioner|Mayor|Provost|Cabinet|Council|Auditor|"
    r"Solicitor|Lead|Coordinator|Co-ordinator|Adviser|Advisor|Controller|Engineer|Planner|Team|Services|Service|"
    r"Directorate|Department|Unit|Partnership|Board|Authority|Trust|Police|Portfolio\s+Holder|Scrutiny|Monitoring|Governance|Office|"
    r"Constable|Superintendent|Inspector|Commander|Group"
)
_POST = re.compile(rf"\b(?:{POST_WORDS})\b", re.IGNORECASE)
_PERSON_TITLE = r"(?:County\s+|Deputy\s+|Lord\s+|Vice\s+)?(?:Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Bailie|Provost|Rev(?:d)?)\.?"
_NAME_WORD = r"(?:[A-Z][\w'’-]*|[A-Z]\.)"
# "County Cllr Webb", "Cllr. P. Harries", "Mr Hoggins", "Councillor Steve Mackay", "Councillor Mrs C A Talbot"
PERSON = (rf"{_PERSON_TITLE}(?:\s+(?:Mrs|Mr|Ms|Miss|Dr)\.?(?=\s+[A-Z]))?\s+(?:[A-Z]\.\s*|[A-Z]\s+(?=[A-Z])){{0,3}}\.?\s*"
          rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}")
_SMALL = {"of", "for", "and", "&", "the", "with", "in", "on", "to"}
_PRONOUNS = {"it", "this", "these", "they", "there", "that", "which", "he", "she", "we", "who", "those", "its", "their",
             "one", "each", "all", "any", "some", "both", "a", "an"}
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})s?(?:\s+for\b[^)]*)?\s*\)")
_CAPITALISED_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+(?:O[’']|Mc|Mac)?[A-Z][a-z’']+(?:-[A-Z][a-z]+)?){1,2})\b")


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _SMALL)


class OwnerBook:
    """What a paper says about who is who: its acronyms (case kept) and the
    people it names, so a short owner can be spelt out."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._acronyms: dict[str, str] | None = None
        self._people: dict[str, set[str]] | None = None

    @property
    def acronyms(self) -> dict[str, str]:
        """ACRONYM -> long form as the paper spells it; learned the first time a short owner needs it."""
        if self._acronyms is None:
            self._acronyms = {}
            self._learn_acronyms(self._text)
        return self._acronyms

    @property
    def people_by_initials(self) -> dict[str, set[str]]:
        if self._people is None:
            self._people = {}
            self._learn_people(self._text)
        return self._people

    def _learn_acronyms(self, text: str) -> None:
        found = self._acronyms if self._acronyms is not None else {}
        for m in _BRACKETED.finditer(text):
            acronym = m.group(1)
            letters = [c.lower() for c in acronym if c.isalpha() and c.isupper()]
            if len(letters) < 2 or acronym in found:
                continue
            before = text[max(0, m.start() - 160):m.start()]
            words = re.findall(r"[A-Za-z][\w'’]*|&", before.replace("-", " "))
            long_form = initials_before(words, letters, _SMALL)
            if long_form is None:
                # a person with their own initials: "Emily McGuire (EMCG for item 5)"
                name = re.search(r"([A-Z][a-z]+\s+(?:Mc|Mac|O')?[A-Z][\w'’-]+)\s*$", before)
                if name and letters[0] == name.group(1)[0].lower():
                    long_form = name.group(1)
            if long_form and long_form[:1].isupper():
                # keep the paper's spelling, hyphens included
                spelt = re.search(r"\b" + r"[\s-]+".join(re.escape(w) for w in long_form.split()) + r"\b", before)
                found[acronym] = collapse(spelt.group(0)) if spelt else long_form

    def _learn_people(self, text: str) -> None:
        people = self._people if self._people is not None else {}
        for m in _CAPITALISED_NAME.finditer(text):
            name = m.group(1)
            words = re.split(r"[\s-]+", name)
            if _POST.search(name) or any(w.lower() in _SMALL for w in words) or re.fullmatch(_PERSON_TITLE, words[0]):
                continue
            people.setdefault(_initials(words), set()).add(name)

    def spell_out(self, owner: str) -> str:
        """"DCF" -> "Director Children and Families (DCF)"; "CW & EMCG" -> each spelt out."""
        owner = collapse(owner)
        bare = re.sub(r"^(?:the|The)\s+", "", owner)
        if bare in self.acronyms:  # "ADS&FS" is one acronym before it is two
            return f"{self.acronyms[bare]} ({bare})"
        parts = re.split(r"\s+(?:&|and)\s+|\s*[/,]\s*", owner)  # "CW & EMCG"; "ADS&FS" is one acronym
        if len(parts) > 1 and all(re.fullmatch(r"[A-Z][A-Za-z]{1,5}", p) for p in parts):
            return " and ".join(self.spell_out(p) for p in parts)
        if re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", bare) and sum(c.isupper() for c in bare) >= 2:
            long_form = self.acronyms.get(bare)
            if long_form:
                return f"{long_form} ({bare})"
            people = self.people_by_initials.get(bare.upper())
            if people and len(people) == 1:
                return f"{next(iter(people))} ({bare})"
            return bare
        # "The DCF's deputy" is rare; an acronym inside a longer owner is left as written
        return owner


def clean_owner(phrase: str | None) -> str | None:
    """An owner as shown: no leading article, no trailing punctuation; None for a pronoun or a bare body word."""
    if not phrase:
        return None
    owner = collapse(phrase).strip(" ,.;:–-")
    owner = re.sub(r"^(?:the|The)\s+", "", owner)
    owner = re.sub(r"['’]s$", "", owner)
    if not owner or owner.lower() in _PRONOUNS or len(owner) < 2:
        return None
    words = owner.lower().split()
    if words[0] in _PRONOUNS and not (words[0] == "all" and len(words) > 1 and words[1] in ("members", "councillors", "officers")):
        return None
    if owner[:1].islower():
        owner = owner[:1].upper() + owner[1:]
    return owner


def is_post_or_person(phrase: str) -> bool:
    """A phrase that names who acts: a post ("Head of Housing"), a titled person ("Cllr Smith"), or an acronym."""
    phrase = collapse(phrase)
    if not phrase:
        return False
    bare = re.sub(r"^(?:the|The)\s+", "", phrase)
    if re.fullmatch(PERSON, bare):
        return True
    if re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", bare) and sum(c.isupper() for c in bare) >= 2:
        return True
    return bool(_POST.search(bare)) and (bare[:1].isupper() or bare.split()[0].lower() in ("clerk", "officers", "members"))
