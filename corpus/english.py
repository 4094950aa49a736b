"""Whether a word is an English word: a real word is never "corrected" into
another one ("exploited" is not a typo of "explained"). The word list is
pyspellchecker's English dictionary (160,000 words with their frequencies),
loaded once per process, when a search first meets a word the papers lack."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    try:
        # the packaged list itself: a third of the time of building a SpellChecker from it
        data = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
        return frozenset(json.loads(gzip.decompress(data)))
    except (FileNotFoundError, OSError, ValueError):
        from spellchecker import SpellChecker
        return frozenset(SpellChecker(language="en").word_frequency.keys())


def is_word(word: str) -> bool:
    return word.lower() in _words()
