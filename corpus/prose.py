"""Small text helpers shared by the field parsers: paragraphs, sentences, cells."""
from __future__ import annotations

import re

_ABBREVIATIONS = ("mr", "mrs", "ms", "dr", "cllr", "cllrs", "no", "nos", "st", "e.g", "i.e", "etc", "approx", "para",
                  "ref", "vs", "prof", "rev", "revd", "inc", "ltd", "co", "dept", "a.m", "p.m")
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]$")
_LAST_WORD_CHAR = re.compile(r"[A-Za-z.]")
_LONGEST_ABBREVIATION = 40  # letters and dots: far longer than any in _ABBREVIATIONS
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]*[A-Z0-9])")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def paragraph_spans(text: str) -> list[tuple[int, str]]:
    """(offset, block) for blocks separated by blank lines, with page-break
    splits mended: a block that does not end a sentence is continued by the
    next one when that starts in lower case, or when it is a run of prose cut
    mid-sentence ("... the impact on Worcestershire Children" / "First's
    ability to make decisions ...") and the next is prose too, not a heading."""
    spans: list[tuple[int, str]] = []
    cut = 0
    for gap in [*re.finditer(r"\n[ \t]*\n", text), None]:
        end = gap.start() if gap else len(text)
        raw = text[cut:end]
        cut = gap.end() if gap else len(text)
        block = raw.strip()
        if not block:
            continue
        start = end - len(raw) + (len(raw) - len(raw.lstrip()))
        if spans and _continues(spans[-1][1], block):
            spans[-1] = (spans[-1][0], spans[-1][1].rstrip() + " " + block)
        else:
            spans.append((start, block))
    return spans


# words that open a sentence, so a block starting with one is not the rest of the one before
_SENTENCE_OPENER = re.compile(
    r"^(?:The|A|An|It|This|That|These|Those|There|He|She|They|We|In|On|At|Following|Members?|Councillors?|Cllrs?|Mr|Mrs|Ms|Dr|"
    r"RESOLVED|Resolved|AGREED|Agreed|If|As|When|After|Before|Although|However|Also|Further|Officers?|Minutes|Supporting|"
    r"Additional|Apologies|Present|Action|Actions|Decision|Notes?|Item|Report|Date|Time|Venue|Page)\b")


def _continues(previous: str, block: str) -> bool:
    if previous.rstrip().endswith((".", ":", "?", "!", ";")) or "\t" in previous or "\t" in block:
        return False
    if block[:1].islower():
        return True
    last_line = previous.rstrip().rsplit("\n", 1)[-1]
    first_line = block.split("\n", 1)[0]
    if len(previous.split()) < 15 or _SENTENCE_OPENER.match(block):
        return False
    return (len(last_line.split()) >= 8 and bool(re.search(r"[a-z]", last_line)) and not is_all_caps(first_line)
            and len(first_line.split()) >= 6 and not re.match(r"^\s*(?:[-*•]|\(?[a-z0-9]{1,4}[.)]|\d)", first_line)
            and bool(re.search(r"[a-z]{3,}\s+[a-z]{2,}", first_line)))


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, page-break splits mended (see paragraph_spans)."""
    return [block for _start, block in paragraph_spans(text)]


def sentences(text: str) -> list[str]:
    """Split prose into sentences, not breaking after titles and initials."""
    text = collapse(text)
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        # only the last word before the stop decides (an abbreviation, an initial): look
        # at the end alone, not at all the text since the last split, or a long run of
        # initials ("A. B. C. ...") makes every look longer and the whole quadratic
        window = max(start, m.start() - _LONGEST_ABBREVIATION)
        last_word = _LAST_WORD.search(text, window, m.start())
        cut_short = last_word is not None and last_word.start() == window > start and _LAST_WORD_CHAR.match(text, window - 1)
        if last_word and not cut_short:  # a word longer than the window is no abbreviation
            word = last_word.group(1).lower().rstrip(".")
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
        out.append(text[start:m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# a sentence: a subject, then a finite verb ("The Committee resolved", "A report was submitted",
# "It was moved by", "The Policy Manager introduced a report", "Members are asked to ...")
_SENTENCE_START = re.compile(
    r"^(?:The|A|An|This|These|Those|It|There|He|She|They|We|I|Members?|Councillors?|Cllrs?\.?|Officers?|Mr|Mrs|Ms|Dr)\b"
    r"(?:\s+[\w'’.,()-]+){0,6}?\s+"
    r"(?:(?:was|were|is|are|has|had|have|will|would|should|could|may|might|can|must|did|does|gave|took|made|met|said|"
    r"saw|heard|sought|told|thanked|welcomed|asked|noted)\b"
    r"|[a-z]+ed(?=\s*$|\s*[:,;.-]|\s+(?:the|a|an|that|to|by|on|in|with|at|it|from|whether|for|of|and|her|his|their|its|members?|councillors?|everyone)\b))"
)


def starts_a_sentence(text: str) -> bool:
    """Prose rather than a title: a subject and a finite verb near the start."""
    return bool(_SENTENCE_START.match(text.strip()))


def strip_parentheticals(text: str) -> str:
    """Remove (bracketed asides), nested or spanning lines."""
    out = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def until_sentence_end(text: str, limit: int = 1500) -> str:
    """Text up to the first full stop (or blank line) outside brackets."""
    depth = 0
    for i, ch in enumerate(text[:limit]):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0 and ch in ".;" and (i + 1 == len(text) or text[i + 1].isspace()):
            before = re.search(r"(\b\w+)$", text[:i])
            if before and (before.group(1).lower() in _ABBREVIATIONS or len(before.group(1)) == 1):
                continue
            return text[:i]
        elif depth == 0 and text.startswith("\n\n", i) and not text[i:].lstrip()[:1].islower():
            return text[:i]
    return text[:limit]


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def table_cells(line: str) -> list[str] | None:
    """A table row's cells, tab-separated or a pipe table's ("| 1 | Apologies |"); None for a line that is not a row."""
    if "\t" in line:
        return cells(line)
    body = line.strip()
    if body.endswith("|") and len(body) > 1:
        body = body[1:] if body.startswith("|") else body
        return [c.strip() for c in body[:-1].split("|")]
    return None


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.9


_SMALL_WORDS = {"of", "and", "for", "the", "to", "in", "on", "at", "a", "an", "by", "with", "or", "from"}


def title_case(text: str) -> str:
    """"OUTCOME OF OFSTED INSPECTION (ILACS)" -> "Outcome of Ofsted Inspection (ILACS)"."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        core = word.strip("()[],.:;")
        if word.startswith("(") or any(ch.isdigit() for ch in word) or (core.isalpha() and not re.search(r"[AEIOUY]", core.upper())):
            out.append(word)
        elif i and core.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)
