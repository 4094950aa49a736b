"""Who was on the committee, present, in attendance, substituting, or sent apologies.

Councils write attendance in a handful of layouts, whatever their system:
- labelled blocks: "Present:", "Attending:", "Attendees:", "Also present:", "Officers present:",
  "In attendance virtually:", "Other Attendees:", "Apologies:", "Substitutes:", "Membership",
  "Members of the Committee:-", at a line's start, after a minute's number ("2711. Apologies for
  absence: Cllr A, B, C.") or a table cell, or inside a paragraph ("… and the Clerk. Members of
  the public - Mr A Smith");
- lists inside them: one name a line, comma lists wrapped over lines, run together with only the
  titles to part them ("Provost A WOOD (in the Chair) Councillor B BENNY Councillor …"), with roles
  in brackets or after commas, party names after each ("A Smith (Chair) Labour B Jones Labour"),
  names and posts interleaved ("A Smith, Chief Accountant, Corporate Services B Jones, Head of …"),
  surnames only after a plural title ("Councillors Smith, Jones and D Brown"), sub-headings
  (COUNCILLORS / BAILIES / COUNTY COUNCILLORS (15));
- sentences: "Apologies for absence were received from / intimated on behalf of …",
  "These were received from Councillors …" under an apologies heading, "X had been appointed as
  substitute for Y", "X had been appointed to the Committee in place of Y", "X joined the meeting at
  11.15am", "X joined the meeting virtually", "…, X, who were in attendance";
- unlabelled lists at the head of minutes ("County Councillors A, B and C.") and roll calls under a
  "Calling of the Roll" heading;
- membership tables flattened into a line ("Council Member Substitute  X Council Cllr A Cllr B Cllr C
  Cllr D …") and attendance tables ("Attendee Role Attendance" rows).
Names only come from these: a person congratulated or remembered in the minutes is not attendance.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Attendee
from .prose import is_all_caps, until_sentence_end

_READ_LINES = 400  # attendance is stated near the top; an agenda pack's bound-in minutes are read too
_READ_CHARS = 60_000

# titles before a name; a plural title lets bare surnames follow ("Councillors Dunn and Edwards")
_TITLE_WORDS = (r"(?:(?:County|District|Borough|Town|Parish|Community)\s+){0,2}(?:Councillors?|Cllrs?)\.?|Mr|Mrs|Ms|Miss|Mx|Dr|Messrs|PCSO|"
                r"Prof(?:essor)?|Sir|Dame|Revd?\.?|Reverend|Rt\.?\s+Revd?\.?|Canon|Father|Monsignor|Lord|Lady|Baroness|Baron|"
                r"(?-i:DCI|DI|DS|DC|PC|ACC)|Supt|Ch\.?\s+Supt|Insp|Chief\s+Inspector|Superintendent|"
                r"(?:The\s+)?(?:Rt\.?\s+|Right\s+)?Hon(?:ourable)?\.?|"
                r"(?:Lord\s+|Depute\s+|Deputy\s+)?Provost|Bailie|(?:Depute\s+|Vice[\s-])?Conven[eo]r|(?:Depute\s+|Deputy\s+)?Leader|"
                r"Chair(?:man|person|woman)?|Vice[\s-]Chair(?:man|person|woman)?|Alder(?:man|woman)|Deputy|(?:Lord\s+|Deputy\s+)?Mayor|Sheriff|Baillie|City\s+Mayor")
HONORIFIC = rf"(?:{_TITLE_WORDS})\.?"
_TITLE_LEAD = re.compile(rf"^(?:(?:the\s+)?{HONORIFIC}(?:\s*(?::-?|,)?\s+|\s*(?::-?|,)?$))+", re.IGNORECASE)
_PLURAL_TITLE = re.compile(r"^\s*(?:and\s+)?(?:(?:(?:County|District|Borough|Town|Parish|Community)\s+){0,2}(?:Councillors|Cllrs)|Messrs)\b\.?", re.IGNORECASE)
# a person title that starts a new entry in a run-together list ("… BENNY Councillor Alasdair …")
_TITLE_SPLIT = re.compile(
    r"(?<=[\w\)\]’'.])\s+(?=(?:(?:County\s+|District\s+|Town\s+|Community\s+)?(?:Councillors?|Cllrs?\.?)|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof|Revd?|"
    r"Monsignor|Canon|Father|Baroness|Alder(?:man|woman)|(?:Lord\s+|Depute\s+|Deputy\s+)?Provost|(?:City\s+|Lord\s+|Deputy\s+)?Mayor|Bailie|Depute\s+Conven[eo]r|Depute\s+Leader|"
    r"The\s+(?:Rt\.?\s+)?Hon)\.?\s+[A-Z])")
_PARTIES = (r"(?:Labour(?:\s+(?:and|&)\s+Co-operative)?(?:\s+Party)?|Conservative(?:\s+Party)?|Liberal\s+Democrats?|Lib\s+Dems?|"
            r"Green\s+Party|Independents?|Plaid\s+Cymru|SNP|Scottish\s+National\s+Party|Reform\s+UK|UKIP|Residents(?:'|’)?\s+Association|"
            r"Non-aligned|Unaligned|Alliance)")
_PARTY_AFTER_NAME = re.compile(rf"(?<=[a-z\)])\s+{_PARTIES}\b(?=\s+[A-Z]|\s*$|\s*[,;])")
_POST_NOMINALS = {"obe", "mbe", "cbe", "kbe", "dbe", "cb", "mp", "msp", "ms", "am", "mla", "mep", "jp", "dl", "qc", "kc", "bem",
                  "qpm", "frics", "fca", "cpfa", "acma", "fcca", "phd", "bsc", "ba", "ma", "msc", "llb", "rn", "mrcgp", "frcp", "dph"}
# words that occur in roles, organisations, headings and addresses but not in people's names
_NOT_NAME_WORDS = {
    "council", "county", "district", "borough", "city", "children", "child", "families", "family", "first",
    "director", "directorate", "directors", "manager", "management", "officer", "officers", "head", "service", "services",
    "team", "board", "trust", "police", "partnership", "member", "members", "chairman", "chair", "chairperson",
    "vice", "cabinet", "education", "health", "care", "public", "group", "assistant", "interim", "senior",
    "democratic", "scrutiny", "overview", "safeguarding", "unit", "hub", "department", "authority",
    "representative", "representatives", "governor", "governors", "church", "england", "diocese", "papers",
    "available", "agenda", "minutes", "apologies", "apology", "present", "attendance", "attended", "attending", "also", "councillors",
    "co-opted", "coopted", "parent", "vacancy", "vacant", "none", "nil", "nhs", "ccg", "practitioner", "principal",
    "strategic", "business", "intelligence", "development", "skills", "support", "quality", "assurance",
    "performance", "early", "help", "need", "front", "door", "communities", "community", "safer", "adults",
    "adult", "social", "work", "worker", "leader", "deputy", "depute", "executive", "chief", "lead", "legal",
    "governance", "finance", "financial", "resources", "place", "people", "housing", "planning", "strategy", "policy",
    "programme", "project", "commissioning", "clerk", "secretary", "advisor", "adviser", "consultant",
    "inspector", "committee", "panel", "substitute", "substitutes", "and", "of", "the", "for", "with",
    "responsibility", "portfolio", "holder", "well-being", "wellbeing", "disability", "disabilities",
    "college", "school", "schools", "university", "healthwatch", "association", "commissioner",
    "hospital", "foundation", "agency", "ltd", "limited", "office", "offices",
    "specialist", "treasurer", "permanency", "proceedings", "fostering", "adoption", "in", "on", "by", "guest", "guests",
    "speaker", "speakers", "press", "observer", "observers", "young", "youth", "elected", "mayor", "town",
    "parish", "observing", "virtually", "remotely", "online", "webcast", "item", "items", "minute", "llp", "plc", "cic", "cio",
    "corporate", "accountant", "environment", "environmental", "solicitor", "monitoring", "acting", "joint",
    "transport", "highways", "regeneration", "economy", "economic", "infrastructure", "audit", "internal", "external",
    "revenues", "benefits", "customer", "customers", "digital", "transformation", "operations", "operational",
    "engagement", "improvement", "partnerships", "sport", "leisure", "culture", "learning", "inclusion", "growth",
    "registered", "provider", "providers", "coordinator", "co-ordinator", "administrator", "administration", "committees",
    "religious", "catholic", "non-voting", "voting", "visitors", "visitor", "declarations", "interests", "interest",
    "labour", "conservative", "liberal", "democrat", "democrats", "independent", "plaid", "cymru", "snp", "reform",
    "road", "avenue", "square", "centre", "center", "chamber", "building", "buildings",
    "drive", "crescent", "terrace", "room", "headquarters", "civic", "guildhall", "west", "east", "north", "south", "mercia",
    "meeting", "meetings", "teams", "zoom", "microsoft", "remote", "virtual", "standard", "other", "others", "attendees",
    "unison", "gmb", "unite", "union", "trade", "unions", "fire", "rescue", "ambulance", "constabulary", "commission",
    "justice", "probation", "prison", "court", "courts", "crown", "national", "regional", "local", "government",
    "wales", "scotland", "britain", "uk", "region", "welsh", "scottish", "english", "officials", "staff",
}
_ADDRESS = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b(?:Street|Road|Lane|Avenue|Square|House|Centre|Chambers|Hall|Offices|Way|Place)\b,")
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|[A-Z][a-z]*[A-Z][a-z'’]+|[A-Z]{1,3}|(?:[A-Z]\.)+[A-Z]?|"
    r"(?:Mc|Mac|O['’‟]|D['’]|Fitz)[A-Z][A-Za-z'’]+|[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)*|"
    r"de|van|von|der|den|le|la|du|da|di|bin|al|ab|ap|Le|La|De|Van|Von|Du|Da|Di|St\.?)$")
_TITLE_ONLY = re.compile(rf"^(?:{HONORIFIC}\s*)+$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.)+[A-Z]?\.?)$")

# labels that open a block, and the status of the people in it
_LABEL_DEFS: list[tuple[str, str]] = [
    (r"(?:(?:Members|Councillors|Elected\s+Members|Committee\s+Members|Panel\s+Members)\s+)?Present(?:\s+(?:were|Members|Councillors))?"
     r"(?:\s+(?:remotely|virtually|in\s+person|online))?(?:\s+at\s+(?:the\s+)?[Mm]eeting)?|"
     r"(?:(?:Vice|Deputy)[- ]?)?Chair(?:man|person)?|"
     r"(?:Those\s+present(?:\s+were)?|There\s+were\s+present)|Attendees|Sederunt|Attendance", "present"),
    (r"Also\s+(?:attended|attending|present|in\s+attendance)(?:\s+virtually|\s+remotely)?|In\s+attendance(?:\s+virtually|\s+remotely)?|"
     r"Attending(?:\s+virtually|\s+remotely)?|Officers?(?:\s+(?:present|in\s+attendance|attending))?|Others\s+present|"
     r"Other\s+(?:attendees|Members\s+present|Councillors\s+present)|"
     # the rule they attend under may follow: "Members attending in accordance with Standing Orders 8 and 25:-"
     r"(?:Other\s+)?(?:Members|Councillors)\s+(?:also\s+)?(?:in\s+attendance|attending)(?:\s+(?:in\s+accordance\s+with|under)\s+[^:\n]{1,60}(?=:))?|Members\s+of\s+the\s+public|Public\s+attendance|"
     r"Visitors|Witnesses|Guests?", "in_attendance"),
    (r"Apolog(?:ies|y)(?:\s+for\s+absence)?|Apologies\s+(?:were\s+)?received(?:\s+from)?|"
     r"The\s+following\s+apologies(?:\s+for\s+absence)?\s+(?:were|was)\s+(?:received|noted|submitted)", "apologies"),
    (r"(?:Named\s+)?Substitutes?(?:\s+(?:present|members?))?|Substitutions?|"
     r"The\s+following\s+(?:named\s+)?(?:substitute\s+members?|substitutes|substitutions?)\s+(?:were|was|had\s+been)\s+(?:noted|made|reported|appointed)", "substitute"),
    (r"Membership|Members\s+of\s+the\s+(?:[A-Z][\w\s,&-]{0,60}?\s)?(?:Committee|Panel|Board|Commission)(?:\s*\(\d+\))?(?:\s*[-–]\s*QUORUM\s*\d+)?|"
     r"Committee\s+Members(?:hip)?|Panel\s+Members(?:hip)?|Members", "member"),
]
# a label at the start of a line, after a minute's number ("2711.") or a table cell, ending in ":" or ":-" or the line's end
_LINE_LABEL = re.compile(
    r"^\s*(?:(?:\d{1,4}[a-z]?\.?\s+|\(\w{1,3}\)\s+)(?=[^:\n]{3,40}:)|\t)?(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_LABEL_DEFS)) +
    r")\s*(?::-?|-\s|–\s|\s*$|(?<=were)\s|"
    # no colon before a title or a name with its initials: "Apologies Councillor A Bell", "Present Ann Bell AB Bob Carr BC"
    rf"\s(?=(?:{_TITLE_WORDS})\.?\s+(?-i:[A-Z])|(?-i:[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’-]+){{1,2}}(?:\s+\([^)]*\))?\s+[A-Z]{{2,3}}\b)))", re.IGNORECASE)
# a label inside a paragraph, after a sentence's end, a tab or the start: "… and the Clerk. Members of the public - Mr A Smith"
_INLINE_LABEL = re.compile(
    r"(?:(?<=[.;])\s+|\t|\s{2,}|\s(?=[A-Z ]{4,}:))(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_LABEL_DEFS)) +
    r")\s*(?::-?|\s[-–]\s)|"
    # a label in capitals inside a paragraph: "… A Woolcock APOLOGIES: Cllrs: C J Crowley, …"
    r"\s(?=[A-Z ]{4,}:)(?i:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_LABEL_DEFS)) + r")\s*:-?")
# a heading inside a list that only groups names: "COUNTY COUNCILLORS (15)", "BAILIES", "Councillors:-"
_SUB_HEADING = re.compile(
    r"^\s*(?:(?:County|District|Borough|District/Borough|Town|Parish)\s*)?(?:Councillors|Cllrs|Bailies|Members|Elected\s+Members|"
    r"Co-?opted\s+Members|Voting\s+Members|Non-voting\s+Members)\s*(?:\(\d+\))?\s*(?::-?)?\s*$|"
    r"^\s*(?:[A-Z][\w-]*\s+){0,3}Representatives?\s*(?:\([^)]*\))?\s*:?\s*$", re.IGNORECASE)
_ITEM_LINE = re.compile(r"^\s*(?:\d{1,4}[a-z]?[.)]?(?:\s+\S|\s*$)|\d{1,4}/\d{2,4}\b|Item\s+\d|Agenda\b|AGENDA\b|No\.?\s+Item\b|Minutes\s*:|"
                        r"(?:PART|Part)\s+[1I]\b|Declarations?\s+of\s+interest)")

_APOLOGIES_SENTENCE = re.compile(
    r"\b(?:An\s+)?apolog(?:y|ies)(?:\s+(?:for|of)\s+(?:absence|lateness))?(?:\s+from\s+(?:members\s+of\s+the\s+\w+|\w+\s+members))?\s+"
    r"(?:(?:were|was|had\s+been|have\s+been|has\s+been|be)\s+(?:also\s+)?)?"
    r"(?:received|submitted|given|tendered|noted|intimated|reported|offered|made)\s+(?:from|by|on\s+behalf\s+of)\s*:?\s*",
    re.IGNORECASE)
# "These were received from Councillors …" directly under an apologies heading or after the attendance lists
_THESE_RECEIVED = re.compile(r"^\s*(?:These|They|Apologies)\s+were\s+(?:received|submitted|given|intimated)\s+(?:from|on\s+behalf\s+of)\s+", re.IGNORECASE)
# sentences are found by their verb first, then the person is read back from it: linear in the paper's size
_SUBSTITUTE_VERB = re.compile(
    r"\s+(?:(?:had\s+been|has\s+been|was|were)\s+(?:duly\s+)?appointed\s+(?:as\s+(?:a\s+|the\s+)?(?i:named\s+)?(?i:substitute|replacement)\s+(?i:member\s+)?for|"
    r"to\s+the\s+(?:Committee|Panel|Board|Commission|Sub-Committee)\s+in\s+place\s+of)|"
    r"(?:attended|acted|was\s+present|was\s+in\s+attendance|sat)\s+as\s+(?:a\s+|the\s+)?(?i:named\s+)?(?i:substitute|replacement)(?:\s+(?i:member))?(?:\s+for|(?=\s*[.,;]|\s+(?:and|at|on)\b))|"
    r"substituted\s+for|(?:was\s+)?substituting\s+for|replaced)\b")
# the active voice: "the Chief Executive … had appointed Councillor A Smith as a replacement member on the Committee in place of …"
_APPOINTED_AS = re.compile(
    rf"\bappointed\s+(?P<who>(?:{HONORIFIC}\s+)+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}|[A-Z][a-z]+\s+[A-Z][\w'’-]+)"
    r"\s+as\s+(?:a\s+|the\s+)?(?i:named\s+)?(?i:substitute|replacement)\b")
_JOINED_VERB = re.compile(r"\s+(?:(?:joined|attended|entered)\s+the\s+meeting\b|arrived\s+(?:at|during|for|after)\b)(?P<how>[^.\n]{0,80})")
_WHO_BEFORE = re.compile(rf"(?P<who>(?:{HONORIFIC}\s+)+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}|[A-Z][a-z]+\s+[A-Z][\w'’-]+)$")
_WHO_LIST_BEFORE = re.compile(
    rf"(?P<who>(?:{HONORIFIC}\s+)+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}(?:\s+and\s+(?:{HONORIFIC}\s+)+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})*)$")
_POST_WORD = r"(?:Officer|Director|Manager|Head|Executive|Clerk|Solicitor|Commissioner|Auditor|Accountant|Adviser|Advisor|Lead|Chief)"
_NAMED_AFTER_POST = re.compile(
    r",\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?:addressed|presented|introduced|reported|gave|outlined|explained|"
    r"advised|informed|updated|attended|responded|answered|summarised|spoke)\b")
_IN_ATTENDANCE_SENTENCE = re.compile(r",?\s+who\s+(?:was|were)\s+in\s+attendance\b")
_ROLL_HEADING = re.compile(r"\b(?:calling\s+of\s+the\s+roll|roll\s+call|sederunt)\b", re.IGNORECASE)
_UNLABELLED_LIST = re.compile(r"^\s*(?:(?:County|District|Borough|Town|Parish|Community)\s+)?(?:Councillors|Cllrs)\.?\s+[A-Z]")
_TABLE_HEAD = re.compile(r"^\s*(?:Attendee|Name|Member|Councillor)\s*\t?\s*(?:Role\s*\t?\s*)?(?:Attendance|Status)\b", re.IGNORECASE)
# ModernGov's attendance statuses: "Present", "Present, virtual", "Present as substitute", "In attendance, virtual",
# "Apologies", "Apologies, sent substitute", "Absent", "Expected"
_TABLE_STATUS = re.compile(
    r"(?:^|\t|\s)(?P<st>(?:Present|Attended)(?P<sub>,?\s*as\s+(?:a\s+)?substitute)?(?:,?\s*(?:virtual|remote)(?:ly)?)?|"
    r"In\s+attendance(?:,?\s*(?:virtual|remote)(?:ly)?)?|Apolog(?:ies|y)(?:,?\s*(?:sent\s+)?substitute(?:\s+sent)?)?|Absent|Expected)"
    r"\s*(?=\t|$)", re.IGNORECASE)
_OFFICER_POST = re.compile(r"\b(?:Chief\s+Executive|Director|Head\s+of|Officer|Clerk|Secretary|Manager|Solicitor|Monitoring)\b")


@dataclass
class _Person:
    name: str
    status: str
    title: str = ""  # Mr, Mrs, Dr …: two people may share a name and differ in title
    membership: bool = False  # read from a membership list (an agenda's own attendance)


def _status_of(match: re.Match) -> str:
    for i, (_, status) in enumerate(_LABEL_DEFS):
        if match.group(f"s{i}") or f"c{i}" in match.re.groupindex and match.group(f"c{i}"):
            return status
    raise AssertionError("a label matched no group")


# -- one entry to one name -------------------------------------------------------------------

def _name_from(entry: str, bare_surname_ok: bool = False) -> tuple[str, str] | None:
    """(name, title) from one list entry ("Councillor Mrs A Smith (Chair)", "A Smith, Head of Law"), or None."""
    text = re.sub(r"\s+", " ", entry).strip(" .,;:-–*•·")
    text = re.sub(r"^(?:and|&)\s+", "", text, flags=re.IGNORECASE)
    lead = _TITLE_LEAD.match(text)
    title = ""
    if lead:
        title_words = lead.group(0).split()
        title = next((w.strip(".:,") for w in title_words if w.strip(".:,").lower() in {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mx"}), "")
        text = text[lead.end():].strip()
    had_title = bool(lead)
    # an organisation's acronym before a name in an interleaved list: "…, CNPA Nick Halfhide, Policy & Projects"
    text = re.sub(r"^(?:[A-Z]{2,}\s+)+(?=[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*\s+[A-Z][a-z])", "", text)
    tokens = text.split(" ")
    name: list[str] = []
    for token in tokens:
        bare = token.strip(",;:")
        bare = re.sub(r"\.$", "", bare) if not _INITIALS.match(bare) else bare
        if not bare or bare.lower().strip(".") in _NOT_NAME_WORDS or bare.lower().strip(".") in _POST_NOMINALS and name:
            break
        if not _NAME_TOKEN.match(bare.rstrip(".")) and not _NAME_TOKEN.match(bare):
            break
        name.append(bare)
        if token.endswith((",", ";", ":")):
            break
    while name and name[-1].lower() in {"de", "van", "von", "der", "den", "le", "la", "du", "da", "di", "bin", "al", "st", "st."}:
        name.pop()
    # a row's council after the name, a (member | body) table read across: "B Apsley Wrexham County Borough Council",
    # "Ann Bell Bury Council": the place before the council's name is the body's, not the person's
    rest = " ".join(tokens[len(name):])
    if len(name) >= 3 and re.match(r"(?:(?:County|Borough|City|District)\s+){0,2}Council\b", rest):
        name.pop()
    if not name or len(name) > 5:
        return None
    if all(_INITIALS.match(t) for t in name):  # "DCF", "A B": initials alone are a role's acronym or half a name
        return None
    if len(name) == 1:
        word = name[0]
        if not (had_title or bare_surname_ok) or len(word) < 2 or (word.isupper() and len(word) <= 3):
            return None
        if not had_title and len(tokens) > 1 and tokens[1].strip(".,;:").lower() not in _POST_NOMINALS:
            return None  # a surname after a title stands alone ("Councillors Dunn and Edwards"), not before a post
    return " ".join(name), title


def _trailing_name(entry: str) -> str | None:
    """A name after a post in an interleaved list: "Corporate Services Tony Cain" -> "Tony Cain"."""
    tokens = re.sub(r"\([^)]*\)", " ", entry).split()
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip(",.;:")
        if bare.lower() in _NOT_NAME_WORDS or not _NAME_TOKEN.match(bare) or bare.lower() in _POST_NOMINALS:
            break
        if len(run) >= 2 and re.fullmatch(r"[A-Z]{2,6}", bare):
            break  # an organisation's acronym before the name: "… at the OPCC Kelvin Menon"
        run.insert(0, bare)
    if not 2 <= len(run) <= 3 or len(run) == len(tokens):
        return None
    before = tokens[len(tokens) - len(run) - 1].strip(",.;:")
    if (before.lower() not in _NOT_NAME_WORDS and not re.fullmatch(r"[A-Z]{2,6}", before)) or not before[:1].isupper():
        return None  # "Head of Trading Standards": a post's own words, not a name after it
    if all(_INITIALS.match(t) for t in run):
        return None
    return " ".join(run)


# -- a list to entries -----------------------------------------------------------------------

def _strip_brackets(text: str) -> tuple[str, list[str]]:
    """Roles and notes in brackets go ("(Chair)", "(for Councillor B Jones)", "(Watford)"); a titled name that
    a column merge left inside a bracket ("(from Councillor A SMITH item 5)") is kept as an entry of its own."""
    kept: list[str] = []
    out: list[str] = []
    depth = 0
    inner: list[str] = []
    for ch in text:
        if ch == "(":
            depth += 1
            if depth == 1:
                inner = []
                out.append(" ")
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                bracket = "".join(inner)
                merged = re.search(rf"^(?!.*\b(?:for|replacing|in\s+place\s+of|substitut\w*|vice)\b).*?\b(?P<p>(?:Councillor|Cllr)\.?\s+[A-Z].*)$", bracket)
                if merged:
                    kept.append(merged.group("p"))
                out.append(" , ")
                continue
        if depth:
            inner.append(ch)
        else:
            out.append(ch)
    return "".join(out), kept


def _own_initials(text: str) -> str:
    """A name followed by its own initials, a code the minutes use for actions ("Ann Bell AB Bob Carr (SBC) BC"):
    the initials part the names like a comma."""
    def part(m: re.Match) -> str:
        words = m.group("name").split()
        return m.group("name") + (m.group("note") or "") + " , " if "".join(w[0] for w in words) == m.group("ini") else m.group(0)
    return re.sub(r"(?P<name>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’-]+){1,2})(?P<note>\s+\([^)]*\))?\s+(?P<ini>[A-Z]{2,3})\b", part, text)


def _entries(text: str) -> list[str]:
    text = _own_initials(text)
    text = re.sub(r"\b(?:Roman\s+Catholic|Church\s+of\s+England|Church\s+in\s+Wales|Free\s+Church)\b", " , ", text)
    text, kept = _strip_brackets(text)
    # a body's acronym repeated before each of its people is a table's first column, not a name:
    # "GMCA – Chief Executive A Bell GMCA – Treasurer B Carr GMCA Cal Dunn"
    repeated = {acronym for acronym, count in Counter(re.findall(r"\b[A-Z]{3,}\b", text)).items() if count >= 3}
    if repeated:
        text = re.sub(r"\b[A-Z]{3,}\b", lambda m: " , " if m.group(0) in repeated else m.group(0), text)
    text = _PARTY_AFTER_NAME.sub(" , ", text)
    text = _TITLE_SPLIT.sub(" , ", text)
    # "Gareth Dadd. Carl Les." and "Representative Pauline Sheath": a sentence's end or a role word parts two people
    text = re.sub(r"\b([A-Za-z][a-z]+)\.\s+(?=[A-Z])", lambda m: m.group(0) if _TITLE_ONLY.match(m.group(1)) else m.group(1) + " , ", text)
    text = re.sub(r"\b(Representatives?|Observers?)\s+(?=[A-Z])", r"\1 , ", text)
    # a group's label inside a list parts it like a comma: "… Councillor A Smith and from Added Members: Mr B Jones, …"
    text = re.sub(r"\b(?:from\s+)?((?:[A-Z][\w-]*\s+){0,3}(?:Members|Councillors|Representatives|Officers|Members\s+of\s+the\s+\w+))\s*:-?\s+",
                  r"\1 , ", text)
    parts = [p for p in re.split(r"\s*(?:,|;|\n|\band\b|&|\s[-–]\s|\t|\s\|\s)\s*", text) + kept if p and p.strip()]
    # a title cut off its name by the split ("Chairman , Cllr , Mrs Shewell") goes back onto it
    merged: list[str] = []
    carry = ""
    for part in parts:
        if _TITLE_ONLY.match(part.strip()):
            carry += part.strip() + " "
            continue
        merged.append(carry + part)
        carry = ""
    return merged


_CASED_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’]+|(?:Mc|Mac|O['’])[A-Z][a-z'’]+)(?:-[A-Z][a-z'’]+)*$")


def _unseparated_pairs(entry: str) -> list[str] | None:
    """A one-name-a-line list whose line breaks were lost (a PDF flattened to one line) leaves the names run
    together with nothing between them: "Peter Argyle Eric Baird Duncan Bryden …". With no title or initial to
    part them, an even run of capitalised words is read two words a person; an odd run of five or more may hold
    a three-word name anywhere, and gives nobody (None) rather than wrong pairs; [] when it is no such run."""
    if _TITLE_LEAD.match(entry.strip()):
        return []
    run: list[str] = []
    for token in entry.split():
        word = token.rstrip(".,;:")
        if not _CASED_NAME_WORD.match(word) or word.lower() in _NOT_NAME_WORDS or word.lower() in _POST_NOMINALS:
            break
        run.append(word)
        if word != token:
            break
    if len(run) < 4:
        return []
    if len(run) % 2:
        return None if len(run) >= 5 else []
    return [f"{run[i]} {run[i + 1]}" for i in range(0, len(run), 2)]


def _post_after_comma(chunk: str) -> bool:
    """"A Smith, Director of Law" (a post after the comma), not "Councillors Boyle, Cooney and Stuart"."""
    if "," not in chunk:
        return False
    after = chunk.split(",", 1)[1]
    words = [w.strip(".,()").lower() for w in after.split()]
    return bool(words) and any(w in _NOT_NAME_WORDS - {"and", "of", "the", "for", "with", "in", "on", "by"} for w in words)


def _cased_words_after_title(entry: str) -> list[str]:
    lead = _TITLE_LEAD.match(entry.strip())
    words: list[str] = []
    for token in entry.strip()[lead.end():].split() if lead else []:
        if not _NAME_TOKEN.match(token) or token.lower() in _NOT_NAME_WORDS:
            break
        words.append(token)
    return words


def _row_labels_dropped(entries: list[str]) -> list[str]:
    """A two-column table (constituent body | member) read row by row into one line: "Bolton Councillor Ann Bell
    Bury Councillor Bob Carr Wigan Councillor Cal Dunn". Parted at the titles, each name but the last carries the
    next row's body at its end, and the first row's body stands alone before it. Seen as: a lone body before the first
    titled entry, most titled entries three words long, the last one two: the bodies go, the names stay."""
    titled = [i for i, entry in enumerate(entries) if _TITLE_LEAD.match(entry.strip())]
    if len(titled) < 3 or titled[0] == 0 or _TITLE_LEAD.match(entries[titled[0] - 1].strip()):
        return entries
    first_label = entries[titled[0] - 1].split()
    if not 1 <= len(first_label) <= 3 or not all(_CASED_NAME_WORD.match(w) or w.isupper() for w in first_label):
        return entries
    sizes = [len(_cased_words_after_title(entries[i])) for i in titled]
    body_rows = sizes[:-1]
    if sizes[-1] != 2 or sum(size == 3 for size in body_rows) < max(2, 0.75 * len(body_rows)):
        return entries
    out = []
    for i, size in zip(titled, sizes):
        words = _cased_words_after_title(entries[i])
        if size >= 3 and i != titled[-1]:
            lead = _TITLE_LEAD.match(entries[i].strip())
            out.append(entries[i].strip()[:lead.end()] + " ".join(words[:-1]))
        elif size >= 2:
            out.append(entries[i])
    return out


def _names_between_posts(entry: str) -> list[str]:
    """Names and posts run together with nothing between them, a one-person-a-line list flattened:
    "Ann Bell Chief Executive Bob Carr Head of Finance Cal Dunn Committee Officer". A name is two or three
    capitalised words at the start or after a post's capitalised last word, up to the next post word."""
    tokens = re.sub(r"\([^)]*\)", " ", entry).split()
    names: list[str] = []
    run: list[str] = []
    opened = True  # a name may start here: the entry's start, or just after a post word in capitals ("Executive")

    def close() -> None:
        if opened and 2 <= len(run) <= 3:
            names.append(" ".join(run))

    for token in tokens:
        bare = token.strip(",.;:")
        post = bare.lower() in _NOT_NAME_WORDS
        if not post and _CASED_NAME_WORD.match(bare):
            run.append(bare)
            continue
        close()
        opened = post and bare[:1].isupper()
        run = []
    close()
    return names


_AND_NEXT_PERSON = re.compile(rf"\s+and\s+(?=(?:{HONORIFIC}\s+)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}},)")


def _people_in(text: str, status: str, membership: bool = False, interleaved_ok: bool = False) -> list[_Person]:
    """The people in a list. After a title, bare surnames follow ("Councillors Dunn and Edwards", "Cllr Ashman, Hoskins")."""
    if membership:
        # "A Smith , Chief Executive" signing a notice under the members' names is not a member
        text = "\n".join(line for line in text.split("\n") if not (_OFFICER_POST.search(line) and not _TITLE_LEAD.match(line.strip())))
    chunks = re.split(r";", text)
    with_post = [_post_after_comma(c) for c in chunks]
    if len(chunks) >= 3 and sum(with_post) >= 2:
        # "A Smith, Chief Executive; B Jones, Director of Law; …": one person a chunk, the post after the comma
        # a chunk may hold two ("Iain Grant, Committee Manager and Steve Thompson, Committee Administrator"),
        # and a line break inside a chunk is the paragraph's wrap ("… Service; Brian" / "Livingston, Manager")
        people: list[_Person] = []
        for chunk, post in zip(chunks, with_post):
            chunk = chunk.replace("\n", " ")
            for part in _AND_NEXT_PERSON.split(chunk) if post else [chunk]:
                named = part.split(",")[0] if _post_after_comma(part) else part
                people.extend(_people_in(named, status, membership, interleaved_ok))
        return people
    people = []
    titled = False  # a title just before: bare surnames may follow ("Councillors Dunn and Edwards", "Cllr Ashman, Hoskins")
    for entry in _row_labels_dropped(_entries(text)):
        if _PLURAL_TITLE.match(entry) or _TITLE_LEAD.match(entry.strip()):
            titled = True
        if _SUB_HEADING.match(entry):
            continue
        pairs = _unseparated_pairs(entry)
        if pairs is None:
            continue
        if pairs:
            people.extend(_Person(pair, status, "", membership) for pair in pairs)
            titled = False
            continue
        found = _name_from(entry, bare_surname_ok=titled)
        if not (_PLURAL_TITLE.match(entry) or _TITLE_LEAD.match(entry.strip())) and \
                (found is None or len(found[0].split()) < len(entry.strip(" .,;:").split())):
            titled = False  # a role ends a run of surnames ("Cllr A Smith, Cabinet Member, Worcestershire")
        if found is None and interleaved_ok:
            trailing = _trailing_name(entry)
            found = (trailing, "") if trailing else None
        if interleaved_ok and not _TITLE_LEAD.match(entry.strip()):
            more = _names_between_posts(entry)
            if len(more) >= 2 and (found is None or more[0] == found[0]):
                people.extend(_Person(name, status, "", membership) for name in more[1:])
                found = found or (more[0], "")
        if found:
            # whoever is "in the Chair" is present, wherever a merged column put them
            # ("In Attendance: Chief Executive … Mr B Lobb in the Chair")
            chair = status == "in_attendance" and re.search(r"\bin\s+the\s+chair\b", entry, re.IGNORECASE)
            people.append(_Person(found[0], "present" if chair else status, found[1], membership))
    return people


# -- labelled blocks -------------------------------------------------------------------------

def _joined(lines: list[str]) -> str:
    """A block's lines as one text: a wrapped line continues its list; a list of one name a line keeps its breaks."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        previous = out.rstrip()
        # a name cut by the wrap ("Members of the public - Mr Roger" / "Smith, MCC.") joins up again
        last = re.split(r"[,;:]|\band\b|\s[-–]\s", previous)[-1].strip()
        lead = _TITLE_LEAD.match(last)
        dangling = lead and re.fullmatch(r"(?:[A-Z]\.?\s*){0,3}|[A-Z][a-z]+", last[lead.end():].strip()) \
            and re.match(r"^[A-Z][\w'’-]+(?:[,.;]|\s+(?:and\b|&)|$)", line)
        wraps = (previous.endswith((",", ";", " and", "&", "(")) or previous.endswith("-") and not previous.endswith(":-") or line[:1].islower() or previous.count("(") > previous.count(")")
                 or bool(dangling))
        out += (" " if wraps else "\n") + line
    return out


def _block_ends(line: str, collected: list[str]) -> bool:
    stripped = line.strip()
    if _LINE_LABEL.match(line) or _ITEM_LINE.match(stripped) or _TABLE_HEAD.match(stripped):
        return True
    if _ADDRESS.search(stripped) and not _TITLE_LEAD.match(stripped):
        return True
    return False


_FUNCTION_WORDS = {"the", "to", "was", "were", "had", "has", "have", "on", "with", "from", "that", "this", "which", "in", "at",
                   "by", "his", "her", "their", "it", "is", "would", "be", "been", "an", "a"}


def _is_prose(line: str) -> bool:
    """A paragraph of narrative, not a list: many words, most of them lower case."""
    words = re.findall(r"[A-Za-z]+", re.sub(r"\([^()]*\)", " ", line))  # a role in brackets is not narrative
    grammar = sum(w.lower() in _FUNCTION_WORDS for w in words)
    return len(words) >= 20 and (grammar >= 4 or sum(w[0].islower() for w in words) / len(words) > 0.45)


_SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "at", "by", "with"}


def _names_run_on(line: str) -> bool:
    """A line of capitalised names and bodies run together, a table's rows flattened ("Bolton Ann Bell Bury Bob Carr
    Oldham Cal Dunn …"), not a heading: long, every word capitalised, no joining words, not all in capitals."""
    words = line.split()
    return (len(words) >= 6 and not is_all_caps(line) and all(w[:1].isupper() for w in words)
            and not any(w.lower() in _SMALL_WORDS for w in words) and not re.search(r"[.:;!?]", line))


def _continues(line: str, previous: str, status: str) -> bool:
    nxt = line.strip()
    if _SUB_HEADING.match(nxt) or _names_run_on(nxt):
        return True
    if _is_prose(nxt):
        return False
    if status == "member" and not re.search(r"[.!?](?:\s|$)", nxt) and len(nxt) < 200:
        return True
    return bool(
        "," in nxt or ";" in nxt
        or re.match(HONORIFIC + r"\s", nxt, re.IGNORECASE)
        or nxt[:1].islower()
        or previous.endswith((",", " and", "(", "&", ";"))
        or previous.count("(") > previous.count(")")
        or not previous
        or _name_from(re.split(r"\s[-–]\s|,|\(", nxt)[0]) is not None
    )


# a label inside a long line of run-together text, followed by a name: "… Leisgeulan Present: Mr A Smith Mrs B Jones …"
_MID_LABEL = re.compile(rf"(?<=\s)(?:(?P<p>(?:Members\s+)?Present(?:\s+Members|\s+at\s+(?:the\s+)?[Mm]eeting)?|PRESENT|"
                        rf"(?:(?:Vice|Deputy|VICE|DEPUTY)[- ]?)?(?:Chair(?:man|person)?|CHAIR(?:MAN|PERSON)?)(?=\s*:))|(?P<a>Also\s+[Pp]resent|In\s+[Aa]ttendance|Attending|ALSO\s+PRESENT|IN\s+ATTENDANCE|"
                        rf"Officers(?:\s+[Pp]resent|\s+in\s+attendance)?|OFFICERS(?:\s+PRESENT)?)|"
                        rf"(?P<x>Apologies(?:\s+for\s+[Aa]bsence)?|APOLOGIES(?:\s+FOR\s+ABSENCE)?))"
                        # a heading in capitals needs no colon: "… PRESENT Ann Bell Bob Carr IN ATTENDANCE Cal Dunn …";
                        # nor does one a title follows ("… Officers Mr. A Bell, …; Apologies Councillors C Dunn, …")
                        rf"(?:\s*:-?\s*(?=(?:[\w'’.-]+\s+){{0,8}}?(?:{HONORIFIC})\s+[A-Z]|[A-Z](?:[a-z]+|\.?(?:\s+[A-Z]\.?)*)\s+[A-Z][a-z])|"
                        rf"(?<=[A-Z]{{4}})\s+(?=(?:{HONORIFIC})\s+[A-Z]|[A-Z][a-z]+\s+[A-Z])|\s+(?=(?:{HONORIFIC})\s+[A-Z]))")
# the end of such a list: a number before a capitalised word ("… in the Chair 2 Apologies for absence …")
_MID_END = re.compile(r"\s\d{1,3}\.?\s+(?=[A-Z])|\s[A-Za-z]*/\d|\s(?=(?:Apologies|APOLOGIES|Declarations?|DECLARATIONS?)\b)")


def _mid_line_blocks(lines: list[str]) -> list[tuple[str, str, int]]:
    """Labelled lists inside a paper flattened to one line. Labels may follow one another
    ("… Present: A B C D In Attendance: E, post, F, post Apologies: G H 1 Welcome …"): each list
    runs to the next label, and the last one to the end marker."""
    blocks: list[tuple[str, str, int]] = []
    for line_no, line in enumerate(lines):
        if len(line) < 200 or _LINE_LABEL.match(line):
            continue
        m = _MID_LABEL.search(line)
        chained = 0
        while m and chained < 8:  # a head holds a few lists (present, attending, apologies, substitutes), never dozens
            chained += 1
            status = "present" if m.group("p") else "in_attendance" if m.group("a") else "apologies"
            window = m.end() + 3000  # a list is never longer: each search stays within it, linear in the line
            nxt = _MID_LABEL.search(line, m.end(), window)
            end = _MID_END.search(line, m.end(), window)
            stop = min(nxt.start() if nxt else len(line), end.start() if end else len(line), window)
            blocks.append((status, line[m.end():stop], line_no))
            m = nxt if nxt and not line[stop:nxt.start()].strip() else None
    return blocks


def _labelled_blocks(lines: list[str]) -> list[tuple[str, str, int]]:
    """(status, text, line number) for each labelled attendance block. Two labels side by side head two
    columns ("PRESENT: ALSO PRESENT:"): their rows come out as "first-column-status<TAB>…" texts."""
    blocks: list[tuple[str, str, int]] = []
    i = 0
    while i < len(lines):
        header = _TWO_LABELS.match(lines[i])
        single = _LINE_LABEL.match(lines[i])
        if header and not (single and not lines[i][single.end():].strip()):  # "OFFICERS IN ATTENDANCE:" is one label
            # a table's header row, its labels side by side or run together: "ApologiesSubstitute", "PRESENT ALSO PRESENT"
            rows, i = _two_columns(lines, i + 1, _status_of_label(header.group("l1")), _status_of_label(header.group("l2")))
            blocks.extend(rows)
            continue
        m = _LINE_LABEL.match(lines[i])
        if not m:
            i += 1
            continue
        status = _status_of(m)
        rest = lines[i][m.end():]
        if re.search(r"\b(?:Councillors|Cllrs)\b", m.group(0), re.IGNORECASE) and rest.strip():
            rest = "Councillors " + rest.strip()  # "Councillors present: Smith (Chair), Brown": surnames after a plural title
        # a heading alone on its line ("Apologies for Absence" over an agenda item) opens a block only if a list follows it
        collected = [rest]
        j = i + 1
        previous = rest.strip()
        blank_after_sentence = False
        after_blank = False
        while j < len(lines) and j - i < 80:
            nxt = lines[j].strip()
            if not nxt:
                # a list that ended with its full stop ends at the blank line
                if previous.endswith(".") and not re.search(rf"(?:^|\s)(?:{HONORIFIC}|[A-Z])\.$", previous):
                    blank_after_sentence = True
                after_blank = bool(previous)
                j += 1
                continue
            # a heading in capitals after a blank line ("MATTERS ARISING") is the next business, not a name
            heading = after_blank and is_all_caps(nxt) and not _TITLE_LEAD.match(nxt) and not _SUB_HEADING.match(nxt) \
                and not any(_name_from(line) and is_all_caps(line) for line in collected)
            if blank_after_sentence or heading or _block_ends(lines[j], collected) or not _continues(lines[j], previous, status):
                break
            after_blank = False
            collected.append(nxt)
            previous = nxt
            j += 1
        text = _joined(collected)
        if text.strip():
            blocks.append((status, text, i))
        i = max(j, i + 1)
    return blocks


_COLUMN_LABEL = (r"(?:(?:Members\s+)?Present|Also\s+Present|In\s+Attendance|Officers(?:\s+Present)?|Apologies(?:\s+(?:for\s+Absence|received))?|"
                 r"(?:Named\s+)?Substitutes?(?:\s+Members?)?|Substitutions?)")
_TWO_LABELS = re.compile(rf"^\s*(?P<l1>{_COLUMN_LABEL})\s*:?-?\s*(?P<l2>{_COLUMN_LABEL})\s*:?-?\s*$", re.IGNORECASE)


def _status_of_label(label: str) -> str:
    m = _LINE_LABEL.match(label + ":")
    return _status_of(m) if m else "present"


def _two_columns(lines: list[str], start: int, left: str, right: str) -> tuple[list[tuple[str, str, int]], int]:
    """Rows of a two-column block read across: the first person on a row is in the left column."""
    rows: list[tuple[str, str, int]] = []
    j = start
    while j < len(lines):
        row = lines[j].strip()
        if not row:
            if rows:
                break
            j += 1
            continue
        if _block_ends(lines[j], []) or _is_prose(row):
            break
        cells = [c for c in row.split("\t") if c.strip()]
        entries = cells if len(cells) > 1 else [e for e in _TITLE_SPLIT.sub("\n", row).split("\n") if e.strip()]
        rows.append((left, entries[0], j))
        if len(entries) > 1:
            rows.append((right, " , ".join(entries[1:]), j))
        j += 1
    return rows, j


def _split_inline_labels(status: str, text: str) -> list[tuple[str, str]]:
    """A block may change status inside a paragraph: "Present: … and the Clerk. Members of the public - Mr A Smith"."""
    parts: list[tuple[str, str]] = []
    start = 0
    current = status
    for m in _INLINE_LABEL.finditer(text):
        parts.append((current, text[start:m.start()]))
        current = _status_of(m)
        start = m.end()
    parts.append((current, text[start:]))
    return [(s, t) for s, t in parts if t.strip()]


def _from_blocks(lines: list[str]) -> list[_Person]:
    people: list[_Person] = []
    previous = ("", -9)
    for status, block, line_no in sorted(_labelled_blocks(lines) + _mid_line_blocks(lines), key=lambda b: b[2]):
        if status == "member" and previous[0] == "present" and 0 <= line_no - previous[1] <= 4:
            status = "present"  # "Present: Chair: A Bell / Members: B Carr, C Dunn": the members under "Present" were there
        previous = (status, line_no)
        for part_status, part in _split_inline_labels(status, block):
            if part_status == "substitute":
                # "Councillor Jo Park for Councillor Sam Lee": the one substituted for is not here
                part = re.sub(rf"\s+(?:for|replacing|in\s+place\s+of)\s+(?:{HONORIFIC}\s+)*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}", "", part)
            if part_status == "member" and _flattened_membership_table(part):
                people.extend(_flattened_membership_table(part))
                continue
            people.extend(_people_in(part, part_status, membership=part_status == "member",
                                     interleaved_ok=part_status == "in_attendance"))
    return people


# -- tables ----------------------------------------------------------------------------------


def _flattened_membership_table(text: str) -> list[_Person]:
    """A "Council | Member | Substitute" table read row by row into one line: each council's
    members come first, then their substitutes ("X Council Cllr A B Cllr C D Cllr E F Cllr G H Y Council …")."""
    if not re.match(r"^\s*(?:Council|Authority|Organisation|Body)\s+Members?\s+Substitutes?\b", text, re.IGNORECASE):
        return []
    people: list[_Person] = []
    group: list[tuple[str, str]] = []

    def close() -> None:
        members = (len(group) + 1) // 2
        for index, (name, title) in enumerate(group):
            people.append(_Person(name, "member" if index < members else "substitute", title, membership=True))
        group.clear()

    previous_end = 0
    for m in re.finditer(rf"(?:{HONORIFIC})\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?=\s|$)", text):
        between = text[previous_end:m.start()]
        if re.search(r"\b(?:Council|Authority)\b", between):
            close()  # the next council's row
        found = _name_from(m.group(0))
        if found:
            group.append(found)
        previous_end = m.end()
    close()
    return people


# one member of a roster: a name, a role in brackets, then the party or the body represented
# ("Chris Lloyd (Chair) Labour", "Monsignor Rothon Roman Catholic Representative")
_ROSTER_UNIT = re.compile(
    rf"(?P<name>(?:{HONORIFIC}\s+)*(?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)\s+(?:\([^)]{{1,40}}\)\s+)?"
    rf"(?:{_PARTIES}|(?:[A-Z][a-z]+\s+){{0,3}}(?:of\s+England\s+|in\s+Wales\s+)?Representative)\b")


def _roster(lines: list[str], membership: bool) -> list[_Person]:
    """A roster with each name's party after it, often one line on a meeting page:
    "Councillors X Committee A Smith (Chair) Labour B Jones (Vice-Chair) Labour C Brown Conservative
    Education Representatives Monsignor D Roman Catholic Representative …"."""
    people: list[_Person] = []
    for line in lines:
        if len(re.findall(rf"\b(?:{_PARTIES}|Representative)\b", line)) < 3:
            continue
        units = list(_ROSTER_UNIT.finditer(line))
        run: list[re.Match] = []
        for unit in units + [None]:
            if unit is not None and (not run or unit.start() - run[-1].end() <= 30):
                run.append(unit)
                continue
            if len(run) >= 3:
                span = line[run[0].start():run[-1].end()]
                span = re.sub(r"\b(?:Roman\s+Catholic|Church\s+of\s+England|Church\s+in\s+Wales|Free\s+Church)\b", " ", span)
                span = re.sub(r"\([^)]*\)", " ", span)
                for segment in re.split(rf"\b(?:{_PARTIES}|Representatives?)\b", span):
                    tokens = segment.split()
                    # the name is what follows the last heading or role word: "… Committee Chris Lloyd"
                    cut = max((i + 1 for i, t in enumerate(tokens) if t.lower().strip(",.") in _NOT_NAME_WORDS), default=0)
                    name_text = " ".join(tokens[cut:])
                    found = _name_from(name_text, bare_surname_ok=bool(_TITLE_LEAD.match(name_text)))
                    if found:
                        people.append(_Person(found[0], "member" if membership else "present", found[1], membership))
            run = [unit] if unit is not None else []
    return people


def _membership_tables(lines: list[str]) -> list[_Person]:
    people: list[_Person] = []
    for line in lines:
        m = re.search(r"\b(?:Council|Authority|Organisation|Body)\s+Members?\s+Substitutes?\b.*", line, re.IGNORECASE)
        if m:
            people.extend(_flattened_membership_table(m.group(0)))
    return people


def _attendance_table(lines: list[str]) -> list[_Person]:
    """ModernGov's attendance table ("Attendee | Role | Attendance | Notes"), rows as tab-separated cells or run together."""
    people: list[_Person] = []
    for i, line in enumerate(lines):
        if not _TABLE_HEAD.match(line):
            continue
        for row in lines[i + 1:i + 120]:
            row = row.strip()
            if not row:
                continue
            m = _TABLE_STATUS.search(row)
            if not m:
                break
            said = m.group("st").lower()
            status = ("substitute" if m.group("sub") else "present" if said.startswith(("present", "attended")) else
                      "in_attendance" if said.startswith("in") else "apologies" if said.startswith("apolog") else None)
            found = _name_from(re.split(r"\t", row[:m.start()].strip())[0])
            if found and status:
                people.append(_Person(found[0], status, found[1]))
    return people


# -- sentences -------------------------------------------------------------------------------

def _from_sentences(text: str, lines: list[str]) -> list[_Person]:
    people: list[_Person] = []
    for m in _APOLOGIES_SENTENCE.finditer(text):
        listed = _list_after(text, m.end(), one_a_line="\n" in m.group(0))
        # "Councillor A Bell (substitute: Councillor B Carr)": the substitute in the bracket was there
        for sub in re.finditer(r"\(\s*(?i:substitute(?:d\s+by)?|sub|replaced\s+by)\s*:?-?\s*([^()]{3,80})\)", listed):
            people.extend(_people_in(sub.group(1), "substitute"))
        people.extend(_people_in(_until_next_clause(listed), "apologies"))
    previous = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        m = _THESE_RECEIVED.match(stripped)
        if m and re.search(r"apolog|present|attendance|attend", previous, re.IGNORECASE):
            people.extend(_people_in(until_sentence_end(stripped[m.end():]), "apologies"))
        previous = stripped
    for m in _SUBSTITUTE_VERB.finditer(text):
        who = _WHO_BEFORE.search(text[max(0, m.start() - 80):m.start()])
        found = _name_from(who.group("who")) if who else None
        if found:
            people.append(_Person(found[0], "substitute", found[1]))
    for m in _APPOINTED_AS.finditer(text):
        found = _name_from(m.group("who"))
        if found:
            people.append(_Person(found[0], "substitute", found[1]))
    for m in _JOINED_VERB.finditer(text):
        who = _WHO_LIST_BEFORE.search(text[max(0, m.start() - 160):m.start()])
        if not who:
            continue
        how = m.group("how")
        status = "in_attendance" if re.search(r"\b(?:virtually|remotely|online|via|through|by\s+(?:video|phone|telephone))\b", how, re.IGNORECASE) else "present"
        people.extend(_people_in(who.group("who"), status))
    for m in _NAMED_AFTER_POST.finditer(text):
        # "The Monitoring Officer of the Authority, Jo Bloggs, addressed the meeting": an officer who spoke was there
        before = text[max(0, m.start() - 120):m.start()]
        if re.search(rf"\b[Tt]he\s+(?:[A-Z][\w&-]*\s+)*{_POST_WORD}\b[^.,;\n]{{0,80}}$", before):
            found = _name_from(m.group("name"))
            if found and len(found[0].split()) >= 2:
                people.append(_Person(found[0], "in_attendance", found[1]))
    for m in _IN_ATTENDANCE_SENTENCE.finditer(text):
        # "… the Chief Finance Officer at the OPCC Kelvin Menon, who were in attendance": names, not posts
        who = re.split(r"[.\n]", text[max(0, m.start() - 300):m.start()])[-1]
        for entry in _entries(who):
            name = _trailing_name(entry) or (_name_from(entry) or (None, ""))[0]
            if name and len(name.split()) >= 2:
                people.append(_Person(name, "in_attendance"))
    return people


_CLAUSE_VERB = re.compile(r"\s(?:attended|was|were|had|has|joined|acted|substituted|sat|would|will|is|are|who)\b")


def _until_next_clause(text: str) -> str:
    """A list ends where the sentence goes on about someone else: "… from Cllr A and Cllr B attended as substitute"."""
    verb = _CLAUSE_VERB.search(text)
    if not verb:
        return text
    joints = list(re.finditer(r",|;|\band\b", text[:verb.start()]))
    return text[:joints[-1].start()] if joints else text[:verb.start()]


def _list_after(text: str, start: int, one_a_line: bool = False) -> str:
    """The list a sentence introduces, up to its end; it may go on over the next lines, one name a line
    ("were received from:" / "Cllr A; and" / "Cllr B.")."""
    chunk = text[start:start + 1500]
    if not one_a_line and not re.match(r"^\s*:?\s*\n", chunk):
        return until_sentence_end(chunk)
    if True:
        lines = [line.strip() for line in chunk.split("\n")]
        kept: list[str] = []
        for line in lines:
            if not line:
                continue
            if kept and (_ITEM_LINE.match(line) or _LINE_LABEL.match(line)):
                break
            kept.append(line)
            if line.endswith(".") and not line.endswith(("; and.", "and.")):
                break
        return " ".join(kept).lstrip(": ")
    return chunk


# -- unlabelled lists ------------------------------------------------------------------------

def _unlabelled(lines: list[str]) -> list[_Person]:
    """A present list with no label: "County Councillors A, B … and C." at the head of minutes,
    or a roll call under a "Calling of the Roll" heading."""
    people: list[_Person] = []
    head_end = next((i for i, line in enumerate(lines[:120]) if re.match(r"^\s*(?:<AI\d+>|\d{1,4}[a-z]?\.?\s*$|\d{1,4}\.?\s+[A-Z])", line)), min(len(lines), 60))
    for i, line in enumerate(lines[:head_end]):
        stripped = line.strip()
        if _UNLABELLED_LIST.match(stripped) and stripped.count(",") >= 2:
            people.extend(_people_in(stripped, "present"))
    for i, line in enumerate(lines[:_READ_LINES]):
        if not _ROLL_HEADING.search(line):
            continue
        for nxt in lines[i + 1:i + 6]:
            stripped = nxt.strip()
            titled = len(re.findall(rf"(?:^|,\s*){HONORIFIC}\s+[A-Z]", stripped))
            if stripped.count(",") >= 3 and titled >= 3:
                people.extend(_people_in(stripped, "present"))
                break
    return people


# -- all together ----------------------------------------------------------------------------

def _unspaced(line: str) -> str:
    """A heading printed letter-spaced ("S e d e r u n t :") read as a word."""
    if re.fullmatch(r"\s*(?:[A-Za-z]\s){3,}[A-Za-z]?\s*:?\s*", line):
        return re.sub(r"(?<=[A-Za-z])\s(?=[A-Za-z:])", "", line)
    return line


# the other language's label is one word, or words in capitals: "YN BRESENNOL /IN ATTENDANCE:", "Cyng/Cllrs:"
_BILINGUAL_LABEL = re.compile(r"(?<![\w/-])(?:[A-ZÂÊÎÔÛŴŶ'’-]+(?:[ \t]+[A-ZÂÊÎÔÛŴŶ'’-]+){0,3}|[\w'’-]+)[ \t]*/[ \t]*(?=[A-Za-z][A-Za-z \t]{1,30}:)")


def parse_attendance(text: str, kind: str = "minutes") -> list[Attendee]:
    """Everyone the paper lists, each once. For an agenda, only its membership: who was present
    belongs to earlier minutes bound into the pack."""
    head = re.sub(r"\b(Cllrs?|Councillors?)(?=[A-Z][a-z])", r"\1 ", text[:_READ_CHARS])  # "CllrGary Hart" run together
    # a bilingual label (Wales): the other language's words before a slash go ("YMDDIHEURIADAU/APOLOGIES:", "Cyng/Cllrs:")
    head = _BILINGUAL_LABEL.sub("", head)
    lines = [_unspaced(line) for line in head.split("\n")[:_READ_LINES]]
    head_text = "\n".join(lines)
    people = _from_blocks(lines) + _membership_tables(lines) + _roster(lines, kind == "agenda") + _attendance_table(lines)
    if kind == "agenda":
        people = [p for p in people if p.membership]
    else:
        people += _unlabelled(lines) + _from_sentences(head_text, lines)
    return [Attendee(name=p.name, status=p.status) for p in _once_each(people)]


def _once_each(people: list[_Person]) -> list[_Person]:
    """Each person once: the first statement of who they were wins (a list before a later mention).
    Two people may share a name ("Mrs D Mackay", "Mr D Mackay"): different titles keep both."""
    seen: dict[str, list[str]] = {}
    out: list[_Person] = []
    for person in people:
        key = person.name.lower().replace(".", "").replace(" ", "")
        titles = seen.setdefault(key, [])
        if titles and (not person.title or person.title in titles or "" in titles):
            continue
        titles.append(person.title)
        out.append(person)
    return out
