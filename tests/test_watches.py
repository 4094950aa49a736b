"""Watches: find's matching on new papers only, each paper reported once per
watch, a daily digest (or at once), claimed like reminders; and the commands."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.digests import sweep_watches
from bot.reminders import slack_client
from handlers import dispatch
from store import connect
from store.ingest import ingest_paths

from .conftest import LONDON
from .slack_fake import FakeSlack

SET_UP = datetime(2026, 3, 1, 12, 0, tzinfo=LONDON)
MINUTES = """Minutes of the Children's Services Scrutiny Panel

Exampleshire County Council

Monday, {day} 2026, 2.00 pm, Council Chamber

Present: Councillor Ann Bee (Chairman)

1 Apologies

None.

2 {title}

{body}
"""


def paper(folder: Path, name: str, day: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(MINUTES.format(day=day, title=title, body=body), encoding="utf-8")
    return path


@pytest.fixture
def fake():
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def store(db_path, tmp_path):
    """One paper read before any watch: it is never news."""
    with connect(db_path) as db:
        ingest_paths(db, [paper(tmp_path, "old.txt", "2 February", "Education, Health and Care Plans (EHCP)",
                                "The Panel noted the timeliness of EHCP assessments.")], now=SET_UP)
    return str(db_path)


def posts(fake: FakeSlack) -> list[dict]:
    return [c["body"] for c in fake.sent("/api/chat.postMessage")]


def sweep(store: str, fake: FakeSlack, when: datetime):
    return sweep_watches(store, slack_client("xoxb-test", fake.api_url), when)


def ask(store: str, text: str, user: str = "U1", channel: str = "D1", now: datetime = SET_UP):
    with connect(store) as db:
        return dispatch(text, db, now, user=user, channel=channel)


def read(store: str, path: Path, when: datetime) -> None:
    with connect(store) as db:
        assert not ingest_paths(db, [path], now=when).failed


def test_a_new_paper_is_reported_once_in_the_next_daily_digest(store, fake, tmp_path):
    reply = ask(store, "watch EHCP")
    assert "Watching for “EHCP”" in reply.text and "daily digest at 09:00" in reply.text
    assert "education health and care plan" in reply.text.lower().replace(",", "")  # matched as find matches: the acronym's long form
    assert sweep(store, fake, SET_UP + timedelta(days=1)).sent == []  # the old paper is not news
    new = paper(tmp_path, "new.txt", "2 March", "Education, Health and Care Plans",
                "The Panel asked for the education, health and care plan backlog to be reported.")
    read(store, new, datetime(2026, 3, 3, 15, 0, tzinfo=LONDON))
    assert sweep(store, fake, datetime(2026, 3, 3, 15, 5, tzinfo=LONDON)).found == 1
    assert posts(fake) == []  # daily: it waits for the digest
    first = sweep(store, fake, datetime(2026, 3, 4, 9, 0, tzinfo=LONDON))
    assert len(first.sent) == 1
    [message] = posts(fake)
    assert message["channel"] == "U1"
    text = json.dumps(message["blocks"], ensure_ascii=False)
    assert "Your watches: 1 new paper" in text and "Children's Services Scrutiny Panel" in text
    assert "minutes of 2 Mar 2026" in text and "backlog" in text
    # never again: later sweeps, a second process, the same paper read again, a corrected version of it
    assert sweep(store, fake, datetime(2026, 3, 4, 9, 5, tzinfo=LONDON)).sent == []
    assert sweep(store, fake, datetime(2026, 3, 5, 9, 0, tzinfo=LONDON)).sent == []
    new.write_text(new.read_text() + "\nThe EHCP report will come back in June.\n", encoding="utf-8")
    read(store, new, datetime(2026, 3, 5, 10, 0, tzinfo=LONDON))
    assert sweep(store, fake, datetime(2026, 3, 6, 9, 0, tzinfo=LONDON)).found == 0
    assert len(posts(fake)) == 1


def test_at_once_sends_each_find_as_it_is_read_and_a_channel_watch_goes_to_the_channel(store, fake, tmp_path):
    ask(store, "watch school transport at once", channel="C77")
    ask(store, "watch SEND")  # matches nothing here
    read(store, paper(tmp_path, "t.txt", "9 March", "Home to School Transport",
                      "Members asked about <!channel> costs of school transport."), datetime(2026, 3, 9, 16, 0, tzinfo=LONDON))
    result = sweep(store, fake, datetime(2026, 3, 9, 16, 5, tzinfo=LONDON))
    assert len(result.sent) == 1
    [message] = posts(fake)
    assert message["channel"] == "C77" and "New paper matching “school transport”" in json.dumps(message["blocks"], ensure_ascii=False)
    blocks = json.dumps(message["blocks"])
    assert "<!channel>" not in json.dumps(message) and "&lt;!channel&gt;" in blocks  # paper text is escaped, text too
    assert sweep(store, fake, datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)).sent == []


def test_a_watch_matches_word_forms_and_a_long_form_finds_the_acronym_as_find_does(store, fake, tmp_path):
    ask(store, "watch exploited children at once", channel="C71")
    ask(store, "watch looked after children at once", channel="C72")
    ask(store, "watch lack at once", channel="C73")  # an ordinary word: never "LAC"
    read(store, paper(tmp_path, "w.txt", "9 March", "Child Exploitation",
                      "Members discussed the exploitation of children and placements for LAC."),
         datetime(2026, 3, 9, 16, 0, tzinfo=LONDON))
    sweep(store, fake, datetime(2026, 3, 9, 16, 5, tzinfo=LONDON))
    assert sorted(m["channel"] for m in posts(fake)) == ["C71", "C72"]


def test_two_processes_sweeping_at_once_send_one_digest(store, fake, tmp_path):
    ask(store, "watch EHCP")
    read(store, paper(tmp_path, "n.txt", "2 March", "EHCP timeliness", "Noted."), datetime(2026, 3, 3, 15, 0, tzinfo=LONDON))
    moment = datetime(2026, 3, 4, 9, 0, tzinfo=LONDON)
    import threading
    results = []
    threads = [threading.Thread(target=lambda: results.append(sweep(store, fake, moment))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(len(r.sent) for r in results) == 1 and len(posts(fake)) == 1


def test_a_failed_digest_is_retried_with_the_same_finds_and_sent_once(store, fake, tmp_path):
    ask(store, "watch EHCP")
    read(store, paper(tmp_path, "n.txt", "2 March", "EHCP timeliness", "Noted."), datetime(2026, 3, 3, 15, 0, tzinfo=LONDON))
    fake.script("chat.postMessage", 500, {"ok": False, "error": "internal_error"})
    first = sweep(store, fake, datetime(2026, 3, 4, 9, 0, tzinfo=LONDON))
    assert first.sent == [] and first.retry
    again = sweep(store, fake, datetime(2026, 3, 4, 9, 5, tzinfo=LONDON))
    assert len(again.sent) == 1 and "EHCP timeliness" in posts(fake)[-1]["text"]
    assert sweep(store, fake, datetime(2026, 3, 4, 9, 10, tzinfo=LONDON)).sent == []


def test_typos_are_not_invented_and_unwatch_stops_a_watch(store, fake, tmp_path):
    reply = ask(store, "watch safegaurding")
    assert "watch it as typed" in reply.text and "/scrutiny watch safeguarding" not in reply.text  # no paper uses either yet
    read(store, paper(tmp_path, "s.txt", "2 March", "Safeguarding", "Safeguarding was discussed. EHCP noted."),
         datetime(2026, 3, 3, 15, 0, tzinfo=LONDON))
    number = ask(store, "watch EHCP").text.split("This is watch ")[1].split(".")[0]
    reply = ask(store, "watch safegaurdin")
    assert "watch it as typed" in reply.text and "/scrutiny watch safeguarding" in reply.text  # a question back, not a guess
    listed = ask(store, "watches").text
    assert "safegaurding" in listed and "EHCP" in listed
    assert "no watch" in ask(store, f"unwatch {number}", user="U2").text.lower()  # not theirs
    assert "Stopped watch" in ask(store, f"unwatch {number}").text
    sweep(store, fake, datetime(2026, 3, 4, 9, 0, tzinfo=LONDON))
    assert posts(fake) == []  # the typo matched nothing, the stopped watch reports nothing


def test_watch_commands_explain_themselves(store):
    assert "What should I watch for?" in ask(store, "watch").text
    assert "No watches yet" in ask(store, "watches").text
    assert "Which watch?" in ask(store, "unwatch").text
    ask(store, "watch EHCP")
    assert "Already watching" in ask(store, "watch ehcp").text
    assert "now reports at once" in ask(store, "watch EHCP at once").text


def test_a_watch_read_before_a_paper_defined_its_acronym_finds_the_long_form_after(store, fake, tmp_path):
    """The readings of watches are kept between papers; a paper that defines an acronym makes them read again."""
    ask(store, "watch QLIP at once")
    read(store, paper(tmp_path, "a.txt", "2 March", "Roads", "Nothing on quiet lanes yet."), datetime(2026, 3, 2, 15, 0, tzinfo=LONDON))
    sweep(store, fake, datetime(2026, 3, 2, 15, 5, tzinfo=LONDON))  # the watch's words are read here, and kept
    read(store, paper(tmp_path, "b.txt", "9 March", "Quiet Lanes", "The Quiet Lanes Improvement Programme (QLIP) was noted."),
         datetime(2026, 3, 9, 15, 0, tzinfo=LONDON))
    read(store, paper(tmp_path, "c.txt", "16 March", "Rural roads", "Members asked when the quiet lanes improvement programme starts."),
         datetime(2026, 3, 16, 15, 0, tzinfo=LONDON))
    result = sweep(store, fake, datetime(2026, 3, 16, 15, 5, tzinfo=LONDON))
    assert result.found == 2 and len(posts(fake)) == 2
    assert "starts" in json.dumps(posts(fake)[-1]["blocks"])  # the long form, in a paper that never writes QLIP


def test_end_to_end_over_http_a_watch_fires_once_for_a_new_paper_and_never_again(slack, db_path, tmp_path):
    from bot.digests import sweep_digests

    from .conftest import SECRET
    from .slack_fake import command_body, post, sign
    fake, url = slack
    body = command_body("watch school transport at once", fake.response_url("w1"), user="U5", channel="D5")
    assert post(url, body, sign(SECRET, body))[0] == 200
    assert "Watching for" in json.dumps(fake.wait_for("/respond/w1")[0]["body"], ensure_ascii=False)
    read(str(db_path), paper(tmp_path, "t.txt", "9 March", "Home to School Transport", "Costs of school transport rose."),
         datetime(2026, 3, 9, 16, 0, tzinfo=LONDON))
    client = slack_client("xoxb-test-token", fake.api_url)
    for minute in (5, 10, 15):
        sweep_digests(str(db_path), client, datetime(2026, 3, 9, 16, minute, tzinfo=LONDON))
    alerts = [c["body"] for c in fake.sent("/api/chat.postMessage") if "school transport" in json.dumps(c["body"])]
    assert len(alerts) == 1 and alerts[0]["channel"] == "U5"
