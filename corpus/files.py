"""A paper's bytes from a path: regular files only, and never more than a cap.

`ingest /dev/zero` used to read until memory ran out, and a named pipe hung
the run waiting for a writer. A device, a pipe or a socket is refused by its
type before it is opened; a file that grows while it is read is cut at the
cap and refused."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .text import UnreadableDocument

MAX_BYTES = 20 * 1024 * 1024


def file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_paper_file(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes. Raises UnreadableDocument (one line) for anything that is
    not a regular file of at most max_bytes, and OSError when it cannot be read."""
    info = os.stat(path)  # follows links: a link to /dev/zero is a device
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableDocument(f"{file_kind(info.st_mode)}, not a file; only paper files are read")
    if info.st_size > max_bytes:
        raise UnreadableDocument(_too_large(info.st_size, max_bytes))
    # O_NONBLOCK: had the path been swapped for a pipe since the stat, opening it would not wait for a writer
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnreadableDocument("not a regular file; only paper files are read")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableDocument(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"too large ({size // (1024 * 1024)} MB; papers over {max_bytes // (1024 * 1024)} MB are not read)"
