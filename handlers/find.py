"""`/scrutiny find <words>` and `/scrutiny history <topic>`: search an officer
can trust.

- An acronym matches where a paper writes it as an acronym, and its long forms
  ("LAC": "LAC", "CLA", "looked after children"; never "lack"); the long form
  typed finds the acronym too. Long forms come from the papers themselves and
  from the maintained glossary (corpus/glossary.py).
- A word matches its forms in the papers (exploited: exploitation; excluded:
  exclusions), as whole words.
- A word no paper uses, and no dictionary knows, is corrected to the nearest
  word the papers use, and the reply says so. A real word is never corrected.
- When nothing is found, the only suggestions are searches that have results
  and come from what was typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz.distance import DamerauLevenshtein
from sqlite_utils import Database

from corpus.english import is_word
from corpus.glossary import KNOWN_KEYS, built_in, keys_for, phrase, related_keys, written
from corpus.words import acronym_key, fold, looks_like_acronym, plural_forms
from store import queries
from store.search import (KINDS, Hit, Term, acronym_used, has_term, learned_acronyms, learned_forms, learned_keys, near_terms,
                          rows_using, search, word_forms)

from .format import paper, report_links, when
from .paging import page_of, split_page
from .reply import Button, Reply, escape, shorten
from .scope import Scope, scope_of

MAX_WORDS = 12
MAX_PHRASE = 8
STOP_WORDS = {"the", "and", "of", "a", "an", "to", "for", "in", "on", "at", "by", "with", "or", "is", "was", "what",
              "about", "s"}
SHOWN = 10
_PIECE = re.compile(r"[^\W_]+(?:&[^\W_]+)*")


@dataclass
class Group:
    """One thing typed (a word, an acronym, a long form) and the terms that match it."""
    label: str  # as typed
    terms: list[Term]
    meaning: str | None = None  # an acronym's long form, or a long form's acronyms
    word: str | None = None  # an ordinary word, folded: it may be a typo
    in_papers: bool = True  # False: no paper uses this word in any form
    words: list[str] = field(default_factory=list)  # a long form's words, as typed


@dataclass
class Query:
    typed: str
    groups: list[Group]
    corrected: dict[str, str] = field(default_factory=dict)

    @property
    def term_groups(self) -> list[list[Term]]:
        return [g.terms for g in self.groups]

    @property
    def can_match(self) -> bool:
        return bool(self.groups) and all(g.in_papers for g in self.groups)


def _pieces(typed: str) -> list[str]:
    return [p[:40] for p in _PIECE.findall(typed)][:MAX_WORDS * 2]


def _variants(long_form: str) -> list[str]:
    """A long form and its plural or singular: "education health and care plan(s)"."""
    *head, last = long_form.split()
    return [" ".join([*head, form]) for form in plural_forms(last)]


def _long_form_at(db: Database, folded: list[str], start: int) -> tuple[int, str, list[str]] | None:
    """The longest run of typed words from `start` that is an acronym's long
    form: (its length, the long form, its acronym keys)."""
    for n in range(min(MAX_PHRASE, len(folded) - start), 1, -1):
        window = folded[start:start + n]
        if window[0] in STOP_WORDS or window[-1] in STOP_WORDS:
            continue
        for candidate in _variants(" ".join(window)):
            keys = list(dict.fromkeys(keys_for(candidate) + learned_keys(db, candidate)))
            if keys:
                return n, candidate, keys
    return None


def _acronym_terms(db: Database, keys: list[str], forms: list[str]) -> list[Term]:
    every_key = list(dict.fromkeys(k for key in keys for k in [key, *related_keys(key)]))
    every_form = list(dict.fromkeys(forms + [phrase(f) for k in every_key for f in learned_forms(db, k) + list(built_in(k))]))
    return [Term(k, acronym=True) for k in every_key] + [Term(v) for f in every_form if f for v in _variants(f)]


def _forms_of(db: Database, word: str) -> list[str]:
    return list(dict.fromkeys([word, *word_forms(db, word)]))


def _word_group(db: Database, piece: str) -> Group:
    folded = fold(piece)
    caps = looks_like_acronym(piece)
    key = acronym_key(piece)
    if not caps and key.endswith("s") and not (built_in(key) or learned_forms(db, key)):
        key = key[:-1] if built_in(key[:-1]) or learned_forms(db, key[:-1]) else key  # "ehcps"
    curated, learned = built_in(key), learned_forms(db, key)
    if (curated or learned) and (caps or folded in (key, key + "s")):
        terms = _acronym_terms(db, [key], [])
        if not caps and not curated:
            terms += [Term(w) for w in _forms_of(db, folded)]  # an acronym a paper defined, typed as a word
        return Group(piece, terms, meaning=(learned + [phrase(x) for x in curated])[0])
    if caps and acronym_used(db, key):
        return Group(piece, [Term(key, acronym=True)])
    forms = _forms_of(db, folded)
    in_papers = not folded.isalpha() or len(forms) > 1 or has_term(db, folded)
    return Group(piece, [Term(w) for w in forms], word=folded, in_papers=in_papers)


def build_query(db: Database, typed: str) -> Query:
    pieces = _pieces(typed)
    folded = [fold(p) for p in pieces]
    groups: list[Group] = []
    i = 0
    while i < len(pieces) and len(groups) < MAX_WORDS:
        found = _long_form_at(db, folded, i)
        if found:
            n, long_form, keys = found
            groups.append(Group(" ".join(pieces[i:i + n]), _acronym_terms(db, keys, [long_form]),
                                meaning=", ".join(written(k) for k in keys), words=pieces[i:i + n]))
            i += n
            continue
        piece = pieces[i]
        i += 1
        if (folded[i - 1] in STOP_WORDS or (len(piece) == 1 and piece.isalpha())) and not looks_like_acronym(piece):
            continue
        groups.append(_word_group(db, piece))
    if not groups and pieces:  # nothing but small words: search them as typed
        groups = [_word_group(db, p) for p in pieces[:MAX_WORDS]]
    return Query(typed, groups)


def _nearest(db: Database, group: Group) -> str | None:
    """The word the papers use (or a known acronym) nearest to a word they do
    not use; None for a real English word, a short word, or nothing near."""
    word = group.word or ""
    if len(word) < 4 or not word.isalpha():
        return None
    limit = 1 if len(word) <= 5 else 2
    near = near_terms(db, word, limit)
    if near:
        best = min(d for _, d in near)
        nearest = max((t for t, d in near if d == best), key=lambda t: rows_using(db, t))
    elif looks_like_acronym(group.label):
        acronyms = sorted(KNOWN_KEYS | set(learned_acronyms(db)))
        close = [k for k in acronyms if k[:1] == word[:1] and DamerauLevenshtein.distance(k, word) <= 1]
        nearest = written(close[0]) if close else None
    else:
        nearest = None
    # the word list loads on the first typo a process meets, so it is asked last
    return None if nearest is None or is_word(word) else nearest


def correct_typos(db: Database, query: Query) -> Query | None:
    """The query with each word no paper uses (and no dictionary knows)
    replaced by the nearest word the papers use; None if there is none."""
    corrected: dict[str, str] = {}
    groups = []
    for group in query.groups:
        replacement = None if group.in_papers else _nearest(db, group)
        if replacement is None:
            groups.append(group)
            continue
        corrected[group.label] = replacement
        groups.append(_word_group(db, replacement))
    if not corrected:
        return None
    return Query(query.typed, groups, corrected)


def _loosened(db: Database, query: Query) -> list[list[Term]] | None:
    """The query with each long form taken word by word ("child sexual
    exploitation": also "children at risk of sexual exploitation")."""
    if not any(g.words for g in query.groups):
        return None
    groups = []
    for group in query.groups:
        if not group.words:
            groups.append(group)
            continue
        groups += [_word_group(db, w) for w in group.words if fold(w) not in STOP_WORDS]
    return [g.terms for g in groups] if all(g.in_papers for g in groups) else None


def _as_written(query: Query) -> list[list[Term]] | None:
    """Several plain words as one phrase, the way they were typed ("children's
    services"), so that rows saying just that rank first."""
    words = [fold(query.corrected.get(p, p)) for p in _pieces(query.typed)]
    if len(words) < 2 or not query.can_match or not all(g.word for g in query.groups):  # "call-in" is two words
        return None
    return [[Term(v) for v in _variants(" ".join(words))]]


def _tiers(db: Database, query: Query) -> list[list[list[Term]]]:
    """Readings of a query, strictest first: the words as one phrase, then as
    typed (long forms whole), then every word anywhere in a row."""
    tiers = [t for t in (_as_written(query), query.term_groups if query.can_match else None, _loosened(db, query)) if t]
    return list({repr(t): t for t in tiers}.values())


def _search_tiers(db: Database, query: Query, limit: int, quota: dict[str, int] | None = None, **kwargs) -> list[Hit]:
    """The hits of each reading in turn, until `limit` are found (and each kind with a quota has its own)."""
    quota = quota or {}
    hits: list[Hit] = []
    seen: set[tuple[str, int]] = set()
    counts: dict[str, int] = {}
    for groups in _tiers(db, query):
        for hit in search(db, groups, limit=limit, quota=quota, **kwargs):
            bucket = hit.kind if hit.kind in quota else ""
            if (hit.kind, hit.row_id) not in seen and counts.get(bucket, 0) < quota.get(bucket, limit):
                seen.add((hit.kind, hit.row_id))
                counts[bucket] = counts.get(bucket, 0) + 1
                hits.append(hit)
        if counts.get("", 0) >= limit and all(counts.get(k, 0) >= n for k, n in quota.items()):
            break
    return hits


def run(db: Database, typed: str, known_by: str | None = None, limit: int = 20, **kwargs) -> tuple[Query, list[Hit]]:
    query = build_query(db, typed)
    hits = _search_tiers(db, query, limit, known_by=known_by, **kwargs)
    if not hits:
        better = correct_typos(db, query)
        if better:
            found = _search_tiers(db, better, limit, known_by=known_by, **kwargs)
            if found:
                return better, found
    return query, hits


def _hit_line(hit: Hit, links: dict[int, list] | None = None) -> str:
    snippet = escape(re.sub(r"\s+", " ", hit.snippet)).strip()
    quote = f"\n> {snippet}" if snippet else ""
    if hit.kind == "paper":
        return f"*{escape(hit.committee)}*\nin the reports of {paper(hit.paper_kind, hit.paper_date)}{quote}"
    if hit.kind == "programme":
        where = f"work programme in {paper(hit.paper_kind, hit.paper_date)} · planned for {when(hit.date)}"
    elif hit.kind == "action":
        where = f"action from {paper(hit.paper_kind, hit.paper_date)}" + (f", item {hit.item_number}" if hit.item_number else "")
    else:
        where = f"{paper(hit.paper_kind, hit.paper_date)}" + (f", item {hit.item_number}" if hit.item_number else "")
        where += report_links((links or {}).get(hit.row_id, []))
    return f"*{escape(hit.title)}*\n{escape(hit.committee)} · {where}{quote}"


def _meanings(query: Query) -> str:
    """"SEND: special educational needs and disabilities; exploited: also exploitation"."""
    notes = []
    for group in query.groups:
        if group.meaning:
            notes.append(f"{escape(group.label)}: {escape(group.meaning)}")
        elif group.word:
            others = [t.text for t in group.terms if t.text != group.word][:3]
            if others:
                notes.append(f"{escape(group.label)}: also {escape(', '.join(others))}")
    return "; ".join(notes)


def nothing_found(db: Database, query: Query, usage: str, known_by: str | None, kinds: tuple[str, ...],
                  scope: Scope | None = None) -> Reply:
    reply = Reply().section(f"No matches for “{escape(query.typed[:200])}”.")
    committees = scope.panels if scope else None
    if committees is not None:  # not in the councils followed: say where it is, if anywhere
        elsewhere = run(db, query.typed, known_by, limit=1, kinds=kinds, snippets=0)[1]
        if elsewhere:
            reply.section(f"Nothing in the papers of the councils followed; other councils' papers have it: "
                          f"`{usage} {escape(query.typed[:200])} everywhere`")
    absent = [g for g in query.groups if g.meaning and len(query.groups) == 1]
    if absent:
        reply.context(f"{escape(absent[0].label)} ({escape(absent[0].meaning or '')}) is not in the papers I have.")
    if len(query.groups) > 1:
        # every suggestion is a search that has results, made of what was typed
        fewer = [g.label for g in query.groups
                 if g.in_papers and search(db, [g.terms], limit=1, kinds=kinds, known_by=known_by, snippets=0,
                                           committees=committees)]
        if fewer:
            reply.section("Nothing has all of those words. These have results: "
                          + ", ".join(f"`{usage} {escape(label)}`" for label in fewer[:3]))
    return reply


FIND_PAGES = 100  # search ranks at most its newest 1,000 matches


def handle_find(args: str, db: Database, now: datetime) -> Reply:
    words, page_number = split_page(args)
    typed, scope = scope_of(db, words)
    if not _pieces(typed):
        return Reply().section("What should I look for? For example `/scrutiny find EHCP` or `/scrutiny find home to school transport`.")
    known_by = queries.as_of(db, now.date())
    kinds = KINDS
    page_number = min(page_number, FIND_PAGES)
    shown_to = page_number * SHOWN
    query, hits = run(db, typed, known_by, limit=shown_to + 1, snippets=shown_to, committees=scope.panels)
    if not hits:
        return nothing_found(db, query, "/scrutiny find", known_by, kinds, scope)
    typed_again = typed + (" everywhere" if scope.everywhere else "")
    if len(hits) <= shown_to - SHOWN:
        return Reply().section(f"No more matches: there {'is 1' if len(hits) == 1 else f'are {len(hits):,}'}. "
                               f"`/scrutiny find {escape(typed_again[:200])}` shows "
                               + (f"the first {SHOWN}." if len(hits) > SHOWN else "them."))
    page_hits = hits[shown_to - SHOWN:shown_to]
    reply = Reply(share=f"find {typed_again}" + (f" page {page_number}" if page_number > 1 else "")).header(f"Found: {typed[:100]}")
    if query.corrected:
        reply.context("Showing results for " + ", ".join(f"*{escape(v)}* (you typed {escape(k)})" for k, v in query.corrected.items()))
    meanings = _meanings(query)
    if meanings:
        reply.context(meanings)
    links = queries.item_links(db, [h.row_id for h in page_hits if h.kind == "item"])
    for hit in page_hits:
        reply.section(_hit_line(hit, links))
    if len(hits) > shown_to or page_number > 1:
        shown = f"Matches {shown_to - SHOWN + 1}–{shown_to - SHOWN + len(page_hits)}, best first"
        if len(hits) > shown_to and page_number < FIND_PAGES:
            command = f"find {typed_again}"
            reply.context(f"{shown} · `/scrutiny {escape(command[:200])} page {page_number + 1}` for more, "
                          "or add words to narrow the search")
            reply.buttons(Button("Show more", "more", {"cmd": command, "page": page_number + 1}))
        else:
            reply.context(shown)
    note = scope.note(db, f"/scrutiny find {escape(typed[:100])}")
    if note:
        reply.context(note)
    return reply


HISTORY_MEETINGS = 15
_AGREEMENT = re.compile(r"\b(?:agreed?|agrees|resolved|decided|recommend(?:s|ed)?)\b", re.IGNORECASE)
_REQUEST = re.compile(r"\b(?:request(?:s|ed)?|asked)\b", re.IGNORECASE)


def _outcome_label(text: str) -> str:
    """"Agreed:" only for what was agreed or resolved; a request or other follow-up says so."""
    if _AGREEMENT.search(text):
        return "Agreed"
    return "Requested" if _REQUEST.search(text) else "Follow-up"


def handle_history(args: str, db: Database, now: datetime) -> Reply:
    words, page_number = split_page(args)
    typed, scope = scope_of(db, words)
    if not _pieces(typed):
        return Reply().section("Which topic? For example `/scrutiny history SEND`.")
    known_by = queries.as_of(db, now.date())
    # one search: what came to meetings (items, follow-ups, reports) and, apart, what is planned
    query, found = run(db, typed, known_by, limit=600, snippets=0, quota={"programme": 20}, committees=scope.panels)
    hits = [h for h in found if h.kind != "programme"]
    planned = [h for h in found if h.kind == "programme"]
    if not hits and not planned:
        return nothing_found(db, query, "/scrutiny history", known_by, KINDS, scope)
    typed_again = typed + (" everywhere" if scope.everywhere else "")
    reply = Reply(share=f"history {typed_again}" + (f" page {page_number}" if page_number > 1 else "")).header(f"History: {typed[:100]}")
    if query.corrected:
        reply.context("Showing results for " + ", ".join(f"*{escape(v)}*" for v in query.corrected.values()))
    meanings = _meanings(query)
    if meanings:
        reply.context(meanings)
    meetings: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        meetings.setdefault((hit.date or "", hit.committee), []).append(hit)
    # newest first for paging, each page shown oldest to newest
    page = page_of(sorted(meetings.items(), reverse=True), page_number, HISTORY_MEETINGS)
    for (meeting_date, committee), group in reversed(page.items):
        items = sorted({h.title for h in group if h.kind == "item"})
        agreed = [h for h in group if h.kind == "action"]
        text = f"*{when(meeting_date)}* · {escape(committee)}"
        if items:
            text += "\nDiscussed: " + "; ".join(escape(t) for t in items[:4]) + (f" and {len(items) - 4} more" if len(items) > 4 else "")
        elif any(h.kind == "paper" for h in group):
            text += "\nIn the reports of " + paper(next(h for h in group if h.kind == "paper").paper_kind, meeting_date)
        for action in agreed[:3]:
            full = queries.action(db, action.row_id)
            if full:
                text += (f"\n{_outcome_label(full.text)}: {escape(shorten(full.text, 280))}"
                         + (" _(done)_" if full.status == "done" else ""))
        if len(agreed) > 3:
            text += f"\n_…and {len(agreed) - 3} more follow-ups from this meeting_"
        reply.section(text)
    if page.pages > 1:
        older = page.number < page.pages
        reply.context(f"Meetings {page.first}–{page.last} of {page.total:,}, newest first"
                      + (f" · `/scrutiny history {typed_again} page {page.number + 1}` for earlier ones" if older else ""))
        if older:
            reply.buttons(Button("Earlier meetings", "more", {"cmd": f"history {typed_again}", "page": page.number + 1}))
    today = now.date().isoformat()
    ahead = [p for p in planned if p.date is None or p.date >= today[:len(p.date or '')]]
    ahead.sort(key=lambda p: (p.date is None, p.date or ""))
    if ahead:
        reply.section("*Next planned*\n" + "\n".join(f"• {escape(p.title)} — {escape(p.committee)}, {when(p.date)}" for p in ahead[:5])
                      + (f"\n…and {len(ahead) - 5} more: `/scrutiny find {escape(typed)}`" if len(ahead) > 5 else ""))
    elif meetings:
        reply.context("Nothing on a current work programme for this topic.")
    note = scope.note(db, f"/scrutiny history {escape(typed[:100])}")
    if note:
        reply.context(note)
    return reply
