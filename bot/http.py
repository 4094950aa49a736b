"""HTTP mode: the Bolt app behind its WSGI handler, on a threaded server
(stdlib only), at /slack/events; /healthz, and the calendar feeds at
/calendar/<panel>.ics (and /calendar/all.ics)."""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 256


class _LoggingHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        log.debug("%s - %s", self.address_string(), format % args)


HEALTH_PATH = "/healthz"


def _unsigned(start_response):
    start_response("401 Unauthorized", [("Content-Type", "text/plain")])
    return [b"invalid request\n"]


def with_health_check(slack_app, db_path: str | None):
    """GET /healthz answers 200 when the store opens (for a load balancer or uptime check).
    A request whose X-Slack-Request-Timestamp is not a number is refused as unsigned (401),
    before the signature check, which would fail on it with a 500."""
    def wsgi(environ, start_response):
        stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        if stamp is not None and not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
            return _unsigned(start_response)
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            try:
                if db_path:
                    from store import connect
                    with connect(db_path) as db:
                        db.execute("SELECT 1").fetchone()
                start_response("200 OK", [("Content-Type", "text/plain")])
                return [b"ok\n"]
            except Exception:
                log.exception("health check failed")
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"store unavailable\n"]
        return slack_app(environ, start_response)
    return wsgi


_CALENDAR_PATH = re.compile(r"^/calendar/([a-z0-9-]{1,200})\.ics$")


def with_calendars(inner, db_path: str | None, now: Callable[[], datetime]):
    """GET /calendar/<panel>.ics: a panel's meetings as iCalendar (all.ics: every panel's)."""
    def wsgi(environ, start_response):
        found = _CALENDAR_PATH.match(environ.get("PATH_INFO") or "")
        if not found or environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not db_path:
            return inner(environ, start_response)
        from handlers.calendar import ALL, feed
        from store import connect
        from store.calendar import committee_by_feed_name
        try:
            with connect(db_path) as db:
                committee = None if found.group(1) == ALL else committee_by_feed_name(db, found.group(1))
                if committee is None and found.group(1) != ALL:
                    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
                    return [b"no such panel calendar\n"]
                data = feed(db, now(), committee)
        except Exception:
            log.exception("calendar %s failed", found.group(1))
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"calendar unavailable\n"]
        start_response("200 OK", [("Content-Type", "text/calendar; charset=utf-8"), ("Content-Length", str(len(data))),
                                  ("Content-Disposition", f'inline; filename="{found.group(1)}.ics"'),
                                  ("Cache-Control", "max-age=900")])
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [data]
    return wsgi


def http_server(app: App, host: str, port: int, db_path: str | None = None,
                now: Callable[[], datetime] | None = None) -> WSGIServer:
    """A server ready for serve_forever(); port 0 picks a free one (tests)."""
    from . import clock
    slack = with_health_check(SlackRequestHandler(app, path=EVENTS_PATH), db_path)
    return make_server(host, port, with_calendars(slack, db_path, now or clock.now),
                       server_class=ThreadingWSGIServer, handler_class=_LoggingHandler)
