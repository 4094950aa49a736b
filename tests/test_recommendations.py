"""The recommendation tracker: found in minutes, answered in executive papers,
judged by officers (audited, undoable), reminded once, exported as councils
publish it; the other clocks in `next`, `callin` and `settings`."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from bench.clocks_replay import generate_year, replay
from bot.clock_reminders import sweep_clocks
from corpus import demo_corpus
from corpus.model import Document, Item, Meeting
from corpus.recommendations import Candidate, Response, find_recommendations, find_responses, match
from handlers import dispatch
from store import recommendations as tracker
from store import reminders as log
from store.ingest import ingest_paths

from .conftest import LONDON

ROOT = Path(__file__).resolve().parent.parent
LABELS = json.loads((ROOT / "tests" / "clocks" / "labels.json").read_text())
JUNE_2024 = datetime(2024, 6, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def bundled(db):
    """The bundled papers: the five demo papers, the ten excerpts and the two Riverside papers."""
    report = ingest_paths(db, [demo_corpus(), ROOT / "tests" / "excerpts", ROOT / "tests" / "clocks"], now=JUNE_2024)
    assert not report.failed, report.summary()
    return db


def test_bundled_papers_match_the_hand_labels(bundled):
    today = date.fromisoformat(LABELS["today"])
    rows = tracker.recommendations(bundled, status="all", today=today)
    counts = {"recommendations": len(rows), "responses_matched": 0, "false_matches": 0, "missed": 0, "false_overdue": 0,
              "overdue": sum(1 for r in rows if r.status(today) == "overdue")}
    for label in LABELS["recommendations"]:
        found = [r for r in rows if label["contains"].lower() in r.text.lower()]
        assert len(found) == 1, label["contains"]
        row = found[0]
        assert (row.recipient, row.made_on, row.due) == (label["recipient"], label["made_on"], label["due"]), label["contains"]
        matches = [m for m in tracker.matches_for(bundled, row.rec_key) if m.state != "rejected"]
        expected = label["response"]
        for m in matches:
            if expected and m.decided_on == expected["decided_on"] and m.outcome == expected["outcome"]:
                counts["responses_matched"] += 1
            else:
                counts["false_matches"] += 1
        if expected and not matches:
            counts["missed"] += 1
        if expected and row.status(today) == "overdue":
            counts["false_overdue"] += 1
    assert counts == LABELS["counts"]
    # listed oldest due first, those with no statutory deadline last
    shown = dispatch("recommendations all", bundled, datetime(2024, 6, 1, 9, 0, tzinfo=LONDON)).text
    order = sorted(rows, key=lambda r: shown.index(r.text[:40]))
    assert [r.due for r in order] == sorted((r.due for r in rows), key=lambda d: (d is None, d or "")), shown
    decisions = {d.title: d.callin_by for d in __import__("store.clocks", fromlist=["x"]).open_callins(bundled, date(2024, 4, 20))}
    for label in LABELS["decisions"]:
        assert decisions[label["title"]] == label["callin_by"]


def _minutes(text: str, committee: str = "Housing Scrutiny Panel") -> Document:
    return Document(kind="minutes", committee=committee, meeting=Meeting(date="2025-03-03"),
                    items=[Item("5", "Homelessness", text=text)])


def test_recommendations_in_each_layout_and_not_what_others_recommended():
    doc = _minutes("RESOLVED that the following recommendations be made to Cabinet:\n"
                   "(a) that the Council lobbies the Government for fair funding of temporary accommodation;\n"
                   "(b) that a review of the allocations policy be undertaken by the end of 2025.\n\n"
                   "The Panel AGREED:\n(a) to note the report;\n(b) to recommend to the Cabinet Member for Housing that "
                   "the empty homes grant be doubled.\n\n"
                   "The Panel recommends to the Police and Crime Commissioner that street outreach funding be kept.\n\n"
                   "A task and finish group had recommended that children be given priority. "
                   "Ofsted recommended that oversight improve. It was agreed that officers would circulate the figures.")
    found = [(r.text, r.recipient) for r in find_recommendations(doc)]
    assert found == [
        ("The Council lobbies the Government for fair funding of temporary accommodation", "executive"),
        ("A review of the allocations policy be undertaken by the end of 2025.", "executive"),
        ("The empty homes grant be doubled.", "executive"),
        ("Street outreach funding be kept.", "police"),
    ]
    # a Cabinet's own recommendations to Council are not scrutiny's
    assert find_recommendations(_minutes("RESOLVED to recommend to Council that the budget be approved.", "Cabinet")) == []


def test_a_response_recommendation_by_recommendation():
    doc = Document(kind="minutes", committee="Cabinet", meeting=Meeting(date="2025-05-13"), items=[
        Item("7", "Recommendations of the Housing Scrutiny Panel", text="Cabinet considered the recommendations made by the "
             "Housing Scrutiny Panel at its meeting on 3 March 2025.\nRecommendation 1: accepted.\nRecommendation 2: not accepted."),
        Item("8", "Housing Allocations Policy", text="RESOLVED that the policy be approved.")])
    responses = find_responses(doc)
    assert [(r.panel_named, r.numbered, r.dates) for r in responses] == [
        ("Housing Scrutiny Panel", [(1, "accepted"), (2, "rejected")], ["2025-03-03"])]


def test_two_meetings_on_one_subject_and_no_date_named_is_a_question_not_a_guess():
    response = Response("4", "Recommendations of the Housing Scrutiny Panel: Homelessness", "Housing Scrutiny Panel",
                        "Cabinet considered the recommendations on homelessness. RESOLVED that they be accepted.", "accepted")
    older = Candidate("a", "Housing Scrutiny Panel", "2025-02-01", "Homelessness", "Fund outreach", "g1", 1)
    newer = Candidate("b", "Housing Scrutiny Panel", "2025-03-01", "Homelessness", "Build hostels", "g2", 1)
    assert match(response, "2025-04-01", [older, newer]) == []
    # once one of them is answered, the other is the one answered now
    assert [m.key for m in match(response, "2025-04-01", [older, newer], answered={"a"})] == ["b"]
    dated = Response(**{**response.__dict__, "dates": ["2025-02-01"]})
    found = match(dated, "2025-04-01", [older, newer])
    assert [m.key for m in found] == ["a"] and "refers to its meeting of 1 Feb 2025" in found[0].reason


def test_an_officer_records_confirms_and_rejects_audited_and_undoable(bundled):
    now = JUNE_2024
    county = next(r for r in tracker.recommendations(bundled, status="all", today=now.date()) if "fee uplift" in r.text)
    assert county.status(now.date()) == "overdue"
    text = dispatch(f"recommendations {county.id} response partly on 20 January 2024 letter from the Leader", bundled, now).text
    assert "responded 20 Jan 2024: accepted in part" in text
    row = tracker.recommendation(bundled, county.id)
    assert row.response_on == "2024-01-20" and row.on_time() and row.notes == "letter from the Leader"
    audit = dispatch("audit", bundled, now).text
    assert "fee uplift" in audit and "response on - → 2024-01-20" in audit
    change_id = int(audit.split("#", 1)[1].split()[0])
    assert "is back as it was" in dispatch(f"undo {change_id}", bundled, now).text
    assert tracker.recommendation(bundled, county.id).status(now.date()) == "overdue"

    answered = next(r for r in tracker.recommendations(bundled, status="all", today=now.date()) if "fifty homes" in r.text)
    assert "Why: names the Housing Scrutiny Panel" in dispatch(f"recommendations {answered.id}", bundled, now).text
    dispatch(f"recommendations {answered.id} reject", bundled, now)
    assert tracker.recommendation(bundled, answered.id).status(now.date()) == "overdue"
    # re-reading every paper keeps the officer's word
    ingest_paths(bundled, [ROOT / "tests" / "clocks"], now=now)
    tracker.rematch(bundled, "Riverside Borough Council")
    assert tracker.recommendation(bundled, answered.id).status(now.date()) == "overdue"
    last = int(dispatch("audit", bundled, now).text.split("#", 1)[1].split()[0])
    dispatch(f"undo {last}", bundled, now)
    assert tracker.recommendation(bundled, answered.id).status(now.date()) == "responded"


def test_list_oldest_due_first_with_buttons_and_escaped_paper_text(db, tmp_path):
    (tmp_path / "m.txt").write_text(
        "Minutes of the Place Scrutiny Panel\n\nExampleton Council\n\nMonday 3 March 2025, 10.00 am, Town Hall\n\n"
        "4. Buses\n\nRESOLVED that the Panel recommends to Cabinet that <!channel> routes & fares be reviewed <@U123>.\n", "utf-8")
    ingest_paths(db, [tmp_path], now=JUNE_2024)
    reply = dispatch("recommendations place", db, datetime(2025, 5, 10, tzinfo=LONDON))
    blocks = json.dumps(reply.slack_message()["blocks"])
    assert "&lt;!channel&gt;" in blocks and "&amp; fares" in blocks and "<!channel>" not in blocks and "<@U123>" not in blocks
    ids = [b["elements"][0]["action_id"] for b in reply.slack_message()["blocks"] if b["type"] == "actions" and b["elements"]]
    assert "rec_response" in ids
    assert "due 2 May 2025" in reply.text and "response overdue" in reply.text


def test_next_shows_publication_report_deadline_and_responses_due(bundled):
    text = dispatch("next riverside borough council housing scrutiny panel", bundled, datetime(2024, 3, 6, tzinfo=LONDON)).text
    assert "no future meeting" in text  # the Riverside panel lists none; the clocks come with a known meeting
    bundled.execute("INSERT INTO meetings (committee_id, date, status) SELECT committee_id, '2024-05-09', 'scheduled'"
                    " FROM recommendations LIMIT 1 OFFSET 1")
    text = dispatch("next riverside borough council housing scrutiny panel", bundled, datetime(2024, 4, 20, tzinfo=LONDON)).text
    # Thursday 9 May 2024, England: clear days 8, 7, 3, 2, 1 May (6 May is a bank holiday), so published by 30 April
    assert "agenda published by 30 Apr 2024" in text and "Reports due to democratic services: 25 Apr 2024" in text
    assert "Responses due by this meeting" in text and "discharge planning" in text


def test_callin_lists_open_windows_with_the_stated_deadline(bundled):
    text = dispatch("callin riverside", bundled, datetime(2024, 4, 19, tzinfo=LONDON)).text
    assert "Temporary Accommodation Procurement Framework" in text and "closes 25 Apr 2024" in text
    assert "as the paper states" in text and "In the remit of Housing Scrutiny Panel" in text
    assert "No executive decision" in dispatch("callin riverside", bundled, datetime(2024, 4, 26, tzinfo=LONDON)).text


def test_settings_change_the_dues_audited_and_undoable(bundled):
    now = JUNE_2024
    text = dispatch("settings riverside response nhs 2 months", bundled, now, user="U1").text
    assert "nhs 2 months" in text
    nhs = next(r for r in tracker.recommendations(bundled, status="all", today=now.date()) if r.recipient == "nhs")
    assert nhs.due == "2024-05-03"
    assert "clear-days is a number" in dispatch("settings riverside clear-days lots", bundled, now).text
    change_id = int(dispatch("audit", bundled, now).text.split("#", 1)[1].split()[0])
    dispatch(f"undo {change_id}", bundled, now)
    assert tracker.recommendation(bundled, nhs.id).due == "2024-03-31"
    text = dispatch("settings riverside borough council housing scrutiny panel response-reminders 7", bundled, now).text
    assert "responses 7 days before due" in text


class _Slack:
    def __init__(self):
        self.posts = []

    def chat_postMessage(self, **message):  # noqa: N802
        self.posts.append(message)
        return {"ok": True, "ts": "1.0"}


def test_clock_reminders_go_once_to_the_panels_channel(bundled, db_path):
    panel_id = next(r for r in tracker.recommendations(bundled, status="all", today=JUNE_2024.date())
                    if r.recipient == "nhs").committee_id
    log.set_channel(bundled, panel_id, "C9", "test", JUNE_2024)
    slack = _Slack()
    at = datetime(2024, 3, 17, 9, 0, tzinfo=LONDON)  # 14 days before the NHS response is due on 31 March
    first = sweep_clocks(str(db_path), slack, at)
    again = sweep_clocks(str(db_path), slack, at)
    assert [d.kind for d in first.sent] == ["response"] and not again.sent
    assert "discharge planning" in slack.posts[0]["text"] and slack.posts[0]["channel"] == "C9"
    overdue = sweep_clocks(str(db_path), slack, datetime(2024, 4, 1, 9, 0, tzinfo=LONDON))
    assert [d.kind for d in overdue.sent] == ["overdue", "weekly"]  # 1 April 2024 is a Monday
    assert "was due by *Sunday 31 March 2024*" in json.dumps(slack.posts[-2]["blocks"])


def test_export_in_the_columns_councils_publish_and_the_annual_summary(bundled):
    out = io.StringIO()
    tracker.write_csv(bundled, out, JUNE_2024.date())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0])[:8] == ["Recommendation", "Date", "To whom", "Response due", "Response date", "Accepted",
                                 "Implementation status", "Notes"]
    partly = next(r for r in rows if "fifty homes" in r["Recommendation"])
    assert (partly["Response date"], partly["Accepted"], partly["Implementation status"]) == ("2024-04-16", "accepted in part",
                                                                                               "Awaiting implementation")
    summary = {(s.panel, s.year): s for s in tracker.summary(bundled, JUNE_2024.date())}
    housing = summary[("Housing Scrutiny Panel", "2023/24")]
    assert (housing.made, housing.on_time, housing.late, housing.outstanding, housing.accepted) == (5, 3, 0, 2, 2)


def test_a_quarter_of_the_replay_misses_nothing(tmp_path):
    world = generate_year(tmp_path / "papers", months=3, seed=5)
    counts, _monthly = replay(world, tmp_path / "replay.db", months=3, check_every=2)
    assert counts.recommendations and counts.sent["response"]
    assert (counts.missed, counts.false_overdue, counts.false_matches, counts.reminded_twice,
            counts.report_deadlines_missed) == (0, 0, 0, 0, 0), counts.problems[:5]


def test_command_line_export_and_settings(tmp_path):
    from .test_cli import scrutiny

    db = str(tmp_path / "s.db")
    assert scrutiny("ingest", str(ROOT / "tests" / "clocks"), "--db", db).returncode == 0
    done = scrutiny("export", "recommendations", "--csv", "--db", db, "--today", "2024-06-01")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("Recommendation,Date,To whom,Response due,Response date,Accepted")
    assert "accepted in part" in done.stdout
    summary = scrutiny("export", "recommendations", "--summary", "--db", db, "--today", "2024-06-01")
    assert "Housing Scrutiny Panel,2023/24,5,3,0,2,2,0" in summary.stdout
    changed = scrutiny("settings", "Riverside Borough Council", "--set", "clear-days", "3", "--db", db)
    assert "3 clear days" in changed.stdout and "Changed from England's defaults: clear_days" in changed.stdout
    assert scrutiny("export", "recommendations", "--year", "2024", "--db", db).returncode == 2


def test_a_clock_reminder_whose_post_timed_out_is_looked_for_not_posted_again(bundled, db_path):
    """The clock sweep sends as meeting reminders do (bot.send_once): Slack kept the post
    and answered after the client gave up; the next sweep finds it in the channel."""
    from bot.reminders import slack_client

    from .slack_fake import FakeSlack

    panel_id = next(r for r in tracker.recommendations(bundled, status="all", today=JUNE_2024.date())
                    if r.recipient == "nhs").committee_id
    log.set_channel(bundled, panel_id, "C9", "test", JUNE_2024)
    fake = FakeSlack()
    try:
        client = slack_client("xoxb-test", fake.api_url)
        client.timeout = 1
        fake.script("chat.postMessage", 200, None, delay=3)
        at = datetime(2024, 3, 17, 9, 0, tzinfo=LONDON)
        assert [d.kind for d, _error in sweep_clocks(str(db_path), client, at).retry] == ["response"]
        later = sweep_clocks(str(db_path), client, datetime(2024, 3, 17, 9, 10, tzinfo=LONDON))
        assert [d.kind for d in later.sent] == ["response"] and len(fake.posted("C9")) == 1
    finally:
        fake.close()


def test_the_trackers_buttons_over_http(slack, db_path, tmp_path):
    """Response received and Mark implemented, clicked as Slack sends them, change the record (audited)."""
    from .conftest import FROZEN
    from .slack_fake import action_body, post, sign
    from .test_slack import SECRET, ask

    fake, url = slack
    (tmp_path / "m.txt").write_text(
        "Minutes of the Place Scrutiny Panel\n\nExampleton Council\n\nMonday 2 March 2020, 10.00 am, Town Hall\n\n"
        "4. Buses\n\nRESOLVED that the Panel recommends to Cabinet that bus routes be reviewed.\n", "utf-8")
    from store import connect
    with connect(db_path) as db:
        assert not ingest_paths(db, [tmp_path], now=FROZEN).failed
    listed = ask(fake, url, "recommendations place", "r1")
    buttons = {e["action_id"]: e["value"] for b in listed["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert {"rec_response", "rec_implemented"} <= set(buttons), buttons
    for action_id, name in (("rec_response", "r2"), ("rec_implemented", "r3")):
        body = action_body(action_id, buttons[action_id], fake.response_url(name), user="U777")
        assert post(url, body, sign(SECRET, body))[0] == 200
        fake.wait_for(f"/respond/{name}")
    with connect(db_path) as db:
        [row] = tracker.recommendations(db, status="all", today=FROZEN.date())
        assert row.response_on == FROZEN.date().isoformat() and row.implemented_on == FROZEN.date().isoformat()
        audit = dispatch("audit", db, FROZEN).text
        assert "“Bus routes be reviewed.”: implemented on - → 2020-07-10" in audit and "response on - → 2020-07-10" in audit


def test_a_decision_in_a_panels_remit_is_told_to_its_channel_once_with_the_deadline(bundled, db_path):
    panels = {r.committee_id for r in tracker.recommendations(bundled, status="all", today=JUNE_2024.date())
              if r.committee == "Housing Scrutiny Panel"}
    [housing] = panels
    other = next(r.committee_id for r in tracker.recommendations(bundled, status="all", today=JUNE_2024.date())
                 if r.committee != "Housing Scrutiny Panel")
    log.set_channel(bundled, housing, "C9", "test", JUNE_2024)
    log.set_channel(bundled, other, "C8", "test", JUNE_2024)
    slack = _Slack()
    at = datetime(2024, 4, 18, 9, 0, tzinfo=LONDON)  # the day the Cabinet's decisions were published
    sent = [d for d in sweep_clocks(str(db_path), slack, at).sent if d.kind == "callin"]
    assert sweep_clocks(str(db_path), slack, at).sent == []
    posts = [p for p in slack.posts if "Call-in open" in p["text"] or "called in" in json.dumps(p.get("blocks", []))]
    assert sent and {p["channel"] for p in posts} == {"C9"}
    told = json.dumps([p["blocks"] for p in posts])
    assert "Temporary Accommodation Procurement Framework" in told and "Thursday 25 April 2024" in told
