"""Work-programme, forward-plan and future-meeting layouts, one short anonymised snippet each."""
from __future__ import annotations

from datetime import date

from corpus.dates import find_listed_dates
from corpus.items import parse_items
from corpus.meetings import parse_future_meetings
from corpus.parse import parse
from corpus.programme import parse_work_programme

FORWARD_PLAN = """Forward plan

Notice of Executive Decisions (01/05/2022 to 31/08/2022)

Plan items
No. Item

1.

Equality Framework New!

Decision maker:  Executive Cabinet

Decision due:   16 Jun 2022

Lead officer:  A Person

Decision status:  For Determination

Anticipated restriction: Open  -

2.

Economic Growth Plan

Notice of proposed decision first published: 05/08/2022

Anticipated restriction: Open  -

3.

Housing Interim Policy (abandoned by AP on 10/11) New!

Decision maker:  Executive Cabinet

Decision due:   8 Dec 2022

Decision status:  Abandoned

4.

Sale of a Site

Decision maker:  Cabinet

Decision due:   6 Sep 2022

Anticipated restriction: Fully exempt  - view reasons

Explanation of anticipated restriction:
Information relating to the financial or business affairs of any particular person.
"""


def future(text: str, meeting: date | None) -> list[str]:
    return [m.date for m in parse_future_meetings(text, meeting, [])[0]]


def test_a_forward_plan_gives_a_row_per_decision_and_no_items():
    doc = parse(FORWARD_PLAN)
    assert doc.kind == "forward_plan" and doc.items == [] and doc.actions == []
    rows = [(r.meeting_date, r.issue) for r in doc.work_programme]
    # abandoned decisions are not coming; one to be taken wholly in private is exempt business
    assert rows == [("2022-06-16", "Equality Framework"), (None, "Economic Growth Plan")]
    assert "Lead officer: A Person" in doc.work_programme[0].notes
    assert parse_items(FORWARD_PLAN, agenda=True) == []  # whatever kind the paper is given


def test_decision_lines_on_a_minutes_page_do_not_make_a_forward_plan():
    text = "Agenda, decisions and minutes\n\n1.\n\nMinutes\n\nDecision:\n\nAgreed.\n\n2.\n\nBudget\n\nDecision: RESOLVED to note.\n"
    assert parse_work_programme(text, date(2022, 1, 1), True) == []


def test_a_date_list_with_the_year_at_the_end_of_each_run():
    text = "Future meetings of the Cabinet: 16 June, 14 July, 8 December 2022, 19 January, 23 February and 30 March 2023"
    assert [d.value.isoformat() for d in find_listed_dates(text)] == [
        "2022-06-16", "2022-07-14", "2022-12-08", "2023-01-19", "2023-02-23", "2023-03-30"]
    assert future(text, None)[:3] == ["2022-06-16", "2022-07-14", "2022-12-08"]


def test_a_next_meeting_with_no_year_is_the_next_such_date_after_the_meeting():
    assert future("2658. Date of next meeting: 25th March.\n", date(2019, 2, 25)) == ["2019-03-25"]
    assert future("2723. Date of next meeting: July 29th.\n", date(2019, 6, 24)) == ["2019-07-29"]
    assert future("Date of next meeting: 10 January\n", date(2023, 12, 5)) == ["2024-01-10"]


def test_meetings_still_to_come_named_in_minutes_prose():
    meeting = date(2023, 3, 14)
    assert future("The next meeting was scheduled for the 27 April 2023 when the review would be heard.", meeting) == ["2023-04-27"]
    assert future("Note: This meeting was not quorate and meeting reconvened on the 24th of June 2023", meeting) == ["2023-06-24"]
    assert future("Members asked for details of the Extraordinary meeting and were advised that invitations had been "
                  "sent to witnesses for 17th April 2023.", meeting) == ["2023-04-17"]
    assert future("Officers were asked to bring forward the Energy report, currently scheduled for the meeting on "
                  "21 November 2023.", meeting) == ["2023-11-21"]
    assert future("The ranked list will be presented to the Committee on 6 December meeting.", meeting) == ["2023-12-06"]


def test_past_and_cancelled_meetings_are_never_future_ones():
    meeting = date(2023, 6, 1)
    text = ("To confirm the Minutes of the Meeting held on 7 March 2023 and the Special Meeting held at the rising of "
            "Council on 24 July 2023. The meeting on 20 July 2023 was cancelled. The next meeting will be held on "
            "Tuesday 18th July 2023 at 6.00pm.")
    assert future(text, meeting) == ["2023-07-18"]


def rows(text: str, reference: date | None = date(2024, 6, 1), minutes: bool = False) -> list[tuple[str | None, str, str]]:
    return [(r.meeting_date, r.issue, r.notes) for r in parse_work_programme(text, reference, minutes)]


def test_bulleted_lists_under_a_sub_heading_per_committee():
    text = ("1. That the initial committee and commission work programmes for 2022-23 be as follows:\n\n\n"
            "Overview and Scrutiny Committee\n\n\n- Annual Budget Setting Process\n\n- Housing Revenue Account\n\n\n"
            "Housing Scrutiny Commission\n\n\n- Housing Repairs\n\n- Empty Homes\n\n\nRESOLVED that the minutes be noted.\n")
    assert rows(text) == [(None, "Annual Budget Setting Process", "Overview and Scrutiny Committee"),
                          (None, "Housing Revenue Account", "Overview and Scrutiny Committee"),
                          (None, "Housing Repairs", "Housing Scrutiny Commission"),
                          (None, "Empty Homes", "Housing Scrutiny Commission")]


def test_a_sentence_introducing_additions_and_a_bullet_wrapped_mid_phrase():
    text = ("It was proposed that the following items be added to the Board Work Programme for the March 2024 meeting:\n\n"
            "- Former Market Hall Site\nProposal\n- Grass Verge Maintenance.\n\nRESOLVED that the report be noted.\n")
    found = parse_work_programme(text, date(2024, 1, 10), True)
    assert [(r.meeting_date, r.issue, r.origin) for r in found] == [
        ("2024-03", "Former Market Hall Site Proposal", "minutes"), ("2024-03", "Grass Verge Maintenance", "minutes")]


def test_a_report_section_with_bullets_is_not_a_programme():
    text = ("WORK PROGRAMME REFRESH - 2020/21\n\nBackground\n\n- 4. The Panel is responsible for scrutiny of:\n"
            " - Children's Social Care\n - Education and Skills\n")
    assert rows(text) == []


def test_a_programme_table_flattened_one_cell_a_line_with_separators():
    text = ("WORK PROGRAMME 2024/25\n\nDate of meeting\n|\nItem\n|\nLead officer\n|\n10 July 2024\n|\n"
            "- Local Transport Plan\nconsultation\n- Town centre regeneration\nupdate\n|\nA Person\n|\n"
            "To be scheduled\n|\n- Street lighting replacement\n|\nB Person\n|\n")
    assert rows(text) == [("2024-07-10", "Local Transport Plan consultation", ""),
                          ("2024-07-10", "Town centre regeneration update", "A Person"),
                          (None, "Street lighting replacement", "B Person")]


def test_a_programme_table_flattened_with_blank_lines_between_cells():
    text = ("Meeting date\n\nTopic\n\nPurpose\n\n12 September 2024\n\nAdult Social Care Charging\nPolicy\n\n"
            "To scrutinise the draft policy\n\n14 November 2024\n\nBudget Monitoring\n\nTo note\n")
    assert rows(text) == [("2024-09-12", "Adult Social Care Charging Policy", "To scrutinise the draft policy"),
                          ("2024-11-14", "Budget Monitoring", "To note")]


def test_a_programme_as_a_pipe_table():
    text = "| Meeting date | Topic | Notes |\n|---|---|---|\n| 12 September 2024 | Bus Services | Scoping |\n| TBC | Libraries | |\n"
    assert rows(text) == [("2024-09-12", "Bus Services", "Scoping"), (None, "Libraries", "")]


def test_programme_rows_stated_in_minutes_prose():
    said = rows(
        "Agree to use the 5 February 2024 meeting as a budget session to scrutinise the Medium Term Financial Strategy. "
        "Agree to schedule an additional meeting on a date to be agreed by the Director to scrutinise the Leisure Review. "
        "Officers were asked whether the Youth Justice Plan, currently scheduled for the meeting on 14 March 2024, could come sooner. "
        "The Housing Strategy would be included for January. "
        "It was suggested that items be included on air quality and that a piece of work be undertaken with the Adults "
        "Committee to examine those care homes in special measures. "
        "Copies will be circulated in readiness for a presentation by the Trust at the March meeting.",
        reference=date(2023, 11, 1), minutes=True)
    assert [(when, issue) for when, issue, _ in said] == [
        ("2024-02-05", "Medium Term Financial Strategy"), (None, "Leisure Review"), ("2024-03-14", "Youth Justice Plan"),
        ("2024-01", "Housing Strategy"), (None, "air quality"), (None, "care homes in special measures"),
        ("2024-03", "a presentation by the Trust")]


def test_a_generic_report_takes_its_topic_from_the_sentences_before():
    said = rows(
        "A request had been received from the Audit Committee on staff recruitment and retention had been reviewed. "
        "It was therefore proposed that a formal report be presented to the Performance Committee at the meeting "
        "scheduled for the 8th June 2023. Councillor A requested an earlier report on the Poverty theme. "
        "He welcomed the suggestion for a special meeting on this topic at the end of July.",
        reference=date(2023, 3, 1), minutes=True)
    assert [(when, issue) for when, issue, _ in said] == [
        ("2023-06-08", "staff recruitment and retention"), ("2023-07", "special meeting on the Poverty theme")]


def test_a_report_due_at_a_dated_meeting_and_an_invitation_to_present():
    said = rows("The next meeting was scheduled for the 27 April 2023 when the annual review of the Risk Register was due "
                "to be presented. Clerk to invite two members of the Trust to attend a future council meeting (hopefully May) "
                "to make a presentation on possible ideas.", reference=date(2023, 3, 1), minutes=True)
    assert [(when, issue) for when, issue, _ in said] == [
        ("2023-04-27", "annual review of the Risk Register"),
        ("2023-05", "presentation by two members of the Trust on possible ideas")]


def test_a_forward_plan_bound_into_an_agenda_pack_leaves_it_an_agenda():
    text = ("Agenda\n\nScrutiny Committee - Tuesday, 5 July 2022 6.00 pm\n\n1. Apologies for Absence\n\n2. Forward Plan\n\n"
            + "x\n" * 80 + FORWARD_PLAN)
    assert parse(text).kind == "agenda"


def test_comments_listed_on_a_programme_are_not_rows():
    text = "Members made the following comments on the work programme:\n\n- Concern about the timing of the budget item\n- Timing\n"
    assert rows(text, minutes=True) == []


def test_a_postponed_meeting_with_no_new_date_is_not_a_future_one():
    meeting = date(2024, 1, 10)
    assert future("The meeting scheduled for 18 February 2024 has been postponed.", meeting) == []
    assert future("The next meeting has been moved to 4 March 2024.", meeting) == ["2024-03-04"]


def test_a_calendar_of_meetings_with_one_date_a_line():
    text = "Meeting dates 2024/25\n\nTuesday 14 January 2025 – 10.00 am – Committee Room 1\nTuesday 11 March 2025 – 2.00 pm\n\nNotes\n"
    assert future(text, date(2024, 12, 1)) == ["2025-01-14", "2025-03-11"]


def test_topics_listed_inline_after_a_colon_one_per_semicolon():
    added = rows("The Committee agreed that the following items be added to the Committee's work programme for the "
                 "2025/26 Municipal Year: an update from each Portfolio Holder (who had not yet attended); an invitation "
                 "to the County Cabinet Member for Highways, Transport & Roads to discuss bus services within the Borough; "
                 "and recommendations from the Finance Panel in respect of the budget.", minutes=True)
    assert [(when, issue) for when, issue, _ in added] == [
        (None, "an update from each Portfolio Holder (who had not yet attended)"),
        (None, "an invitation to the County Cabinet Member for Highways, Transport & Roads to discuss bus services within the Borough"),
        (None, "recommendations from the Finance Panel in respect of the budget")]
    # the same list dated by the meeting ahead it is put to, not naming the programme
    dated = rows("Copies of the action tracker had been circulated.  The following topics will be considered at the "
                 "next meeting on 12 March 2025: road safety near schools; winter gritting; and school transport.",
                 reference=date(2025, 1, 15), minutes=True)
    assert [(when, issue) for when, issue, _ in dated] == [
        ("2025-03-12", "road safety near schools"), ("2025-03-12", "winter gritting"), ("2025-03-12", "school transport")]
    # a list that goes on no programme and to no meeting is not one
    assert rows("The following points were noted by Members: costs had risen; staffing was stable; and demand had fallen.",
                minutes=True) == []


def test_a_bulleted_list_introduced_under_the_programme_item_by_its_own_sentence():
    text = ("Scrutiny Work Programme 2025/26 pdf icon PDF 692 KB\n\nTo consider the attached report\n\n"
            "The Chair invited Members to put forward items for the Programme.  The following matters were discussed "
            "for inclusion:\n\n·       Progress on refurbishment of parks (to include capital set aside).\n\n"
            "·       Recycling Performance Review\n\nThe following questions were raised by Members:-\n\n"
            "·       Can a list of planned works be provided?\n")
    assert [(when, issue) for when, issue, _ in rows(text, minutes=True)] == [
        (None, "Progress on refurbishment of parks (to include capital set aside)"), (None, "Recycling Performance Review")]
    # the sentence on its own line, the programme named in the line before it; other bullet marks
    text = ("Members considered the Forward Work Plan for the year.\nThe following topics were agreed for addition:\n"
            "▪ Housing Allocations Policy\n➢ Fly-tipping Enforcement\n\nRESOLVED that the plan be noted.\n")
    assert [issue for _, issue, _ in rows(text, minutes=True)] == ["Housing Allocations Policy", "Fly-tipping Enforcement"]
    # a page's own "Additional documents:" label under a programme heading introduces nothing
    text = "Work Programme 2025/26 pdf icon PDF 82 KB\n\nAdditional documents:\n\n·       Members were reminded of the dates.\n"
    assert rows(text, minutes=True) == []


def test_the_committee_due_to_take_a_topic_at_a_meeting_ahead_or_agreeing_to_scrutinise_it_in_a_month():
    said = rows("The Commission was due to receive an update on recovery from Covid-19 at its next meeting on 14th "
                "September 2025. The Panel will consider the Libraries Review at its March meeting. "
                "A meeting of the Chairs had agreed to undertake further scrutiny of Universal Credit in February 2026 "
                "when the data could be made available. The Board decided to carry out a review of grass cutting at "
                "its June 2026 meeting.", reference=date(2025, 7, 1), minutes=True)
    assert [(when, issue) for when, issue, _ in said] == [
        ("2025-09-14", "an update on recovery from Covid-19"), ("2026-03", "Libraries Review"),
        ("2026-02", "further scrutiny of Universal Credit"), ("2026-06", "a review of grass cutting")]


def test_reports_with_no_article_brought_to_a_future_meeting():
    said = rows("d. That scoping reports on both suggestions for future scrutiny reviews be brought to a future meeting. "
                "RESOLVED that further update reports on the bus network be presented to the next meeting of the committee.",
                minutes=True)
    assert [issue for _, issue, _ in said] == ["scoping reports on both suggestions for future scrutiny reviews",
                                               "further update reports on the bus network"]


def test_a_forward_plan_s_decisions_taken_by_a_body_at_a_meeting_date_its_meetings():
    plan = ("Notice of Key Executive Decisions\n\nForward Plan: February to April 2024  (01/02/2024 to 30/04/2024, Cabinet)\n\n"
            "Plan items\nNo. Item\n\n1.\n\nBusiness Improvement District\n\nDecision maker:  Cabinet\n\nDecision:   23 March 2024\n\n"
            "2.\n\nMedium Term Financial Plan\n\nDecision maker:  Cabinet\n\nDecision due:   4 March 2024; Now part of the Budget\n\n"
            "3.\n\nRace Relations Work New!\n\nDecision maker:  Cabinet\n\nDecision due:   Before 30 April 2024\n\n"
            "4.\n\nParking Charges\n\nDecision maker:  Cabinet Member for Transport\n\nDecision due:   12 March 2024\n\n"
            "5.\n\nOld Decision\n\nDecision maker:  Cabinet\n\nDecision due:   6 January 2024\n")
    assert [m.date for m in parse(plan).future_meetings] == ["2024-03-04", "2024-03-23"]
    # the same plan as a council's executive writes it, the decision maker a committee or full council
    plan = ("Forthcoming Key Decisions\n\nKEY DECISIONS - JUNE 2024  (01/06/2024 to 30/09/2024, Executive)\n\n1.\n\n"
            "Local Plan Adoption\n\nDecision maker:  Full Council\n\nDecision due:   17 July 2024\n\nLead officer:  A Person\n\n2.\n\n"
            "Grass Cutting Contract\n\nDecision maker:  Director of Place\n\nDecision due:   1 August 2024\n\nLead officer:  B Person\n")
    assert [m.date for m in parse(plan).future_meetings] == ["2024-07-17"]
