"""Numbers typed in commands: an action, a change, a page. Only ASCII digits are
numbers here ("²" and "٣" are not), and only up to what SQLite can hold."""
from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,18}")


def looks_like_number(word: str) -> bool:
    """Meant as a number ("12", "#12", "²", "99999999999999999999"), readable or not."""
    return word.lstrip("#").isdigit()


def whole_number(word: str) -> int | None:
    """The number typed, or None when it is not plain digits or too large for any row id."""
    word = word.lstrip("#")
    return int(word) if _DIGITS.fullmatch(word) else None
