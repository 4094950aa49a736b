"""Words as search sees them: tokens as the full-text index cuts them, the
family a word belongs to (exploited, exploitation; excluded, exclusions), and
the acronyms a paper writes as acronyms ("LAC", "EHCPs", "DfE", "S106").

No SQL here: the store keeps what these functions return."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("english")

# The index's tokeniser (FTS5 unicode61) splits on everything but letters and
# digits and folds case and accents; these are its tokens.
_TOKEN = re.compile(r"[^\W_]+")


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents: "Café" -> "cafe"."""
    lowered = text.lower()
    return lowered if lowered.isascii() else _COMBINING.sub("", unicodedata.normalize("NFKD", lowered))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text or ""))


# Snowball keeps the two halves of the Latin "-de / -sion" pairs apart
# (exclude -> exclud, exclusion -> exclus). Each rule joins one such pair of
# stem endings; each was checked against an English word list so that it joins
# no unrelated words ("intense" and "intend", "commission" and "commit",
# "incision" and "incident" are why the endings are this long).
_ALTERNATIONS = (
    ("lus", "lud"),     # exclusion / exclude, inclusion / include, conclusion / conclude
    ("rus", "rud"),     # intrusion / intrude
    ("ecis", "ecid"),   # decision / decide
    ("ivis", "ivid"),   # division / divide
    ("ovis", "ovid"),   # provision / provide
    ("plos", "plod"),   # explosion / explode
    ("vas", "vad"),     # invasion / invade, evasion / evade
    ("suas", "suad"),   # persuasion / persuade
    ("ros", "rod"),     # erosion / erode
    ("pans", "pand"),   # expansion / expand
    ("xtens", "xtend"),  # extension / extend
    ("hens", "hend"),   # comprehension / comprehend
    ("spens", "spend"),  # suspension / suspend
    ("rmiss", "rmit"),  # permission / permit
    ("dmiss", "dmit"),  # admission / admit
    ("bmiss", "bmit"),  # submission / submit
    ("nsmiss", "nsmit"),  # transmission / transmit
)
MIN_STEM = 5
# plurals no stemmer joins to their singular
_IRREGULAR = {"children": "child", "childrens": "child", "people": "person", "peoples": "person",
              "women": "woman", "men": "man", "feet": "foot", "teeth": "tooth", "mice": "mouse"}


@lru_cache(maxsize=65536)
def family(word: str) -> str:
    """What every form of a word shares: family("exploited") == family("exploitation")."""
    folded = fold(word)
    stem = _STEMMER.stemWord(_IRREGULAR.get(folded, folded))
    if len(stem) >= MIN_STEM:
        for ending, joined in _ALTERNATIONS:
            if stem.endswith(ending):
                return stem[: -len(ending)] + joined
    return stem


def plural_forms(word: str) -> list[str]:
    """The word and its plural or singular, the way phrases in papers vary
    ("care plan", "care plans"; "disability", "disabilities")."""
    if word.endswith("ies") and len(word) > 4:
        return [word, word[:-3] + "y"]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return [word, word[:-1]]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies"]
    return [word, word + "s"]


# An acronym as a paper writes it: capitals (two or more, or one with digits),
# perhaps a lower-case letter inside ("DfE", "CfGS") or an "&" ("O&S"), and a
# plural "s" ("EHCPs"). A line in capitals throughout is a heading, where only
# bracketed or already-known acronyms can be told from ordinary words.
# a capital, then letters and digits with another capital or a digit among them
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9&])[A-Z][A-Za-z0-9&]*?[A-Z0-9][A-Za-z0-9&]*")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def acronym_key(written: str) -> str:
    """"EHCPs" -> "ehcp", "O&S" -> "os": how an acronym is indexed and looked up."""
    text = written.strip()
    if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
        text = text[:-1]
    return fold("".join(c for c in text if c.isalnum()))


def looks_like_acronym(written: str) -> bool:
    """"LAC", "EHCPs", "DfE", "S106" do; "Lack", "McEvilly", "2022" do not."""
    if len(written) > 2 and written.endswith("s") and written[:-1].isupper():
        written = written[:-1]
    letters = [c for c in written if c.isalpha()]
    if not letters or not written[0].isupper():
        return False
    capitals = sum(c.isupper() for c in letters)
    if capitals >= 2 and capitals * 2 >= len(letters):
        return True
    return capitals == len(letters) and any(c.isdigit() for c in written)  # "S106", "Q2"


def acronyms_in(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The keys of the acronyms a text writes as acronyms, each once, in order."""
    found: dict[str, None] = {}
    for line in (text or "").splitlines():
        shouting = None
        for m in _CANDIDATE.finditer(line):
            written = m.group(0).strip("&")
            if not looks_like_acronym(written):
                continue
            key = acronym_key(written)
            if len(key) < 2 or key in found:
                continue
            if shouting is None:
                upper, lower = len(_UPPER.findall(line)), len(_LOWER.findall(line))
                shouting = upper + lower > 12 and lower < 0.1 * (upper + lower)
            if shouting and key not in known and not _bracketed(line, m):
                continue
            found[key] = None
    return list(found)


def _bracketed(line: str, m: re.Match) -> bool:
    return line[:m.start()].rstrip().endswith("(") and line[m.end():].lstrip().startswith(")")
