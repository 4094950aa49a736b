"""PDF papers to text, with pdfplumber (on pdfminer.six).

Why pdfplumber: it gives each character's position, so text comes out in
reading order with paragraph gaps kept, and it finds ruled tables, so a work
programme stays a table (its rows become tab-separated lines, the same shape
the text and HTML readers give). pypdf is faster but returns a flat stream
with no tables; pdfminer alone has the positions but no table finder.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Callable

from .text import UnreadableDocument, join_pages

MIN_TEXT_CHARS = 40  # fewer than this across the whole file: a scan with no text layer
MAX_PAGES = 1_000  # the largest agenda packs run to a few hundred pages
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


MARGIN_GAP = 24.0  # points of white space between a line's text and a note standing in the right margin


def _margin_note(line: dict, right_edge: float) -> tuple[str, str | None]:
    """(body, note) for a line whose last words stand apart in the right margin, as
    parish minutes put the owner of each decision there:
    "… agreed to donate £50.00.            Clerk". A note is a few words with no
    figures (an amount column is not a note) that reach the text's right edge."""
    chars = [c for c in line.get("chars", ()) if c["text"].strip()]
    text = line["text"]
    if len(chars) < 2:
        return text, None
    widest = max(range(1, len(chars)), key=lambda i: chars[i]["x0"] - chars[i - 1]["x1"])
    if chars[widest]["x0"] - chars[widest - 1]["x1"] < MARGIN_GAP or chars[-1]["x1"] < right_edge - 40:
        return text, None
    tail = "".join(c["text"] for c in chars[widest:])
    words = text.split()
    for k in range(1, min(5, len(words))):
        if "".join(words[-k:]) == tail:
            note = " ".join(words[-k:])
            if any(ch.isdigit() for ch in note) or not any(ch.isalpha() for ch in note) or len(note) > 30:
                return text, None
            return " ".join(words[:-k]), note
    return text, None


def _page_blocks(page) -> list[tuple[float, str]]:
    """(top, text) for each line outside tables and each table row, in page order;
    a note in the right margin follows its line as "Margin note: …"."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    blocks: list[tuple[float, str]] = []
    for table in tables:
        rows = table.extract()
        top = table.bbox[1]
        for index, row in enumerate(rows):
            cells = [_cell(c) for c in row]
            if any(cells):
                blocks.append((top + index * 0.01, "\t".join(cells)))
    lines = [line for line in page.extract_text_lines(strip=True, return_chars=True)
             if not any(x0 - 1 <= line["x0"] <= x1 + 1 and y0 - 1 <= (line["top"] + line["bottom"]) / 2 <= y1 + 1
                        for x0, y0, x1, y1 in boxes)]
    right_edge = max((line["x1"] for line in lines), default=0.0)
    left_edge = min((line["x0"] for line in lines), default=0.0)
    previous_bottom = None
    for line in lines:
        height = line["bottom"] - line["top"]
        body, note = _margin_note(line, right_edge)
        alone = (line["x0"] > left_edge + 0.6 * (right_edge - left_edge) and len(body.split()) <= 3
                 and not any(ch.isdigit() for ch in body) and note is None and len(lines) > 5)
        if alone:  # a note with no text beside it
            blocks.append((line["top"], f"Margin note: {body}"))
            continue
        if previous_bottom is not None and line["top"] - previous_bottom > 0.8 * height:
            blocks.append((line["top"] - 0.001, ""))  # a paragraph gap
        blocks.append((line["top"], body))
        if note:
            blocks.append((line["top"] + 0.0001, f"Margin note: {note}"))
        previous_bottom = line["bottom"]
    blocks.sort(key=lambda b: b[0])
    return blocks


def _declared_pages(pdf) -> int | None:
    """The page count the file's page tree declares, read before any page is."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # a damaged tree: the pages are counted as they are read
        return None
    return count if isinstance(count, int) else None


def pdf_to_text(data: bytes, max_pages: int = MAX_PAGES, on_pages: Callable[[int], None] | None = None) -> str:
    """The text of a PDF, page by page. Each page's layout is dropped once read:
    pdfplumber keeps every page it has read, and a 300-page paper held them all
    (2.7 GB). Past max_pages it is refused before any page is read; on_pages
    hears the page count first."""
    import pdfplumber  # imported late: only PDF papers pay for it

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            declared = _declared_pages(pdf)
            if declared is not None and declared > max_pages:
                raise UnreadableDocument(f"{declared:,} pages; papers over {max_pages:,} pages are not read")
            if on_pages:
                on_pages(min(declared or max_pages, max_pages))
            for page in pdf.pages:
                if len(pages) == max_pages:
                    raise UnreadableDocument(f"more than {max_pages:,} pages; papers over {max_pages:,} pages are not read")
                pages.append("\n".join(text for _top, text in _page_blocks(page)))
                page.close()
    except UnreadableDocument:
        raise
    except MemoryError:
        raise
    except Exception as err:  # pdfminer raises many kinds on a damaged file
        message = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        if "allocate" in message.lower():  # zlib could not get the memory to inflate a stream: a bomb
            raise MemoryError(message) from None
        if "password" in message.lower() or "encrypt" in message.lower():
            raise UnreadableDocument("the PDF is password-protected") from None
        raise UnreadableDocument(f"not a readable PDF ({message})") from None
    text = join_pages(pages)
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise UnreadableDocument(f"a scanned PDF with no text layer ({len(pages)} pages); run it through OCR first")
    return text
