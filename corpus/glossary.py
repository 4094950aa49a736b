"""Acronyms: learned from the papers ("Education, Health and Care Plans
(EHCPs)") and a maintained glossary of common local-government ones that
papers use without spelling out (PCC, HWRC, MTFP, CAMHS, ICB…), so that
`find EHCP` also finds the words spelt out and the words find the acronym."""
from __future__ import annotations

import re

from .words import acronym_key, tokens

# The maintained glossary: ACRONYM -> its long forms, most usual first. Terms in
# everyday use across English councils' committee papers, checked against
# these published glossaries (expansions are facts, not their wording):
#   Eden District Council, "Acronyms and abbreviations" (local-government terms);
#   Plymouth Online Directory, "Children's Services glossary and acronyms";
#   Norfolk SENDIASS and Swindon Borough Council SEND "Jargon buster" pages;
#   West Lancashire Borough Council "CIL glossary" (planning: CIL, S106);
#   Surrey and Suffolk Police and Crime Commissioners' MTFP decisions (PCC, MTFP);
#   Defra packaging EPR modelling glossary (HWRC);
#   Southend SEND strategic plan glossary (ICB, ICS, JSNA, SEMH).
# Add a term when papers use it unexplained; keep one that means two things
# only under its local-government meaning. Acronyms that share a long form
# (LAC, CLA) find each other.
BUILT_IN: dict[str, tuple[str, ...]] = {
    # governance and scrutiny
    "O&S": ("overview and scrutiny",), "OSC": ("overview and scrutiny committee",),
    "OSMB": ("overview and scrutiny management board",), "OSPB": ("overview and scrutiny performance board",),
    "CfGS": ("centre for governance and scrutiny",), "CfPS": ("centre for public scrutiny",),
    "LGA": ("local government association",), "CMR": ("cabinet member with responsibility",),
    "KPI": ("key performance indicator",), "PI": ("performance indicator",), "ToR": ("terms of reference",),
    "FOI": ("freedom of information",), "GDPR": ("general data protection regulation",),
    "DPI": ("disclosable pecuniary interest",), "DLUHC": ("department for levelling up housing and communities",),
    "MHCLG": ("ministry of housing communities and local government",), "DfE": ("department for education",),
    "DHSC": ("department of health and social care",), "LEP": ("local enterprise partnership",),
    "CA": ("combined authority",),
    # finance
    "MTFP": ("medium term financial plan",), "MTFS": ("medium term financial strategy",),
    "DSG": ("dedicated schools grant",), "HRA": ("housing revenue account",), "RSG": ("revenue support grant",),
    "NNDR": ("national non domestic rates", "business rates"), "MRP": ("minimum revenue provision",),
    "PWLB": ("public works loan board",), "CIPFA": ("chartered institute of public finance and accountancy",),
    "CTRS": ("council tax reduction scheme",),
    # children, education and SEND
    "LAC": ("looked after children", "looked after child", "children looked after", "child looked after",
            "children in care"),
    "CLA": ("children looked after", "child looked after", "looked after children", "looked after child",
            "children in care"),
    "CIN": ("child in need", "children in need"), "CP": ("child protection",), "CPP": ("child protection plan",),
    "CSC": ("children's social care",), "CSE": ("child sexual exploitation",), "CCE": ("child criminal exploitation",),
    "CME": ("children missing education", "children missing from education"),
    "DCS": ("director of children's services",), "EHCP": ("education health and care plan",),
    "EHC": ("education health and care",), "EHE": ("elective home education", "electively home educated"),
    "EP": ("educational psychologist",), "EY": ("early years",), "EYFS": ("early years foundation stage",),
    "FSM": ("free school meals",), "ILACS": ("inspection of local authority children's services",),
    "JTAI": ("joint targeted area inspection",), "LADO": ("local authority designated officer",),
    "LSCB": ("local safeguarding children board",), "MASH": ("multi agency safeguarding hub",),
    "NEET": ("not in education employment or training",), "PRU": ("pupil referral unit",),
    "AP": ("alternative provision",), "SEMH": ("social emotional and mental health",),
    "SEN": ("special educational needs",),
    "SEND": ("special educational needs and disabilities", "special educational needs and disability"),
    "SENCO": ("special educational needs coordinator", "special educational needs co ordinator"),
    "UASC": ("unaccompanied asylum seeking children",), "YOT": ("youth offending team",),
    "YJS": ("youth justice service",), "HTST": ("home to school transport",), "CYP": ("children and young people",),
    "FFD": ("family front door",), "SLCN": ("speech language and communication needs",),
    "ASD": ("autism spectrum disorder", "autistic spectrum disorder"),
    "ADHD": ("attention deficit hyperactivity disorder",),
    # health and adult social care
    "ASC": ("adult social care",), "CAMHS": ("child and adolescent mental health services",
                                            "child and adolescent mental health service"),
    "CCG": ("clinical commissioning group",), "ICB": ("integrated care board",), "ICS": ("integrated care system",),
    "PCN": ("primary care network",), "CQC": ("care quality commission",), "HWB": ("health and wellbeing board",
                                                                                    "health and well being board"),
    "JSNA": ("joint strategic needs assessment",), "DoLS": ("deprivation of liberty safeguards",),
    "BCF": ("better care fund",), "DToC": ("delayed transfers of care",), "LD": ("learning disabilities",),
    "DFG": ("disabled facilities grant",),
    # community safety
    "PCC": ("police and crime commissioner",), "PCP": ("police and crime panel",),
    "CSP": ("community safety partnership",), "ASB": ("anti social behaviour", "antisocial behaviour"),
    "DA": ("domestic abuse",), "VAWG": ("violence against women and girls",),
    "MARAC": ("multi agency risk assessment conference",), "CCTV": ("closed circuit television",),
    # place: planning, highways, housing, waste
    "S106": ("section 106",), "CIL": ("community infrastructure levy",), "NPPF": ("national planning policy framework",),
    "LDF": ("local development framework",), "SPD": ("supplementary planning document",),
    "AONB": ("area of outstanding natural beauty",), "TPO": ("tree preservation order",),
    "HMO": ("house in multiple occupation", "houses in multiple occupation"), "LTP": ("local transport plan",),
    "HWRC": ("household waste recycling centre",), "EV": ("electric vehicle",), "HGV": ("heavy goods vehicle",),
    "ALMO": ("arms length management organisation",), "RSL": ("registered social landlord",),
    "ICT": ("information and communications technology",),
}

_SMALL = {"and", "of", "for", "the", "in", "on", "to", "with", "&", "a", "an", "or"}
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9}?)s?\s*\)")

# the maintained glossary by lookup key ("o&s" and "OS" are both "os")
_BY_KEY: dict[str, tuple[str, ...]] = {acronym_key(k): v for k, v in BUILT_IN.items()}
_WRITTEN: dict[str, str] = {acronym_key(k): k for k in BUILT_IN}
KNOWN_KEYS = frozenset(_BY_KEY)


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
        spelt = initials_before(words, letters)
        if spelt:
            found[acronym.upper()] = re.sub(r"['’]s$", "", spelt.lower())
    return found


def initials_before(words: list[str], letters: list[str], small: set[str] = _SMALL) -> str | None:
    """The words ending just before a bracket whose initials spell `letters` (small
    words allowed between): "Director of Children's Services" before "(DCS)"."""
    picked: list[str] = []
    want = list(reversed(letters))
    for word in reversed(words):
        if not want:
            break
        if word.lower() in small:
            picked.append(word)
            continue
        if word[0].lower() != want[0]:
            return None
        want.pop(0)
        picked.append(word)
    if want:
        return None
    while picked and picked[-1].lower() in small:
        picked.pop()
    return " ".join(reversed(picked))


def phrase(long_form: str) -> str:
    """A long form as index tokens: "Health and Well-being Board" -> "health and well being board"."""
    return " ".join(tokens(long_form))


def built_in(key: str) -> tuple[str, ...]:
    """The maintained long forms of an acronym key ("ehcp"), or ()."""
    return _BY_KEY.get(key, ())


def written(key: str) -> str:
    """How the glossary writes an acronym key ("dfe" -> "DfE")."""
    return _WRITTEN.get(key, key.upper())


_KEYS_BY_PHRASE: dict[str, list[str]] = {}
for _key, _forms in _BY_KEY.items():
    for _form in _forms:
        _KEYS_BY_PHRASE.setdefault(phrase(_form), []).append(_key)


def related_keys(key: str) -> list[str]:
    """Other acronyms with the same meaning: LAC and CLA."""
    related = (k for form in built_in(key) for k in _KEYS_BY_PHRASE.get(phrase(form), []))
    return [k for k in dict.fromkeys(related) if k != key]


def keys_for(long_form: str) -> list[str]:
    """The other way: acronym keys whose long form is this phrase."""
    return list(_KEYS_BY_PHRASE.get(phrase(long_form), []))
