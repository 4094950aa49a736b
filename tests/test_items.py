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


def test_a_title_ending_in_a_capital_letter_is_a_label_not_a_phrase_cut_after_a():
    # "Ward A", "Appendix A", "Option A": whole titles; "Proposals for a" / "new ..." is a title wrapped after the article
    text = "1 Report on Ward A\n\nThe report was noted.\n\n2 Other business\n\nNone.\n"
    assert items(text) == [("1", "Report on Ward A"), ("2", "Other business")]
    text = "1. APPENDIX A\n\nText.\n\n2. OPTION B\n\nText.\n\n3. PROPOSALS FOR A\nNEW LEISURE CENTRE\n\nText.\n"
    assert items(text) == [("1", "Appendix A"), ("2", "Option B"), ("3", "Proposals for a New Leisure Centre")]
    assert items("1 Proposals for a\nnew leisure centre\n\nText here.\n\n2 Other business\n\nText.\n")[0] == \
        ("1", "Proposals for a new leisure centre")


def test_titles_under_their_number_that_end_in_a_full_stop():
    text = ("83.\n\nDisclosures of Personal & Prejudicial Interest.\n\nMinutes:\n\nNone were declared.\n\n"
            "84.\n\nProhibition of Whipped Votes and Declaration of Party Whips.\n\nMinutes:\n\nNone.\n\n"
            "85.\n\nFollow Up: Scrutiny Working Group - Bus Services. pdf icon PDF 240 KB\n\nMinutes:\n\nDeferred.\n")
    assert items(text) == [("83", "Disclosures of Personal & Prejudicial Interest"),
                           ("84", "Prohibition of Whipped Votes and Declaration of Party Whips"),
                           ("85", "Follow Up: Scrutiny Working Group - Bus Services")]
    # a minute under its number is not a title, full stop or not
    text = ("1.\n\nApologies for absence were received from Councillor A Person.\n\n2.\n\nMinutes\n\n"
            "Agreed.\n\n3.\n\nBudget Monitoring Report\n\nNoted.\n")
    assert items(text) == [("2", "Minutes"), ("3", "Budget Monitoring Report")]


def test_an_issue_page_with_the_minute_of_each_meeting_that_took_it():
    text = ("Issue - meetings\n\nQUARTERLY REPORT\n\nMeeting: 26/01/2024 - Management Board (Item 96)\n\n"
            "96 QUARTERLY REPORTS pdf icon PDF 55 KB\n\nMinutes:\n\nThe reports were noted.\n\n\n"
            "Meeting: 10/01/2024 - Growth Panel (Item 73)\n\n73 QUARTERLY REPORT pdf icon PDF 3 MB\n\nMinutes:\n\nNoted.\n")
    assert items(text) == [("96", "Quarterly Reports"), ("73", "Quarterly Report")]
    # its decisions page: the issue taken by Cabinet after the scrutiny committee looked at it
    text = ("Issue - decisions\n\nBus Review\n\nMeeting: 05/03/2024 - Cabinet (Item 12)\n\n12 Bus Review\n\nAgreed.\n\n"
            "Meeting: 01/02/2024 - Scrutiny Committee (Item 7)\n\n7 Bus Network Review (Pre-decision Scrutiny)\n\nReferred.\n")
    assert items(text) == [("12", "Bus Review"), ("7", "Bus Network Review (Pre-decision Scrutiny)")]


def test_minute_numbers_with_the_body_s_initials_before_them():
    text = ("GMCA 96/19 APOLOGIES\n\nThat apologies be received.\n\nGMCA 97/19 CHAIR'S ANNOUNCEMENTS\n\nRESOLVED/-\n\n"
            "1. That the GMCA welcome new members.\n\nGMCA 98/19 DECLARATIONS OF INTEREST\n\nNone.\n")
    assert items(text) == [("GMCA 96/19", "Apologies"), ("GMCA 97/19", "Chair's Announcements"),
                           ("GMCA 98/19", "Declarations of Interest")]
    text = "OSC/12/23 Minutes\n\nApproved.\n\nOSC/13/23 Budget Scrutiny\n\nNoted.\n\nOSC/14/23 Work Programme\n\nNoted.\n"
    assert items(text) == [("OSC/12/23", "Minutes"), ("OSC/13/23", "Budget Scrutiny"), ("OSC/14/23", "Work Programme")]


def test_a_page_number_column_that_reached_the_text_as_ranges():
    text = ("AGENDA\n\nPage Nos.\n\n1. APOLOGIES\n\n2. MINUTE - Minute of the meeting of 20th May. 3 - 25\n\n"
            "3. LEADER'S REPORT 26 - 27\n\n4. WORK OF SCRUTINY – Report by the Director - 28 - 39 Finance.\n\n"
            "5. NOTICE OF MOTIONS – Report by the Head of Legal 40 - 42 Services.\n\n6. QUESTION TIME\n\n7. URGENT BUSINESS\n")
    assert items(text, agenda=True) == [("1", "Apologies"), ("2", "Minute"), ("3", "Leader's Report"),
                                        ("4", "Work of Scrutiny"), ("5", "Notice of Motions"), ("6", "Question Time"),
                                        ("7", "Urgent Business")]
    # a title with a range of its own keeps it when the paper has no page column
    assert items("1. Apologies\n\n2. Services for Ages 5 - 11\n\n3. Any Other Business\n", agenda=True)[1] == \
        ("2", "Services for Ages 5 - 11")


def test_a_label_in_a_minute_s_list_is_not_an_item_heading():
    text = ("No. Item\n\n\nScrutiny update pdf icon PDF 211 KB\n\n\nRESOLVED: That the updates be noted.\n\n\n"
            "4.1       The Select Committee Chairs advised that:\n\n\nChildren and Young People Select Committee\n\n"
            "·      Scrutinising the improvement plan was a key piece of work.\n\n\nBudget pdf icon PDF 1 MB\n\n\nNoted.\n")
    assert items(text) == [(None, "Scrutiny update"), (None, "Budget")]
    # an agenda item's description ending in a colon leaves the next heading an item
    text = ("No. Item\n\n\nResponses to the Committee's Reports\n\nTo consider any responses of the Cabinet to its reports:\n\n\n"
            "Call For Action - Homelessness pdf icon PDF 170 KB\n\nTo consider a Call for Action.\n")
    assert items(text) == [(None, "Responses to the Committee's Reports"), (None, "Call For Action - Homelessness")]


def test_every_numbered_line_of_an_agenda_list_is_an_item_whatever_it_says():
    text = ("Business\n1. Apologies for absence\n2. Minutes of the meeting held on 25 September\n"
            "3. Public question time (an opportunity for members of the public to ask questions.)\n"
            "4. Members are reminded that it is their responsibility to declare any interests relating to any agenda item\n"
            "5. Emergency evacuation procedure\n6. Exclusion of the public from the meeting during Items 25 & 26 on the "
            "grounds that it involves the likely disclosure of exempt information.\n7. Election of Member to the Forum\n"
            "9. Final Statement of Accounts\n")
    assert [number for number, _ in items(text, agenda=True)] == ["1", "2", "3", "4", "5", "6", "7", "9"]
    assert items(text, agenda=True)[2] == ("3", "Public question time")
    assert items(text, agenda=True)[5] == ("6", "Exclusion of the public from the meeting during Items 25 & 26")
    # minutes, prose under each heading: a numbered sentence in a gap is a paragraph, not an item
    text = ("5 Budget Monitoring\n\nThe report was noted.\n\n6. The Committee asked for figures.\n\n7 Work Programme\n\n"
            "Noted.\n\n8 Date of Next Meeting\n\nNoted.\n")
    assert [number for number, _ in items(text)] == ["5", "7", "8"]


def test_an_unnumbered_list_with_neither_header_nor_links_takes_headings_above_their_descriptions():
    text = ("Minutes of the Previous Meeting\n\nTo approve the minutes of the meeting held on 22 May as an accurate record.\n\n"
            "Annual Report of the Leader\n\nThe Scrutiny & Overview Committee is asked to receive the update provided.\n\n"
            "Work Programme 2025-26\n\nThe Scrutiny & Overview Committee is asked to: -\n\n1.    Agree the programme,\n\n"
            "Scrutiny Recommendations\n\nThe Committee is asked to:\n\n1.     Approve the recommendations.\n")
    assert items(text, agenda=True) == [(None, "Minutes of the Previous Meeting"), (None, "Annual Report of the Leader"),
                                        (None, "Work Programme 2025-26"), (None, "Scrutiny Recommendations")]
    text = ("Declarations of Interest\n\nMembers are asked to declare any interests they may have.\n\n"
            "Budget Consultation\n\nTo consider the draft budget proposals for 2026/27.\n\n"
            "Library Strategy\n\nThe report sets out the results of the consultation.\n")
    assert [title for _, title in items(text, agenda=True)] == ["Declarations of Interest", "Budget Consultation", "Library Strategy"]
    # two headings of a report are not a list of items
    assert items("Background\n\nThe Council adopted its plan in 2020.\n\nProposals\n\nTo consult on three options.\n") == []
