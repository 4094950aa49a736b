"""HTTP mode: the Bolt app behind its WSGI handler, on a threaded server
(stdlib only), at /slack/events."""
from __future__ import annotations

import logging
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


def http_server(app: App, host: str, port: int) -> WSGIServer:
    """A server ready for serve_forever(); port 0 picks a free one (tests)."""
    return make_server(host, port, SlackRequestHandler(app, path=EVENTS_PATH),
                       server_class=ThreadingWSGIServer, handler_class=_LoggingHandler)
