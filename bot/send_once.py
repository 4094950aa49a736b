"""Posting a message that must reach Slack once: a reminder, an announcement.

The store holds a claim on each send and a "maybe sent" mark, written before
the post. Every message carries a marker (Slack message metadata with the
send's key). After an outcome that leaves Slack's side unknown (a time-out, a
dropped connection, a 5xx, a sweep that died after posting), the next try
looks for its own marker in the channel's history (conversations.history)
before it posts again. So a reminder goes twice only if a sweep stalls for
longer than the lease between its last check that the claim is still its own
and its post reaching Slack (see README, Reminders).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from store.reminders import Claim

log = logging.getLogger(__name__)

MARKER_EVENT = "scrutiny_send"
HISTORY_PAGES = 3  # of 200 messages: a channel's last 600 since the first try
IM_PAGES = 5  # of 200 of the bot's direct-message conversations
HISTORY_MARGIN = timedelta(hours=1)  # look back this much further than the first try: clocks differ
# errors that another try will not mend: recorded, shown by /scrutiny reminders, never retried
PERMANENT = {"not_in_channel", "channel_not_found", "is_archived", "user_not_found", "account_inactive",
             "cannot_dm_bot", "user_disabled", "invalid_auth", "not_authed", "missing_scope", "restricted_action",
             "team_access_not_granted", "msg_too_long", "invalid_blocks", "no_permission"}


@dataclass
class Outcome:
    status: str  # sent | failed | retry | lost (the claim was taken over: nothing was posted)
    ts: str | None = None
    error: str | None = None
    maybe_sent: bool = False  # retry only: Slack may have the message


def _error_code(err: SlackApiError) -> str:
    return str(err.response.get("error") or err.response.status_code)


def _channel_of(client: WebClient, target: str) -> str | None:
    """Where a send to target lands: the channel, or the IM with the user (None: the bot
    has none with them, so nothing was ever posted there). Found among the bot's own
    IMs (im:read), not opened (that would need im:write)."""
    kind, _, ident = target.partition(":")
    if kind != "user":
        return ident
    cursor = None
    for _ in range(IM_PAGES):
        page = client.users_conversations(types="im", limit=200, cursor=cursor)
        for conversation in page.get("channels", []):
            if conversation.get("user") == ident:
                return conversation.get("id")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return None


def find_marker(client: WebClient, target: str, marker: str, since: str | None) -> str | None:
    """The ts of the bot's own message carrying this marker, posted since `since`
    (UTC ISO), or None. Raises SlackApiError / OSError when the history cannot be read."""
    channel = _channel_of(client, target)
    if channel is None:
        return None
    oldest = (datetime.fromisoformat(since) - HISTORY_MARGIN).timestamp() if since else 0
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(channel=channel, oldest=f"{max(oldest, 0):.6f}", limit=200,
                                            include_all_metadata=True, cursor=cursor)
        for message in page.get("messages", []):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == MARKER_EVENT and (metadata.get("event_payload") or {}).get("key") == marker:
                return message.get("ts")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return None


def send_once(client: WebClient, target: str, message: dict, marker: str, held: Claim,
              trying: Callable[[], bool]) -> Outcome:
    """Post `message` to target (channel:C.. or user:U..) unless an earlier try
    already did. `trying` records "maybe sent" and says whether the claim is
    still this sweep's; it is called just before the post."""
    if held.maybe_sent:
        try:
            found = find_marker(client, target, marker, held.first_try_at)
        except SlackApiError as err:
            code = _error_code(err)
            if code not in PERMANENT:
                return Outcome("retry", error=f"history: {code}", maybe_sent=True)  # look again next sweep
            # the history can never be read (a missing scope): posting again is better than never
            log.warning("cannot look for an earlier send to %s (%s); posting again", target, code)
            found = None
        except Exception as err:  # time-out, connection: look again next sweep
            return Outcome("retry", error=f"history: {type(err).__name__}", maybe_sent=True)
        if found:
            log.info("%s already reached %s (ts %s); not posting again", marker, target, found)
            return Outcome("sent", ts=found)
    if not trying():
        return Outcome("lost")
    kind, _, ident = target.partition(":")
    try:
        response = client.chat_postMessage(channel=ident, unfurl_links=False,
                                           metadata={"event_type": MARKER_EVENT, "event_payload": {"key": marker}}, **message)
    except SlackApiError as err:
        code = _error_code(err)
        if code in PERMANENT:
            return Outcome("failed", error=code)
        # Slack said no (ok: false, a 429): nothing was posted. A 5xx: it may have been.
        return Outcome("retry", error=code, maybe_sent=err.response.status_code >= 500)
    except Exception as err:  # a time-out or a dropped connection after the request went: Slack may have it
        return Outcome("retry", error=type(err).__name__, maybe_sent=True)
    return Outcome("sent", ts=response.get("ts"))
