"""The SQLite store of parsed meetings: schema, saving, ingest and named queries."""
from .db import StoreMissing, StoreUnreadable, connect, default_path, open_db

__all__ = ["StoreMissing", "StoreUnreadable", "connect", "default_path", "open_db"]
