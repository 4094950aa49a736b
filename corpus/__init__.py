"""Committee papers in, Document records out. Knows nothing of Slack or SQL."""
from __future__ import annotations

from pathlib import Path

from .model import Document
from .parse import PARSER_VERSION, parse
from .text import UnreadableDocument, read_text

__all__ = ["Document", "PARSER_VERSION", "UnreadableDocument", "parse", "parse_bytes", "read_text", "demo_corpus"]


def parse_bytes(data: bytes, name: str = "", hints: dict[str, str] | None = None) -> tuple[Document, str]:
    """Read and parse one paper; the Document and the text it was read from.
    Raises UnreadableDocument with a one-line reason."""
    text, warnings = read_text(data, name)
    doc = parse(text, hints)
    doc.warnings = warnings + doc.warnings
    return doc, text


def demo_corpus() -> Path:
    """The bundled demo papers (real committee papers from two councils)."""
    return Path(__file__).with_name("demo")
