"""Committee papers in, Document records out. Knows nothing of Slack or SQL."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .exempt import ExemptPaper
from .model import Document
from .parse import PARSER_VERSION, parse, read_paper
from .pdf import MAX_PAGES
from .text import UnreadableDocument, read_text

__all__ = ["Document", "ExemptPaper", "PARSER_VERSION", "UnreadableDocument", "parse", "parse_bytes", "read_paper",
           "read_text", "demo_corpus"]


def parse_bytes(data: bytes, name: str = "", hints: dict[str, str] | None = None,
                max_pages: int = MAX_PAGES, on_pages: Callable[[int], None] | None = None) -> tuple[Document, str]:
    """Read and parse one paper; the Document and the text it was read from, exempt
    business left out. Raises UnreadableDocument (ExemptPaper) with a one-line reason.
    In this process, with no bound on time or memory: corpus.bounded reads papers
    within bounds. on_pages hears a PDF's page count before its pages are read."""
    text, warnings = read_text(data, name, max_pages, on_pages)
    doc, public = read_paper(text, hints)
    doc.warnings = warnings + doc.warnings
    return doc, public


def demo_corpus() -> Path:
    """The bundled demo papers (real committee papers from two councils)."""
    return Path(__file__).with_name("demo")
