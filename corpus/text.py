"""Turning a file's bytes into the plain text the parser reads.

Text and HTML (ModernGov "Agenda and minutes" pages) are read here; a table
becomes tab-separated lines so that work programmes keep their rows.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from html.parser import HTMLParser


class UnreadableDocument(ValueError):
    """The file is not a paper we can read; the message says why in one line."""


_BULLETS = "·•▪●○◦■□➢►‣⁃"
_BULLET_LINE = re.compile(rf"^[ \t]*[{_BULLETS}\uf0b7\uf0a7\uf076\uf0d8]\s*", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _utf16(data: bytes) -> str | None:
    """UTF-16 text (Windows' "Unicode" text files), with or without a byte-order
    mark, else None. Without a mark: mostly-ASCII text in UTF-16 has a NUL in
    every other byte, on the odd bytes for little-endian and the even for big."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        sample = data[:4096]
        pairs = len(sample) // 2
        if pairs < 8:
            return None
        even_nuls, odd_nuls = sample[0:2 * pairs:2].count(0), sample[1:2 * pairs:2].count(0)
        if odd_nuls > 0.6 * pairs and even_nuls < 0.02 * pairs:
            encoding = "utf-16-le"
        elif even_nuls > 0.6 * pairs and odd_nuls < 0.02 * pairs:
            encoding = "utf-16-be"
        else:
            return None
    try:
        return data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, page_break: str = "\n") -> tuple[str, list[str]]:
    """Bytes to str, with warnings; a form feed becomes `page_break`. Raises UnreadableDocument for binary input."""
    warnings: list[str] = []
    wide = _utf16(data)
    if wide is not None:
        return without_controls(wide, page_break), warnings
    sample = data[:65536]
    if sample.startswith(b"PK\x03\x04") and b"word/" in sample:
        raise UnreadableDocument("a Word document: save it as PDF, HTML or text first")
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument("an old Word or Excel file: save it as PDF, HTML or text first")
    if b"\x00" in sample:
        raise UnreadableDocument("binary file, not a text or HTML paper")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableDocument(f"not UTF-8 text (invalid byte at offset {err.start})") from None
        warnings.append(f"not UTF-8 (invalid byte at offset {err.start}); read as Windows-1252")
    if len(_CONTROL.findall(text[:65536])) > max(20, len(text[:65536]) // 50):
        raise UnreadableDocument("binary file, not a text or HTML paper")
    return without_controls(text, page_break), warnings


def without_controls(text: str, page_break: str = "\n") -> str:
    """Text with no NUL or other control character (tabs and line ends stay; a vertical
    feed is a line end, a form feed `page_break`): none of them belongs in any field."""
    return _CONTROL.sub(lambda m: page_break if m.group(0) == "\x0c" else "\n" if m.group(0) == "\x0b" else "", text)


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head) or head.count("<div") > 3


class _HTMLToText(HTMLParser):
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
             "ul", "ol", "table", "thead", "tbody", "tfoot", "caption", "dl", "dt", "dd", "blockquote",
             "pre", "address", "form", "fieldset", "nav", "main", "aside", "figure", "hr", "title"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.cell_in_row = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
            self.parts.append("\n")
            return
        if tag in self.SKIP:
            self.skip_depth += 1
            return
        if tag in ("br",):
            self.parts.append("\n")
        elif tag == "tr":
            self.parts.append("\n")
            self.cell_in_row = 0
        elif tag in ("td", "th"):
            if self.cell_in_row:
                self.parts.append("\t")
            self.cell_in_row += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            self.parts.append("\n\n")
            return
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in self.BLOCK or tag == "tr":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth and not self.in_title:
            return
        data = re.sub(r"\s+", " ", data)
        if data.strip() or (self.parts and not self.parts[-1].endswith((" ", "\n", "\t"))):
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HTMLToText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    # a cell's own line breaks must not split a row
    lines = [re.sub(r"[ ]*\t[ ]*", "\t", line).strip(" ") for line in text.split("\n")]
    return "\n".join(lines)


def normalise(text: str) -> str:
    """One form for every source: LF line ends, plain spaces, "- " bullets, no markdown bold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("**", "")
    text = _BULLET_LINE.sub("- ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    return text


def fragment_text(markup: str) -> str:
    """A piece of HTML (an item's minutes from a council's web service) as the text the parser reads."""
    return normalise(html_to_text(markup)).strip() if markup and markup.strip() else ""


# a page number on its own line: "3", "Page 3", "Page 3 of 12", "Page | 3", "- 3 -", "!3", "3/12"
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*[|:.]?\s*)?[-–—!|(\[]?\s*(?P<n>\d{1,4})\s*[-–—|)\]]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_FURNITURE_ZONE = 3  # lines at the top and bottom of a page where running headers, footers and page numbers sit


def _shape(line: str) -> str:
    """A line as furniture is recognised: digits and spacing do not matter ("Page 3" ~ "Page 4")."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line)).strip().lower()


def _is_page_number(line: str, page_index: int) -> bool:
    m = _PAGE_NUMBER.match(line)
    if not m:
        return False
    # a bare number only when it counts the pages: an item number can stand alone too
    bare = re.fullmatch(r"\s*\d{1,4}\s*", line) is not None
    return not bare or abs(int(m.group("n")) - (page_index + 1)) <= 1


def _zones(lines: list[str]) -> tuple[list[int], list[int]]:
    """The top and bottom lines of a page (never overlapping on a short page)."""
    body = [i for i, line in enumerate(lines) if line.strip()]
    size = min(_FURNITURE_ZONE, max(1, len(body) // 2)) if body else 0
    return body[:size], body[len(body) - size:] if size else []


def _strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Running headers, footers and page numbers off each page.

    A line is furniture when it sits in the top or bottom lines of a page and
    is a page number, or has the same shape as a line in that zone of another
    page ("Minutes - Cabinet - 12 March" on every page; "Item No | Item", a
    table's header repeated where the table runs on). A running header is kept
    the first time it appears, where it may be the paper's own title."""
    zone_shapes: dict[str, set[int]] = {}
    for index, lines in enumerate(pages):
        top, bottom = _zones(lines)
        for i in top + bottom:
            if lines[i].startswith("Margin note:"):
                continue  # a note beside the text, not furniture
            shape = _shape(lines[i])
            if len(re.findall(r"[a-z]", shape)) >= 3:
                zone_shapes.setdefault(shape, set()).add(index)
    seen_before: set[str] = set()
    out: list[list[str]] = []
    for index, lines in enumerate(pages):
        body = [i for i, line in enumerate(lines) if line.strip()]
        top, bottom = _zones(lines)
        drop: set[int] = set()
        for i in top + bottom:
            if lines[i].startswith("Margin note:"):
                continue
            shape = _shape(lines[i])
            repeated = len(zone_shapes.get(shape, ())) >= 2
            if _is_page_number(lines[i], index):
                drop.add(i)
            elif repeated and (i in bottom or shape in seen_before):
                drop.add(i)
        for i in body:
            seen_before.add(_shape(lines[i]))
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def join_pages(pages: list[str]) -> str:
    """Pages as one text, furniture removed and what a page break cut mended:
    a sentence carried onto the next page continues it, and a table row whose
    first cell is empty at the top of a page is the rest of the row before."""
    cleaned = [_trim(lines) for lines in _strip_furniture([page.split("\n") for page in pages])]
    out: list[str] = []
    for lines in cleaned:
        if not lines:
            continue
        if out:
            previous = out[-1]
            first = lines[0]
            if "\t" in previous and "\t" in first and first.split("\t")[0].strip() == "" \
                    and len(previous.split("\t")) == len(first.split("\t")):
                merged = [(a + " " + b).strip() for a, b in zip(previous.split("\t"), first.split("\t"))]
                out[-1] = "\t".join(merged)
                lines = lines[1:]
            elif first[:1].islower() and not previous.rstrip().endswith((".", ":", "?", "!")) and "\t" not in previous:
                out[-1] = previous.rstrip() + " " + first.lstrip()
                lines = lines[1:]
            else:
                out.append("")
        out.extend(lines)
    return "\n".join(out)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


# A 1,000-page agenda pack holds about 3 million characters of text. More than this
# is not one paper, and parsing it would take minutes.
MAX_TEXT_CHARS = 5_000_000


def _within_size(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(f"{len(text):,} characters of text; papers over {MAX_TEXT_CHARS:,} are not read "
                                 "(is it several papers in one?)")
    return text


def read_text(data: bytes, name: str = "", max_pages: int | None = None,
              on_pages: Callable[[int], None] | None = None) -> tuple[str, list[str]]:
    """A paper's bytes (text, HTML or PDF) to normalised text, with warnings."""
    if not data.strip():
        raise UnreadableDocument("empty file")
    if is_pdf(data) or name.lower().endswith(".pdf"):
        from .pdf import MAX_PAGES, pdf_to_text
        text = _within_size(normalise(without_controls(pdf_to_text(data, max_pages or MAX_PAGES, on_pages))))
        return text, []
    text, warnings = decode(data, page_break="\f")  # kept until the page furniture at each break is gone
    if name.lower().endswith((".html", ".htm")) or looks_like_html(text):
        text = html_to_text(text.replace("\f", "\n"))
    elif "\f" in text:  # a text paper that kept its page breaks: lose the furniture at each
        text = join_pages(text.replace("\r\n", "\n").split("\f"))
    text = _within_size(normalise(text))
    if len(re.findall(r"[A-Za-z]{2,}", text)) < 5:
        raise UnreadableDocument("no readable text in it")
    return text, warnings
