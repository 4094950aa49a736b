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

from .text import UnreadableDocument

MIN_TEXT_CHARS = 40  # fewer than this across the whole file: a scan with no text layer
MAX_PAGES = 1_000  # the largest agenda packs run to a few hundred pages
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def _page_blocks(page) -> list[tuple[float, str]]:
    """(top, text) for each line outside tables and each table row, in page order."""
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
    previous_bottom = None
    for line in page.extract_text_lines(strip=True, return_chars=False):
        middle = (line["top"] + line["bottom"]) / 2
        if any(x0 - 1 <= line["x0"] <= x1 + 1 and y0 - 1 <= middle <= y1 + 1 for x0, y0, x1, y1 in boxes):
            continue
        height = line["bottom"] - line["top"]
        if previous_bottom is not None and line["top"] - previous_bottom > 0.8 * height:
            blocks.append((line["top"] - 0.001, ""))  # a paragraph gap
        blocks.append((line["top"], line["text"]))
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
    text = "\n\n".join(pages)
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise UnreadableDocument(f"a scanned PDF with no text layer ({len(pages)} pages); run it through OCR first")
    return text
