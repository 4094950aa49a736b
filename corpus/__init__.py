"""Committee papers in, Document records out. Knows nothing of Slack or SQL."""
from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .exempt import ExemptPaper
    from .model import Document
    from .parse import PARSER_VERSION, parse, read_paper
    from .text import UnreadableDocument, read_text

# The parser's modules compile hundreds of patterns as they load (a quarter of a
# second): they load when first used, so that answering a command, which reads
# only the store, does not wait for them.
_LAZY = {"ExemptPaper": "exempt", "Document": "model", "PARSER_VERSION": "parse", "parse": "parse",
         "read_paper": "parse", "UnreadableDocument": "text", "read_text": "text"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(ModuleType):
    """`corpus.parse` stays the parse function, as the package has always given it, when
    the module corpus/parse.py loads (Python would put the module in its place)."""

    def __setattr__(self, name: str, value) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = ["Document", "ExemptPaper", "PARSER_VERSION", "UnreadableDocument", "parse", "parse_bytes", "read_paper",
           "read_text", "demo_corpus"]


def parse_bytes(data: bytes, name: str = "", hints: dict[str, str] | None = None,
                max_pages: int | None = None, on_pages: Callable[[int], None] | None = None) -> tuple[Document, str]:
    """Read and parse one paper; the Document and the text it was read from, exempt
    business left out. Raises UnreadableDocument (ExemptPaper) with a one-line reason.
    In this process, with no bound on time or memory: corpus.bounded reads papers
    within bounds. on_pages hears a PDF's page count before its pages are read."""
    from .parse import read_paper
    from .text import read_text
    text, warnings = read_text(data, name, max_pages, on_pages)
    doc, public = read_paper(text, hints)
    doc.warnings = warnings + doc.warnings
    return doc, public


def demo_corpus() -> Path:
    """The bundled demo papers (real committee papers from two councils)."""
    return Path(__file__).with_name("demo")
