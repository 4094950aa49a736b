"""Watches: `/scrutiny watch <words>`, `watches`, `unwatch <n>`; which new
papers match them (find's own matching, typos never invented); and what each
digest or alert says.

A watch typed in a direct message is the person's; typed in a channel, it is
the channel's. Finds go into a daily digest (DIGEST_TIME, London) unless the
watch asked for them at once."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlite_utils import Database

from corpus.words import family
from store import watches as store
from store.paper_search import PaperIndex, prepare, store_words
from store.watches import Watch, WatchHit

from .find import _tiers, build_query, correct_typos
from .format import paper
from .reminders import LATE_AFTER, LONDON
from .reply import Button, Reply, escape

DIGEST_TIME = time(9, 0)
MAX_WATCHES = 25  # per person or channel
MAX_WORDS_LENGTH = 200
PAPERS_PER_SWEEP = 500
SHOWN_IN_DIGEST = 12
_AT_ONCE = re.compile(r"\s+(?:at\s+once|instantly|instant|immediately)\s*$", re.IGNORECASE)
_DAILY = re.compile(r"\s+daily\s*$", re.IGNORECASE)


def target_for(user: str | None, channel: str | None, channel_kind: str | None = None) -> str:
    """A watch typed in a channel is the channel's; in a DM (or a group DM, or the console), the person's.
    channel_kind is where Slack says the command was typed; without it, the channel id's first letter."""
    in_channel = channel_kind == "channel" if channel_kind else bool(channel) and channel[:1] in ("C", "G")
    return f"channel:{channel}" if in_channel and channel else f"user:{user or 'console'}"


def readings(db: Database, words: str) -> list:
    """The readings find searches these words by (as one phrase, as typed with
    acronyms both ways and word forms, word by word), as groups for
    store.search; a word no paper uses is never corrected."""
    return _tiers(db, build_query(db, words))


# --- matching new papers ---------------------------------------------------------------------------

def match_new_papers(db: Database, now: datetime, limit: int = PAPERS_PER_SWEEP) -> int:
    """Match the papers read since last time against every watch; keep each
    paper found for a watch once. Returns how many finds are new."""
    watches = store.active(db)
    start = store.progress(db)
    papers = store.papers_after(db, start, limit)
    if not papers:
        return 0
    indexes = [PaperIndex(db, paper.document_id) for paper in papers]
    added = 0
    try:
        compiled = _compiled_for(db, start, indexes)  # many watches share their words: each is read once
        for new, index in zip(papers, indexes):
            watching = [w for w in watches if w.after_document < new.document_id]
            for watch in watching:
                if watch.words not in compiled:
                    compiled[watch.words] = prepare(db, readings(db, watch.words), index.tokenize)
            found = index.matches(db, {w.words: compiled[w.words] for w in watching}) if watching else {}
            if found:
                added += store.record_hits(db, new, {w.id: [m.__dict__ for m in found[w.words]]
                                                     for w in watching if w.words in found})
    finally:
        for index in indexes:
            index.close()
    store.advance(db, papers[-1].document_id)
    _seen[_store_file(db)] = papers[-1].document_id
    return added


# How each watch's words read (find's readings) depends on the papers' words and acronyms, and
# reading a thousand watches again for every paper costs more than matching them. So the readings
# are kept, per store, and papers that bring words or acronyms new to the store drop the readings
# they could change: those of watches with a word of the same family as one of the new words (the
# family find's word forms come from: exploit, exploited, exploitation) or that names one of the
# acronyms or long forms they define. New words are told from the words the store held when the
# readings were started, plus those of every paper since. A process that did not see every paper
# since then starts again.
_readings: dict[str, dict[str, object]] = {}
_known_words: dict[str, set[str]] = {}
_seen: dict[str, int] = {}
_lock = threading.Lock()


def _store_file(db: Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"


def _pieces(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W_]+", text)}


def _compiled_for(db: Database, start: int, indexes: list[PaperIndex]) -> dict[str, object]:
    where = _store_file(db)
    with _lock:
        cache = _readings.setdefault(where, {})
        batch = set().union(*(index.rows_held for index in indexes))
        if _seen.get(where) != start or where not in _known_words:
            cache.clear()
            _known_words[where] = store_words(db)  # these papers' words included: read after them
            return cache
        new_words = batch - _known_words[where]
        _known_words[where] |= batch
        ids = [index.document_id for index in indexes]
        marks = ",".join("?" * len(ids))
        # acronyms and long forms these papers define that no other paper did
        for key, phrase in db.execute(
                f"SELECT g.key, g.phrase FROM glossary g WHERE g.document_id IN ({marks}) AND NOT EXISTS ("
                f"SELECT 1 FROM glossary o WHERE o.key = g.key AND o.phrase = g.phrase AND o.document_id NOT IN ({marks}))",
                ids + ids):
            new_words |= _pieces(f"{key or ''} {phrase or ''}")
        families = {family(w) for w in new_words if w.isalpha()}
        for words in list(cache):
            if any(piece in new_words or family(piece) in families for piece in _pieces(words)):
                del cache[words]
        return cache


# --- what is due --------------------------------------------------------------------------------------

@dataclass
class WatchSend:
    digest: str  # watch-now:<find> | watch-daily:<day>:<target>
    target: str
    hits: list[WatchHit] = field(default_factory=list)  # unreported finds it takes when claimed
    late: bool = False

    @property
    def key(self) -> dict[str, object]:
        return {"digest": self.digest, "target": self.target}


def digest_moment(day: date) -> datetime:
    return datetime.combine(day, DIGEST_TIME, LONDON)


def plan_watch_sends(db: Database, now: datetime) -> list[WatchSend]:
    """Alerts for finds of at-once watches; from DIGEST_TIME, today's digest for
    each target of daily watches with finds of papers read before then (later
    ones wait for tomorrow's); and sends to try again."""
    now = now.astimezone(LONDON)
    sends = [WatchSend(f"watch-now:{hit.id}", hit.target, [hit]) for hit in store.unreported(db, "instant")]
    moment = digest_moment(now.date())
    if now >= moment:
        by_target: dict[str, list[WatchHit]] = {}
        for hit in store.unreported(db, "daily", read_before=moment):
            by_target.setdefault(hit.target, []).append(hit)
        for target, hits in by_target.items():
            sends.append(WatchSend(f"watch-daily:{now.date().isoformat()}:{target}", target, hits, now - moment > LATE_AFTER))
    planned = {(s.digest, s.target) for s in sends}
    for digest, target in db.execute("SELECT digest, target FROM digest_log WHERE digest LIKE 'watch-%'"
                                     " AND status IN ('retry', 'claimed')"):
        if (digest, target) not in planned:
            sends.append(WatchSend(digest, target))
    return sends


# --- what a digest says ----------------------------------------------------------------------------

def _snippet(text: str) -> str:
    return escape(re.sub(r"\s+", " ", text or "")).strip()


def _paper_line(hit: WatchHit) -> str:
    # a bare address: Slack links it, and no <…|…> built from a paper's URL can carry anything else
    link = f": {escape(hit.link)}" if hit.link and not re.search(r"\s", hit.link) else ""
    return f"*{escape(hit.committee)}* · {paper(hit.paper_kind, hit.meeting_date)}{link}"


def _matches_lines(hit: WatchHit, most: int = 3) -> str:
    lines = []
    for match in hit.matches[:most]:
        what = {"programme": "on the work programme", "action": "action"}.get(match["kind"], "item")
        number = f" {escape(match['item_number'])}" if match.get("item_number") and match["kind"] != "programme" else ""
        line = f"• {what}{number}: *{escape(match['title'])}*"
        snippet = _snippet(match.get("snippet", ""))
        if snippet and snippet.replace("*", "") != escape(match["title"]):
            line += f"\n> {snippet}"
        lines.append(line)
    if len(hit.matches) > most:
        lines.append(f"…and {len(hit.matches) - most} more in this paper")
    return "\n".join(lines)


def watch_message(hits: list[WatchHit], daily: bool, late: bool = False) -> Reply | None:
    """An alert (one find) or a digest (a target's finds, grouped by watch); None with nothing to say."""
    if not hits:
        return None
    reply = Reply(ephemeral=False)
    if not daily:
        [hit] = hits
        reply.header(f"New paper matching “{hit.words[:80]}”")
        reply.section(_paper_line(hit) + "\n" + _matches_lines(hit))
    else:
        papers = len({(h.committee, h.meeting_date, h.paper_kind, h.link) for h in hits})
        reply.header(f"Your watches: {papers} new paper{'s' if papers != 1 else ''}")
        shown = 0
        by_watch: dict[str, list[WatchHit]] = {}
        for hit in hits:
            by_watch.setdefault(hit.words, []).append(hit)
        for words, group in by_watch.items():
            reply.section(f"*“{escape(words)}”* — {len(group)} new paper{'s' if len(group) != 1 else ''}")
            for hit in group:
                if shown >= SHOWN_IN_DIGEST:
                    break
                reply.section(_paper_line(hit) + "\n" + _matches_lines(hit, 2))
                shown += 1
        if len(hits) > shown:
            reply.context(f"…and {len(hits) - shown} more: `/scrutiny find <words>` shows them all.")
    reply.context("`/scrutiny watches` lists your watches; `/scrutiny unwatch <n>` stops one."
                  + (" _(Sent late: the bot was not running at the usual time.)_" if late else ""))
    return reply


# --- commands -------------------------------------------------------------------------------------

def _cadence_words(cadence: str) -> str:
    return "at once, as each paper is read" if cadence == "instant" else f"in a daily digest at {DIGEST_TIME:%H:%M}"


def _where(target: str) -> str:
    kind, _, ident = target.partition(":")
    return f"<#{ident}>" if kind == "channel" else "you (by direct message)"


def handle_watch(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                 channel_kind: str | None = None, **_) -> Reply:
    """`watch <words> [at once|daily]`"""
    words = " ".join(args.split())
    cadence = "daily"
    if _AT_ONCE.search(" " + words) and _AT_ONCE.sub("", " " + words).strip():
        words, cadence = _AT_ONCE.sub("", " " + words).strip(), "instant"
    elif _DAILY.search(" " + words) and _DAILY.sub("", " " + words).strip():
        words = _DAILY.sub("", " " + words).strip()
    if not words:
        return Reply().section("What should I watch for? For example `/scrutiny watch EHCP` or "
                               "`/scrutiny watch home to school transport at once`.")
    if len(words) > MAX_WORDS_LENGTH:
        return Reply().section(f"That is too long to watch for ({len(words)} characters); at most {MAX_WORDS_LENGTH}.")
    target = target_for(user, channel, channel_kind)
    existing = store.for_target(db, target)
    same = next((w for w in existing if w.words.lower() == words.lower()), None)
    if same:
        if same.cadence != cadence:
            store.set_cadence(db, same.id, cadence)
            return Reply(home_changed=True).section(f"Watch {same.id} (“{escape(words)}”) now reports {_cadence_words(cadence)}.")
        return Reply().section(f"Already watching “{escape(words)}” for {_where(target)} (watch {same.id}).")
    if len(existing) >= MAX_WATCHES:
        return Reply().section(f"{_where(target).capitalize()} already has {MAX_WATCHES} watches; "
                               "`/scrutiny unwatch <n>` one first.")
    watch = store.add(db, target, words, cadence, user or "console", now)
    reply = Reply(ephemeral=target.startswith("user:"), home_changed=True)
    reply.section(f"Watching for “{escape(words)}”: new papers that match go to {_where(target)} {_cadence_words(cadence)}. "
                  f"This is watch {watch.id}.")
    query = build_query(db, words)
    meanings = [f"{escape(g.label)}: {escape(g.meaning)}" for g in query.groups if g.meaning]
    for group in query.groups:
        forms = [t.text for t in group.terms if t.text != group.word][:3]
        if group.word and not group.meaning and forms:
            meanings.append(f"{escape(group.label)}: also {escape(', '.join(forms))}")
    if meanings:
        reply.context("Matched as `/scrutiny find` matches: " + "; ".join(meanings))
    unused = [g.label for g in query.groups if not g.in_papers]
    if unused:
        text = f"No paper uses {', '.join(f'“{escape(w)}”' for w in unused)} yet, so I watch it as typed."
        better = correct_typos(db, query)
        if better:
            suggestion = " ".join(better.corrected.get(w, w) for w in words.split())
            text += f" Did you mean `/scrutiny watch {escape(suggestion)}`? (then `/scrutiny unwatch {watch.id}`)"
        reply.context(text)
    return reply


def watch_lines(watches: list[Watch]) -> list[str]:
    return [f"*{w.id}.* “{escape(w.words)}” — {'at once' if w.cadence == 'instant' else 'daily'}" for w in watches]


def handle_watches(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                   channel_kind: str | None = None, **_) -> Reply:
    mine = store.for_target(db, f"user:{user or 'console'}")
    here = store.for_target(db, target_for(user, channel, channel_kind)) if target_for(user, channel, channel_kind).startswith("channel:") else []
    reply = Reply().header("Watches")
    if not mine and not here:
        return reply.section("No watches yet. `/scrutiny watch <words>` in a DM watches for you; in a channel, for the channel.")
    if here:
        reply.section("*In this channel*\n" + "\n".join(watch_lines(here)))
    if mine:
        reply.section("*Yours, by direct message*\n" + "\n".join(watch_lines(mine)))
    reply.context("`/scrutiny unwatch <n>` stops one; add `at once` or `daily` to `/scrutiny watch <words>` to change how it reports.")
    return reply


def handle_unwatch(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                   channel_kind: str | None = None, **_) -> Reply:
    number = args.strip().lstrip("#")
    if not number.isdigit():
        return Reply().section("Which watch? `/scrutiny unwatch <n>`; `/scrutiny watches` lists them.")
    watch = store.get(db, int(number))
    allowed = {f"user:{user or 'console'}", target_for(user, channel, channel_kind)}
    if watch is None or (watch.target not in allowed and watch.created_by != user):
        return Reply().section(f"You have no watch {number} here. `/scrutiny watches` lists yours.")
    store.remove(db, watch.id, now)
    return Reply(home_changed=True).section(f"Stopped watch {watch.id} (“{escape(watch.words)}”).")


def unwatch_button(watch: Watch) -> Button:
    return Button("Stop", "home_unwatch", {"id": watch.id}, style="danger")

