"""Nothing from a paper or a user reaches Slack as a live control sequence: not in the
blocks, not in the `text` fallback (which Slack also reads as mrkdwn, for notifications and
screen readers), not in replies, shared messages, reminders or the new-minutes digest. The
papers here are hostile: `<!channel>`, `<!here>`, `<@U…>`, `<!subteam^…>` and
`<https://evil|label>` in the committee name, venue, items, actions and programme."""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.reminders import slack_client, sweep
from handlers import dispatch
from handlers.reply import Reply
from handlers.sources import minutes_digest
from store import queries
from store.ingest import ingest_paths

from .conftest import LONDON
from .slack_fake import FakeSlack

HOSTILE = Path(__file__).with_name("hostile")
# both hostile papers are known by then: the minutes of 10 September and the agenda published for 1 October
KNOWN = datetime(2020, 9, 24, 9, 0, tzinfo=LONDON)
WEEK_BEFORE = datetime(2020, 9, 24, 9, 0, tzinfo=LONDON)  # the agenda's meeting is 1 October 2020
# the one control sequence the bot sends on purpose: a channel link, which pings nobody
ALLOWED = re.compile(r"<#C[A-Z0-9]+>")


def live_sequences(message: dict) -> list[str]:
    """Every <…> Slack would act on, in each field it reads as mrkdwn: `text` and every mrkdwn object."""
    texts = [message.get("text") or ""]

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                texts.append(node.get("text", ""))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(message.get("blocks", []))
    return [seq for text in texts for seq in re.findall(r"<[^<>]*>", text) if not ALLOWED.fullmatch(seq)]


@pytest.fixture
def hostile(db):
    report = ingest_paths(db, [HOSTILE], now=KNOWN)
    assert not report.failed, report.summary()
    return db


COMMANDS = ["next", "next licensing", "next licensing agenda", "next licensing programme", "actions", "actions all",
            "find taxi", "history taxi", "panels", "reminders", "audit", "help", "nonsense words", "subscribe",
            "remind-settings licensing", "sources", "undo", "actions done 99999", "next no such panel"]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_reply_carries_a_live_sequence_in_blocks_or_text(hostile, command):
    [action, *_] = queries.actions(hostile, status="all")
    dispatch(f"actions done {action.id}", hostile, KNOWN, user="U777")
    message = dispatch(command, hostile, KNOWN, user="U111", channel="C111").slack_message()
    assert live_sequences(message) == [], command


def test_the_text_fallback_is_escaped_but_the_console_shows_the_words(hostile):
    reply = dispatch("next licensing", hostile, KNOWN)
    fallback = reply.slack_message()["text"]
    assert "&lt;!here&gt;" in fallback and "<!here>" not in fallback
    assert "Council Chamber <!here>, Anytown" in reply.text  # the console is not Slack: it shows the paper's words


def test_shared_messages_reminders_and_the_digest_are_escaped_too(hostile):
    # shared: the same reply, in_channel
    shared = dispatch("next licensing", hostile, KNOWN)
    shared.ephemeral = False
    assert live_sequences(shared.slack_message()) == []
    # reminders, to a channel and by direct message
    dispatch("channel licensing", hostile, KNOWN, user="U1", channel="C42")
    dispatch("subscribe licensing", hostile, KNOWN, user="U9")
    fake = FakeSlack()
    try:
        report = sweep(str(Path(hostile.execute("PRAGMA database_list").fetchone()[2])), slack_client("xoxb-x", fake.api_url), WEEK_BEFORE)
        assert len(report.sent) == 2
        for call in fake.sent("/api/chat.postMessage"):
            assert live_sequences(call["body"]) == []
            assert "Taxi &lt;!channel&gt; enforcement" in call["body"]["text"]
    finally:
        fake.close()
    # the digest of new minutes, posted in the panel's channel
    minutes = hostile.execute("SELECT id FROM documents WHERE kind = 'minutes'").fetchone()[0]
    _, digest = minutes_digest(hostile, minutes, KNOWN)
    assert live_sequences(digest.slack_message()) == []


def test_the_bots_own_placeholders_are_never_sent_as_sequences(db):
    for command in ["help", "subscribe", "channel", "undo", "remind-settings", "nxet"]:
        message = dispatch(command, db, KNOWN).slack_message()
        assert live_sequences(message) == [], command
    assert "&lt;panel&gt;" in json.dumps(dispatch("help", db, KNOWN).slack_message())
    assert "/scrutiny channel <panel>" in dispatch("help", db, KNOWN).text  # and the console reads them plainly


def test_a_hostile_name_from_slack_is_escaped_like_paper_text(hostile):
    queries.remember_person(hostile, "U777", "Jo <!channel> Smith", KNOWN)
    dispatch(f"actions done {queries.actions(hostile)[0].id}", hostile, KNOWN, user="U777")
    for command in ["actions done", "audit"]:
        message = dispatch(command, hostile, KNOWN).slack_message()
        assert live_sequences(message) == [] and "Jo &lt;!channel&gt; Smith" in message["text"], command


def test_done_by_names_the_person_without_a_ping(hostile):
    action = queries.actions(hostile)[0]
    queries.remember_person(hostile, "U777", "Jo Smith", KNOWN)
    dispatch(f"actions done {action.id}", hostile, KNOWN, user="U777")
    dispatch(f"actions done {queries.actions(hostile)[0].id}", hostile, KNOWN, user="U888")  # a name never seen
    for command in ["actions done", "audit"]:
        message = dispatch(command, hostile, KNOWN).slack_message()
        text = json.dumps(message)
        assert "<@" not in text, command
    done = dispatch("actions done", hostile, KNOWN).text
    assert "Done by Jo Smith on 24 Sep 2020" in done and "Done by U888" in done
    assert "by Jo Smith" in dispatch("audit", hostile, KNOWN).text


def test_a_reply_part_escaped_once_is_never_unescaped_into_the_fallback():
    reply = Reply().section("Owner: " + "Smith &amp; Jones &lt;!here&gt;")
    assert reply.slack_message()["text"] == "Owner: Smith &amp; Jones &lt;!here&gt;"
    assert reply.text == "Owner: Smith & Jones <!here>"


def test_the_bots_own_formatting_survives(hostile):
    found = dispatch("find taxi", hostile, KNOWN).slack_message()
    quoted = [b["text"]["text"] for b in found["blocks"] if b["type"] == "section"]
    assert any("\n> " in text for text in quoted), "a snippet is still a quote"
    reminder = dispatch("next licensing", hostile, KNOWN)
    reminder.parts.insert(0, type(reminder.parts[0])("header", "Licensing & <!channel>"))
    assert reminder.slack_message()["text"].startswith("LICENSING &amp; &lt;!CHANNEL&gt;")
    assert "[Share" not in reminder.slack_message()["text"] and "[Mark done" not in dispatch("actions", hostile, KNOWN).slack_message()["text"]


def test_only_the_bots_own_links_go_out_as_links():
    from handlers.format import link
    from handlers.reply import escape

    forged = "\ue000https://evil.example\ue001click\ue002 <https://evil.example|click>"
    reply = Reply().section(escape(forged) + " · " + link("https://democracy.example.gov.uk/a b.pdf", "the report"))
    message = reply.slack_message()
    assert live_sequences(message) == ["<https://democracy.example.gov.uk/a%20b.pdf|the report>"] * 2  # blocks and text
    assert reply.text.endswith("· the report")
