"""Actions, one layout kind per test: short anonymised snippets of the forms councils write,
with the follow-up, its owner and its due date checked, and the non-actions checked absent."""
from __future__ import annotations

from datetime import date

from corpus.actions import parse_actions
from corpus.items import parse_items

MEETING = date(2024, 3, 4)


def actions(text: str, next_meeting: str | None = None):
    return parse_actions(parse_items(text), text, MEETING, next_meeting)


def one(text: str, phrase: str, next_meeting: str | None = None):
    found = [a for a in actions(text, next_meeting) if phrase.lower() in a.text.lower()]
    assert len(found) == 1, [a.text for a in actions(text, next_meeting)]
    return found[0]


def none_of(text: str, *phrases: str) -> None:
    texts = [a.text.lower() for a in actions(text)]
    for phrase in phrases:
        assert not any(phrase.lower() in t for t in texts), (phrase, texts)


# ---------------------------------------------------------------- resolutions

def test_scottish_agreed_list_instructs_an_officer_and_notes_the_rest():
    text = ("The Committee agreed:-\n\n(i) to note the report;\n\n"
            "(ii) to instruct the Chief Finance Officer to report back on the savings plan in June.")
    found = actions(text)
    assert [a.text for a in found] == ["to instruct the Chief Finance Officer to report back on the savings plan in June."]
    assert found[0].owner == "Chief Finance Officer"


def test_scottish_resolved_label_alone_with_its_part_in_the_next_paragraph():
    text = "The Committee resolved:-\n\nto instruct the clerk to write to Mr Reid to thank him for his service."
    assert one(text, "write to Mr Reid").owner == "Clerk"


def test_cabinet_agree_to_list_delegates_to_a_director():
    text = ("RESOLVED that Cabinet agree to:\n\n(a) note the progress on the project;\n\n(b) approve the business case;\n\n"
            "(c) delegate authority to the Director of Place, in consultation with the Leader, to finalise the contract.")
    found = actions(text)
    assert len(found) == 1 and found[0].owner == "Director of Place"


def test_kept_informed_is_a_follow_up():
    text = "RESOLVED – (a) That the report be noted; (b) that Mr Owen be kept informed of progress."
    assert [a.text for a in actions(text)] == ["that Mr Owen be kept informed of progress."]


def test_numbered_resolutions_with_no_label():
    text = ("i) That the minutes of the meeting held on 2 February 2024 be approved.\n\n"
            "ii) That information on the bus contracts be provided to the Committee.")
    assert [a.text for a in actions(text)] == ["That information on the bus contracts be provided to the Committee."]


def test_noting_and_requesting_in_one_resolution_keeps_the_request():
    text = "RESOLVED – That the committee notes the report and requests that an update is provided in June 2024."
    found = actions(text)
    assert len(found) == 1 and found[0].text.startswith("requests that an update") and found[0].due == "2024-06"


def test_resolution_parts_done_by_the_committee_are_owned_by_it():
    text = "RESOLVED – That the committee:\n\n- endorses the plan;\n- allocates a quarterly item to its work programme; and\n- welcomes the progress."
    found = actions(text)
    assert [(a.text, a.owner) for a in found] == [("allocates a quarterly item to its work programme", "Committee")]


def test_subject_to_bringing_an_item_forward_is_a_follow_up():
    text = ("Following discussion it was RESOLVED to:\n\n1. Agree the work programme for 2024-25 subject to bringing the item on "
            "fuel poverty forward sooner than the November meeting.")
    assert len(actions(text)) == 1


def test_a_lead_ending_to_gives_its_owner_to_the_steps_after_it():
    text = ("1. That authority be delegated to the Director of Housing to:\n- Develop consultation materials\n"
            "- Organise and carry out the consultation\n- Report the outcome of the consultation to Cabinet")
    found = actions(text)
    assert [a.owner for a in found] == ["Director of Housing"] * 3


def test_a_noun_that_shares_a_verbs_stem_does_not_make_a_follow_up():
    text = ("1. That the initial committee and scrutiny commission work programmes for 2024-25 be as follows:\n\n"
            "RESOLVED – That the public be excluded for the item as it involves information under Schedule 12A.")
    assert actions(text) == []


def test_recommendation_to_cabinet_is_owned_by_cabinet_with_two_months_to_answer():
    text = "RESOLVED – (a) That the report be noted; (b) to recommend to Cabinet that the charging policy be reviewed."
    found = one(text, "recommend to Cabinet")
    assert (found.owner, found.to, found.due) == ("Cabinet", "Cabinet", "2024-05-04")


def test_recommended_label_names_the_body_that_answers():
    text = "RECOMMENDED – 1) That Council approve the revised scheme of delegation."
    found = one(text, "revised scheme")
    assert (found.owner, found.to) == ("Council", "Council")


# ---------------------------------------------------------------- narrative

def test_commitment_stated_in_narrative_names_its_owner():
    text = "Members were told that before any change was made it would first be reconsidered by the next meeting of the Cabinet."
    assert one(text, "reconsidered").owner == "Cabinet"


def test_plain_narrative_is_not_an_action():
    text = "Comparison was made between the two schemes. The Panel was informed that take-up had risen."
    assert actions(text) == []


def test_the_speaker_owns_a_passive_follow_up_and_the_paper_spells_out_the_acronym():
    text = ("In attendance: Sam Hill, Director of Children and Families (DCF).\n\n"
            "The DCF confirmed that a briefing note on the new duties would be provided.")
    assert one(text, "briefing note").owner == "Director of Children and Families (DCF)"


def test_officers_who_will_answer_after_the_meeting_own_the_items_requests():
    text = ("5 Performance\n\nAlthough the Director of Education and the Director of Transport were unable to attend, "
            "they would provide answers to questions following the meeting.\n\n"
            "- A Member requested figures on school places by district.\n\n6 Work Programme\n\nA Member requested a visit.")
    assert one(text, "school places").owner == "Director of Education and Director of Transport"
    assert one(text, "requested a visit").owner is None


def test_subject_who_undertakes_or_agrees_is_the_owner():
    assert one("The Chairman undertook to consider the matter and report back.", "report back").owner == "Chairman"
    assert one("The Chair agreed to pursue the matter with the trust.", "pursue").owner == "Chair"
    assert one("Democratic Services would circulate the slides to Members.", "slides").owner == "Democratic Services"


def test_the_speaker_who_says_she_will_check_owns_it():
    text = "Cllr Evans reported a rumour about the bus service. County Cllr Webb confirmed this was not the case but she would check."
    assert one(text, "she would check").owner == "County Cllr Webb"


def test_someone_asked_to_act_owns_it_and_a_question_is_not_an_action():
    text = ("He asked County Cllr Webb if she could get a response from the highways team. "
            "Members asked if meetings would always take place on a Monday.")
    found = actions(text)
    assert [(a.owner, a.text[:14]) for a in found] == [("County Cllr Webb", "He asked Count")]


def test_encouraged_to_act_makes_them_the_owner():
    text = "The Programme lacked variety, so the Chairman encouraged Members to submit suggestions for future topics."
    assert one(text, "submit suggestions").owner == "Members"


def test_a_request_for_copies_is_a_follow_up():
    assert len(actions("Cllr Ash asked if the council could have copies of the progress plans when available.")) == 1


# ---------------------------------------------------------------- owner-first notes and action lines

def test_owner_first_notes_keep_the_sentence_that_says_what_they_are_about():
    text = ("2653. Correspondence: The festival will not be held this year. Clerk to inform Mrs Dodds.\n\n"
            "2657. Any Other Business: Cllr Hoskins reported a fallen tree on the lane. Clerk report to the Forestry Commission.")
    assert one(text, "inform Mrs Dodds").text.endswith("The festival will not be held this year. Clerk to inform Mrs Dodds.")
    assert one(text, "Forestry Commission").owner == "Clerk"
    assert "fallen tree" in one(text, "Forestry Commission").text


def test_ask_with_its_content_in_the_next_sentence_is_one_action():
    text = "2720. Risk assessment: Clerk & County Cllr Webb to ask Carl Jones. MCC to remove the broken bin on Forge Road."
    found = actions(text)
    assert len(found) == 1 and found[0].owner == "Clerk & County Cllr Webb" and "broken bin" in found[0].text


def test_action_line_naming_a_councillor_owns_the_sentence_before():
    text = "The Chair agreed to write to the Leader asking for the board's minutes.\n\nACTION: Councillor Rice"
    found = actions(text)
    assert [(a.text[:30], a.owner) for a in found] == [("The Chair agreed to write to t", "Councillor Rice")]


def test_action_with_initials_is_owned_by_the_person_the_notes_name():
    text = ("Attendees: Anna Brown; Carl Wood\n\n"
            "7\tInvestment review • Update given on the transition • Action: Move the gilts to index-linked funds (CW)")
    found = one(text, "index-linked")
    assert (found.text, found.owner) == ("Move the gilts to index-linked funds", "Carl Wood (CW)")


def test_a_margin_note_names_the_owner_of_the_decision_beside_it():
    text = ("6. CORRESPONDENCE\nix) Village association, renewal of membership. It was proposed and unanimously agreed "
            "to renew membership at a cost of £40.\nMargin note: Clerk\nx) Bank statement for March.\nMargin note: Noted")
    found = actions(text)
    assert [a.owner for a in found] == ["Clerk"] and "renewal of membership" in found[0].text


# ---------------------------------------------------------------- not actions

def test_decisions_carried_out_at_the_meeting_are_not_actions():
    none_of("The committee agreed to rearrange the meeting on 18 February 2024 to 4 March 2024.\n\n"
            "The Committee agreed to appoint Ms A Shaw as an independent member.\n\n"
            "RESOLVED – that the minutes of the meeting on 2 February be approved as a correct record.\n\n"
            "The Committee resolved in terms of Section 50A(4) of the Local Government (Scotland) Act 1973 to exclude the public.\n\n"
            "RESOLVED – That the press and public be excluded from the meeting.\n\n"
            "RESOLVED that the Matters Arising Schedule be received and noted.",
            "rearrange", "appoint", "correct record", "exclude", "received and noted")


def test_programme_notes_are_not_actions():
    none_of("The proposals on short breaks would be discussed by the Panel on 25 September. "
            "The audit report would be included for September.", "short breaks", "audit report")


def test_agenda_boilerplate_and_standing_instructions_are_not_actions():
    none_of("To determine any other items of business which the Chairman decides should be considered as a matter of urgency.\n\n"
            "Members are asked to declare any interest they may have in any matter on the agenda.\n\n"
            "The Chairman will invite members of the public to indicate if they wish to speak.\n\n"
            "Any questions should be provided in writing by 12 noon at least 2 working days before the meeting.\n\n"
            "The Chairman to report on the possibility of introducing briefing meetings.",
            "other items", "declare", "invite members", "questions should", "possibility")


def test_a_request_made_before_the_meeting_is_narrative():
    none_of("A call-in was requested on 18 December 2023 by Councillor Reed and supported by four other Councillors. "
            "The Committee had only recently requested that this be a standing item.", "call-in", "standing item")


# ---------------------------------------------------------------- due dates, completeness, items

def test_due_dates_only_where_stated_or_implied():
    text = ("The Director agreed to provide a breakdown of delays by ward before the next meeting. "
            "It was agreed that the figures would be circulated to Members.")
    assert one(text, "breakdown", next_meeting="2024-04-15").due == "2024-04-15"
    assert one(text, "figures would be circulated", next_meeting="2024-04-15").due is None


def test_a_follow_up_cut_by_a_page_break_is_read_whole():
    text = ("It was agreed that the Chairman would write to the Cabinet Member about the impact on Exampleshire Children\n\n"
            "First's ability to make decisions within statutory timescales.\n\n557 Work Programme")
    assert one(text, "Chairman would write").text.endswith("within statutory timescales.")


def test_each_action_keeps_its_items_title():
    text = "12 Road Safety\n\nIt was agreed that the casualty figures would be circulated to Members.\n\n13 Date of Next Meeting\n\nNoted."
    found = one(text, "casualty")
    assert (found.item, found.item_title) == ("12", "Road Safety")


def test_a_resolution_run_on_after_the_narrative():
    text = "The Panel discussed the speed survey. RESOLVED – (a) That the survey be noted; (b) that the Head of Highways reports back in June."
    assert [(a.text, a.owner) for a in actions(text)] == [("that the Head of Highways reports back in June.", "Head of Highways")]


def test_items_that_bring_their_own_minutes_are_read_without_a_whole_text():
    from corpus.model import Item
    items = [Item("1", "Apologies", text="None."), Item("2", "Budget", text="It was agreed that the figures would be circulated.")]
    assert [(a.item, a.item_title) for a in parse_actions(items, "", MEETING)] == [("2", "Budget")]


def test_an_officer_noting_a_follow_up_commits_to_it_and_members_noting_a_fact_do_not():
    text = ("The Scrutiny Officer noted that the quarterly figures would be circulated to Members.\n\n"
            "Members noted that the contractor would be paid on completion.")
    found = actions(text)
    assert [(a.text[:24], a.owner) for a in found] == [("The Scrutiny Officer not", "Scrutiny Officer")]


def test_an_items_agenda_text_above_its_minutes_is_not_an_action():
    text = ("Agenda item\n\nQuarterly report\n\nA verbal update will be provided on the risk register.\n\nMinutes:\n\n"
            "It was agreed that the risk register would be brought to the next meeting.")
    assert [a.text[:22] for a in actions(text)] == ["It was agreed that the"]


def test_an_acronym_with_an_ampersand_is_spelt_out_whole():
    text = ("In attendance: Liz Elm, Assistant Director Safeguarding and Family Support (ADS&FS).\n\n"
            "The ADS&FS confirmed that the performance information would be refined.")
    assert one(text, "refined").owner == "Assistant Director Safeguarding and Family Support (ADS&FS)"


def test_an_acronym_with_an_ampersand_the_paper_never_spells_out_is_left_whole():
    # one item's minutes from a council's web service: no attendance list spells the acronym out,
    # and "Family Support" elsewhere in the text is not the person "FS"
    text = ("The Assistant Director, Safeguarding and Family Support introduced the report.\n\n"
            "The ADS&FS confirmed that the performance information would be refined.")
    assert one(text, "refined").owner == "ADS&FS"


def test_the_officer_who_leads_a_list_is_not_one_of_those_who_will_answer():
    text = ("5 Performance\n\nBy way of introduction, the Director of Early Help made the following main points:\n\n"
            "- Although the Director of Education had been unable to attend, she would provide answers to questions following the meeting.\n"
            "- A Member requested figures on school places.")
    assert one(text, "school places").owner == "Director of Education"
