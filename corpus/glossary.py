"""Acronyms: learned from the papers ("Education, Health and Care Plans
(EHCPs)") and a built-in glossary of local-government and children's-services
terms, so that `find EHCP` also finds the words spelt out."""
from __future__ import annotations

import re

BUILT_IN: dict[str, str] = {
    "ASC": "adult social care", "CAMHS": "child and adolescent mental health services",
    "CCG": "clinical commissioning group", "CFOSP": "children and families overview and scrutiny panel",
    "CIC": "children in care", "CIN": "child in need", "CIL": "community infrastructure levy",
    "CLA": "children looked after", "CME": "children missing education", "CMR": "cabinet member with responsibility",
    "CP": "child protection", "CQC": "care quality commission", "CSC": "children's social care",
    "CSE": "child sexual exploitation", "CSP": "community safety partnership", "DfE": "department for education",
    "DCS": "director of children's services", "DoLS": "deprivation of liberty safeguards",
    "DSG": "dedicated schools grant", "EHCP": "education health and care plan", "EHE": "elective home education",
    "EP": "educational psychologist", "FFD": "family front door", "HSCB": "safeguarding children board",
    "ICB": "integrated care board", "ICS": "integrated care system", "ILACS": "inspection of local authority children's services",
    "JSNA": "joint strategic needs assessment", "JTAI": "joint targeted area inspection", "KPI": "key performance indicator",
    "LAC": "looked after children", "LADO": "local authority designated officer", "LGA": "local government association",
    "LSCB": "local safeguarding children board", "MASH": "multi agency safeguarding hub",
    "MTFS": "medium term financial strategy", "NEET": "not in education employment or training",
    "O&S": "overview and scrutiny", "OSC": "overview and scrutiny committee", "OSMB": "overview and scrutiny management board",
    "OSPB": "overview and scrutiny performance board", "PI": "performance indicator", "PRU": "pupil referral unit",
    "SEMH": "social emotional and mental health", "SEN": "special educational needs",
    "SEND": "special educational needs and disabilities", "SENCO": "special educational needs coordinator",
    "UASC": "unaccompanied asylum seeking children", "WCF": "worcestershire children first",
    "YOT": "youth offending team", "CfGS": "centre for governance and scrutiny", "HRA": "housing revenue account",
    "S106": "section 106", "ASB": "anti social behaviour", "VAWG": "violence against women and girls",
    "DA": "domestic abuse", "HWB": "health and wellbeing board", "ICT": "information and communications technology",
}

_SMALL = {"and", "of", "for", "the", "in", "on", "to", "with", "&", "a", "an", "or"}
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9}?)s?\s*\)")


def learn_acronyms(text: str) -> dict[str, str]:
    """ACRONYM -> expansion for every "Long Form Words (LFW)" in text whose
    initials spell the acronym."""
    found: dict[str, str] = {}
    for m in _BRACKETED.finditer(text):
        acronym = m.group(1)
        letters = [c.lower() for c in acronym if c.isalpha() and c.isupper()]
        if len(letters) < 2 or acronym.upper() in found:
            continue
        words = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, m.start() - 160):m.start()])
        # walk back from the bracket, matching initials of the significant words
        picked: list[str] = []
        want = list(reversed(letters))
        for word in reversed(words):
            if not want:
                break
            if word.lower() in _SMALL:
                picked.append(word)
                continue
            if word[0].lower() != want[0]:
                break
            want.pop(0)
            picked.append(word)
        if not want:
            while picked and picked[-1].lower() in _SMALL:
                picked.pop()
            long_form = " ".join(reversed(picked)).lower()
            found[acronym.upper()] = re.sub(r"['’]s$", "", long_form)
    return found


def expansions(term: str, learned: dict[str, str]) -> list[str]:
    """Long forms of an acronym (either case, singular or plural), learned ones first."""
    key = term.upper().rstrip("S") if len(term) > 3 and term.upper().endswith("S") and term.upper()[:-1] in {**BUILT_IN, **learned} else term.upper()
    out = []
    for table in (learned, {k.upper(): v for k, v in BUILT_IN.items()}):
        value = table.get(key)
        if value and value not in out:
            out.append(value)
    return out


def acronyms_for(phrase: str, learned: dict[str, str]) -> list[str]:
    """The other way: acronyms whose long form is this phrase."""
    wanted = " ".join(re.findall(r"[a-z0-9']+", phrase.lower()))
    out = []
    for table in (learned, BUILT_IN):
        for acronym, long_form in table.items():
            if " ".join(re.findall(r"[a-z0-9']+", long_form)) == wanted and acronym.upper() not in out:
                out.append(acronym.upper())
    return out
