"""`scrutiny serve`: check the configuration and Slack, then answer in Socket Mode, over
HTTP, or in a console when no Slack variable is set. Every reason not to start is one line
naming what to fix, and a non-zero exit, so that systemd or Docker never runs silently idle."""
from __future__ import annotations

import logging
import signal
import sys
import threading
import urllib.error

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .config import Config

log = logging.getLogger(__name__)
CONFIG_PROBLEM = 2
SLACK_PROBLEM = 1
SLACK_HOME = "https://slack.com/api/"


def _say(line: str) -> None:
    print(f"scrutiny: {line}", file=sys.stderr)


def _unreachable(config: Config, err: BaseException) -> str:
    reason = getattr(err, "reason", None) or err
    return f"cannot reach Slack at {config.api_url or SLACK_HOME} ({reason}); check the network, a proxy, or SLACK_API_URL."


def check_bot_token(config: Config, client: WebClient) -> str | None:
    """None when Slack answers auth.test for SLACK_BOT_TOKEN; else the one line that says why not."""
    try:
        client.auth_test()
    except SlackApiError as err:
        code = err.response.get("error") if err.response is not None else "an error"
        return (f"Slack refused SLACK_BOT_TOKEN ({code}): use the Bot User OAuth Token (xoxb-…) from "
                "Install App, for this workspace.")
    except (urllib.error.URLError, OSError) as err:
        return _unreachable(config, err)
    return None


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> None:
    """systemd and Docker stop with SIGTERM: leave the way Ctrl-C does, closing what is open."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def serve(config: Config) -> int:
    problems = config.problems()
    if problems:
        for line in problems:
            _say(line)
        return CONFIG_PROBLEM
    log.info("starting in %s mode with %s", config.mode, config)
    if config.mode == "console":
        from .console import run_console
        return run_console(config.db_path)

    from .reminders import slack_client, start_scheduler
    client = slack_client(config.bot_token, config.api_url)
    reason = check_bot_token(config, client)
    if reason:
        _say(reason)
        return SLACK_PROBLEM

    from .app import build_app
    app = build_app(config)
    scheduler = None
    closing: list = []
    try:  # from here a SIGTERM (or Ctrl-C) at any moment ends the process cleanly, with exit status 0
        _stop_on_sigterm()
        if config.mode == "socket":
            from .socket import EnvelopeSocketModeHandler
            handler = EnvelopeSocketModeHandler(app, config.app_token)
            closing.append(handler.close)
            try:
                handler.connect()
            except SlackApiError as err:
                code = err.response.get("error") if err.response is not None else "an error"
                _say(f"Slack refused SLACK_APP_TOKEN ({code}): use an app-level token (xapp-…) with connections:write, "
                     "and turn Socket Mode on for the app.")
                return SLACK_PROBLEM
            except (urllib.error.URLError, OSError) as err:
                _say(_unreachable(config, err))
                return SLACK_PROBLEM
            scheduler = start_scheduler(config.db_path, client)
            log.info("connected to Slack in Socket Mode")
            threading.Event().wait()
            return 0

        from .http import EVENTS_PATH, http_server
        try:
            server = http_server(app, config.host, config.port, config.db_path)
        except OSError as err:
            _say(f"cannot listen on {config.host}:{config.port} ({err.strerror or err}); set HOST or PORT.")
            return CONFIG_PROBLEM
        closing.append(server.server_close)
        scheduler = start_scheduler(config.db_path, client)
        log.info("listening on http://%s:%d%s", config.host, server.server_port, EVENTS_PATH)
        server.serve_forever()
        return 0
    except KeyboardInterrupt:
        log.info("stopping")
        return 0
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the clean-up short
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        for close in closing:
            close()
