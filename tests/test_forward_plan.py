"""Pre-decision scrutiny: key decisions from a forward plan matched to panels by
remit, posted once in each panel's channel with the date the panel must meet
by, and added to a work programme by its button (audited, undoable)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.digests import sweep_forward
from bot.reminders import slack_client
from corpus.model import Document, Meeting, ProgrammeEntry
from handlers import dispatch
from handlers.forward_plan import add_decision
from store import connect, queries
from store.ingest import ingest_paths
from store.save import content_hash, save_document

from .conftest import LONDON, SECRET
from .slack_fake import FakeSlack, action_body, post, sign

NOW = datetime(2026, 4, 1, 9, 0, tzinfo=LONDON)  # the panels' agendas are out by then
AGENDA = """Agenda

Exampleshire County Council

{panel}

Monday, {day}, 2.00 pm, Council Chamber

Item No\tSubject\tPage No
1\tApologies\t
2\t{first}\t1 - 10

Work Programme

Date of Meeting\tIssue\tNotes
{day}\t{first}\t
TBC\t{second}\t
"""
DECISIONS = [
    ("Home to School Transport Policy", "2026-05-14", "Cabinet Member for Education", "A Smith"),
    ("Surface Water Flood Risk Management Strategy", "2026-06-11", "Cabinet", "B Jones"),
    ("Treasury Management Strategy Statement", "2026-05-14", "Cabinet", "C Patel"),
    ("Fostering Allowances and Foster Carer Fees", "2026-02-12", "Cabinet", "D Khan"),  # decided before today
]


@pytest.fixture
def fake():
    server = FakeSlack()
    yield server
    server.close()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def store(db_path, tmp_path):
    with connect(db_path) as db:
        ingest_paths(db, [
            write(tmp_path, "cyp.txt", AGENDA.format(panel="Children and Young People Scrutiny Panel", day="20 April 2026",
                                                     first="Home to School Transport", second="Foster Carer Recruitment")),
            write(tmp_path, "env.txt", AGENDA.format(panel="Environment Scrutiny Panel", day="23 June 2026",
                                                     first="Flood Risk and Drainage", second="Waste Collection")),
        ], now=NOW)
        dispatch("channel children and young people", db, NOW, user="U1", channel="C10")
        dispatch("channel environment", db, NOW, user="U1", channel="C20")
        plan = Document(kind="forward_plan", council="Exampleshire County Council", committee="Cabinet",
                        meeting=Meeting(date="2026-03-01"),
                        work_programme=[ProgrammeEntry(meeting_date=day, when=day, issue=title,
                                                       notes=f"Decision maker: {maker}; Lead officer: {officer}")
                                        for title, day, maker, officer in DECISIONS])
        text = "\n".join(title for title, *_ in DECISIONS)
        save_document(db, plan, text, source="https://democracy.example.gov.uk/mgListPlanItems.aspx?PlanId=1",
                      source_key="plan-1", digest=content_hash(text.encode()), size=len(text), now=NOW)
    return str(db_path)


def posts(fake: FakeSlack) -> list[dict]:
    return [c["body"] for c in fake.sent("/api/chat.postMessage")]


def test_each_decision_goes_once_to_the_panels_whose_remit_it_touches(store, fake):
    result = sweep_forward(store, slack_client("xoxb-test", fake.api_url), NOW)
    assert len(result.sent) == 2
    by_channel = {p["channel"]: json.dumps(p["blocks"], ensure_ascii=False) for p in posts(fake)}
    assert set(by_channel) == {"C10", "C20"}
    transport = by_channel["C10"]
    assert "Home to School Transport Policy" in transport and "Cabinet Member for Education" in transport
    assert "14 May 2026" in transport and "lead officer A Smith" in transport
    # Thursday 14 May: five clear days before it, the papers go out Wednesday 6 May, so the panel meets by Tuesday 5 May
    assert "would have to meet by *5 May 2026*" in transport and "published 6 May 2026" in transport
    assert "Your meeting on Monday 20 April 2026, 2pm" in transport and "is in time" in transport
    assert "Add to work programme" in transport and "‘transport’" in transport
    flood = by_channel["C20"]
    assert "Surface Water Flood Risk Management Strategy" in flood and "No meeting of the panel is known before then" in flood
    assert "Treasury" not in transport + flood and "Fostering" not in transport + flood  # no remit; already decided
    assert sweep_forward(store, slack_client("xoxb-test", fake.api_url), NOW).sent == []


def test_the_button_adds_it_to_the_programme_audited_and_undone(store):
    with connect(store) as db:
        assert db.execute("SELECT count(*) FROM forward_decisions").fetchone()[0] == 0  # nothing offered before the sweep
    fake_client = type("Client", (), {"chat_postMessage": lambda self, **kw: {"ts": "1.0"}})()
    sweep_forward(store, fake_client, NOW)
    with connect(store) as db:
        key = db.execute("SELECT decision_key FROM forward_decisions WHERE title LIKE 'Home%'").fetchone()[0]
        panel = next(p for p in queries.committees(db) if p.name.startswith("Children"))
        reply = add_decision(db, key, panel.id, "U7", NOW)
        assert "for the meeting on 20 Apr 2026" in reply.text
        assert "already on the work programme" in add_decision(db, key, panel.id, "U7", NOW).text
        shown = dispatch("next children and young people", db, NOW).text
        assert "Home to School Transport Policy" in shown
        audit = dispatch("audit", db, NOW, user="U1").text
        assert "“Home to School Transport Policy” added to the work programme of Children and Young People Scrutiny Panel" in audit
        number = audit.split("#")[1].split(" ")[0]
        assert "Undone" in dispatch(f"undo {number}", db, NOW, user="U1").text
        assert "Home to School Transport Policy" not in dispatch("next children and young people", db, NOW).text


def test_the_button_over_http(slack, db_path):
    fake, url = slack
    with connect(db_path) as db:
        panel = queries.committees(db)[0]
        db.execute("INSERT INTO forward_decisions (decision_key, council, title, decision_date, when_text, decision_maker,"
                   " lead_officer, source) VALUES ('k1', ?, 'Short Breaks for Disabled Children', '2020-09-24', '24 Sep 2020',"
                   " 'Cabinet', NULL, 'plan')", [panel.council])
    body = action_body("fp_add", json.dumps({"k": "k1", "c": panel.id}), fake.response_url("fp1"))
    assert post(url, body, sign(SECRET, body))[0] == 200
    [reply] = fake.wait_for("/respond/fp1")
    assert "Added “Short Breaks for Disabled Children”" in json.dumps(reply["body"], ensure_ascii=False)
    with connect(db_path) as db:
        assert any(r.issue == "Short Breaks for Disabled Children" for r in queries.programme_for(db, panel.id, "2020-09-08"))


def test_a_real_forward_plan_read_by_the_parser(db, tmp_path):
    """Chorley's forward plan as the reader makes it (corpus/programme.py): its decisions reach the panel whose
    remit they touch. The reader does not yet take the plan's date from "published May 2022 (01/05/2022 to
    31/08/2022)", so the test gives it, as a sidecar would."""
    from corpus import parse_bytes
    paper = Path(__file__).parent / "papers" / "docs" / "chorley-cabinet_forward_plan_2022-05-01.txt"
    data = paper.read_bytes()
    doc, text = parse_bytes(data, paper.name, {"council": "Chorley Council"})
    assert doc.kind == "forward_plan" and len(doc.work_programme) == 4
    doc.meeting.date = "2022-05-01"
    panel = write(tmp_path, "panel.txt", AGENDA.replace("Exampleshire County Council", "Chorley Council").format(
        panel="Overview and Scrutiny Performance Panel", day="6 June 2022", first="Revenue Budget Monitoring",
        second="Quarter Three Performance Monitoring Report"))
    when = datetime(2022, 5, 10, 9, tzinfo=LONDON)
    ingest_paths(db, [panel], now=when)
    save_document(db, doc, text, source=str(paper), source_key=str(paper), digest=content_hash(data), size=len(data), now=when)
    dispatch("channel performance panel", db, when, user="U1", channel="C30", channel_kind="channel")
    posted = []
    client = type("Client", (), {"chat_postMessage": lambda self, **kw: posted.append(kw) or {"ts": "1.0"}})()
    sweep_forward(str(Path(db.execute("PRAGMA database_list").fetchone()[2])), client, when)
    titles = sorted(t for m in posted for t in ("Revenue Budget Outturn 2021/22", "Quarter Four Performance Monitoring Report 2021/22",
                                                  "Equality Framework", "Capital and Balance Sheet Outturn 2021/22")
                    if t in json.dumps(m["blocks"]))
    assert titles == ["Quarter Four Performance Monitoring Report 2021/22", "Revenue Budget Outturn 2021/22"]
    assert all(m["channel"] == "C30" and "16 Jun 2022" in json.dumps(m["blocks"]) for m in posted)
