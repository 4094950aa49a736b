"""Kind, council, committee and the meeting's date, time and venue, one layout at a time.
Every snippet is anonymised: the layout is real, the names are not."""
from __future__ import annotations

import pytest

from corpus import parse


@pytest.mark.parametrize("text, kind", [
    # ModernGov page headings
    ("Agenda, decisions and minutes\nAudit Committee - Thursday, 8th October, 2020 2.00 pm\nNo. Item\n1.\nApologies\n", "agenda_and_minutes"),
    ("Agenda and draft minutes\nScrutiny Committee - Wednesday, 6th December, 2023 6.00 pm\nNo. Item\n", "agenda_and_minutes"),
    # minutes whose resolutions run into the item text, under an item page's heading
    ("Agenda item\nWork Programme\nThe Assistant Director submitted a report.\nRESOLVED – (a) That the Work Programme be updated.\n", "minutes"),
    ("Agenda item\nWork Programme\nTo consider the committee's work programme.\n", "agenda"),
    # an issue's history page carrying what was minuted
    ("Issue - meetings\nForward Work Programme\nMeeting: 10/06/2021 - Resources Scrutiny Committee (Item 6)\n"
     "The Head of Service presented the current forward work programme.\n(a) That the Forward Work Programme be approved.\n", "minutes"),
    # CMIS meeting pages
    ("Meeting Details\nMeeting Summary\nAudit and Scrutiny Committee\n24 Apr 2019 - 09:30 to 11:00\n1 Sederunt\n"
     "The Minute of the meeting of the Committee dated 27 February 2019 was submitted and approved.\n", "agenda_and_minutes"),
    ("Meeting Details\nScrutiny Panel\n6 Aug 2019 - 18:00\n1 Welcome\nThe Chairman will welcome members of the public.\n", "agenda"),
    # notices of a meeting
    ("Audit Committee\nA meeting of the Audit Committee will take place in the Council Chamber, Council Offices, Town on "
     "Wednesday, 12 November 2025 at 2.00pm.\nBusiness\n1. Apologies for Absence\n", "agenda"),
    ("SHADOW SCRUTINY COMMITTEE DATE: Tuesday 11th April 2017 TIME 10.00 am LOCATION Council Chamber, Town Hall\n"
     "1. Apologies Jo Clerk -\n", "agenda"),
    ("Search\nNOTICE AND AGENDA\nFor a meeting to be held in the Main Chamber, Town on Thursday, 13 March 2014 at 7.30pm.\n", "agenda"),
    ("Westshire Council Agenda - 27 April 2010, 10:00\nA meeting to be held at Council Chambers, Civic Centre at 10:00 on 27 April 2010.\n", "agenda"),
    # an agenda pack with the previous minutes bound in stays an agenda
    ("Agenda\nPeople Scrutiny Panel\nTuesday, 5 March 2024, 10.00 am\n1 Apologies\n2 Minutes\n"
     "Minutes of the People Scrutiny Panel\nPresent: Cllr A Smith (Chairman)\nRESOLVED that the report be noted.\n", "agenda"),
    # a ModernGov item list with nothing above it, and what was decided under each item
    ("Contact: Jo Clerk\nMinutes pdf icon PDF 142 KB\nTo receive for approval the minutes.\nAdditional documents:\n"
     "RESOLVED: to approve the minutes as a true record.\n", "agenda_and_minutes"),
    # notes of a task group that says it met
    ("Notes of the Housing Task Group\nThe panel met at Room 4, Civic Offices, Town\non 3 June 2024 at 6pm.\n", "minutes"),
    # a parish's title that ends in the word
    ("April 2022 Minutes\n\nMonday 4th April 2022\n1. In Attendance: Margaret Grady (Chair)\n", "minutes"),
    # a ModernGov agenda page with no title: an item called "Minutes" is not a title
    ("Scrutiny Committee\nTuesday, 9 July 2024 7:00 pm\nVenue: Council Chamber, Town Hall\nNo. Item\nApologies for Absence\nMinutes\n"
     "To approve the minutes of the meeting held on 1 May 2024.\nWork Programme\n", "agenda"),
    # a forward plan
    ("Forward plan\nNotice of Executive Decisions - published May 2022 (01/05/2022 to 31/08/2022)\nPlan items\nNo. Item\n1.\n"
     "Equality Framework\nDecision maker:  Executive Cabinet\nDecision:   16 Jun 2022\n", "forward_plan"),
    # a plan with no "Forward plan" title, only its entries' fields (ModernGov plan items under an intro paragraph; another system's)
    ("Each Scrutiny Committee is required to produce a planned programme of work.\nNo. | Item |\n1. |\nDecision maker: Example "
     "Scrutiny Committee Decision due: 7 Mar 2024 Lead officer: A Bell |\n2. |\nBUDGET REPORT Decision maker: Cabinet Decision due: "
     "29 Apr 2024 |\n3. |\nANNUAL REPORT Decision maker: Cabinet, County Council Decision due: 11 Dec 2024 |\n", "forward_plan"),
    ("Key decisions expected\nLibrary Strategy\nDecision taker: Cabinet\nDate of decision: 4 June 2024\nParking Review\n"
     "Decision taker: Cabinet Member for Transport\nDate of decision: 2 July 2024\nWaste Contract\nDecision taker: Cabinet\n"
     "Date of decision: 10 September 2024\n", "forward_plan"),
    # notes with an attendee list and action lines, laid out as a table with a header on every page
    ("PENSIONS ADVISORY PANEL\nDate: 21st April 2015\nAttendees: Jo Smith; Al Jones\nItem No\tItem\n1\tApologies: Sam Lee\n"
     "2\tMatters arising Action: write to the fund (JS)\nItem No\tItem\n3\tAOB\nItem No\tItem\n", "minutes"),
    # an agenda excerpt with no title: its first item is the previous meeting's minutes, its items say what the body is asked to do
    ("Minutes of the Previous Meeting\n\nTo approve the minutes of the meetings held on 2 April 2024 as an accurate record.\n\n"
     "Executive Mayor's Annual Report\n\nThe Scrutiny & Overview Committee is asked to review the update.\n", "agenda"),
    ("Minutes of the last meeting\nTo confirm the minutes of the meeting held on 3 May 2023.\nBudget Monitoring\n"
     "To consider the report of the Treasurer.\n", "agenda"),
    # labelled meeting fields over a "Business" list
    ("Meeting: Example Moors National Park Authority\nVenue: The Old Vicarage, Town\nDate: Monday 11 December 2023 at 9.30am\n"
     "Business\n1. Apologies for absence\n2. Public question time\n", "agenda"),
])
def test_kind_of_paper(text, kind):
    assert parse(text).kind == kind


@pytest.mark.parametrize("text, council", [
    # a two-line header: the fund is not part of the council's name
    ("LONDON BOROUGH OF EXAMPLETON PENSION FUND\nPENSIONS ADVISORY PANEL\nDate: 21st April 2015\n", "London Borough of Exampleton"),
    # the venue names a council's building, the header names the authority
    ("Northshire and Southby Combined Authority - Scrutiny Committee DATE: Monday 26th June 2017 TIME: 2PM "
     "LOCATION: Room 1, Shire Hall, Northshire County Council, AB1 2CD\n", "Northshire and Southby Combined Authority"),
    # a combined authority named only in narrative
    ("Agenda and minutes\nScrutiny Committee\nWednesday, 4th September, 2019 10.15 am\nNo. Item\n1.\nApologies\n"
     "The Monitoring Officer of the Eastport City Region Combined Authority addressed the meeting.\n",
     "Eastport City Region Combined Authority"),
    # capitals inside a sentence
    ("COUNCIL\nMINUTES of MEETING of WESTVALE COUNCIL held in the COUNCIL CHAMBERS, OLD HOUSE, WESTVALE on THURSDAY 19 JUNE 2008 at 10.00am.\n",
     "Westvale Council"),
    # a Welsh council's legal name, met only in a sentence
    ("Agenda and minutes\nVenue: Guildhall\nNo. Item\n83.\nDisclosures of Interest.\nMinutes:\n"
     "In accordance with the Code of Conduct adopted by the City and County of Exampleton, no interests were declared.\n",
     "City and County of Exampleton"),
    ("CITY AND COUNTY OF WESTPORT\nMINUTES OF THE SCRUTINY PROGRAMME COMMITTEE\nHELD AT THE GUILDHALL ON 3 MAY 2022\n",
     "City and County of Westport"),
])
def test_council(text, council):
    assert parse(text).council == council


@pytest.mark.parametrize("text, committee", [
    # a bracketed suffix belongs to the name
    ("Agenda and minutes\nOverview and Scrutiny Committee (Regeneration and Skills)\nTuesday 15th September, 2020 2.30 pm\n",
     "Overview and Scrutiny Committee (Regeneration and Skills)"),
    # and a leading "Joint"
    ("Agenda and minutes\nJoint Health Overview and Scrutiny Committee - Monday, 4th March, 2024 2.00 pm\n",
     "Joint Health Overview and Scrutiny Committee"),
    ("Agenda\nPublic Protection Committee\nTuesday, 5 March 2024, 10.00 am\n", "Public Protection Committee"),
    # a name that goes on past its committee word
    ("Agenda and minutes\nScrutiny Commission for Rural Communities - Monday, 4th March, 2024 2.00 pm\n", "Scrutiny Commission for Rural Communities"),
    # so does a prefix joined by a dash
    ("PUBLIC Agenda Item 3\nMINUTES of a meeting of the REGULATORY – LICENSING AND APPEALS COMMITTEE held on 9 December 2013 at County Hall, Town.\n",
     "Regulatory – Licensing and Appeals Committee"),
    # the contact line is not the committee; the body the text names is
    ("Agenda and minutes\nVenue: Council Chambers, Town\nContact: Jo Clerk, Senior Committee Assistant; Tel: 01234 567890\nItems\nNo. Item\n1.\n"
     "APOLOGIES FOR ABSENCE\nMinutes of the Audit and Scrutiny Committee as held on Tuesday, 24 September 2019\n"
     "The Audit and Scrutiny Committee agreed to note the report.\n", "Audit and Scrutiny Committee"),
    # nor is a site's breadcrumb
    ("Home > Documents > COMMITTEE SHADOW SCRUTINY\nSHADOW OVERVIEW AND SCRUTINY COMMITTEE DATE: Tuesday 11th April 2017 TIME 10.00 am\n",
     "Shadow Overview and Scrutiny Committee"),
    # the CMIS shell words are not part of it
    ("Meeting Details\nMeeting Summary\nScrutiny Panel\n6 Aug 2019 - 18:00\n", "Scrutiny Panel"),
    ("Meeting Details Committee: Overview and Scrutiny Committee Date/Time: 22 Jul 2021 - 19:00 to 21:28 Status: Occurred\n",
     "Overview and Scrutiny Committee"),
    # an item page says which meeting it belongs to
    ("Issue - meetings\nWork Programme\nMeeting: 26/09/2022 - Overview and Scrutiny Committee (Item 11)\n", "Overview and Scrutiny Committee"),
    # a council's header above the committee's own line
    ("Northshire County Council\n\nRiverside Area Committee\n\nMinutes of the remote meeting held on Thursday, 27th May, 2021 at 10.00 am.\n",
     "Riverside Area Committee"),
    # a name wrapped over two lines
    ("Minutes of the Children and Families Overview and Scrutiny\nPanel\nCounty Hall, Town\nThursday, 3 November 2022, 10.00 am\n",
     "Children and Families Overview and Scrutiny Panel"),
    # a meeting of the full Council: the committee is the Council itself
    ("Agendas, reports and minutes\nHighland Example Council\nDate: Thursday, 12 May 2016\n"
     "Minutes of Meeting of the Highland Example Council held in the Council Chamber, Town on Thursday, 12 May 2016 at 10.35 am.\n",
     "Highland Example Council"),
    ("Westvale, 8th December 2016.\nWestvale City Council.\nPresent: The Lord Provost (Chair).\n", "Westvale City Council"),
    ("Westvale City Council\nAgenda and minutes\nCouncil - Thursday, 20th July, 2023 7.00 pm\nVenue: Council Chamber\n", "Westvale City Council"),
    ("WESTVALE COMMUNITY COUNCIL\n\nMinutes of a meeting of the above Council held on Monday 25th February 2019 at\n7.00pm in Westvale Village Hall.\n",
     "Westvale Community Council"),
    ("Westshire Council Agenda - 27 April 2010, 10:00\nA meeting to be held at Council Chambers, Civic Centre at 10:00 on 27 April 2010.\n"
     "| 15 | Note Minute of Meeting of Performance Committee held on Tuesday 02 March 2010 |\n", "Westshire Council"),
    # a forward plan's committee is its decision maker
    ("Forward plan\nNotice of Executive Decisions - published May 2022\nPlan items\nNo. Item\n1.\nEquality Framework\n"
     "Decision maker:  Executive Cabinet\n2.\nLeisure\nDecision maker:  Executive Cabinet\n", "Executive Cabinet"),
    # a page whose head names none: the text names its own body
    ("Agenda item\nWork Programme\nThe Assistant Director submitted a report on this Scrutiny Committee’s work programme.\n", "Scrutiny Committee"),
    # ModernGov's meeting heading names the body whatever its words
    ("Agenda and minutes\nExampledale National Park Authority - Monday, 21st June, 2021 10.00 am\nVenue: Virtual Meeting\n",
     "Exampledale National Park Authority"),
    ("Agenda and minutes\nCorporate Parenting Group - Thursday, 5th May, 2022 2.00 pm\nVenue: Room 2, Town Hall\nNo. Item\n",
     "Corporate Parenting Group"),
    # a labelled field naming the body that meets
    ("About the committee\nMeeting: North Example Moors National Park Authority\nVenue: The Old Vicarage, Town\n"
     "Date: Monday 11 December 2023 at 9.30am\nBusiness\n1. Apologies for absence\n", "North Example Moors National Park Authority"),
    ("Meeting: Health and Wellbeing Partnership\nDate: 3 May 2024\n1. Apologies\n", "Health and Wellbeing Partnership"),
    ("Example Borough Council\nMeeting: Full Council\nDate: 3 May 2024\n1. Apologies\n", "Example Borough Council"),
    # a body that calls itself by its kind alone: "the Board meeting"
    ("EXAMPLE NATIONAL PARK AUTHORITY MINUTES OF THE BOARD MEETING held at The Inn, Village on 10 October 2003 at 10.30am "
     "Present: Ann Bell Bob Carr\n", "Board"),
    ("Minutes of the Panel meeting held on 3 May 2024 at the Civic Centre\nPresent: Cllr A Bell\n", "Panel"),
    # an agenda with no head: the body its items ask to decide ("Executive Mayor" is a post, not a body)
    ("Minutes of the Previous Meeting\n\nTo approve the minutes as an accurate record.\n\nExecutive Mayor's Annual Report\n\n"
     "The Scrutiny & Overview Committee is asked to review the update provided by the Executive Mayor.\n", "Scrutiny & Overview Committee"),
    ("Budget Update\n\nThe Health Scrutiny Panel is recommended to note the report.\nWork Programme\n"
     "The Health Scrutiny Panel is invited to agree its programme.\n", "Health Scrutiny Panel"),
])
def test_committee(text, committee):
    assert parse(text).committee == committee


@pytest.mark.parametrize("text, date, time, venue", [
    # a "held in …" sentence wrapped over lines
    ("Minutes of a meeting of the Audit Committee held in the Blue Room, River House, County Hall,\nTown on Tuesday, 3 March 2020 at 2.00 pm.\n",
     "2020-03-03", "14:00", "Blue Room, River House, County Hall, Town"),
    ("A meeting of the Audit Committee will take place in the Council Chamber, Council Headquarters, Long Road, Town on "
     "Wednesday, 12 November 2025 at 2.00pm.\n", "2025-11-12", "14:00", "Council Chamber, Council Headquarters, Long Road, Town"),
    # the time before the date, the venue after it, wrapped
    ("WESTVALE COMMUNITY COUNCIL\nMEETING 13th MARCH 2019\n\nWestvale Community Council held their meeting at 7.30pm on the 13th March 2019 at the Reading Room,\nCwm.\n",
     "2019-03-13", "19:30", "Reading Room, Cwm"),
    ("The Panel met at the Civic Centre, Town on Monday 3 June 2024 at 6pm.\n", "2024-06-03", "18:00", "Civic Centre, Town"),
    ("Minutes of a meeting of the above Council held on Monday 25th February 2019 at\n7.00pm in Westvale Village Hall.\n",
     "2019-02-25", "19:00", "Westvale Village Hall"),
    # an empty part of an address
    ("SOUTH EXAMPLE COUNCIL.\nMinutes of meeting in County Buildings, Wellington Square, , on 3rd July 2014 at 10.00 a.m.\n",
     "2014-07-03", "10:00", "County Buildings, Wellington Square"),
    # the time is not part of the venue
    ("A meeting to be held at Council Chambers, Civic Centre at 10:00 on 27 April 2010.\n", "2010-04-27", "10:00", "Council Chambers, Civic Centre"),
    # one-line pages with labelled fields
    ("Meeting Details Committee: Scrutiny Committee Date/Time: 22 Jul 2021 - 19:00 to 21:28 Status: Occurred Venue: To Be Held Remotely "
     "Add to my Calendar This meeting can be viewed online. Agenda 4 Minutes of the meeting held on 30 June 2021.\n",
     "2021-07-22", "19:00", "To Be Held Remotely"),
    ("SHADOW SCRUTINY COMMITTEE DATE: Tuesday 11 th April 2017 TIME 10.00 am LOCATION Council Chamber at Fen Hall, County Road (Public Meeting) AGENDA\n",
     "2017-04-11", "10:00", "Council Chamber at Fen Hall, County Road"),
    # a run-together conversion
    ("AGENDA for ameeting of the HEALTH SCRUTINY COMMITTEE in the Council Chamber, County Hall, Town on TUESDAY, 24 MARCH 2009AT 10.00A.M.\n",
     "2009-03-24", "10:00", "Council Chamber, County Hall, Town"),
    # a minute reference and the attendance run on after the venue on one long line
    ("Minutes of a Meeting of Groby Example Parish Council held at 7.00pm on Monday 4 February 2008 at the Parish Council Chamber, "
     "Long Road, Groby Cou/285/07-08 Present Members: Cllr P Batt (Chairman)\n", "2008-02-04", "19:00", "Parish Council Chamber, Long Road, Groby"),
    # a "Date | Time | Venue" table read into lines
    ("Minute of Meeting\nExample Joint Board\n\nDate\tTime\tVenue\nTuesday, 01 March 2022\t13:00\tCouncil Chambers, Example House, Town\n",
     "2022-03-01", "13:00", "Council Chambers, Example House, Town"),
    # an address continued after a blank line
    ("Agenda and minutes\nScrutiny Committee - Tuesday, 9 July 2024 7:00 pm\nVenue: Council Chamber, Town Hall,\n\nHigh Street, Town AB1 2CD\n\nContact: Jo Clerk\n",
     "2024-07-09", "19:00", "Council Chamber, Town Hall, High Street, Town AB1 2CD"),
    # the meeting's hours on a line of their own under its date (a Scottish minute's head)
    ("2007.E.C.1\n\nTHE EXAMPLE COUNCIL - EDUCATION COMMITTEE\n\n2nd August, 2007\n\n10.00 a.m. - 1.25 p.m.\n\n"
     "2.00 p.m. - 2.50 p.m.\n\nPRESENT:\nCouncillors Ann Bell and Bob Carr.\n", "2007-08-02", "10:00", None),
    ("Example Area Forum\n\nThursday 14 March 2019\n\n6.30pm – 8.15pm\n\nPresent: Cllr A Bell\n", "2019-03-14", "18:30", None),
    # the place after the body in a heading in capitals, behind a dash, wrapped or not
    ("THE EXAMPLE COUNCIL - POLICY & RESOURCES COMMITTEE - \nGLENROTHES.\n\n2nd August, 2007\n\nPRESENT:\nCouncillor A Bell.\n",
     "2007-08-02", None, "Glenrothes"),
    ("THE EXAMPLE COUNCIL - EDUCATION SUB-COMMITTEE - NORTH BERWICK\n14th May 2009\nPRESENT:\nCouncillor A Bell.\n",
     "2009-05-14", None, "North Berwick"),
    # not a part of a body named in mixed case
    ("Planning Area Committee - North\n\n3 May 2022\n\nPresent: Cllr A Bell\n", "2022-05-03", None, None),
])
def test_meeting_line(text, date, time, venue):
    meeting = parse(text).meeting
    assert (meeting.date, meeting.time, meeting.venue) == (date, time, venue)


@pytest.mark.parametrize("text, date", [
    # the opening line beats a later date with a time ("invitations for 17th October 2011 … 3.00pm")
    ("Minutes of a meeting held on 4th October, 2011.\n\nPresent: Councillor A Smith (Chairman).\n\n474 MINUTES\n"
     "Members were advised that invitations had been sent for 17th October 2011 and 3.00pm was agreed.\n", "2011-10-04"),
    # a bank statement's date is not the meeting's
    ("EXAMPLE COMMUNITY COUNCIL\nMEETING 13th MARCH 2019\nExample Community Council held their meeting at 7.30pm on the 13th March 2019.\n"
     "6. CORRESPONDENCE\nii) Bank Statement dated 15th February 2019, Sheet Number 343, Credit Balance of £21.49. Noted\n", "2019-03-13"),
    # a meeting reconvened later, and earlier minutes noted, are not this meeting
    ("Agenda and minutes\nScrutiny Committee - Thursday, 13th June, 2024 7.00 pm, POSTPONED\n"
     "Note: This meeting was not quorate and meeting reconvened on the 24th of June 2024\n", "2024-06-13"),
    ("Westshire Council Agenda - 27 April 2010, 10:00\nA meeting to be held at Council Chambers at 10:00 on 27 April 2010.\n"
     "| (d) | Note Minute of Meeting of Appeals Committee held on Friday 19 March 2010 at 09.00 am (herewith) |\n", "2010-04-27"),
    # a date in running text is not taken for the meeting's when nothing says so
    ("Agenda item\nWork Programme\nTo consider a report.\nThe Coordinator introduced the report.\n"
     "It was proposed that a formal report be presented at the meeting scheduled for the 8th June 2023 instead.\n", None),
])
def test_meeting_date_is_the_meetings_own(text, date):
    assert parse(text).meeting.date == date
