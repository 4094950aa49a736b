"""The fuzz and attack suite, run on every CI run and kept small in time:
papers built from the layouts that broke the parser, odd encodings and control
characters, the linear sentence splitter checked against the quadratic code
it replaced, typed due dates, and Slack failing at random under the reminder
sweep (each reminder reaches Slack once, whatever happens)."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.reminders import slack_client, sweep
from corpus import UnreadableDocument, demo_corpus, parse_bytes
from corpus.dates import find_dates
from corpus.parse import LIMITS, MAX_NAME_CHARS
from corpus.prose import _ABBREVIATIONS, _SENTENCE_END, collapse, sentences
from corpus.text import decode
from handlers import dispatch
from store import connect, queries
from store.ingest import ingest_paths

from .conftest import FROZEN, LONDON
from .slack_fake import FakeSlack

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PIECES = [
    "{n} Budget Monitoring Report\n\n", "{n}. APOLOGIES FOR ABSENCE\n", "Item {n} - Work Programme\n",
    "It was agreed that the report would be circulated by {d} March 2021. ", "RESOLVED that:\n(a) the Director provides a report;\n",
    "Meeting date\tIssue\tLast reported\n{d} March 2021\tHighways {n}\tTBC\n", "Action\tOwner\tDue\nWrite to CCG\tHead\t{d} May 2021\n",
    "Present: Councillor A. B. C. Name{n} (Chairman), ", "Multi Agency Safeguarding Hub (MASH) ((( ", "{d}/{m}/2021 ",
    "The next meeting will be held on {d} April 2021 at 2pm. ", "<div><p>{n} Apologies</p></div>", "\x00", "\x0c", "\u202e",
    "é", "🙂", "\t\t\t", "\n\n\n", "A. " * 5, "word " * 30,
]


@st.composite
def adversarial_papers(draw) -> bytes:
    head = "Minutes of the Example Scrutiny Panel\n\nThursday, 5 March 2020 at 10.00 am, County Hall\n\n"
    pieces = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 400), st.integers(1, 28), st.integers(1, 12)),
                           max_size=60))
    text = head + "".join(p.format(n=n, d=d, m=m) for p, n, d, m in pieces) * draw(st.integers(1, 20))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16-le", "utf-16-be", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


def _fields(doc) -> list[str]:
    out = [doc.council or "", doc.committee or "", doc.meeting.venue or ""]
    out += [i.title for i in doc.items] + [a.text for a in doc.actions] + [a.owner or "" for a in doc.actions]
    out += [r.issue for r in doc.work_programme] + [a.name for a in doc.attendance]
    return out


@settings(max_examples=60, deadline=None)
@given(adversarial_papers())
def test_adversarial_papers_parse_within_their_caps_or_are_refused_with_a_reason(data):
    try:
        doc, text = parse_bytes(data, "attack.txt")
    except UnreadableDocument as err:
        assert str(err) and "\n" not in str(err)
        return
    assert not CONTROL.search(text)
    assert not any(CONTROL.search(value) for value in _fields(doc))
    for name, limit in LIMITS.items():
        assert len(getattr(doc, name)) <= limit
    assert len(doc.committee or "") <= MAX_NAME_CHARS and len(doc.council or "") <= MAX_NAME_CHARS
    json.dumps(doc.to_json())


def _without_controls(text: str) -> str:
    return CONTROL.sub(lambda m: "\n" if m.group(0) in "\x0b\x0c" else "", text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=20, max_size=400),
       st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=20, max_size=400))
def test_utf16_text_decodes_to_what_was_written(anything, latin):
    """With a byte-order mark any text; without one, text in the Latin alphabet (a
    NUL in every other byte is how it is recognised)."""
    assert decode(("Minutes " + anything).encode("utf-16"))[0] == _without_controls("Minutes " + anything)
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode(("Minutes " + latin).encode(encoding))[0] == "Minutes " + latin


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    try:
        text, _ = decode(data)
    except UnreadableDocument as err:
        assert str(err) and "\n" not in str(err)
        return
    assert not CONTROL.search(text)


# --- the linear rewrite of sentence splitting gives what the quadratic code gave ------------------------

def _quadratic_sentences(text: str) -> list[str]:
    text = collapse(text)
    if not text:
        return []
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        last_word = re.search(r"([A-Za-z.]+)[.!?]$", text[start:m.start()])
        if last_word:
            word = last_word.group(1).lower().rstrip(".")
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
        out.append(text[start:m.start()].strip())
        start = m.end()
    return out + ([text[start:].strip()] if text[start:].strip() else [])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "Dr.", "A.", "B. C.", "e.g.", "etc.", "It was agreed.", "The Panel noted this.",
                                 "Item 3.", "Cllr. Jones", "Supercalifragilisticexpialidocious.", "x" * 45 + ".",
                                 "Why?", "(Note.)", "1.", "no.", "Yes!"]), max_size=25))
def test_sentences_split_as_they_did(words):
    text = " ".join(words)
    assert sentences(text) == _quadratic_sentences(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["3 March 2021", "March 3, 2021", "2021-03-03", "3/3/21", "3.3.2021", "3rd of May 2021",
                                 "Thursday, 3 November 2022", "and", "12 November", "31/02/2021", "on"]), max_size=30))
def test_dates_found_do_not_overlap_and_are_in_order(words):
    text = " ".join(words)
    found = find_dates(text, date(2021, 1, 1))
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- typed input --------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=30), st.integers(-10**6, 10**6).map(str),
                 st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}")))
def test_a_typed_due_date_is_stored_only_when_it_is_a_date_between_1990_and_2100(demo_db, typed):
    [first, *_] = queries.actions(demo_db)
    reply = dispatch(f"actions {first.id} due {typed}", demo_db, FROZEN, user="U1")
    assert reply.text
    due = demo_db.execute("SELECT due_set FROM action_status WHERE due_set IS NOT NULL").fetchone()
    if due:
        assert 1990 <= int(due[0][:4]) <= 2100 and not CONTROL.search(due[0])
        demo_db.execute("UPDATE action_status SET due_set = NULL")


# --- Slack failing at random under the sweep ------------------------------------------------------------

OUTCOMES = {
    "ok": (200, None, {}),
    "dropped after storing": (0, None, {"stores": True}),  # the post landed; the answer never came
    "dropped before storing": (0, None, {"stores": False}),
    "5xx after storing": (500, {"ok": False, "error": "internal_error"}, {"stores": True}),
    "5xx": (503, {"ok": False, "error": "service_unavailable"}, {}),
    "rate limited, long wait": (429, {"ok": False, "error": "ratelimited"}, {"headers": {"Retry-After": "600"}}),
    "ok: false": (200, {"ok": False, "error": "fatal_error"}, {}),
}


@pytest.fixture(scope="module")
def chaos_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("chaos") / "scrutiny.db"
    setup = datetime(2020, 8, 1, 9, tzinfo=LONDON)
    with connect(path) as db:
        ingest_paths(db, [demo_corpus()], now=setup)
    return path


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(OUTCOMES)), min_size=1, max_size=8))
def test_each_reminder_reaches_slack_once_whatever_slack_does(chaos_store, outcomes):
    setup = datetime(2020, 8, 1, 9, tzinfo=LONDON)
    with connect(chaos_store) as db:
        db.execute("DELETE FROM reminder_log")
        db.execute("DELETE FROM subscriptions")
        dispatch("channel cfosp", db, setup, user="U1", channel="C42")
        dispatch("subscribe cfosp", db, setup, user="U9")
    fake = FakeSlack()
    try:
        for name in outcomes:
            status, body, options = OUTCOMES[name]
            fake.script("chat.postMessage", status, body, **options)
        client = slack_client("xoxb-test", fake.api_url)
        moment = datetime(2020, 9, 1, 9, 0, tzinfo=LONDON)
        for _ in range(len(outcomes) + 3):  # a sweep every five minutes, as the scheduler runs it
            sweep(str(chaos_store), client, moment)
            assert len(fake.posted("C42")) <= 1 and len(fake.posted("U9")) <= 1, outcomes
            moment += timedelta(minutes=5)
        assert len(fake.posted("C42")) == 1 and len(fake.posted("U9")) == 1, outcomes  # and none lost
        with connect(chaos_store) as db:
            assert [r[0] for r in db.execute("SELECT status FROM reminder_log")] == ["sent", "sent"]
    finally:
        fake.close()
