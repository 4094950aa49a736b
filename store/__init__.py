"""The SQLite store of parsed meetings: schema, saving, ingest and named queries."""
from .db import connect, default_path, open_db

__all__ = ["connect", "default_path", "open_db"]
