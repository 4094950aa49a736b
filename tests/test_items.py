"""Item layouts seen across councils, one short anonymised snippet each."""
from __future__ import annotations

from corpus.items import parse_items


def items(text: str, agenda: bool = False) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in parse_items(text, agenda=agenda)]


def test_a_title_with_its_item_number_on_the_next_line():
    text = "Scrutiny Briefing Meetings\n(Item 9)\n\nThe Chairman reported.\n\nWork Programme\n(Item 10)\n\nNoted.\n"
    assert items(text) == [("9", "Scrutiny Briefing Meetings"), ("10", "Work Programme")]


def test_roman_numerals():
    text = "I. APOLOGIES FOR ABSENCE\n\nNone.\n\nII. DECLARATIONS OF INTEREST\n\nNone.\n\nIII. BUDGET MONITORING\n\nNoted.\n"
    assert items(text) == [("I", "Apologies for Absence"), ("II", "Declarations of Interest"), ("III", "Budget Monitoring")]


def test_run_in_headings_keep_only_the_heading():
    text = ("71/13 DECLARATIONS OF INTEREST – There were none.\n\n"
            "72/13 MINUTES RESOLVED that the minutes of the meeting be confirmed.\n"
            "73/13 PROPOSED DIVERSION OF FOOTPATH 4 – PARISH OF EXAMPLE Members were informed that an Order was made.\n")
    assert items(text) == [("71/13", "Declarations of Interest"), ("72/13", "Minutes"),
                           ("73/13", "Proposed Diversion of Footpath 4 – Parish of Example")]


def test_run_in_minutes_cut_at_their_colon_when_most_are_run_in():
    text = ("2643. Police Report: Attached. No Police presence.\n\n2644. Public Forum: No one present.\n\n"
            "2645. Apologies for absence: None.\n\n2646. Accounts for payment:-\nWaste - £30,\n\n"
            "2647. Updates: Road Closure – Cllr A reported that the road would reopen.\n")
    assert items(text) == [("2643", "Police Report"), ("2644", "Public Forum"), ("2645", "Apologies for absence"),
                           ("2646", "Accounts for payment"), ("2647", "Updates")]


def test_a_number_alone_on_its_line_above_the_title():
    text = ("No. Item\n\n<AI1>\n\n39/20\n\nAPOLOGIES FOR ABSENCE\n\n- Share this item\n\nMinutes:\n\nNone.\n\n</AI1>\n"
            "<AI2>\n\n40/20\n\nMINUTES OF THE PREVIOUS MEETING pdf icon PDF 135 KB\n\nAgreed.\n\n"
            "41/20\n\nDeclarations of Interest:\n\nMinutes:\n\nNone.\n")
    assert items(text) == [("39/20", "Apologies for Absence"), ("40/20", "Minutes of the Previous Meeting"),
                           ("41/20", "Declarations of Interest")]


def test_link_clutter_leaves_the_title():
    text = ("1 Apologies for Absence [817Kb]\n2 Minutes (120Kb)\n3 Work Programme OSC22-038 pdf icon PDF 140 KB\n"
            "4 Budget Update New!\n5 Performance View Papers\n")
    assert items(text) == [("1", "Apologies for Absence"), ("2", "Minutes"), ("3", "Work Programme"),
                           ("4", "Budget Update"), ("5", "Performance")]


def test_a_title_wrapped_flush_left_after_and_or_of():
    text = "8. Code of Conduct and Register of\nInterest\n9. Arrangements for Overview and\nScrutiny Committee\n10. Close\n"
    assert items(text) == [("8", "Code of Conduct and Register of Interest"),
                           ("9", "Arrangements for Overview and Scrutiny Committee"), ("10", "Close")]


def test_a_flattened_agenda_table_drops_the_lead_officer_and_pages():
    text = ("AGENDA ITEM\n\nTOPIC LEAD PAGE NUMBERS\n\n1. Apologies A Person -\n\n2. Declaration of Interests A Person -\n\n"
            "3. Appointment of Chair A Person 3 - 6\n\n4. Membership, Political Balance\n\nand Substitutes\n\nA Person 7 - 10\n\n"
            "5. Combined Authority Board –\n\nForward Plan\n\nA Person 11 - 40\n")
    assert items(text, agenda=True) == [("1", "Apologies"), ("2", "Declaration of Interests"), ("3", "Appointment of Chair"),
                                        ("4", "Membership, Political Balance and Substitutes"),
                                        ("5", "Combined Authority Board Forward Plan")]


def test_lettered_and_decimal_sub_items():
    text = ("1. Chief Executive.\n2. Appointments\n(a) Provost\n(b) Depute Provost\n"
            "3. Declarations of Interest\n3.1 Outside Body Memberships\n4. Formal Questions.\n")
    assert items(text, agenda=True) == [("1", "Chief Executive"), ("2", "Appointments"), ("2(a)", "Provost"),
                                        ("2(b)", "Depute Provost"), ("3", "Declarations of Interest"),
                                        ("3.1", "Outside Body Memberships"), ("4", "Formal Questions")]


def test_numbered_paragraphs_tallies_and_moved_lines_are_not_items():
    text = ("No. Item\n\n\nApproval of Minutes pdf icon PDF 157 KB\n\n19 October 2023\n\n\n"
            "It was moved by Councillor A, seconded by Councillor B and\n\n\nRESOLVED (unanimously)\n\n\n"
            "05 For\n\n00 Against\n\n01 Abstentions\n\n\nThe Chair declared the motion CARRIED.\n\n\n"
            "Performance Report pdf icon PDF 173 KB\n\n\nThe Policy Manager introduced a report\n\n\n"
            "1.1 Apologies were received from:\n\nCllr A; and\n\n")
    assert items(text) == [(None, "Approval of Minutes"), (None, "Performance Report")]


def test_a_paged_two_column_table_with_run_in_cells():
    text = ("Item No\tItem\n1\tApologies: A Person\n2\tDisclosures of Interest: None\n3\tMinutes of the last meeting • Agreed\n"
            "4\tMatters Arising: • Item 11 carried forward\n\nPage | 1\n\nItem No\tItem\n\tcontinued from the page before.\n"
            "5\tLocal Pensions Board • The board was agreed.\n")
    assert items(text) == [("1", "Apologies"), ("2", "Disclosures of Interest"), ("3", "Minutes of the last meeting"),
                           ("4", "Matters Arising"), ("5", "Local Pensions Board")]


def test_a_pipe_table_with_lettered_rows_section_labels_and_report_lines():
    text = ("| Number | Item |\n|---|---|\n| Public Session | |\n| 1 | Apologies for Absence View Papers |\n"
            "| 2 | Minutes - View Papers |\n| (a) | Confirm Minute of Meeting held on 9 March (herewith) View Papers |\n"
            "| 3 | Retirement of Chief Executive - Report by Head of Service (herewith) View Papers |\n")
    assert items(text) == [("1", "Apologies for Absence"), ("2", "Minutes"), ("2(a)", "Confirm Minute of Meeting held on 9 March"),
                           ("3", "Retirement of Chief Executive")]


def test_inline_items_on_a_one_line_meeting_details_page():
    text = ("Meeting Details Committee: Scrutiny Committee Date/Time: 22 Jul 2021 - 19:00 Agenda Contents (137Kb) "
            "Councillors A Person (Chair) Labour B Person Labour Standard Items 1 Apologies for Absence To receive apologies "
            "from Members. 2 Urgent business The Chair to announce any items of urgent business. 3 Declarations of Interest "
            "(107Kb) Members to declare any interests. 3.1 - Outside Body Memberships (29Kb) 4 Minutes (130Kb) Members are "
            "requested to confirm the Minutes of the meeting held on 30 June 2021 and to sign them for the next 6 months.")
    assert items(text) == [("1", "Apologies for Absence"), ("2", "Urgent business"), ("3", "Declarations of Interest"),
                           ("3.1", "Outside Body Memberships"), ("4", "Minutes")]


def test_a_heading_line_above_its_numbered_paragraph():
    text = ("Present: A, B.\n\nTown Hall, High Street, Town AB1 2CD Death of a former Councillor.\n\n"
            "1 The Provost referred to the death of a former Councillor.\n\nMinutes approved.\n\n"
            "2 The minutes of the meeting of 27th October were submitted and approved.\n\n"
            "Emergency motion dealt with.\n\n3 The Director intimated that an emergency motion had been delivered.\n")
    assert items(text) == [("1", "Death of a former Councillor"), ("2", "Minutes approved"), ("3", "Emergency motion dealt with")]


def test_a_single_item_page_takes_the_numbered_heading():
    text = ("Issue - meetings\n\nFeedback from Chairs\n\nMeeting: 22/01/2013 - Scrutiny Committee (Item 180)\n\n"
            "180 SCRUTINY PANEL REPORT BACK pdf icon PDF 100 KB\n\nMinutes:\n\n1. The Chair agreed to write.\n2. Noted.\n")
    assert items(text) == [("180", "Scrutiny Panel Report Back")]
    assert items("Skip to main content\n\nAgenda item\n\nCommittee Work Programme\n\nThat the Committee resolves to:\n"
                 " 1. Agree the plan.\n 2. Agree to meet.\n") == [(None, "Committee Work Programme")]


def test_unnumbered_moderngov_headings_skip_descriptions_labels_and_prose():
    text = ("Contact: A Person\n\n\nMinutes pdf icon PDF 142 KB\n\nTo receive the minutes of the meeting\n\n"
            "Additional documents:\n\n\nThe Committee resolved:-\n\nto approve the minute.\n\n\n"
            "Update: How are we incorporating Race & Social Justice work into our schools' education programmes pdf icon PDF 60 KB\n\n\n"
            "That the Committee -\n\n\nCommittee Business Planner pdf icon PDF 303 KB\n\n\n"
            "The Convener asked the Chief Internal Auditor whether a review relating to the r\n")
    assert items(text) == [(None, "Minutes"),
                           (None, "Update: How are we incorporating Race & Social Justice work into our schools' education programmes"),
                           (None, "Committee Business Planner")]


def test_capitals_titles_with_a_standing_order_reference():
    text = ("AGENDA\nPART I (PUBLIC) AGENDA\nMINUTES [SC.8]\nTo confirm the minutes of the meeting.\n"
            "PUBLIC PETITIONS [SC.11]\nAny member of the public may present a petition.\n")
    assert items(text) == [(None, "Minutes"), (None, "Public Petitions")]


def test_page_numbers_above_a_heading_do_not_take_its_number():
    text = "1\n\nEXAMPLE COMMUNITY COUNCIL\n\n1. WELCOME AND APOLOGIES\nThe Chair welcomed all.\n\n2. TO CONFIRM THE MINUTES\nAgreed.\n"
    assert items(text) == [("1", "Welcome and Apologies"), ("2", "To Confirm the Minutes")]



def test_a_programme_s_field_lines_are_not_items():
    text = ("No. Item\n\n\nBudget Strategy pdf icon PDF 90 KB\n\n\nLead officer:  A Person\n\n\n"
            "Decision due:   8 Dec 2022\n\n\nHousing Review\n\n\nWards affected: All Wards\n")
    assert items(text) == [(None, "Budget Strategy"), (None, "Housing Review")]


def test_lettered_item_numbers_are_parts_of_the_run():
    text = "52 Minutes\n53 Budget\n53a Capital Programme\n54 Work Programme\n55a Housing Report\n55b Leisure Report\n56 Close\n"
    assert [n for n, _ in items(text)] == ["52", "53", "53a", "54", "55a", "55b", "56"]


def test_a_capitals_title_wrapped_onto_the_line_below():
    text = ("1. APOLOGIES FOR ABSENCE\n\nNone.\n\n2. REVIEW OF THE COUNCIL'S\nBUDGET STRATEGY\n\nNoted.\n\n"
            "3. Adult social care\ncharging policy\n\nNoted.\n\n4. MINUTES\nRESOLVED: approved.\n")
    assert items(text) == [("1", "Apologies for Absence"), ("2", "Review of the Council's Budget Strategy"),
                           ("3", "Adult social care charging policy"), ("4", "Minutes")]


def test_items_numbered_with_a_point_nought():
    text = "1.0 APOLOGIES FOR ABSENCE\n\nNone.\n\n2.0 MINUTES\n\nAgreed.\n\n2.1 Matters Arising\n\n3.0 BUDGET\n\nNoted.\n"
    assert items(text) == [("1.0", "Apologies for Absence"), ("2.0", "Minutes"), ("2.1", "Matters Arising"), ("3.0", "Budget")]
