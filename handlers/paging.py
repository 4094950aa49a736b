"""Long lists in Slack: pages with a "Show more" button and the command that
shows the rest, and lines packed into sections that fit Slack's limits, so
that no list is ever cut without saying so."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from .numbers import looks_like_number, whole_number
from .reply import MAX_SECTION, Button, Reply

T = TypeVar("T")
_PAGE = re.compile(r"(?:^|\s)page\s+(\S+)\s*$", re.IGNORECASE)


def split_page(args: str) -> tuple[str, int]:
    """("history SEND page 3" args) -> ("SEND", 3). A page past the end is the last page."""
    match = _PAGE.search(args)
    if not match or not looks_like_number(match.group(1)):
        return args.strip(), 1
    number = whole_number(match.group(1))
    return args[:match.start()].strip(), max(1, number if number is not None else 1)


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    pages: int
    total: int
    first: int  # 1-based position of the first item shown

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


def page_of(items: list[T], number: int, size: int) -> Page[T]:
    pages = max(1, (len(items) + size - 1) // size)
    number = min(max(1, number), pages)
    start = (number - 1) * size
    return Page(items[start:start + size], number, pages, len(items), start + 1)


def add_paging(reply: Reply, page: Page, command: str, what: str) -> None:
    """"Showing 21–40 of 70 panels · `/scrutiny panels page 3` for more", and a Show more button."""
    if page.pages <= 1:
        return
    text = f"Showing {page.first}–{page.last} of {page.total:,} {what}"
    if page.number < page.pages:
        text += f" · `/scrutiny {command} page {page.number + 1}` for more"
        reply.context(text)
        reply.buttons(Button("Show more", "more", {"cmd": command, "page": page.number + 1}))
    else:
        reply.context(text + f" · `/scrutiny {command}` for the first page")


def add_lines(reply: Reply, heading: str, lines: list[str]) -> None:
    """A heading and its lines, in as many sections as Slack's 3,000-character limit needs."""
    chunk = heading
    for line in lines:
        if len(chunk) + 1 + len(line) > MAX_SECTION - 100:
            reply.section(chunk)
            chunk = line
        else:
            chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        reply.section(chunk)
