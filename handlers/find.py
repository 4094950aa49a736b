"""`/scrutiny find <words>` and `/scrutiny history <topic>`: fuzzy search that
copes with acronyms both ways and with typos."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from corpus.glossary import acronyms_for, expansions
from store import queries
from store.search import Hit, learned_glossary, search, vocabulary

from .format import paper, report_links, when
from .paging import page_of, split_page
from .reply import Button, Reply, escape, shorten

MAX_WORDS = 12
STOP_WORDS = {"the", "and", "of", "a", "an", "to", "for", "in", "on", "at", "by", "with", "or", "is", "was", "what", "about"}
SHOWN = 10


@dataclass
class Query:
    typed: str
    words: list[str]
    groups: list[list[str]]
    corrected: dict[str, str] = field(default_factory=dict)


def _words(typed: str) -> list[str]:
    words = [w.strip("'’-&").lower() for w in re.findall(r"[\w'’&-]+", typed)]
    words = [w[:40] for w in words if w]
    meaningful = [w for w in words if w not in STOP_WORDS]
    return (meaningful or words)[:MAX_WORDS]


def build_query(db: Database, typed: str) -> Query:
    words = _words(typed)
    learned = learned_glossary(db)
    groups = []
    for word in words:
        group = [word] + expansions(word, learned)
        groups.append(group)
    whole = acronyms_for(typed, learned)
    if whole and len(words) > 1:
        # "education health and care plan" also finds "EHCP": the whole phrase, or its acronym
        groups = [[" ".join(words)] + [a.lower() for a in whole]]
    return Query(typed, words, groups)


def correct_typos(db: Database, query: Query) -> Query | None:
    """Replace each word the papers never use with the nearest word they do."""
    vocab = vocabulary(db)
    if not vocab:
        return None
    corrected: dict[str, str] = {}
    groups = []
    for word, group in zip(query.words, query.groups):
        if word in vocab or len(word) < 4 or len(group) > 1:
            groups.append(group)
            continue
        best = process.extractOne(word, vocab.keys(), scorer=fuzz.ratio, score_cutoff=75)
        if best is None:
            groups.append(group)
            continue
        corrected[word] = best[0]
        groups.append([best[0]])
    if not corrected:
        return None
    return Query(query.typed, query.words, groups, corrected)


def suggestions(db: Database, query: Query) -> list[str]:
    vocab = vocabulary(db)
    out: list[str] = []
    for word in query.words:
        for term, score, _ in process.extract(word, vocab.keys(), scorer=fuzz.WRatio, limit=3):
            if score >= 60 and term != word and term not in out:
                out.append(term)
    glossary = {k.lower(): k for k in learned_glossary(db)}
    for word in query.words:
        close = process.extractOne(word, glossary.keys(), scorer=fuzz.ratio, score_cutoff=70)
        if close and glossary[close[0]] not in out:
            out.append(glossary[close[0]])
    return out[:5]


def run(db: Database, typed: str, **kwargs) -> tuple[Query, list[Hit]]:
    query = build_query(db, typed)
    hits = search(db, query.groups, **kwargs)
    if not hits:
        better = correct_typos(db, query)
        if better:
            query, hits = better, search(db, better.groups, **kwargs)
    return query, hits


def _hit_line(hit: Hit, links: dict[int, list] | None = None) -> str:
    if hit.kind == "programme":
        where = f"work programme in {paper(hit.paper_kind, hit.paper_date)} · planned for {when(hit.date)}"
        title = escape(hit.title)
    elif hit.kind == "action":
        where = f"action from {paper(hit.paper_kind, hit.paper_date)}" + (f", item {hit.item_number}" if hit.item_number else "")
        title = escape(hit.title)
    else:
        where = f"{paper(hit.paper_kind, hit.paper_date)}" + (f", item {hit.item_number}" if hit.item_number else "")
        where += report_links((links or {}).get(hit.row_id, []))
        title = escape(hit.title)
    snippet = escape(re.sub(r"\s+", " ", hit.snippet)).strip()
    return f"*{title}*\n{escape(hit.committee)} · {where}\n> {snippet}"


def nothing_found(db: Database, query: Query, usage: str) -> Reply:
    reply = Reply().section(f"No matches for “{escape(query.typed)}”.")
    close = suggestions(db, query)
    if close:
        reply.section("Did you mean " + ", ".join(f"`{usage} {escape(c)}`" for c in close) + "?")
    return reply


def handle_find(args: str, db: Database, now: datetime) -> Reply:
    typed = args.strip()
    if not _words(typed):
        return Reply().section("What should I look for? For example `/scrutiny find EHCP` or `/scrutiny find home to school transport`.")
    query, hits = run(db, typed, limit=SHOWN * 3)
    if not hits:
        return nothing_found(db, query, "/scrutiny find")
    reply = Reply(share=f"find {typed}").header(f"Found: {typed[:100]}")
    if query.corrected:
        reply.context("Showing results for " + ", ".join(f"*{escape(v)}* (you typed {escape(k)})" for k, v in query.corrected.items()))
    expanded = [g for g in query.groups if len(g) > 1]
    if expanded:
        reply.context("Also matching " + "; ".join(" / ".join(escape(x) for x in g[1:3]) for g in expanded))
    links = queries.item_links(db, [h.row_id for h in hits[:SHOWN] if h.kind == "item"])
    for hit in hits[:SHOWN]:
        reply.section(_hit_line(hit, links))
    if len(hits) > SHOWN:
        reply.context(f"Top {SHOWN} shown. Add words to narrow the search.")
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
    typed, page_number = split_page(args)
    if not _words(typed):
        return Reply().section("Which topic? For example `/scrutiny history SEND`.")
    query, hits = run(db, typed, limit=600, kinds=("item", "action"))
    _, planned = run(db, typed, limit=20, kinds=("programme",))
    if not hits and not planned:
        return nothing_found(db, query, "/scrutiny history")
    reply = Reply(share=f"history {typed}" + (f" page {page_number}" if page_number > 1 else "")).header(f"History: {typed[:100]}")
    if query.corrected:
        reply.context("Showing results for " + ", ".join(f"*{escape(v)}*" for v in query.corrected.values()))
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
                      + (f" · `/scrutiny history {typed} page {page.number + 1}` for earlier ones" if older else ""))
        if older:
            reply.buttons(Button("Earlier meetings", "more", {"cmd": f"history {typed}", "page": page.number + 1}))
    today = now.date().isoformat()
    ahead = [p for p in planned if p.date is None or p.date >= today[:len(p.date or '')]]
    ahead.sort(key=lambda p: (p.date is None, p.date or ""))
    if ahead:
        reply.section("*Next planned*\n" + "\n".join(f"• {escape(p.title)} — {escape(p.committee)}, {when(p.date)}" for p in ahead[:5])
                      + (f"\n…and {len(ahead) - 5} more: `/scrutiny find {escape(typed)}`" if len(ahead) > 5 else ""))
    elif meetings:
        reply.context("Nothing on a current work programme for this topic.")
    return reply
