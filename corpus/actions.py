"""Follow-ups a scrutiny officer must chase, read from minutes.

An action is a follow-up that someone still has to do: "It was agreed that
... would be circulated", "Members requested ...", "the Chairman would write
to ...", "Clerk to reply ...", a resolution that instructs, delegates,
requests or recommends. Decisions carried out at the meeting (minutes
approved, reports noted, an appointment, a meeting rearranged, the public
excluded), notes of what a later meeting will discuss, agenda boilerplate,
standing instructions and narrative are not actions.

The whole text is read once, in order; each action is then placed under the
item whose text holds it, so a wrong item boundary moves an action between
items but never loses it.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .dates import find_dates, find_months
from .exempt import EXCLUDES_PUBLIC
from .model import Action, Item
from .owners import PERSON, OwnerBook, clean_owner, is_post_or_person
from .prose import cells, collapse, paragraph_spans, sentences

# ---------------------------------------------------------------- vocabulary

# participles of a follow-up: "... would be circulated"
_FOLLOW_UP_PARTICIPLES = (
    r"circulated|shared|provided|sent|distributed|forwarded|e-?mailed|added|included|reported(?:\s+back)?|presented|"
    r"submitted|brought(?:\s+(?:back|forward))?|retitled|renamed|removed|updated|investigated|arranged|set\s+up|scheduled|"
    r"published|explored|passed\s+on|followed\s+up|made\s+available|refined|undertaken|reviewed|considered|"
    r"discussed|clarified|looked\s+(?:at|into)|raised|written|prepared|produced|invited|amended|revisited|"
    r"requested|referred|recommended|expanded|extended|checked|confirmed|re-?examined|re-?considered|"
    r"re-?visited|answered|responded\s+to|addressed|organised|organized|convened|commissioned|drafted|ranked|"
    r"kept\s+informed|kept\s+updated|informed|notified|chased|pursued|contacted|actioned|initiated|sought|"
    r"developed|established|progressed|monitored|examined|ratified|explained|supplied|obtained|sourced|booked|"
    r"issued|resubmitted|re-?submitted|tabled|placed|put\s+forward|taken\s+forward|fed\s+back|picked\s+up|split|"
    r"given\s+the\s+opportunity|offered\s+the\s+opportunity"
)
# base verbs of a follow-up: "the Chairman would write to ..."
_ACTIVE_VERBS = (
    r"write|circulate|provide|send|share|arrange|report(?:\s+back)?|come\s+back|follow\s+(?:up|this\s+up)|look\s+(?:into|at)|"
    r"investigate|update|respond|liaise|check|clarify|confirm|contact|forward|e-?mail|supply|distribute|"
    r"organise|organize|feed\s+back|bring\s+(?:back|forward)|raise|pass\s+on|speak\s+(?:to|with)|ask|explore|review|"
    r"reconsider|draft|prepare|produce|invite|visit|set\s+up|convene|pursue|seek|chase|book|make\s+contact|"
    r"make\s+a\s+note|get|obtain|find\s+out|go\s+back|take\s+(?:up|forward)|progress|monitor|establish|develop|delegate|"
    r"examine|identify|inform|notify|remind|advise|submit|present|publish|request|ensure|"
    r"add|schedule|consult|reply|email|ring|phone|inspect|repair|order|purchase|"
    r"draw\s+up|put\s+together|work\s+with|engage|approach|lobby|refer|recommend|return|revisit|reissue|resubmit"
)
# verbs of a resolution part that commit someone to act later
_FOLLOW_UP_STEMS = (r"request|ask|recommend|refer|write|delegat|instruct|authoris|authoriz|invite|seek|allocat|schedul|circulat|arrang|"
                    r"bring|submit|undertak|investigat|commission|monitor|consult|establish|set\s+up|explor|examin|identif|liais|"
                    r"pursu|develop|progress")
_RESOLUTION_FOLLOW_UP = re.compile(
    # a verb, not the noun that shares its stem ("Schedule 12A", "the scrutiny commission work programme"): the part's
    # first word, a verb after "to" or "and", a past or -ing form, or a present tense with its object after it
    rf"^(?i:{_FOLLOW_UP_STEMS})\w*|\b(?:to|and)\s+(?:{_FOLLOW_UP_STEMS})\w*|\b(?:{_FOLLOW_UP_STEMS})\w*(?:ed|ing)\b|"
    rf"\b(?:{_FOLLOW_UP_STEMS})\w*s\s+(?:that|the|a|an|to|officers|members)\b|"
    rf"^(?:that\s+)?(?:the\s+)?[\w&'’-]+(?:\s+[\w&'’-]+){{0,5}}?\s+(?:{_FOLLOW_UP_STEMS})\w*s\b|"
    rf"\b(?:be|is|are)\s+(?:also\s+)?(?:{_FOLLOW_UP_PARTICIPLES})\b|\bkept\s+(?:informed|updated|advised)\b|"
    rf"^(?:(?:the\s+)?[\w&'’-]+(?:\s+[\w&'’-]+){{0,4}}?\s+)?(?i:receives?|reviews?|adds?|includes?|considers?|provides?|presents?|shares?|reports?)\b",
)
# a resolution part that records a decision taken at the meeting
_DECISION_VERB = re.compile(
    r"^(?:the\s+(?:[\w&'’-]+\s+){0,6}?(?:committee|panel|board|sub-committee|cabinet|council|members?|executive)\s+)?"
    r"(?:notes?|noted|endorses?|welcomes?|thanks?|approves?|recognises?|recognizes?|congratulates?|accepts?|supports?|"
    r"adopts?|appoints?|elects?|confirms?|ratif(?:y|ies)|reaffirms?|agrees?\s+(?:the|that\s+the\s+minutes|on\b)|"
    r"receives?\s+(?:and\s+notes?\s+)?(?:the|its)\s+(?:\w+\s+){0,3}?(?:report|minutes?|update|presentation|programme|plan)|"
    r"exclude|excludes|use|uses|vary|varies|rearrange|proceeds?|grants?|refuses?|declares?|nominates?|co-opts?|"
    r"records?|dispenses?|suspends?|adjourns?|continues?|retains?|amends?\s+the\s+minutes|it\s+be\s+noted)\b",
    re.IGNORECASE,
)
_DECISION_PASSIVE = re.compile(
    r"(?<!\bto\s)\b(?:is|be|are|was|were)\s+(?:hereby\s+|duly\s+)?(?:noted|received|approved|endorsed|welcomed|adopted|agreed|confirmed|"
    r"accepted|ratified|appointed|elected|excluded|signed|supported|varied|carried|re-?appointed|re-?elected)\b",
    re.IGNORECASE,
)
_MINUTES_APPROVED = re.compile(
    r"\b(?:correct|true|accurate|proper)\s+record\b|\bminutes?\b[^.;]{0,160}\b(?:be|were|was|are|is)\s+(?:\w+\s+)?"
    r"(?:approved|confirmed|signed|agreed|received|noted|correct)\b|\bapproved\s*&\s*signed\b",
    re.IGNORECASE,
)
# "subject to bringing the item forward": a condition that is itself a follow-up
_SUBJECT_TO_FOLLOW_UP = re.compile(
    r"\bsubject\s+to\s+(?:bringing|reporting|circulating|providing|receiving|writing|consulting|presenting|"
    r"submitting|sending|arranging|including|adding|scheduling)\b(?!\s+\w+\s+to\s+the\s+list\s+of\s+those\s+present)",
    re.IGNORECASE,
)

_NP = (
    rf"(?:{PERSON}|(?:the\s+|The\s+)?(?:(?:[A-Z][\w&'’-]*|\d+)(?:\s+(?:of|for|and|with|&|the|to)\s+|\s+)){{0,7}}"
    rf"[A-Z][\w&'’.-]*(?:\s*\([A-Z][^()]{{0,50}}\))?|(?:the\s+|The\s+|all\s+)?(?:clerk|chair(?:man|person)?|officers?|convener|"
    rf"members|councillors)(?:\s+of\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,5}})?\b)"
)
_CLAUSE_START = r"(?:^|\bthat\s+|[,;:]\s+|\band\s+|\bbut\s+|\bwhen\s+|\bwhereupon\s+)"
_MODAL_COMMIT = r"(?:would|will|shall|agreed\s+to|undertook\s+to|offered\s+to|promised\s+to|volunteered\s+to|was\s+to|is\s+to|to)"
# "the Chairman would write", "Mr X agreed to go back", "Clerk to reply"
_SUBJECT_COMMITS = re.compile(
    rf"{_CLAUSE_START}(?P<owner>{_NP})\s+(?:[a-z]+ed\s+and\s+)?(?:also\s+|then\s+|now\s+|further\s+)?{_MODAL_COMMIT}\s+(?:also\s+|then\s+|now\s+|personally\s+)?"
    rf"(?!be\b|have\b|need\b|like\b|prefer\b|want\b|wish\b|seem\b|appear\b|mean\b|depend\b|require\b|remain\b|take\s+place\b|"
    rf"not\b|happen\b|benefit\b|continue\s+to\s+be\b)(?P<verb>[a-z]+)"
)
# "Cllr Cobb stated she would liaise", "Mr X explained that ..., but will check"
_SPEAKER = re.compile(
    rf"(?:^(?:[A-Z][\w ,’'-]{{0,40}}?,\s+)?|\band\s+|\bbut\s+|;\s+)(?P<owner>{_NP})\s+(?:also\s+|further\s+|then\s+)?(?:confirmed|explained|stated|said|advised|agreed|reported|indicated|"
    rf"undertook|assured|informed|offered|noted|replied|responded|added|suggested|commented|reminded|outlined|clarified|"
    rf"acknowledged|accepted|promised|answered|highlighted|proposed)\b"
)
_PRONOUN_COMMITS = re.compile(
    rf"\b(?:she|he|they|we)\s+(?:also\s+)?(?:would|will)\s+(?!be\b|have\b|need\b|like\b|prefer\b|not\b)[a-z]+|,?\s+but\s+(?:would|will)\s+[a-z]+"
)
_ASKED_SOMEONE = re.compile(rf"\basked\s+(?P<owner>{_NP})\s+(?:if|whether|to)\b")
_ENCOURAGED = re.compile(rf"\bencouraged\s+(?P<owner>{_NP})\s+to\s+[a-z]+")
_AGENT = re.compile(rf"\b(?:be|been|being)\s+(?:\w+ly\s+)?(?:[a-z]+ed|[a-z]+en|made|done|set|sent|kept|held|brought|taken|given|led|run|met|sought)\s+by\s+(?P<owner>{_NP})")
_NEXT_MEETING_OF = re.compile(rf"\bby\s+the\s+next\s+meeting\s+of\s+(?P<owner>{_NP})")
# owner-first: "Clerk to write ...", "Clerk chase X for an update", "Clerk & County Cllr Webb to ask ..."
# verbs a terse owner-first note uses without "to": "Clerk chase X", "Clerk reply confirming ..."
_BARE_VERBS = (r"write|reply|respond|chase|report\s+to|contact|check|send|circulate|arrange|forward|inform|ask|book|order|pay|"
               r"e-?mail|ring|phone|obtain|invite|investigate|raise|pass\s+on|notify|follow\s+up|look\s+into|liaise")
_OWNER_FIRST = re.compile(
    rf"^(?:[A-Z][^.]{{0,80}}?[,:–]\s+)?(?P<owner>(?:{PERSON}|(?:the\s+|The\s+)?(?:Clerk|Chair(?:man|person)?|Secretary|Treasurer|Officers?|(?:[A-Z]{{2,6}}\s+)?(?:[Mm]embers|[Oo]fficers)|[A-Z]{{2,6}}))"
    rf"(?:\s*(?:&|and)\s*(?:{PERSON}|(?:the\s+)?(?:Clerk|Chair(?:man|person)?|[A-Z]{{2,6}})))?)\s+(?:to\s+(?!be\b)(?P<verb>[a-z]+)|(?P<bare>{_BARE_VERBS})\b)"
)

# ---------------------------------------------------------------- what makes a sentence an action

_TRIGGERS = [
    # "agreed that X would/should be ..." commits someone; "agreed that X was ..." only concurs
    re.compile(r"\bagreed\s+that\b(?=[^.;]*?\b(?:would|should|will|shall|be|to\s+be|could)\b)", re.IGNORECASE),
    re.compile(r"\bagreed\s+to\s+(?!be\b|the\b|this\b|that\b|it\b)[a-z]+", re.IGNORECASE),
    # "requested" as a verb, and "requests that" in a resolution; not "the information requested at the last meeting"
    re.compile(r"(?<!had\s)(?<!been\s)(?<!\bas\s)(?<!\bthe\s)(?<!\bneed\s)(?<!\bNeed\s)(?<!\bany\s)\b(?:requested|requests?\s+that)\b"
               r"(?!\s+(?:at|by|from|during)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:panel|committee|board|meeting|members?)\b)"
               r"(?![^.;]*\b(?:had|has|have)\s+been\s+(?:circulated|provided|sent|shared|supplied|included|answered|received))", re.IGNORECASE),
    re.compile(r"\basked\s+(?:for\b|that\b(?=[^.;]*?\b(?:would|should|will|shall|be|to\s+be|could)\b)|officers\b|"
               r"(?:if|whether)\b(?=[^.;]*?\b(?:could|might|can)\b)|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,4}\s+(?:if|whether|to)\s)", re.UNICODE),
    # officers asked to do something; members "asked to consider" at the meeting are not
    re.compile(r"\b(?:[Oo]fficers?|[A-Z][\w&]*\s+(?:Officer|Director|Manager|Clerk)|[Dd]irector|[Cc]lerk)\s+(?:were|was)\s+asked\s+to\s+(?!note\b|declare\b)\w+|"
               r"\b(?:were|was)\s+asked\s+whether\b[^.;]*?\b(?:could|would|possible)\b"),
    re.compile(rf"\b(?:would|will|should|shall|must|is\s+to|are\s+to)\s+(?:also\s+|now\s+|then\s+|first\s+|then\s+|retrospectively\s+)?be\s+(?:\w+ly\s+)?(?:{_FOLLOW_UP_PARTICIPLES})\b", re.IGNORECASE),
    re.compile(rf"(?<!\bwhich\s)(?<!\bthat\s)(?<!\bwho\s)\b(?:would|will|agreed\s+to|undertook\s+to|offered\s+to|promised\s+to|volunteered\s+to)\s+(?:also\s+|now\s+)?(?:{_ACTIVE_VERBS})\b", re.IGNORECASE),
    re.compile(r"\b(?:panel|committee|board|members|councillors)\s+(?:would|will|should)\s+(?:also\s+)?receive\b", re.IGNORECASE),
    re.compile(r"(?<!had\s)\b(?:it\s+was|the\s+(?:panel|committee|board))\s+(?:recommended|proposed)\s+(?:that|to)\b", re.IGNORECASE),
    re.compile(r"\bit\s+was\s+(?:therefore\s+|also\s+|further\s+)?proposed\b(?!\s+by\b)", re.IGNORECASE),
    re.compile(r"\bundertook\s+to\b|\bencouraged\s+(?!by\b)\w+(?:\s+\w+){0,3}\s+to\s+\w+", re.IGNORECASE),
    # a proposal to hold another meeting: someone has to arrange it
    re.compile(r"\b(?:suggest\w*|propos\w*|request\w*|agree\w*|moved)\b[^.;]*\b(?:special|additional|extra|further|extraordinary)\s+(?:[\w“”\"'‘’]+\s+)?meeting\b", re.IGNORECASE),
]
# a word every trigger needs: a sentence without one is not read further
_TRIGGER_WORDS = re.compile(r"agree|request|ask|would|will|should|shall|must|offer|promis|volunteer|suggest|moved|\b(?:is|are)\s+to\b|recommend|propos|undertook|encourag|"
                            r"receive|meeting", re.IGNORECASE)
# what a paragraph needs to hold a follow-up at all: a trigger word, an owner-first note, an action line
_UNIT_MAYBE = re.compile(rf"{_TRIGGER_WORDS.pattern}|\bto\s+[a-z]|\bACTION|\bAction\b|\b(?:Clerk|Secretary|Treasurer)\s+(?:{_BARE_VERBS})\b",
                         re.IGNORECASE)
_NOT_ACTIONS = [
    _MINUTES_APPROVED,
    re.compile(r"\?\s*$"),
    re.compile(r"\b(?:would|will|could)\s+not\b|\bwon't\b|\bcannot\b", re.IGNORECASE),
    # agenda boilerplate: an item's purpose ("To determine any other items ..."), what members are asked to do at it
    re.compile(r"^(?:\(?[a-z0-9]{1,4}[.)]\s*)?To\s+[a-z]+\b"),
    re.compile(r"\b(?:is|are)\s+(?:hereby\s+)?(?:asked|requested|invited|recommended|reminded)\s+to\b", re.IGNORECASE),
    re.compile(r"\bwill\s+be\s+asked\s+to\b|\b(?:have|has)\s+a\s+(?:legal\s+)?right\s+to\b|\bany\s+other\s+items?\s+of\s+business\b", re.IGNORECASE),
    re.compile(r"\b(?:Chair(?:man|person)?|Mayor|Convener|Provost|Leader|Councillors|Members)\s+will\s+(?:also\s+)?(?:welcome|announce|invite|explain|"
               r"introduce|remind|open|close|ask|decide|consider|receive|note)\b"),
    re.compile(r"^(?:The\s+)?[A-Z][\w ]{0,60}?\s+to\s+(?:report\s+(?:on|apologies)|present|introduce|give\s+an?\s+(?:update|presentation|report|overview))\b"),
    re.compile(r"\b(?:declare|intimate)\s+any\s+(?:declarations?\s+of\s+)?interests?\b", re.IGNORECASE),
    # standing instructions: "Any questions should be provided in writing by 12 noon ...", "Members of the public wishing to speak should ..."
    re.compile(r"^(?:Any|All)\s+(?:\w+\s+){0,4}?(?:should|must|may|are\s+to)\b|\b(?:wishing|who\s+wish)\s+to\s+\w+[^.;]*\b(?:should|must)\b|"
               r"\bworking\s+days?\s+(?:before|prior\s+to)\s+the\s+meeting\b", re.IGNORECASE),
    # decisions carried out at the meeting
    re.compile(r"\bagreed\s+to\s+(?:note|approve|appoint|elect|rearrange|vary|use|deal\s+with|accept|adopt|endorse|welcome|thank|"
               r"exclude|suspend|adjourn|move\s+into|dispense|waive|proceed|continue|defer|reaffirm|record|receive|co-opt|"
               r"nominate|change\s+the\s+(?:date|time|venue|order)|(?:extend|close|suspend)\s+the\s+meeting|"
               r"(?:take|hear|consider|move|go)\s+(?:[\w ]{0,30}?\s)?(?:in\s+private|into\s+(?:closed|private|confidential)|in\s+closed))\b"
               r"(?![^.;]*\bthat\b[^.;]*\b(?:would|will)\s+be\b)", re.IGNORECASE),
    EXCLUDES_PUBLIC,  # "that the press and public be excluded": how the meeting proceeds, not a follow-up
    re.compile(r"\b(?:at|during)\s+(?:this|the\s+present)\s+meeting\b|\bexclu(?:de|sion\s+of)\s+the\s+(?:press\s+and\s+)?public\b|"
               r"\b(?:press\s+and\s+)?public\s+be\s+excluded\b|\brearrange(?:ment)?\s+(?:of\s+)?the\s+meeting\b", re.IGNORECASE),
    # narrative of what happened before: "had been requested", "A call-in was requested on 18 December by ..."
    re.compile(r"\b(?:had|has|have)\s+(?:\w+ly\s+){0,2}(?:been\s+)?(?:requested|asked|agreed|recommended|proposed)\b|"
               r"\b(?:was|were)\s+requested\s+on\s+\d|\bat\s+the\s+(?:last|previous)\s+(?:\w+\s+)?meeting\b[^.;]*\bagreed\b|"
               r"\bpreviously\s+(?:agreed|requested)\b", re.IGNORECASE),
    re.compile(r"\b(?:be|been|were|was|is|are)\s+received\s+and\s+noted\b", re.IGNORECASE),
    # a fact the meeting noted, not a commitment: "Members noted that the contractor would be paid on completion"
    # (an officer who "noted that the figures would be circulated" is stating a commitment)
    re.compile(r"^(?:Members|Councillors|The\s+(?:Panel|Committee|Board|Sub-Committee|Commission)|It\s+was)\s+(?:also\s+)?noted\s+that\b"),
]
# a note of what a later meeting will take, not a commitment: "The X report would be included for September"
# negation only counts in the main clause, not in an embedded question ("information on why X could not be made available")
_NEGATION = _NOT_ACTIONS[2]
_EMBEDDED_QUESTION = re.compile(r"\b(?:why|whether|how|if)\b", re.IGNORECASE)
_PROGRAMME_NOTE = re.compile(
    r"\b(?:would|will)\s+be\s+(?:discussed|considered|included|taken|heard|debated|scrutinised|scrutinized|presented|reported|"
    r"received|on\s+the\s+agenda)\b[^.;]*\b(?:on\s+\d|on\s+the\s+\d|for\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|at\s+(?:the|its)\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+meeting|in\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December))", re.IGNORECASE)
_COMMITMENT_HEAD = re.compile(r"\b(?:agreed|resolved|requested|asked|proposed|suggested|recommended|decided|undertook|confirmed\s+that)\b", re.IGNORECASE)
_REQUEST = re.compile(r"\b(?:requested|requests?|asked\s+(?:for|if|whether)|sought|queried\s+whether)\b", re.IGNORECASE)
# the item's officers will answer after the meeting: they own its requests
_ANSWERS_LATER = re.compile(
    r"\b(?:answers?|responses?|replies|information)\b[^.]{0,80}\b(?:would|will)\s+be\s+(?:provided|given|sent|circulated)\b[^.]{0,40}\b(?:following|after)\b|"
    r"\b(?:would|will)\s+provide\s+(?:written\s+)?(?:answers?|responses?|replies|information)\b", re.IGNORECASE)
_POST_PHRASE = re.compile(
    r"\b(?:the\s+)?((?:Assistant\s+|Deputy\s+|Interim\s+|Executive\s+|Strategic\s+|Corporate\s+|Service\s+)?"
    r"(?:Director|Head|Chief\s+[A-Z]\w+(?:\s+Officer)?|Cabinet\s+Member|Portfolio\s+Holder|Manager|Lead\s+Member)"
    r"(?:\s+(?:of|for|with)\s+[A-Z][\w'’-]*(?:\s+(?:(?:and|&|of|for|with)\s+)?[A-Z][\w'’-]*)*)?)")
_PRONOUN_START = re.compile(r"^(?:(?:It\s+was\s+\w+\s+that\s+)?(?:these|this|they|it(?!\s+(?:was|is|were|had\s+been|has\s+been)\b)|those)\b)", re.IGNORECASE)
_REFERS_BACK = re.compile(r"\b(?:him|her|them|this|these|those|it)\b", re.IGNORECASE)
_NEXT_MEETING = re.compile(r"\b(?:to|at|for|before|by|in\s+time\s+for)\s+the\s+next\s+(?:\w+\s+)?(?:meeting|panel|committee)\b|"
                           r"\bat\s+the\s+next\s+meeting\b", re.IGNORECASE)
_MONTH_MEETING = re.compile(r"\b(?:the|its)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+meeting\b", re.IGNORECASE)

# ---------------------------------------------------------------- resolutions

_LIST_MARKER = r"(?:[-*•]|\(?(?:[a-h]|[ivx]{1,5}|\d{1,2})[.)]|\d{1,2}\.(?=\s))"
_RESOLUTION_LABEL = re.compile(
    r"^(?:(?:Decision|Minutes?|Outcome)\s*:\s*)?"
    r"(?:(?:The|the)\s+(?:[\w&'’-]+\s+){0,7}?|It\s+was\s+(?:therefore\s+|further\s+)?|Following\s+[^.:]{0,80}?\s+it\s+was\s+|That\s+the\s+(?:[\w&'’-]+\s+){0,7}?)?"
    r"(?:unanimously\s+)?(?P<kw>RESOLVED|Resolved|resolved|AGREED|Agreed|agreed|DECIDED|Decided|decided|DECISION|resolves|agrees|RECOMMENDED|Recommended)\b"
    r"(?:\s*\((?:unanimously|nem\.?\s*con\.?|by\s+\w+)[^)]*\))?\s*(?P<punct>:-|:|[–—-]+)?\s*"
)
_LEAD = re.compile(r"^(?:that\s+)?(?P<subject>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[\w&'’-]+){0,6}?)\s+(?:agrees?|agreed|resolves?|resolved)\s+to\s*(?::-?)?\s*$|"
                   r"^(?:that|to)\s*(?::-?)?\s*$|^(?:that\s+)?(?P<subject2>(?:the\s+)?[\w&'’-]+(?:\s+[\w&'’-]+){0,6}?)\s*:-?\s*$", re.IGNORECASE)
# "Following discussion it was RESOLVED to:" closing a paragraph of narrative
_LABEL_AT_END = re.compile(r"(?:^|(?<=[.!?])\s+|(?<=\s))((?:Following\s+[^.:]{0,80}?\s+)?it\s+was\s+(?:unanimously\s+)?"
                           r"(?:RESOLVED|resolved|AGREED|agreed)\s+(?:to|that)?\s*:-?)\s*$", re.IGNORECASE)
_PART_SPLIT = re.compile(rf"\n\s*{_LIST_MARKER}\s+|(?:^|(?<=[:;.])|(?<=\band))\s*\((?:[a-h]|[ivx]{{1,5}}|\d{{1,2}})\)\s+|(?:^|(?<=[:;]))\s*(?:[a-h]|[ivx]{{1,5}}|\d{{1,2}})\)\s+")
_STARTS_WITH_MARKER = re.compile(rf"^\s*{_LIST_MARKER}\s+")
_INLINE_BULLET = re.compile(r"(?<=\S)\s+•\s+")
_NUMBERED_ENTRY = re.compile(r"^\s*\d{1,4}(?:\.\d{1,3})*(?:[.)]|\.\d)\s")  # "2651. Updates:", "4.11. ...", "13.1 ..."
_RUN_ON_RESOLUTION = re.compile(r"(?<=[.!?])\s+(?=(?:RESOLVED|AGREED|DECIDED)\b)")
_THAT_RESOLUTION = re.compile(rf"^(?:{_LIST_MARKER}\s+)?That\s+[^.]*?\b(?:be|is|are)\b|^{_LIST_MARKER}\s+that\s+\w+")

_ACTION_LINE = re.compile(r"(?:^\s*(?:ACTIONS?|Actions?)(?:\s+(?:points?|by|for))?\s*[:–—-]|(?:^|(?<=\s))(?:ACTIONS?|Actions?)(?:\s+(?:points?|by|for))?\s*:)\s*(?P<rest>.+)$", re.DOTALL)
_TRAILING_OWNER = re.compile(
    rf"\s*[\(\[]\s*(?P<owner>(?:{PERSON}|[A-Z][A-Za-z]{{1,5}}|[A-Z][a-z]+\s+[A-Z][a-z]+|Clerk|Chair(?:man)?)(?:\s*(?:&|and|/|,)\s*(?:{PERSON}|[A-Z][A-Za-z]{{1,5}}|[A-Z][a-z]+\s+[A-Z][a-z]+|Clerk))*)\s*[\)\]]\s*\.?\s*$")
# "Clerk to ask Carl X." : what is asked follows in the next sentence
_ASK_WITHOUT_CONTENT = re.compile(r"\bto\s+(?:ask|tell|request|inform)\s+(?:[A-Z][\w.]*\s*){1,3}\.$")
_MARGIN_NOTE = re.compile(r"^Margin note:\s*(?P<note>.+?)\s*$")

# action log tables (Action | Responsible | Due | Status)
_LOG_ACTION = re.compile(r"^\s*(?:agreed\s+)?actions?(?:\s+(?:agreed|required|point))?\s*$", re.IGNORECASE)
_LOG_OWNER = re.compile(r"\b(?:responsib\w*|owner|lead|officer|by\s+whom|who)\b", re.IGNORECASE)
_LOG_DUE = re.compile(r"\b(?:due|deadline|target|by\s+when|timescale|date\s+due)\b", re.IGNORECASE)
_LOG_STATUS = re.compile(r"\b(?:status|progress|update|rag)\b", re.IGNORECASE)
_CLOSED = re.compile(r"\b(?:complete[d]?|closed|done|finished|resolved|discharged)\b", re.IGNORECASE)

# A recommendation to the executive must be answered within two months (Local Government Act 2000, s.9FE)
_TO_EXECUTIVE = re.compile(r"\brecommend(?:s|ed|ation)?\s+(?:to\s+)?(?:the\s+)?(?P<to>Cabinet|Executive|Mayor|Leader|Council)\b(?:\s+that\b)?", re.IGNORECASE)
_EXECUTIVE = {"cabinet", "executive", "mayor", "leader"}

_MAX_SENTENCE = 1500  # longer "sentences" are tables or lists run together; patterns look at their start only


@dataclass
class _Found:
    start: int  # offset in the whole text: which item it sits under
    text: str
    owner: str | None = None
    to: str | None = None
    request: bool = False  # a request to officers: the item's answering officers own it
    explicit_owner: bool = False
    due_text: str | None = None  # an action log's own "due" cell


# ---------------------------------------------------------------- helpers

def _two_months_after(day: date) -> str:
    month = day.month + 2
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1])).isoformat()


def _owner_ok(phrase: str | None) -> str | None:
    owner = clean_owner(phrase)
    if owner is None:
        return None
    if owner.lower() in {"panel", "committee", "board", "meeting", "council", "members of the public"}:
        return None
    if not is_post_or_person(owner) and not re.fullmatch(r"(?:All\s+)?(?:Members|Councillors|Officers)(?:\s+of\s+.+)?", owner, re.IGNORECASE):
        return None
    return owner


def _first_valid(pattern: re.Pattern, text: str) -> str | None:
    for m in pattern.finditer(text):
        owner = _owner_ok(m.group("owner"))
        if owner:
            return owner
    return None


def _delegate_owner(text: str) -> str | None:
    """"delegate authority for X to the Director of Y": the delegate."""
    delegate = re.search(r"\bdelegat\w*\b", text, re.IGNORECASE)
    if delegate:
        for m in re.finditer(rf"\bto\s+(?P<owner>{_NP})", text[delegate.end():]):
            owner = _owner_ok(m.group("owner"))
            if owner:
                return owner
    return None


def _narrative_owner(sentence: str) -> str | None:
    """Who the sentence commits, if it names them."""
    s = sentence[:_MAX_SENTENCE]
    delegate = _delegate_owner(s)
    if delegate:
        return delegate
    m = _OWNER_FIRST.match(s)
    if m:
        if m.group("verb") in ("receive", "have", "get", "see", "note"):
            return None  # "PAP members to receive the paper": they are given it, someone else sends it
        owner = _owner_ok(m.group("owner")) or (collapse(m.group("owner")) if "&" in m.group("owner") else None)
        if owner:
            return owner
    for pattern in (_ASKED_SOMEONE, _ENCOURAGED, _SUBJECT_COMMITS):
        owner = _first_valid(pattern, s)
        if owner:
            return owner
    for speaker in _SPEAKER.finditer(s):
        if not _owner_ok(speaker.group("owner")):
            continue
        rest = s[speaker.end():]
        # the speaker commits themselves ("she would check"), or vouches for a passive follow-up with no agent
        if _PRONOUN_COMMITS.search(rest) or (re.search(rf"\b(?:would|will|should)\s+(?:also\s+)?be\s+(?:{_FOLLOW_UP_PARTICIPLES})\b", rest)
                                             and not re.search(r"\bby\s+(?:the\s+)?[A-Z]", rest)):
            return _owner_ok(speaker.group("owner"))
    for pattern in (_AGENT, _NEXT_MEETING_OF):
        owner = _first_valid(pattern, s)
        if owner:
            return owner
    return None


def _is_action(sentence: str) -> bool:
    s = sentence[:_MAX_SENTENCE]
    owner_first = _OWNER_FIRST.match(s)
    if not owner_first and not _TRIGGER_WORDS.search(s):
        return False  # most sentences of minutes: nothing that could commit anyone
    for pattern in _NOT_ACTIONS:
        m = pattern.search(s)
        if m and not (pattern is _NEGATION and _EMBEDDED_QUESTION.search(s, 0, m.start())):
            return False
    if _PROGRAMME_NOTE.search(s) and not _COMMITMENT_HEAD.search(s):
        return False
    if any(p.search(s) for p in _TRIGGERS):
        return True
    return bool(owner_first and (_owner_ok(owner_first.group("owner")) or "&" in owner_first.group("owner")))


def _owner_first(sentence: str) -> bool:
    return bool(_OWNER_FIRST.match(sentence))


def _needs_context(sentence: str) -> bool:
    """A terse follow-up that cannot be read alone: "Clerk to inform Mrs X.", "Cllr Y offered to check on this."."""
    words = sentence.split()
    if _PRONOUN_START.match(re.sub(r"^It\s+was\s+\w+\s+that\s+", "", sentence)):
        return True
    return len(words) <= 6 or len(words) <= 9 and (_owner_first(sentence) or bool(_REFERS_BACK.search(sentence)))


def _due(text: str, meeting_date: date | None, next_meeting: str | None) -> str | None:
    if meeting_date is None:
        return None
    if _TO_EXECUTIVE.search(text) and _TO_EXECUTIVE.search(text).group("to").lower() in _EXECUTIVE:
        return _two_months_after(meeting_date)
    m = re.search(r"\b(?:by|before|in|for|at|to|until|on)\s+(?:the\s+)?(?:end\s+of\s+|meeting\s+(?:in|on)\s+)?", text)
    for found in find_dates(text, meeting_date):
        if found.value > meeting_date and (m is None or found.start >= m.start()):
            return found.value.isoformat()
    month_meeting = _MONTH_MEETING.search(text)
    if month_meeting and next_meeting and date.fromisoformat(next_meeting).strftime("%B").lower() == month_meeting.group(1).lower():
        return next_meeting
    for _start, _end, month in find_months(text):
        if month > meeting_date.isoformat()[:7]:
            return month
    if next_meeting and _NEXT_MEETING.search(text):
        return next_meeting
    return None


# ---------------------------------------------------------------- action logs

def _action_log(text: str) -> list[tuple[int, str, str | None, str]]:
    """(offset, action, owner, due as written) for the open rows of an action log table (Action | Responsible | Due | Status)."""
    rows: list[tuple[int, str, str | None, str]] = []
    columns: dict[str, int] | None = None
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if "\t" not in line:
            columns = None if line.strip() else columns
            continue
        row = cells(line)
        if columns is None:
            found: dict[str, int] = {}
            for index, cell in enumerate(row):
                if "action" not in found and _LOG_ACTION.match(cell):
                    found["action"] = index
                elif "owner" not in found and _LOG_OWNER.search(cell):
                    found["owner"] = index
                elif "due" not in found and _LOG_DUE.search(cell):
                    found["due"] = index
                elif "status" not in found and _LOG_STATUS.search(cell):
                    found["status"] = index
            if "action" in found and ("owner" in found or "due" in found):
                columns = found
            continue
        value = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
        if not value.get("action") or _CLOSED.search(value.get("status", "")):
            continue
        rows.append((line_start, collapse(value["action"]), value.get("owner") or None, value.get("due", "")))
    return rows


# ---------------------------------------------------------------- resolutions

def _unspace(text: str) -> str:
    """A letter-spaced keyword written as a word: "T H A T" -> "THAT"."""
    return re.sub(r"\b[A-Z](?: [A-Z]){3,}\b", lambda m: m.group(0).replace(" ", ""), text)


def _resolution_head(block: str) -> tuple[str, str | None, bool, bool] | None:
    """(body after the label, the lead's subject, whether parts follow in later blocks, whether it recommends)."""
    block = _unspace(block)
    m = _RESOLUTION_LABEL.match(block)
    if not m:
        return None
    kw, punct = m.group("kw"), m.group("punct")
    rest = block[m.end():]
    if not (punct or kw.isupper() or kw in ("resolves", "agrees") or re.match(r"(?:that|to)\b", rest)):
        return None
    if kw.islower() and not punct and not re.match(r"to\s*:" if kw.startswith("agree") else r"(?:that\b|to\s*:)", rest):
        return None  # "the Committee agreed to note ...", "It was agreed that ...": sentences, read as prose
    recommends = kw.lower().startswith("recommend")
    body = rest.strip()
    first_line = body.split("\n", 1)[0]
    lead = _LEAD.match(first_line.strip()) if first_line.strip().endswith((":", ":-")) or first_line.strip().lower() in ("that", "to") else None
    subject = None
    if lead:
        subject = lead.group("subject") or lead.group("subject2")
        body = body[len(first_line):].strip()
    elif not body:
        return "", None, True, recommends
    return body, subject, not body, recommends


def _parts(body: str) -> list[str]:
    pieces = [p for p in _PART_SPLIT.split("\n" + body if _STARTS_WITH_MARKER.match(body) else body) if p and p.strip()]
    return [collapse(re.sub(rf"^\s*{_LIST_MARKER}\s+", "", p)).strip(" ;") for p in pieces]


def _part_is_action(part: str) -> bool:
    core = re.sub(r"^(?:that|to)\s+", "", part, flags=re.IGNORECASE)
    if not core or _MINUTES_APPROVED.search(core):
        return False
    if _SUBJECT_TO_FOLLOW_UP.search(core):
        return True
    if any(p.search(core) for p in _NOT_ACTIONS[2:]) and not re.search(r"\bkept\s+informed\b", core):
        return False
    agree_to = re.match(r"^(?:the\s+\w+\s+)?agrees?\s+to\s+(?P<verb>\w+)", core, re.IGNORECASE)
    if agree_to:
        core = core[agree_to.start("verb"):]
    agree_that = re.match(r"^(?:the\s+\w+\s+)?agrees?\s+that\s+", core, re.IGNORECASE)
    if agree_that:
        return bool(re.search(r"\b(?:will|would|should|shall)\b|\bbe\s+\w+ed\b", core)) and not _MINUTES_APPROVED.search(core)
    decision = _DECISION_VERB.match(core) or (_DECISION_PASSIVE.search(core) and not re.search(r"\b(?:will|would|should)\b", core))
    if decision:
        return False
    return bool(_RESOLUTION_FOLLOW_UP.search(core)) or _is_action(part)


# who a resolution part names to act: "instructs the X to", "requests that the X", "that the X be authorised to", "that the X provides"
_RESOLUTION_OWNERS = [re.compile(pattern) for pattern in (
    rf"\binstruct\w*\s+(?P<owner>{_NP})\s+to\b",
    rf"\b(?i:requests?|asks?)\s+(?:that\s+)?(?P<owner>{_NP})\s+(?:to\s+)?[a-z]+",
    rf"^(?P<owner>{_NP})(?:,[^,]{{0,80}},?)?\s+be\s+(?i:authoris\w*|authoriz\w*|asked|requested|instructed|"
    rf"given\s+(?:delegated\s+)?authority|delegated\s+authority)\s+to\b",
    rf"^(?P<owner>{_NP})\s+(?:provides|presents|brings|submits|circulates|arranges|writes|reports|shares|reviews|"
    rf"allocates|considers|investigates|undertakes|includes|adds|monitors|seeks|explores|establishes)\b")]


def _resolution_owner(part: str, lead_subject: str | None) -> tuple[str | None, str | None]:
    """(owner, to) of one resolution part."""
    core = re.sub(r"^(?:that|to)\s+", "", part, flags=re.IGNORECASE)
    to = _TO_EXECUTIVE.search(core)
    if to and re.match(r"^(?:\w+\s+){0,3}?recommend", core, re.IGNORECASE):
        body = to.group("to")
        body = body[:1].upper() + body[1:]
        return body, body
    delegate = _delegate_owner(core)
    if delegate:
        return delegate, None
    for pattern in _RESOLUTION_OWNERS:
        owner = _first_valid(pattern, core)
        if owner:
            return owner, None
    owner = _narrative_owner(core)
    if owner:
        return owner, None
    body = re.search(r"\b(?:the\s+)?(committee|panel|board|sub-committee|commission)\s+(?:allocates|reviews|considers|undertakes|schedules|"
                     r"includes|adds|investigates|explores|seeks|monitors|establishes|holds|commissions|writes|requests|asks|invites|"
                     r"refers|arranges)\b", core, re.IGNORECASE)
    if body:
        return body.group(1).capitalize(), None
    if lead_subject and re.match(r"^(?:allocates|reviews|considers|undertakes|schedules|includes|adds|investigates|explores|seeks|"
                                 r"monitors|establishes|holds|commissions|writes|requests|asks|invites|refers|arranges)\b", core, re.IGNORECASE):
        return clean_owner(lead_subject), None
    return None, None


# ---------------------------------------------------------------- reading prose

def _units(block: str) -> list[tuple[int, list[str]]]:
    """A block split into list entries ("ix) ...", "- ...", " • ..."), each as (offset, lines)."""
    units: list[tuple[int, list[str]]] = []
    offset = 0
    for line in block.split("\n"):
        start = offset
        offset += len(line) + 1
        pieces = _INLINE_BULLET.split(line)
        for i, piece in enumerate(pieces):
            new_unit = i > 0 or not units or bool(_STARTS_WITH_MARKER.match(piece)) or bool(_NUMBERED_ENTRY.match(piece))
            if new_unit:
                units.append((start, [piece]))
            else:
                units[-1][1].append(piece)
    return units


def _read_unit(start: int, lines: list[str], found: list[_Found]) -> None:
    """Sentences of one list entry or paragraph; margin notes give owners to the sentence beside them."""
    body_lines: list[str] = []
    notes: list[tuple[int, str]] = []
    for line in lines:
        m = _MARGIN_NOTE.match(line.strip())
        if m:
            notes.append((len(collapse(" ".join(body_lines))), m.group("note")))
        else:
            body_lines.append(line)
    text = collapse(" ".join(body_lines))
    text = _STARTS_WITH_MARKER.sub("", text)
    if not text or not notes and not _UNIT_MAYBE.search(text):
        return
    action_line = _ACTION_LINE.search(text)
    if action_line and (len(re.findall(r"\b[a-z]{3,}\b", action_line.group("rest"))) < 2 and not re.fullmatch(rf"(?:{PERSON}|{_NP})\s*\.?", action_line.group("rest").strip())
                        or re.search(r"\bPDF\s+\d", action_line.group("rest"))):
        action_line = None  # a heading "Actions: pdf icon PDF 158 KB", not an action
    tail_owner: str | None = None
    if action_line:
        rest = action_line.group("rest").strip()
        owner_only = re.fullmatch(rf"(?:{PERSON}|{_NP})\s*\.?", rest) if len(rest.split()) <= 6 else None
        if owner_only and _owner_ok(rest.rstrip(".")):
            tail_owner = _owner_ok(rest.rstrip("."))  # "ACTION: Councillor X" names the owner of what came before
            text = text[:action_line.start()].strip()
            if not text:
                if found and not found[-1].explicit_owner:
                    found[-1].owner, found[-1].explicit_owner = tail_owner, True
                return
        else:
            owner_m = _TRAILING_OWNER.search(rest)
            owner = collapse(owner_m.group("owner")) if owner_m else None
            action_text = rest[:owner_m.start()].strip() if owner_m else rest
            if owner is None:
                # "ACTION: Sam Patel to circulate ...": after the label any name can lead
                named = re.match(r"^(?P<owner>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s+to\s+[a-z]+", action_text)
                owner = named.group("owner") if named else _narrative_owner(action_text)
            if action_text:
                found.append(_Found(start, action_text, owner=owner, explicit_owner=owner is not None))
            text = text[:action_line.start()].strip()
            if not text:
                return
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for sentence in sentences(text):
        at = text.find(sentence[:40], cursor)
        at = cursor if at < 0 else at
        spans.append((at, at + len(sentence), sentence))
        cursor = at + len(sentence)
    if not spans:
        return
    actions = {i for i, (_s, _e, sentence) in enumerate(spans) if _is_action(sentence)}
    owners: dict[int, str] = {}
    for position, note in notes:
        owner = _owner_ok(note) if not re.search(r"\b(?!(?:of|and|for)\b)[a-z]+\b", note) else None
        if not owner:
            continue  # "Noted", "Feb", "Signed by the Chair": a status, not an owner
        beside = next((i for i, (s, e, _t) in enumerate(spans) if s <= max(position - 1, 0) < e + 1), len(spans) - 1)
        # the owner carries out the follow-up beside it, or the decision of the entry it ends
        decided = [i for i in range(beside + 1) if re.search(r"\b(?:agreed|resolved|decided)\b", spans[i][2], re.IGNORECASE)
                   and not _MINUTES_APPROVED.search(spans[i][2])]
        target = beside if beside in actions else max((i for i in actions if i <= beside), default=max(decided, default=beside))
        actions.add(target)
        owners[target] = owner
    if tail_owner:
        target = max(actions) if actions else len(spans) - 1
        actions.add(target)
        owners[target] = tail_owner
    for i in sorted(actions):
        if i + 1 < len(spans) and _ASK_WITHOUT_CONTENT.search(spans[i][2]):
            actions.add(i + 1)
    def asked_merge(members: list[int]) -> bool:
        return len(members) > 1 and bool(_ASK_WITHOUT_CONTENT.search(spans[members[0]][2]))

    merged_into: dict[int, int] = {}
    for i in sorted(actions):
        if i > 0 and i - 1 in actions and _ASK_WITHOUT_CONTENT.search(spans[i - 1][2]):
            merged_into[i] = i - 1
            continue
        sentence = spans[i][2]
        if i > 0 and _needs_context(sentence) and i not in merged_into:
            previous = i - 1
            while previous in merged_into:
                previous = merged_into[previous]
            merged_into[i] = previous if previous in actions else i
    groups: dict[int, list[int]] = {}
    for i in sorted(actions):
        root = merged_into.get(i, i)
        while root in merged_into and merged_into[root] != root:
            root = merged_into[root]
        groups.setdefault(root, []).append(i)
    for root, members in sorted(groups.items()):
        first = members[0]
        if first > 0 and _needs_context(spans[first][2]) and first - 1 not in actions:
            first -= 1
        elif first == 1 and 0 not in actions and len(spans[0][2].split()) <= 8 and len(lines) and _STARTS_WITH_MARKER.match(lines[0]):
            first = 0
        action_text = " ".join(spans[j][2] for j in range(first, members[-1] + 1))
        explicit = next((owners[j] for j in reversed(members) if j in owners), None)
        owner = explicit
        if owner is None:
            for j in members if asked_merge(members) else reversed(members):
                owner = _narrative_owner(spans[j][2])
                if owner:
                    break
        request = any(_REQUEST.search(spans[j][2]) for j in members)
        found.append(_Found(start, action_text, owner=owner,
                            request=request, explicit_owner=explicit is not None))


def _prose_cells(line: str) -> list[str]:
    """The prose cells of a table row (a minutes table "No | Item"): one long cell beside short ones."""
    row = cells(line)
    long_cells = [c for c in row if len(c.split()) >= 15]
    if len(long_cells) == 1 and all(len(c.split()) <= 4 for c in row if c is not long_cells[0]):
        return long_cells
    return []


def _read(text: str) -> list[_Found]:
    found: list[_Found] = []
    log_lines = set()
    for offset, action_text, owner, due_text in _action_log(text):
        found.append(_Found(offset, action_text, owner=owner, explicit_owner=owner is not None, due_text=due_text))
        log_lines.add(offset)
    pending: tuple[str | None, int, bool] | None = None  # a resolution label whose parts follow in later blocks
    for start, block in paragraph_spans(text):
        if "\t" in block:
            pending = None
            offset = start
            for line in block.split("\n"):
                if offset not in log_lines and "\t" in line:
                    for cell in _prose_cells(line):
                        for _unit_start, lines in _units(cell):
                            _read_unit(offset, lines, found)
                offset += len(line) + 1
            continue
        if pending is not None and len(re.findall(r"\b[a-z]{2,}\b", block)) >= 3 and (_STARTS_WITH_MARKER.match(block) or re.match(r"^\s*(?:that|to)\s+[a-z]", block, re.IGNORECASE)):
            _read_resolution(start, block, pending[0], found, pending[2])
            continue
        pending = None
        head = _resolution_head(block)
        if head is None:
            # "i) That the minutes ... be approved." / "That the Work Programme be updated ...": resolutions with no label
            if _THAT_RESOLUTION.match(block):
                _read_resolution(start, block, None, found)
                continue
            # "... was discussed. RESOLVED – That ...": a resolution run on after the narrative
            run_on = _RUN_ON_RESOLUTION.search(block) if "ED" in block else None
            if run_on and _resolution_head(block[run_on.end():]) is not None:
                for unit_start, lines in _units(block[:run_on.start()]):
                    _read_unit(start + unit_start, lines, found)
                body, subject, parts_follow, recommends = _resolution_head(block[run_on.end():])
                if parts_follow:
                    pending = (subject, start, recommends)
                else:
                    _read_resolution(start + run_on.end(), body, subject, found, recommends)
                continue
            tail_at = max(0, len(block) - 200)
            label_at_end = _LABEL_AT_END.search(block, tail_at) if block.rstrip().endswith((":", ":-")) else None
            if label_at_end:
                before = block[:label_at_end.start(1)]
                for unit_start, lines in _units(before):
                    _read_unit(start + unit_start, lines, found)
                pending = (None, start, False)
                continue
            for unit_start, lines in _units(block):
                _read_unit(start + unit_start, lines, found)
            continue
        body, subject, parts_follow, recommends = head
        if parts_follow:
            pending = (subject, start, recommends)
            continue
        _read_resolution(start, body, subject, found, recommends)
        if collapse(block).endswith((":", ":-")):
            pending = (subject, start, recommends)
    return found


_RECIPIENT = re.compile(r"^(?:that\s+)?(?:the\s+)?(?P<to>Cabinet|Council|Full\s+Council|Executive|Mayor|Leader|Executive\s+Member)\b", re.IGNORECASE)


def _read_resolution(start: int, body: str, subject: str | None, found: list[_Found], recommends: bool = False) -> None:
    parts = _parts(_unspace(body))
    inherited: str | None = None
    for index, part in enumerate(parts):
        if recommends:
            recipient = _RECIPIENT.match(part)
            if recipient:  # "RECOMMENDED – That Cabinet ...": the body it goes to owes a response
                body_name = collapse(recipient.group("to"))
                body_name = body_name[:1].upper() + body_name[1:]
                found.append(_Found(start, part, owner=body_name, to=body_name))
                continue
        if part.endswith(":") and any(p.search(part) for p in _NOT_ACTIONS[2:]):
            break  # "that the public be excluded ... as:": what follows are its grounds
        if part.endswith(":") and index + 1 < len(parts):
            # "That authority be delegated to the Director ... to:" leads the steps listed after it
            owner, _to = _resolution_owner(part, subject)
            inherited = owner or inherited
            continue
        clauses = [c for c in re.split(r";\s+and\s+(?=(?:to\s+)?[a-z]+\b)|"
                                       r"\s+and\s+(?=(?:further\s+|also\s+)?(?:requests?|asks?|instructs?|recommends?|refers?|delegates?|invites?)\b)",
                                       part) if c.strip()]
        split: list[str] = []
        for clause in clauses:
            pieces = re.split(r";?,?\s+and\s+that\s+", clause, maxsplit=1)
            core = re.sub(r"^(?:that|to)\s+", "", pieces[0], flags=re.IGNORECASE)
            if len(pieces) == 2 and (_DECISION_VERB.match(core) or _DECISION_PASSIVE.search(core)):
                split.extend(pieces)
            else:
                split.append(clause)
        clauses = split
        for clause in clauses:
            clause = re.sub(r";?\s*(?:and|or)\s*$", "", clause).strip(" ;")
            if not clause:
                continue
            core = re.sub(r"^(?:that|to)\s+", "", clause, flags=re.IGNORECASE)
            # the steps listed under "delegated to the Director ... to:" are the delegate's to take
            step = inherited is not None and not (_DECISION_VERB.match(core) or _DECISION_PASSIVE.search(core)
                                                  or _MINUTES_APPROVED.search(core))
            if not step and not _part_is_action(clause):
                continue
            owner, to = _resolution_owner(clause, subject)
            found.append(_Found(start, clause, owner=owner or inherited, to=to, request=bool(_REQUEST.search(clause))))


# ---------------------------------------------------------------- items

def _item_spans(items: list[Item], text: str) -> list[tuple[int, Item]]:
    """(start offset, item) in text order: where each item's text (or its row) begins."""
    spans: list[tuple[int, Item]] = []
    cursor = 0
    for item in items:
        at = -1
        if item.text:
            at = text.find(item.text[:200], cursor)
        if at < 0 and item.number:
            m = re.compile(rf"^[ \t]*{re.escape(item.number)}\b", re.MULTILINE).search(text, cursor)
            at = m.start() if m else -1
        if at < 0 and item.title:
            at = text.find(item.title, cursor)
        if at < 0:
            continue
        # the heading sits just before the text
        line_start = text.rfind("\n", 0, max(at - 1, 0)) + 1 if item.text else at
        spans.append((line_start, item))
        cursor = at + 1
    return spans


_MINUTES_MARKER = re.compile(r"^[ \t]*Minutes:[ \t]*$", re.MULTILINE)


def _agenda_descriptions(text: str, spans: list[tuple[int, Item]]) -> list[tuple[int, int]]:
    """Where a ModernGov page prints an item's agenda text above its "Minutes:" line, that text
    says what the meeting will do ("A verbal update will be provided"), not what it agreed."""
    regions = []
    if not spans:  # a single item's page: its agenda text runs from the top to "Minutes:"
        marker = _MINUTES_MARKER.search(text)
        return [(0, marker.start())] if marker else []
    bounds = [start for start, _item in spans] + [len(text)]
    for index, (start, _item) in enumerate(spans):
        marker = _MINUTES_MARKER.search(text, start, bounds[index + 1])
        if marker:
            regions.append((start, marker.start()))
    return regions


def _item_for(offset: int, spans: list[tuple[int, Item]]) -> Item | None:
    current = None
    for start, item in spans:
        if start > offset:
            break
        current = item
    return current


def _answering_officers(text: str) -> str | None:
    """"Although the Director of X and the Director of Y were unable to attend, they would provide answers
    to questions following the meeting": the posts that own the item's requests."""
    if not _ANSWERS_LATER.search(text):
        return None
    # a list's lead ("the Director of X made the following main points:") is not part of its entries
    for sentence in (s for piece in re.split(r"(?<=:)\s+|\n\s*[-•]\s+", text) for s in sentences(piece)):
        if _ANSWERS_LATER.search(sentence):
            posts = [collapse(m.group(1)) for m in _POST_PHRASE.finditer(sentence)]
            if posts:
                unique = list(dict.fromkeys(posts))
                return " and ".join(unique)
    return None


def parse_actions(items: list[Item], whole_text: str, meeting_date: date | None,
                  next_meeting: str | None = None) -> list[Action]:
    """Every follow-up in the text, in order, each under the item that holds it. Items that
    bring their own text (a council's web service gives each item's minutes) and no whole
    text are read as one text, item after item."""
    if not whole_text.strip() and any(item.text for item in items):
        whole_text = "\n\n".join(f"{item.number or ''} {item.title}".strip() + "\n\n" + item.text for item in items)
    book = OwnerBook(whole_text)
    spans = _item_spans(items, whole_text)
    found = _read(whole_text)
    agenda_parts = _agenda_descriptions(whole_text, spans)
    found = [f for f in found if not any(start <= f.start < end for start, end in agenda_parts)]
    found.sort(key=lambda f: f.start)
    bounds = [start for start, _item in spans] + [len(whole_text)]
    answering: dict[int, str | None] = {}
    actions: list[Action] = []
    seen: set[tuple[str | None, str]] = set()
    for f in found:
        item = _item_for(f.start, spans)
        owner = f.owner
        if owner is None and f.request and spans and item is not None:
            index = next(i for i, (_s, it) in enumerate(spans) if it is item)
            if index not in answering:
                answering[index] = _answering_officers(whole_text[bounds[index]:bounds[index + 1]])
            owner = answering[index]
        if owner:
            owner = book.spell_out(owner)
        text = collapse(f.text)
        key = (item.number if item else None, text)
        if key in seen:
            continue
        seen.add(key)
        if f.due_text is not None:
            dates = find_dates(f.due_text, meeting_date)
            due = dates[0].value.isoformat() if dates else next((m for _s, _e, m in find_months(f.due_text)), None)
        else:
            due = _due(text, meeting_date, next_meeting)
        actions.append(Action(item=item.number if item else None, text=text, owner=owner, due=due,
                              item_title=item.title if item else None, to=f.to))
    return actions
