"""Logging that never writes a token or secret: Slack tokens by their shape,
and the configured secrets by value, are masked in every record."""
from __future__ import annotations

import logging
import os
import re
import sys

_TOKEN = re.compile(r"\b(xox[abposre]-|xapp-)[A-Za-z0-9-]+")
SECRET_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


def redact(text: str) -> str:
    text = _TOKEN.sub(lambda m: m.group(1) + "***", text)
    for name in SECRET_VARIABLES:
        value = os.environ.get(name)
        if value and len(value) >= 8:
            text = text.replace(value, "***")
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _StandardError(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record comes, not what it was at set-up
    (main() is called many times in one process by the tests; each may swap stderr)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def setup(verbose: bool = False) -> None:
    handler = _StandardError()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
