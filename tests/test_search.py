"""find and history: acronyms as written, word forms, no word 'corrected' into
another, and no suggestion that finds nothing."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from rapidfuzz.distance import DamerauLevenshtein

from corpus import demo_corpus
from corpus.glossary import BUILT_IN
from corpus.words import acronyms_in, family
from handlers import dispatch
from store import open_db
from store.ingest import ingest_paths

from .conftest import LONDON

LATER = datetime(2026, 1, 5, 9, tzinfo=LONDON)
OWN_PAPERS = Path(__file__).parent / "search"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """The demo papers, once for this module's read-only searches."""
    database = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    ingest_paths(database, [demo_corpus()], now=LATER)
    yield database
    database.close()


@pytest.fixture
def own_db(tmp_path):
    """Two papers that use acronyms bare (HWRC, MTFP, ICB) and 'send', 'lack' as words."""
    database = open_db(tmp_path / "own.db")
    ingest_paths(database, [OWN_PAPERS], now=LATER)
    yield database
    database.close()


def test_an_acronym_matches_where_it_is_written_as_one_never_the_word(demo_store, own_db):
    lac = dispatch("find LAC", demo_store, LATER).text
    assert "looked after children" in lac.lower()
    assert "lack" not in lac.lower()  # "the lack of suitable specialist provision"
    for typed in ("find SEND", "find send", "history SEND"):
        text = dispatch(typed, own_db, LATER).text
        assert "No matches" in text and "would send" not in text  # "she would send the booking figures"
    assert "would send" in dispatch("find would send", own_db, LATER).text  # the word itself is still found


def test_acronyms_as_papers_write_them():
    assert acronyms_in("The EHCPs (EHCP) rose; WCF's report; a lack of LAC data; DfE, S106 and O&S.") == [
        "ehcp", "wcf", "lac", "dfe", "s106", "os"]
    # a heading in capitals is not a list of acronyms, bar the ones known or bracketed
    assert acronyms_in("OUTCOME OF OFSTED INSPECTION OF CHILDREN'S SERVICES (ILACS) AND SEND PLAN",
                       frozenset({"send"})) == ["ilacs", "send"]


def test_the_glossary_knows_common_local_government_acronyms_both_ways(own_db):
    for acronym in ("PCC", "HWRC", "MTFP", "CAMHS", "ICB", "EHCP", "LAC", "CLA", "SEND", "NEET", "ASB", "CIL", "S106"):
        assert acronym in BUILT_IN
    # the paper writes only "HWRC" and "MTFP"; the words find them, and the acronyms say what they mean
    assert "Household Waste and Recycling" in dispatch("find household waste recycling centre", own_db, LATER).text
    mtfp = dispatch("find MTFP", own_db, LATER).text
    assert "Budget Pressures" in mtfp and "medium term financial plan" in mtfp


def test_word_forms_are_matched_and_real_words_never_corrected(demo_store):
    exploited = dispatch("find exploited", demo_store, LATER).text
    assert "Showing results for" not in exploited  # was "corrected" to "explained"
    assert "exploitation" in exploited.lower()
    excluded = dispatch("find excluded", demo_store, LATER).text  # an agenda report says "permanent exclusions"
    assert "exclusions" in excluded.lower() and "Showing results for" not in excluded
    assert family("excluded") == family("exclusions") and family("decided") == family("decision")
    assert family("intend") != family("intense") and family("commit") != family("commissioning")


@pytest.mark.parametrize("typed, nonsense", [("find CAMHS", ("`/scrutiny find can`", "has", "his")),
                                             ("find potholes", ("roles", "less")),
                                             ("history potholes", ("roles", "less"))])
def test_no_nonsense_did_you_mean(demo_store, typed, nonsense):
    text = dispatch(typed, demo_store, LATER).text
    assert "No matches" in text and "Did you mean" not in text
    assert not any(re.search(rf"\b{re.escape(word.strip('`'))}\b", text) for word in nonsense)
    if "CAMHS" in typed:
        assert "child and adolescent mental health services" in text  # what it means, and that the papers lack it


@pytest.mark.parametrize("typed", ["safegaurding", "exploitaiton", "herefordshre", "safeguarding potholes",
                                   "domestic abuse lottery", "childrn", "ofsted inspecton", "wibble", "CAHMS", "SENDD"])
def test_every_suggestion_has_results_and_comes_from_what_was_typed(demo_store, typed):
    text = dispatch(f"find {typed}", demo_store, LATER).text
    offered = re.findall(r"`/scrutiny find ([^`]+?)(?: page \d+)?`", text) + re.findall(r"Showing results for (\S+) \(you typed", text)
    typed_words = typed.lower().split()
    for suggestion in offered:
        assert "No matches" not in dispatch(f"find {suggestion}", demo_store, LATER).text, suggestion
        assert all(any(DamerauLevenshtein.distance(w, t) <= 2 for t in typed_words) for w in suggestion.lower().split()), \
            (suggestion, typed)


def test_typos_are_corrected_to_words_the_papers_use(demo_store):
    text = dispatch("find safegaurding", demo_store, LATER).text
    assert "Showing results for safeguarding (you typed safegaurding)" in text
    assert "Showing results for" in dispatch("history exploitaiton", demo_store, LATER).text
