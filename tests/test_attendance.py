"""Attendance, one layout at a time. Every snippet is anonymised: the layout is real, the names are not."""
from __future__ import annotations

import pytest

from corpus.attendance import parse_attendance


def people(text: str, kind: str = "minutes") -> set[tuple[str, str]]:
    return {(a.name, a.status) for a in parse_attendance(text, kind)}


def test_a_scottish_sederunt_run_together_is_parted_at_each_title():
    text = ("Present: Provost Fergus WOOD (in the Chair) Councillor Neil BENNY Councillor Ann MacPHERSON "
            "Councillor Colin O’BRIEN (from Councillor Scott FARMER item SC223e) Depute Convenor Jim THOMSON "
            "Bailie Mary REID Depute Provost Ian KERR\n\n1. Minutes\n")
    assert people(text) == {("Fergus WOOD", "present"), ("Neil BENNY", "present"), ("Ann MacPHERSON", "present"),
                            ("Colin O’BRIEN", "present"), ("Scott FARMER", "present"), ("Jim THOMSON", "present"),
                            ("Mary REID", "present"), ("Ian KERR", "present")}


def test_a_sederunt_with_headings_and_a_substitute_for_someone_absent():
    text = ("Present:\nCOUNCILLORS\nAnne ADAMS\nBrian BAIRD (for Carol CRAIG)\nBAILIES\nDavid DUNN\n\n"
            "Apologies:\nCarol CRAIG\n\n1. Minutes\n")
    assert people(text) == {("Anne ADAMS", "present"), ("Brian BAIRD", "present"), ("David DUNN", "present"),
                            ("Carol CRAIG", "apologies")}


def test_a_one_line_list_with_roles_in_brackets():
    text = ("Present: Councillor A Smith (Convener), B Jones (Vice-Convener), C Brown and Mr D Green (co-opted member).\n\n"
            "1. Apologies\n")
    assert people(text) == {("A Smith", "present"), ("B Jones", "present"), ("C Brown", "present"), ("D Green", "present")}


def test_surnames_after_a_plural_title_and_a_singular_one():
    assert people("Apologies: Councillors Smith, Jones and D Brown.\n") == {
        ("Smith", "apologies"), ("Jones", "apologies"), ("D Brown", "apologies")}
    assert people("2711. Apologies for absence: Cllr Ashby, Hunt, Shaw.\n\n2712. Declarations of interest: None.\n") == {
        ("Ashby", "apologies"), ("Hunt", "apologies"), ("Shaw", "apologies")}


def test_a_name_split_across_a_line_wrap_is_one_person_and_the_public_are_in_attendance():
    text = ("Present: Chairman Cllr Mrs Shaw, Cllrs Hunt, Hill, Rich, Evans,\nCobb, Ashby, County Cllr Mrs Webb and the Clerk. "
            "Members of the public - Mr Roger\nHollins, MCC.\n\n2643. Police Report: Attached.\n")
    assert people(text) == {("Shaw", "present"), ("Hunt", "present"), ("Hill", "present"), ("Rich", "present"),
                            ("Evans", "present"), ("Cobb", "present"), ("Ashby", "present"), ("Webb", "present"),
                            ("Roger Hollins", "in_attendance")}


def test_initials_left_at_a_line_end_belong_to_the_surname_on_the_next():
    text = "Membership\n\nCouncillors:\n\nMrs F M Oborne (Chairman), Ms P Agar, Mr P M\nMcDougall, Mr S J Mack and Ms T L Onsley\n\nAgenda\n"
    assert people(text, "agenda") == {("F M Oborne", "member"), ("P Agar", "member"), ("P M McDougall", "member"),
                                      ("S J Mack", "member"), ("T L Onsley", "member")}


def test_a_letter_spaced_sederunt_heading_and_provosts():
    text = ("S e d e r u n t :\n\nLord Provost Peter Steel, Chairperson ; Depute Provost Jackie Dunn; and\n"
            "Councillors Boyle, Cooney and Wendy Stuart.\n\nLord Provost Peter Steel, in the Chair\n")
    assert people(text) == {("Peter Steel", "present"), ("Jackie Dunn", "present"), ("Boyle", "present"),
                            ("Cooney", "present"), ("Wendy Stuart", "present")}


def test_aldermen_and_deputies_are_titles():
    text = ("Apologies were received from Michael Hood, Deputy Stella Carr, Alderman Sir Peter Estey and "
            "Alderwoman Jen Newman.\n")
    assert people(text) == {("Michael Hood", "apologies"), ("Stella Carr", "apologies"), ("Peter Estey", "apologies"),
                            ("Jen Newman", "apologies")}


def test_a_roll_run_together_on_one_long_line():
    text = ("1 The Example Council Minutes of Meeting of the Example Council held REMOTELY on Thursday, 10 September 2020 at 10.35am. "
            "1. Calling of the Roll and Apologies for Absence Present: Mr G Adam Mrs D Mackay Mr B Allan Mr D Mackay "
            "Mrs G Campbell-Sinclair In Attendance: Chief Executive Executive Chief Officer, Infrastructure & Executive Chief Officer, "
            "Communities Mr B Lobb in the Chair 2 Apologies for absence were intimated on behalf of Ms K Curr and Mr N Lean. "
            "2. Declarations of Interest Item 9 – Mr A Christie (Non-Financial)\n")
    assert people(text) == {("G Adam", "present"), ("D Mackay", "present"), ("B Allan", "present"), ("G Campbell-Sinclair", "present"),
                            ("B Lobb", "present"), ("K Curr", "apologies"), ("N Lean", "apologies")}
    assert [a.name for a in parse_attendance(text)].count("D Mackay") == 2


def test_parish_minutes_in_their_usual_forms():
    assert people("Present were Mr D Bishop (Chairman), Mr R Hume, Mrs L Hume and Mrs S Blythe.\n\n"
                  "Nine residents of the village also attended the meeting.\n\n"
                  "APOLOGIES FOR ABSENCE were received from Mr S Steel and Mr T Sapp\n") == {
        ("D Bishop", "present"), ("R Hume", "present"), ("L Hume", "present"), ("S Blythe", "present"),
        ("S Steel", "apologies"), ("T Sapp", "apologies")}
    assert people("(1) Present:- Mrs Jenny Leys(Vice Chairman) Messrs.\nDavid Johns, Stuart Hurst, &M. N. Brown (Clerk) 4 parishioners\n"
                  "were present.\n(2) Apologies:- Apologies received from Robert Jones(Chairman).\n") == {
        ("Jenny Leys", "present"), ("David Johns", "present"), ("Stuart Hurst", "present"), ("M. N. Brown", "present"),
        ("Robert Jones", "apologies")}
    one_line = ("Minutes of a Meeting of Groby Example Parish Council held at 7.00pm on Monday 4 February 2008 at the Parish Council "
                "Chamber, Long Road, Groby Cou/285/07-08 Present Members: Cllr P Batt (Chairman), Cllr Beck, Cllr Hollis (arrived at 7.01pm) "
                "and Cllr Yard. Cou/286/07-08 Apologies for Absence Apologies for absence were received from Cllr Purvis With the "
                "absence of the Vice Chairman it was proposed by Councillor P Batt that Councillor Beck be elected.\n")
    assert people(one_line) == {("P Batt", "present"), ("Beck", "present"), ("Hollis", "present"), ("Yard", "present"),
                                ("Purvis", "apologies")}


def test_labels_for_those_attending_in_other_ways():
    text = ("Present: Councillor A Smith (Chair)\n\nIN ATTENDANCE VIRTUALLY: Councillor B Jones\n\n"
            "Attending: C Forrest, Director of Governance; D Owen, Chief Executive; E Jay, Head of Finance.\n\n"
            "Other Attendees: The Rt Hon Julian Peel MP, a representative of the Youth Council, and two public speakers.\n\n"
            "1. Minutes\n")
    assert people(text) == {("A Smith", "present"), ("B Jones", "in_attendance"), ("C Forrest", "in_attendance"),
                            ("D Owen", "in_attendance"), ("E Jay", "in_attendance"), ("Julian Peel", "in_attendance")}


def test_an_unlabelled_present_list_and_a_period_between_names():
    text = ("Minutes of the remote meeting held on Thursday, 27th May, 2021 commencing at 10.00 am.\n\n"
            "County Councillors Ann Abbot, Bob Baker, Cat Cole and Dan Dale.\n\n"
            "In attendance: County Councillors Eve Ellis, Fay Ford. Gus Gray.\n\n<AI1>\n\n107\n\nApologies for absence\n")
    assert people(text) == {("Ann Abbot", "present"), ("Bob Baker", "present"), ("Cat Cole", "present"), ("Dan Dale", "present"),
                            ("Eve Ellis", "in_attendance"), ("Fay Ford", "in_attendance"), ("Gus Gray", "in_attendance")}


def test_a_roll_call_under_its_heading_and_apologies_intimated():
    text = ("1. Calling of the Roll and Apologies for Absence\n\nDr A Allan, Mr B Bell, Mrs C Bell, Mr D Mackay, Mrs D Mackay\n\n"
            "Apologies for absence were intimated on behalf of Mr E Eden and Ms F Fyfe.\n")
    assert people(text) == {("A Allan", "present"), ("B Bell", "present"), ("C Bell", "present"), ("D Mackay", "present"),
                            ("E Eden", "apologies"), ("F Fyfe", "apologies")}
    # two people may share a name: different titles keep both
    assert [a.name for a in parse_attendance(text)].count("D Mackay") == 2


def test_apologies_sentences_in_their_usual_forms():
    assert people("Apologies for absence were submitted on behalf of Councillors Mrs D Carr Mrs Jan Hall, D Moss and M Tate.\n") == {
        ("D Carr", "apologies"), ("Jan Hall", "apologies"), ("D Moss", "apologies"), ("M Tate", "apologies")}
    assert people("1. WELCOME\nApologies received from Cllrs. Dai Jenkins,\nDora Jones and Wil Lloyd.\n") == {
        ("Dai Jenkins", "apologies"), ("Dora Jones", "apologies"), ("Wil Lloyd", "apologies")}
    one_a_line = "1.1 Apologies from members of the panel were received from:\n\n Cllr Sue Cole; and\n\nCllr Clare Joss.\n\n2. Minutes\n"
    assert people(one_a_line) == {("Sue Cole", "apologies"), ("Clare Joss", "apologies")}
    under_heading = ("Present: Councillor C.J. Wills (Chairman).\n\nAlso present: Councillor J.F. Frost.\n\n"
                     "These were received from Councillors Mrs. S.I. Sharp and Ms. M. Wren.\n")
    assert people(under_heading) == {("C.J. Wills", "present"), ("J.F. Frost", "in_attendance"),
                                     ("S.I. Sharp", "apologies"), ("M. Wren", "apologies")}


def test_substitutes_and_late_or_virtual_arrivals():
    text = ("It was noted that, in accordance with Regulation 13, notice had been given that Councillor Bill Brook had been "
            "appointed to the Committee in place of Councillor Dan Brook, and Councillor Dee Hall had been appointed to the "
            "Committee in place of Councillor Clare Arne.\n\nThe Committee noted that Councillor H Kane had been appointed as "
            "substitute for Councillor P Stone.\n\nCouncillor Bernie Spear joined the meeting at 11.15am.\n\n"
            "Cllr Wood joined the meeting virtually through Microsoft Teams.\n")
    assert people(text) == {("Bill Brook", "substitute"), ("Dee Hall", "substitute"), ("H Kane", "substitute"),
                            ("Bernie Spear", "present"), ("Wood", "in_attendance")}
    assert people("Councillor Gareth Lew arrived at 4.05 pm.\n\nAn apology of absence was received from County Borough Councillors "
                  "J Bonn, M Powe and T Williams.\n") == {("Gareth Lew", "present"), ("J Bonn", "apologies"), ("M Powe", "apologies"),
                                                         ("T Williams", "apologies")}


def test_substitutes_noted_as_a_list_or_in_a_sentence_in_any_case():
    text = ("20. Notification of Substitute Members\n\nThe following Substitute Members were noted:\n\n- Councillor Kade for Councillor Field\n"
            "- Councillor Fort for Councillor Parr\n\n21. Urgent Items\n\nCouncillor D Wilks was present as Substitute Member for Councillor Cleave.\n"
            "An apology for absence was received from Cllr Ejaz Aslam and CllrGary Hart attended as substitute.\n")
    assert people(text) == {("Kade", "substitute"), ("Fort", "substitute"), ("D Wilks", "substitute"),
                            ("Ejaz Aslam", "apologies"), ("Gary Hart", "substitute")}


def test_officers_named_after_their_posts():
    assert people("The Monitoring Officer of the Example City Region Combined Authority, Jill Cole, addressed the meeting "
                  "with regard to the quorum.\n") == {("Jill Cole", "in_attendance")}
    assert people("The Chair thanked the Director of Finance, and Members, Jill Cole, Sam Lee and others, explained nothing.\n") == set()
    text = ("In Attendance:\n\nJim Bell, Chief Accountant, Corporate Services Tony Cane, Head of Housing, Environment Services "
            "Irene Cole, Director of Children’s Services Keith Yale, Chief Executive\n\n1. Minutes\n\n"
            "The Chairman welcomed the Commissioner and the Chief Finance Officer at the OPCC Kelvin Moon, who were in attendance.\n")
    assert people(text) == {("Jim Bell", "in_attendance"), ("Tony Cane", "in_attendance"), ("Irene Cole", "in_attendance"),
                            ("Keith Yale", "in_attendance"), ("Kelvin Moon", "in_attendance")}


def test_a_membership_heading_with_sub_headings_and_places_in_brackets():
    text = ("MEMBERS OF THE SCRUTINY COMMITTEE (25) - QUORUM 7\nCOUNTYCOUNCILLORS (15)\n"
            "M V Bayes, R S Clem, D Cull (Vice-Chairman),\nD B Lloyd (Chairman)\nDISTRICT/BOROUGH COUNCILLORS (10)\n"
            "J Bard(Watford), A Cant(Welwyn Hatfield)\nAGENDA\n1. MINUTES\n")
    assert people(text, "agenda") == {("M V Bayes", "member"), ("R S Clem", "member"), ("D Cull", "member"),
                                      ("D B Lloyd", "member"), ("J Bard", "member"), ("A Cant", "member")}


def test_a_membership_list_one_a_line_ends_before_the_notice_is_signed():
    text = ("Members of the Committee:-\n\nCouncillors:-\n\nStephen Giles-Meed (Chairman)\n\nRuss Smith\n\nChris Ayr (Vice-Chairman)\n\n"
            "Steven Hall , Chief Executive\n\n5 March 2014\n\n1.\n\nAPOLOGIES FOR ABSENCE\n")
    assert people(text, "agenda") == {("Stephen Giles-Meed", "member"), ("Russ Smith", "member"), ("Chris Ayr", "member")}


def test_a_roster_with_parties_on_one_line():
    text = ("Agenda Councillors Scrutiny Committee Chris Lloyd (Chair) Labour John Fay (Vice-Chair) Labour Mark Jay Labour "
            "Nigel Fletch Conservative Education Representatives Monsignor Roth Roman Catholic Representative Paula Heath "
            "Church of England Representative Standard Items 1 Apologies for Absence\n")
    assert people(text, "agenda") == {("Chris Lloyd", "member"), ("John Fay", "member"), ("Mark Jay", "member"),
                                      ("Nigel Fletch", "member"), ("Roth", "member"), ("Paula Heath", "member")}


def test_a_flattened_council_member_substitute_table():
    text = ("Scrutiny Committee DATE: Monday 26th June 2017 (Public Meeting) Membership Council Member Substitute "
            "Northby District Council Cllr Rob Carr Cllr Tom Hay Cllr Pete Buck Cllr Dick Tull "
            "Fenby District Council Cllr Fred Yell Cllr Mark Buck Cllr Dave Mace\n")
    assert people(text, "agenda") == {("Rob Carr", "member"), ("Tom Hay", "member"), ("Pete Buck", "substitute"),
                                      ("Dick Tull", "substitute"), ("Fred Yell", "member"), ("Mark Buck", "member"),
                                      ("Dave Mace", "substitute")}


def test_an_attendance_table_whose_header_runs_together():
    text = ("Attendance details\nAttendeeRoleAttendance\nCouncillor Ann Able\tChair\tPresent\nCouncillor Bob Bass\tMember\tApologies\n"
            "Councillor Cy Dent\tMember\tPresent as substitute\nCouncillor Di Eve\tMember\tPresent, virtual\t\n"
            "Councillor Ed Fry\tCommittee Member\tAbsent\nJo Grey\tOfficer\tIn attendance\tfor item 4\n\n1. Minutes\n")
    assert people(text) == {("Ann Able", "present"), ("Bob Bass", "apologies"), ("Cy Dent", "substitute"),
                            ("Di Eve", "present"), ("Jo Grey", "in_attendance")}


def test_a_two_column_present_and_also_present_block_gives_each_person_once():
    text = ("PRESENT: ALSO PRESENT:\nCouncillor A Smith (Chair) Mr J Bloggs (Head of Service)\n"
            "Councillor B Jones Ms K Lee (Democratic Services)\nCouncillor C Brown\n\n1. APOLOGIES\n")
    assert people(text) == {("A Smith", "present"), ("B Jones", "present"), ("C Brown", "present"),
                            ("J Bloggs", "in_attendance"), ("K Lee", "in_attendance")}


def test_an_apologies_table_whose_header_runs_together():
    text = ("1. Apologies and substitutions\nApologiesSubstitute\nCouncillor Ann Able Councillor Bob Bass\n"
            "Councillor Cy Dent\tCouncillor Di Eve\nCouncillor Ed Fry\n\n2. Minutes\n")
    assert people(text) == {("Ann Able", "apologies"), ("Bob Bass", "substitute"), ("Cy Dent", "apologies"),
                            ("Di Eve", "substitute"), ("Ed Fry", "apologies")}


def test_an_item_titled_membership_is_not_a_list_and_a_post_is_not_a_surname():
    text = ("PRESENT: Mr A Booth (Chairman), Mr J Meade (Substitute for Mr M Dance) and Ms J Hawk\n\n"
            "ALSO PRESENT:\nCouncillor Akbar, Executive Member for Finance\nCouncillor Rahman, Statutory Deputy Leader\n\n"
            "UNRESTRICTED ITEMS\n\n1. Membership\n\n(Item 1)\n\nThe Committee noted that Mr Dance had been replaced by Mr Meade.\n")
    assert people(text) == {("A Booth", "present"), ("J Meade", "present"), ("J Hawk", "present"),
                            ("Akbar", "in_attendance"), ("Rahman", "in_attendance")}


@pytest.mark.parametrize("text", [
    # narrative: congratulations, a death, a call-in, a vote
    "1 The Lord Provost referred to the recent death of former Councillor Pat Keen and extended condolences.\n",
    "Prior to the formal business, the Council congratulated Matt Dunn and Adrian Crane from the Employability Service.\n",
    "It was moved by Councillor Nick Wilton, seconded by Councillor Gary Gee and RESOLVED that the minutes be approved.\n",
])
def test_names_in_narrative_are_not_attendance(text):
    assert people(text) == set()


def test_an_address_post_nominals_and_an_organisation_are_not_people():
    text = ("Present: Councillor Ann Able OBE, Councillor Bob Bass MBE JP and Mr Cy Dent\n"
            "Council Offices, High Street, Townsville AB1 2CD\n\n"
            "Attending: D Doe, Managing Director, Ayrton Renaissance LLP; E Eve, Clerk; F Fox, Head of Finance.\n\n1. Minutes\n")
    assert people(text) == {("Ann Able", "present"), ("Bob Bass", "present"), ("Cy Dent", "present"),
                            ("D Doe", "in_attendance"), ("E Eve", "in_attendance"), ("F Fox", "in_attendance")}


def test_an_agenda_keeps_only_its_membership():
    text = ("Agenda\nMembership: Councillors Hale (Chair), Irving and Jakes\n\n1. Apologies\n\n"
            "Minutes of the previous meeting\nPresent: Councillors Hale, Irving and Kerr\n"
            "Apologies for absence were received from Councillor Lamb.\n")
    assert people(text, "agenda") == {("Hale", "member"), ("Irving", "member"), ("Jakes", "member")}


def test_a_paper_flattened_to_one_line_keeps_each_label_and_its_names_run_together_in_pairs():
    # a Word-to-PDF paper whose line breaks were lost: one name a line became names run together
    text = ("EXAMPLE NATIONAL PARK AUTHORITY MINUTES OF THE BOARD MEETING held at The Inn, Village on 3 May 2004 at 10.30am "
            "Present: Anna Baird Colin Dunlop Eilidh MacKenna Fraser Scott-Hayward In Attendance: Gail Hope, Chief Executive, "
            "EXNPA Hamish Ross, Head of Planning Apologies: Iona Grant Jack Mclean ADMINX X:\\Board\\minutes.doc 15/05/04 "
            "1 Welcome and Introduction 1. The Convener welcomed everyone. " + "The Board discussed the plan at length. " * 5)
    assert people(text) == {("Anna Baird", "present"), ("Colin Dunlop", "present"), ("Eilidh MacKenna", "present"),
                            ("Fraser Scott-Hayward", "present"), ("Gail Hope", "in_attendance"), ("Hamish Ross", "in_attendance"),
                            ("Iona Grant", "apologies"), ("Jack Mclean", "apologies")}
    # the same layout in capitals with titles between the names (a ModernGov page saved as one line)
    text = ("Minutes of the Example Panel held on 4 June 2019 " + "Webcast and papers. " * 10 +
            "PRESENT: Councillor Ann Bell Councillor Bob Carr Mr Colin Day ALSO PRESENT: Councillor Dee Ellis "
            "APOLOGIES: Councillor Fay Gill 1 Declarations of interest None were declared.")
    assert people(text) == {("Ann Bell", "present"), ("Bob Carr", "present"), ("Colin Day", "present"),
                            ("Dee Ellis", "in_attendance"), ("Fay Gill", "apologies")}


def test_a_run_of_capitalised_words_is_paired_only_when_it_cannot_be_read_otherwise():
    # an odd run may hold a three-word name: no pairing is better than wrong pairs
    assert people("Apologies: Mary Ann Jones Peter Smith Eve Brown.\n") == set()
    assert people("Present: Ruth Adams Sean Kerr\nApologies: Tom Lee Una Moss\n\n1. Minutes\n") == {
        ("Ruth Adams", "present"), ("Sean Kerr", "present"), ("Tom Lee", "apologies"), ("Una Moss", "apologies")}


def test_a_list_of_people_with_posts_parted_by_semicolons_may_join_two_with_and_and_wrap_mid_name():
    text = ("ATTENDING:\n\nAnn Hunt, Chief Executive; Bill Ives, Committee Manager and Cara Judd, Committee \n"
            "Administrator, Law Service; Dan Kerr, Head of Estates; Ewan\nLamb, Finance Manager and Fay Moss, Accountant, "
            "Finance Service; and Gus Neil, Senior Manager.\n\n1. WELCOME\n")
    assert people(text) == {("Ann Hunt", "in_attendance"), ("Bill Ives", "in_attendance"), ("Cara Judd", "in_attendance"),
                            ("Dan Kerr", "in_attendance"), ("Ewan Lamb", "in_attendance"), ("Fay Moss", "in_attendance"),
                            ("Gus Neil", "in_attendance")}
    # the same list in a sentence-case label, titles before the names
    text = ("Officers present: Mrs Ann Hunt, Director of Law; Mr Bill Ives, Democratic Services Officer and Ms Cara Judd, "
            "Scrutiny Officer; Dr Dan Kerr, Public Health Consultant.\n\n1. Apologies\n")
    assert people(text) == {("Ann Hunt", "in_attendance"), ("Bill Ives", "in_attendance"), ("Cara Judd", "in_attendance"),
                            ("Dan Kerr", "in_attendance")}


def test_a_singular_apology_label_wrapped_over_two_lines():
    assert people("PRESENT:\n\nCouncillors Ann Bell and Bob Carr.\n\nAPOLOGY \nFOR ABSENCE:\n  Councillor Cal Dunn.\n\n1.\nWELCOME\n") == {
        ("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "apologies")}
    assert people("Present: Cllr A Bell\nApology: Cllr B Carr\n\n1. Minutes\n") == {("A Bell", "present"), ("B Carr", "apologies")}


def test_a_group_label_inside_a_list_and_a_replacement_member_appointed_in_the_active_voice():
    text = ("52. Apologies for Absence/Replacement Members\n\nApologies for absence were received from Councillor A B Cole and from "
            "Added Members: Mr C D Dale, Mrs E Finch and Mr G Hart.\n\nIt was noted that the Chief Executive, having received notice "
            "under Regulation 13, had appointed Councillor J K Ince as a replacement member on the Committee in place of "
            "Councillor L Jones, until further notice.\n\n53. Declarations\n")
    assert people(text) == {("A B Cole", "apologies"), ("C D Dale", "apologies"), ("E Finch", "apologies"), ("G Hart", "apologies"),
                            ("J K Ince", "substitute")}
    text = ("Apologies: Councillor Amy Cole; Co-opted Members: Mr Carl Dale.\n"
            "The Monitoring Officer reported that she had appointed Councillor Jo Ince as the substitute for Councillor Lee Jones.\n")
    assert people(text) == {("Amy Cole", "apologies"), ("Carl Dale", "apologies"), ("Jo Ince", "substitute")}


def test_a_body_and_member_table_read_row_by_row_keeps_the_names_and_drops_the_bodies():
    # a combined authority's members, one row a constituent council: "Council | Member" flattened
    text = ("PRESENT:\n\nRegional Mayor (In the Chair) Anytown Councillor Ann Bell Bigtown Councillor Bob Carr "
            "Cowley City Mayor Cal Dunn Dunmore Councillor Dee Ellis Eastham Councillor Fay Gill\n\n"
            "OTHER MEMBERS IN ATTENDANCE:\n\nAnytown Councillor Gus Hill Bigtown Councillor Hal Ives Cowley Councillor Ian Jay\n\n"
            "OFFICERS IN ATTENDANCE:\n\nXYCA – Chief Executive Jo King XYCA - Deputy Chief Executive Kay Lowe "
            "XYCA – Treasurer Lee Mann XYCA Max Nash\n\n10/19 APOLOGIES\n")
    assert people(text) == {("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "present"), ("Dee Ellis", "present"),
                            ("Fay Gill", "present"), ("Gus Hill", "in_attendance"), ("Hal Ives", "in_attendance"),
                            ("Ian Jay", "in_attendance"), ("Jo King", "in_attendance"), ("Kay Lowe", "in_attendance"),
                            ("Lee Mann", "in_attendance"), ("Max Nash", "in_attendance")}
    # a police and crime panel's members by council, "Cllr" and a line-labelled block
    text = "Members present: Northby Cllr Amy Cole Southby Cllr Ben Dale Westby Cllr Cat Eyre Eastby Cllr Dan Ford\n\n1. Apologies\n"
    assert people(text) == {("Amy Cole", "present"), ("Ben Dale", "present"), ("Cat Eyre", "present"), ("Dan Ford", "present")}


def test_three_word_names_after_titles_are_not_read_as_body_rows():
    text = "Present: Councillor Mary Ann Bell, Councillor Bob Carr Smith, Councillor Cal Dunn and Councillor Dee Ellis\n"
    assert people(text) == {("Mary Ann Bell", "present"), ("Bob Carr Smith", "present"), ("Cal Dunn", "present"),
                            ("Dee Ellis", "present")}


def test_a_label_whose_words_are_two_column_labels_is_one_label_and_its_list_goes_on_over_blank_lines():
    # "OFFICERS IN ATTENDANCE:" is not two columns; rows of a table flattened a line each, blank lines between
    text = ("OFFICERS IN ATTENDANCE:\n\nXYCA – Chief Executive Jo King XYCA - Treasurer Kay Lowe\n\n"
            "XYCA Lee Mann XYCA Max Nash XYCA Ned Ogle\n\n10/19 APOLOGIES\n\n"
            "That apologies be received from Pat Quinn, Chief Executive Northby Council and Ray Shaw, Director.\n")
    assert people(text) == {("Jo King", "in_attendance"), ("Kay Lowe", "in_attendance"), ("Lee Mann", "in_attendance"),
                            ("Max Nash", "in_attendance"), ("Ned Ogle", "in_attendance"), ("Pat Quinn", "apologies"),
                            ("Ray Shaw", "apologies")}
    # two labels side by side still head two columns
    text = "PRESENT ALSO PRESENT\nCouncillor Ann Bell Mr Bob Carr\nCouncillor Cal Dunn\n\n1. Minutes\n"
    assert people(text) == {("Ann Bell", "present"), ("Bob Carr", "in_attendance"), ("Cal Dunn", "present")}
    # a heading after the list does not join it
    assert people("Apologies:\n\nCllr Amy Cole\n\nQUARTERLY BUDGET MONITORING CAPITAL PROGRAMME UPDATE REPORT\n\n"
                  "The Chair noted it.\n") == {("Amy Cole", "apologies")}


def test_a_plural_title_in_the_label_lets_surnames_follow_and_present_remotely_is_present():
    assert people("Councillors Present: Bell (Chair), Carr, Dunn\nApologies: Councillor Ellis\n\n1. Minutes\n") == {
        ("Bell", "present"), ("Carr", "present"), ("Dunn", "present"), ("Ellis", "apologies")}
    assert people("Members present: Councillors: A Bell (Chair), B Carr\nMembers present remotely: C Dunn\n"
                  "Present virtually: Cllr D Ellis\n\n1. Minutes\n") == {
        ("A Bell", "present"), ("B Carr", "present"), ("C Dunn", "present"), ("D Ellis", "present")}


def test_an_attendance_heading_over_the_list_of_those_present():
    assert people("Attendance\nCouncillor Ann Bell (Chair), Councillor Bob Carr\nAlso in attendance: Councillor Cal Dunn\n"
                  "Apologies\nCouncillor Dee Ellis\n\nItem 1\n") == {
        ("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "in_attendance"), ("Dee Ellis", "apologies")}
    assert people("ATTENDANCE:\nCllr A Bell\nCllr B Carr\n\n1. MINUTES\n") == {("A Bell", "present"), ("B Carr", "present")}


def test_names_and_posts_run_together_in_an_in_attendance_list():
    # one person and post a line, the line breaks lost
    assert people("In Attendance: Ann Bell Interim Chief Executive Bob Carr Policy Officer Cal Dunn Head of Corporate Services\n"
                  "\n1. Minutes\n") == {("Ann Bell", "in_attendance"), ("Bob Carr", "in_attendance"), ("Cal Dunn", "in_attendance")}
    # a post whose own words are capitalised ("Trading Standards") gives no name rather than a wrong one
    assert people("Officers present: Dee Ellis Director of Finance Fay Gill Head of Trading Standards Gus Hill Committee Officer\n") >= {
        ("Dee Ellis", "in_attendance"), ("Fay Gill", "in_attendance")}
    assert not any("Standards" in name for name, _ in people(
        "Officers present: Dee Ellis Director of Finance Fay Gill Head of Trading Standards Gus Hill Committee Officer\n"))


def test_headings_in_capitals_without_colons_inside_a_flattened_paper():
    text = ("MINUTES OF THE EXAMPLE BOARD MEETING held at The Hall, Town on 3 May 2004 at 10am PRESENT Anna Baird Colin Dunlop "
            "Eilidh Grant Fraser Hume IN ATTENDANCE Gail Hope Chief Executive APOLOGIES FOR ABSENCE Iona Kerr Jack Lamb "
            "1 Welcome " + "The Board met. " * 20)
    assert people(text) == {("Anna Baird", "present"), ("Colin Dunlop", "present"), ("Eilidh Grant", "present"),
                            ("Fraser Hume", "present"), ("Gail Hope", "in_attendance"), ("Iona Kerr", "apologies"),
                            ("Jack Lamb", "apologies")}
    # the same in sentence case needs its colons: "Present" in a sentence is not a heading
    text = ("Minutes of the Example Board held on 3 May 2004. " + "Those Present Anna Baird spoke first. " * 12)
    assert not any(status == "present" for _, status in people(text))


def test_a_member_and_body_table_read_across_leaves_the_council_after_each_name():
    text = ("PRESENT\n\nCouncillor\nA Bell (Chair) Eastshire County Council\nB Carr Westford County Borough Council\n"
            "C D Dunn Northtown Council\n\nAPOLOGIES\n\nCouncillor\nE Ellis Southby City Council\n\n1 DECLARATIONS OF INTEREST\n")
    assert people(text) == {("A Bell", "present"), ("B Carr", "present"), ("C D Dunn", "present"), ("E Ellis", "apologies")}
    # one line a person, the council in a column after the name
    assert people("Members present:\nAnn Bell Hilltown District Council\nBob Carr Vale Borough Council\n\nItem 1\n") == {
        ("Ann Bell", "present"), ("Bob Carr", "present")}


def test_roles_in_brackets_do_not_make_a_list_read_as_narrative():
    text = ("Also present:\n\nS A Bell (Chief Fire Officer and Chief Executive); C Carr (Clerk and Monitoring Officer to the "
            "Authority); K Dunn (Treasurer to the Authority); R Ellis and K Fox (Assistant Chief Fire Officers); "
            "T Gill (Corporate Communications Manager).\n\nAPOLOGIES\n")
    assert people(text) == {("S A Bell", "in_attendance"), ("C Carr", "in_attendance"), ("K Dunn", "in_attendance"),
                            ("R Ellis", "in_attendance"), ("K Fox", "in_attendance"), ("T Gill", "in_attendance")}
    assert people("In attendance: A Bell (Head of the Service to the Board and to the Committee and to the Panel of the "
                  "Council), B Carr (Clerk to the Board)\n\n1. Minutes\n") == {("A Bell", "in_attendance"), ("B Carr", "in_attendance")}


def test_groups_in_a_flattened_paper_whose_labels_have_no_colon_before_a_title():
    text = ("EXAMPLE NATIONAL PARK AUTHORITY WEDNESDAY 26th APRIL 2017 PRESENT: Members appointed by Eastshire Council "
            "Councillors Ann Bell, Bob ab Carr, Cal Dunn; Members appointed by the Government Ms. Dee Ellis, Mr. Fay Gill; "
            "Officers Mr. Gus Hill, Mrs. Ivy Jones. Apologies Councillors Jo Kerr, Lee Lamb. 1. Chairman’s Announcements "
            + "The Chairman welcomed members. " * 10)
    assert people(text) == {("Ann Bell", "present"), ("Bob ab Carr", "present"), ("Cal Dunn", "present"),
                            ("Dee Ellis", "present"), ("Fay Gill", "present"), ("Gus Hill", "in_attendance"),
                            ("Ivy Jones", "in_attendance"), ("Jo Kerr", "apologies"), ("Lee Lamb", "apologies")}
    text = ("MINUTES OF THE EXAMPLE JOINT COMMITTEE held at the Hall on 4 May 2019 " + "x " * 60 + "PRESENT: Councillor "
            "Ann Bell, Councillor Bob Carr OFFICERS Mr Cal Dunn, Ms Dee Ellis APOLOGIES Councillor Fay Gill 2. Minutes "
            + "The Committee met. " * 10)
    assert people(text) == {("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "in_attendance"),
                            ("Dee Ellis", "in_attendance"), ("Fay Gill", "apologies")}


def test_bilingual_labels_and_members_under_a_present_heading():
    text = ("MINUTES OF THE FIRE AUTHORITY MEETING The Conference Centre, Fire and Rescue Service Headquarters, Town "
            "11 FEBRUARY 2013 11.00 - 12.15 PRESENOLDEB/ATTENDANCE "
            "Presennol yn y Cyfarfod/Present at Meeting: CHAIR: R Bell IS-GADEIRYDD/ DEPUTY CHAIR: G Carr\n\n\n"
            "AELODAU/MEMBERS: Cyng/Cllrs: J Dunn, K W Ellis, A Fox YMDDIHEURIADAU/APOLOGIES: Cyng/Cllrs: C J Gill, B Hill\n\n\n"
            "YN BRESENNOL /IN ATTENDANCE: R Irvine, P Jones 1 1 APOLOGIES FOR ABSENCE\n")
    got = people(text)
    assert {("J Dunn", "present"), ("K W Ellis", "present"), ("A Fox", "present"), ("C J Gill", "apologies"),
            ("B Hill", "apologies"), ("R Irvine", "in_attendance"), ("P Jones", "in_attendance"), ("G Carr", "present")} <= got
    # English-only labels in the same arrangement
    assert people("Present:\nChair: Councillor Ann Bell\nMembers: Councillors Bob Carr, Cal Dunn\nAPOLOGIES: Councillor Dee Ellis\n\n"
                  "1. Minutes\n") >= {("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "present"), ("Dee Ellis", "apologies")}


def test_members_attending_under_a_standing_order_are_in_attendance():
    text = ("Present:\nCouncillors A Bell (Chair), B Carr\n\nMembers attending in accordance with Standing Orders 8 and 25:-\n\n"
            "Councillors Dunn, Ellis and F Gill\n\n*450 Minutes\n")
    assert people(text) == {("A Bell", "present"), ("B Carr", "present"), ("Dunn", "in_attendance"), ("Ellis", "in_attendance"),
                            ("F Gill", "in_attendance")}
    assert people("Present: Councillor A Bell\nCouncillors attending under Rule 12: Councillor Cal Dunn\n\n1. Minutes\n") == {
        ("A Bell", "present"), ("Cal Dunn", "in_attendance")}


def test_a_substitute_in_a_bracket_after_the_one_who_sent_apologies():
    text = ("Minutes: Apologies for absence were received from the Chair, Councillor Bell (substitute: Councillor Carr) and from "
            "Councillors Dunn (substitute: Councillor Ellis) and F Gill. |\n")
    assert people(text) == {("Bell", "apologies"), ("Carr", "substitute"), ("Dunn", "apologies"), ("Ellis", "substitute"),
                            ("F Gill", "apologies")}
    assert people("Apologies were received from Councillor Ann Bell (substituted by Councillor Bob Carr).\n") == {
        ("Ann Bell", "apologies"), ("Bob Carr", "substitute")}


def test_names_followed_by_their_own_initials_in_a_grid_with_no_colon_after_the_label():
    text = ("EXAMPLE COMMUNITY COUNCIL\nMinutes of a Meeting held on Tuesday 3 October 2017\n\n"
            "Present Ann Bell AB Bob Carr BC\nCal Dunn (SBC) CD Dee Ellis DE\nFay Mary Gill FMG\n\n"
            "Apologies Gus Hill GH\n\nITEMS\n1. Police Report\n")
    assert people(text) == {("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "present"), ("Dee Ellis", "present"),
                            ("Fay Mary Gill", "present"), ("Gus Hill", "apologies")}
    # a title after the label needs no colon either
    assert people("Present Councillor Ann Bell, Councillor Bob Carr\nApologies Councillor Cal Dunn\n\n1. Minutes\n") == {
        ("Ann Bell", "present"), ("Bob Carr", "present"), ("Cal Dunn", "apologies")}
