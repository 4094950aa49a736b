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


# The business every agenda carries ("Apologies", "Exclusion of the press and
# public", "Date of next meeting"): it says little about a topic, so search
# ranks it below items about one.
_STANDING = re.compile(r"^\W*(?:\d+\W*)?(?:apologies|declarations? of|disclosures? of|(?:confirmation of )?(?:the )?minutes"
                       r"|date (?:and time )?of (?:the )?next meeting|substitut|public (?:participation|questions)"
                       r"|chair(?:man)?'?s? announcements|welcome)"
                       r"|exclusion of the (?:press|public)|\burgent (?:items|business)\b|decides (?:are|is) urgent"
                       r"|\bother business\b|\bprivate business\b", re.IGNORECASE)


def standing_business(title: str | None) -> bool:
    """"Apologies for Absence", "Minutes", "Exclusion of the Press and Public"…"""
    return bool(title and _STANDING.search(title))


_SNIPPET_TOKEN = re.compile(r"[^\W_]+")


def snippet(text: str, phrases: list[list[str]], width: int = 16) -> str:
    """The part of `text` where the phrases (each a list of index tokens) come
    closest together, about `width` words, each phrase found marked *like this*,
    with … where the text was cut: what FTS5's snippet() gives, for an index
    that keeps no text of its own. Matching is by token, as the index matches."""
    if not text:
        return ""
    wanted = [p for p in phrases if p]
    spans: list[tuple[int, int]] = []  # each token's place in the text
    found: list[tuple[int, int, int]] = []  # (first token, tokens, which phrase)
    starts: dict[str, list[int]] = {}
    for n, p in enumerate(wanted):
        starts.setdefault(p[0], []).append(n)
    best: tuple[int, int] | None = None  # (distinct phrases, first token of the window)
    for m in _SNIPPET_TOKEN.finditer(text):
        spans.append((m.start(), m.end()))
        i = len(spans) - 1
        word = fold(m.group(0))
        for n in starts.get(word, ()):
            if len(wanted[n]) == 1:
                found.append((i, 1, n))
        # a phrase of several tokens is checked once its last token has been read
        for n, p in enumerate(wanted):
            if len(p) > 1 and i + 1 >= len(p) and word == p[-1]:
                first = i + 1 - len(p)
                if [fold(text[a:b]) for a, b in spans[first:]] == p:
                    found.append((first, len(p), n))
        if found and found[-1][0] + found[-1][1] - 1 == i:
            window = [f for f in found if f[0] > i - width]
            score = len({f[2] for f in window})
            if best is None or score > best[0]:
                best = (score, max(0, window[0][0] - 2))
                if score == len(wanted) and len(spans) > width * 4:
                    break  # every phrase in one window: enough, on a long paper
    if best is None:
        best = (0, 0)
    start = best[1]
    while len(spans) < start + width:  # read on to the end of the window
        more = _SNIPPET_TOKEN.search(text, spans[-1][1] if spans else 0)
        if not more:
            break
        spans.append((more.start(), more.end()))
    end = min(len(spans), start + width)
    if end <= start:
        return ""
    marked = {f[0]: f[1] for f in found if start <= f[0] < end}
    out: list[str] = []
    at = spans[start][0]
    for first, count in sorted(marked.items()):
        last = min(end, first + count) - 1
        out += [text[at:spans[first][0]], "*", text[spans[first][0]:spans[last][1]], "*"]
        at = spans[last][1]
    out.append(text[at:spans[end - 1][1]])
    more = end < len(spans) or _SNIPPET_TOKEN.search(text, spans[end - 1][1]) is not None
    return ("…" if start > 0 else "") + "".join(out) + ("…" if more else "")
