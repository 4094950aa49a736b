"""The schema, as an ordered list of migrations. A migration runs once, in a
transaction, and is recorded in `_migrations`; add new ones at the end."""
from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from corpus.dates import known_from
from corpus.glossary import KNOWN_KEYS, learn_acronyms, phrase
from corpus.words import acronym_key, acronyms_in, family

# No stemming in the index: search matches the forms of a word that the papers
# use (the `terms` table knows them), so snippets and "did you mean" show real words.
_TOKENIZE = "unicode61 remove_diacritics 2"


def _m001_initial(db: Database) -> None:
    db["committees"].create({
        "id": int, "council": str, "name": str, "slug": str, "channel": str, "created_at": str,
    }, pk="id", not_null={"name", "slug"}, defaults={"council": ""})
    db["committees"].create_index(["council", "slug"], unique=True)

    db["meetings"].create({
        "id": int, "committee_id": int, "date": str, "time": str, "venue": str,
        "status": str,  # scheduled | held | cancelled | rearranged
        "moved_to": str, "moved_from": str,
    }, pk="id", foreign_keys=[("committee_id", "committees", "id")], not_null={"committee_id", "date"},
        defaults={"status": "scheduled"})
    db["meetings"].create_index(["committee_id", "date"], unique=True)
    db["meetings"].create_index(["date"])

    db["documents"].create({
        "id": int, "content_hash": str, "source": str, "source_key": str, "kind": str,
        "committee_id": int, "meeting_id": int, "parser_version": str, "ingested_at": str,
        "size": int, "warnings": str, "text": str,
    }, pk="id", foreign_keys=[("committee_id", "committees", "id"), ("meeting_id", "meetings", "id")],
        not_null={"content_hash", "source", "source_key"})
    db["documents"].create_index(["content_hash"], unique=True)
    db["documents"].create_index(["source_key"], unique=True)
    db["documents"].create_index(["meeting_id"])

    db.execute("""
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            position INTEGER NOT NULL,
            number TEXT, title TEXT NOT NULL, pages TEXT, body TEXT
        )""")
    db.execute("""
        CREATE TABLE attendance (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            name TEXT NOT NULL, status TEXT NOT NULL, role TEXT
        )""")
    # An action's state (done, by whom) lives apart from the text read from the
    # paper, keyed on what the action is, so that re-reading papers never reopens it.
    db.execute("""
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            action_key TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            position INTEGER NOT NULL,
            item_number TEXT, item_title TEXT, text TEXT NOT NULL, owner TEXT, due TEXT
        )""")
    db.execute("""
        CREATE TABLE action_status (
            action_key TEXT PRIMARY KEY,
            status TEXT NOT NULL DEFAULT 'open',
            done_by TEXT, done_at TEXT, note TEXT
        )""")
    db.execute("""
        CREATE TABLE programme (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            committee_id INTEGER NOT NULL REFERENCES committees(id),
            paper_date TEXT NOT NULL,
            position INTEGER NOT NULL,
            meeting_date TEXT, when_text TEXT, issue TEXT NOT NULL, last_reported TEXT, notes TEXT,
            origin TEXT NOT NULL DEFAULT 'table',  -- table: a whole programme; minutes: one addition
            superseded INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("""
        CREATE TABLE meeting_mentions (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            how TEXT NOT NULL,  -- minutes | agenda | future | moved | cancelled
            detail TEXT,  -- moved: the new date
            PRIMARY KEY (document_id, meeting_id, how)
        )""")
    db.execute("""
        CREATE TABLE glossary (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            acronym TEXT NOT NULL, expansion TEXT NOT NULL,
            PRIMARY KEY (document_id, acronym)
        )""")
    for table, columns in (("items", ["document_id"]), ("items", ["meeting_id"]), ("attendance", ["document_id"]),
                           ("attendance", ["meeting_id"]), ("actions", ["document_id"]), ("actions", ["meeting_id"]),
                           ("actions", ["action_key"]), ("programme", ["document_id"]),
                           ("programme", ["committee_id", "superseded", "meeting_date"]),
                           ("programme", ["committee_id", "origin", "paper_date"]),
                           ("programme", ["committee_id", "meeting_date"]),
                           ("meeting_mentions", ["meeting_id"])):
        db[table].create_index(columns)
    db["items"].enable_fts(["title", "body"], create_triggers=True, tokenize=_TOKENIZE)
    db["actions"].enable_fts(["text", "owner"], create_triggers=True, tokenize=_TOKENIZE)
    db["programme"].enable_fts(["issue", "notes"], create_triggers=True, tokenize=_TOKENIZE)
    for fts in ("items_fts", "actions_fts", "programme_fts"):
        db.execute(f"CREATE VIRTUAL TABLE {fts}_vocab USING fts5vocab({fts}, 'row')")


def _m002_reminders(db: Database) -> None:
    db.execute("""
        CREATE TABLE reminder_settings (
            committee_id INTEGER PRIMARY KEY REFERENCES committees(id) ON DELETE CASCADE,
            offsets TEXT NOT NULL DEFAULT '[7, 1]',  -- days before the meeting
            send_time TEXT NOT NULL DEFAULT '09:00',  -- Europe/London
            enabled INTEGER NOT NULL DEFAULT 1,
            updated_by TEXT, updated_at TEXT
        )""")
    db.execute("""
        CREATE TABLE subscriptions (
            committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (committee_id, user_id)
        )""")
    # One row per (meeting, offset, recipient): claimed before posting, so that
    # restarts, two processes and retries never send a reminder twice.
    db.execute("""
        CREATE TABLE reminder_log (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            offset_days INTEGER NOT NULL,
            target TEXT NOT NULL,  -- channel:C123 | user:U123
            status TEXT NOT NULL,  -- claimed | sent | failed | retry | skipped
            claimed_at TEXT NOT NULL, sent_at TEXT, attempts INTEGER NOT NULL DEFAULT 1,
            error TEXT, late INTEGER NOT NULL DEFAULT 0, message_ts TEXT,
            PRIMARY KEY (meeting_id, offset_days, target)
        )""")
    db["reminder_log"].create_index(["status"])


def _m003_fts_rank(db: Database) -> None:
    # titles and issues weigh more than body text; "ORDER BY rank LIMIT n" then stays FTS5's fast path
    db.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")
    db.execute("INSERT INTO programme_fts(programme_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")
    db.execute("INSERT INTO actions_fts(actions_fts, rank) VALUES ('rank', 'bm25(1.0, 0.5)')")


def _m004_audit(db: Database) -> None:
    db.execute("""
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL, user TEXT NOT NULL,
            change TEXT NOT NULL,   -- action_status | reminder_settings | channel | undo
            subject TEXT NOT NULL,  -- what changed: an action key, a committee id
            before TEXT, after TEXT,  -- JSON
            undone_by INTEGER REFERENCES audit_log(id)
        )""")
    db["audit_log"].create_index(["subject"])
    # a request Slack sent twice (a retry, a replay) is acted on once
    db.execute("CREATE TABLE seen_requests (digest TEXT PRIMARY KEY, at REAL NOT NULL)")
    db["seen_requests"].create_index(["at"])


def _m005_sources(db: Database) -> None:
    db.execute("""
        CREATE TABLE sources (
            url TEXT PRIMARY KEY,  -- a ModernGov site
            council TEXT, committee_filter TEXT, added_at TEXT NOT NULL,
            last_sync_at TEXT, last_status TEXT, last_report TEXT  -- JSON
        )""")
    # what each fetched URL looked like last time: conditional GETs and content hashes
    db.execute("""
        CREATE TABLE fetch_cache (
            url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_hash TEXT, fetched_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE synced_meetings (
            site TEXT NOT NULL, mg_meeting_id TEXT NOT NULL, mg_committee_id TEXT NOT NULL,
            committee TEXT NOT NULL, meeting_date TEXT, last_seen_at TEXT NOT NULL, gone INTEGER NOT NULL DEFAULT 0,
            papers TEXT,  -- JSON [[title, url]]: checked again even when the meeting's details are unchanged
            PRIMARY KEY (site, mg_meeting_id)
        )""")


def _m006_draft_minutes(db: Database) -> None:
    db["documents"].add_column("draft", int, not_null_default=0)


def _m007_action_fields(db: Database) -> None:
    # an officer's own owner and due date for an action, kept when the paper is read again
    db["action_status"].add_column("owner_set", str)
    db["action_status"].add_column("due_set", str)


def _m008_clocks(db: Database) -> None:
    # recommendations read from scrutiny minutes: like actions, rows follow their paper and
    # their state (a response recorded by hand, implemented, closed) lives apart, keyed on the recommendation
    db.execute("""
        CREATE TABLE recommendations (
            id INTEGER PRIMARY KEY,
            rec_key TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            committee_id INTEGER NOT NULL REFERENCES committees(id),
            position INTEGER NOT NULL,  -- its place among the recommendations of its item (1, 2, ...)
            item_number TEXT, item_title TEXT, text TEXT NOT NULL,
            to_whom TEXT, recipient TEXT NOT NULL,  -- executive | council | nhs | police | other
            made_on TEXT NOT NULL, due TEXT  -- due: the last day of the response period; NULL where no duty applies
        )""")
    db.execute("""
        CREATE TABLE recommendation_state (
            rec_key TEXT PRIMARY KEY,
            due_set TEXT, response_on TEXT, outcome TEXT, implemented_on TEXT, closed_on TEXT, notes TEXT,
            updated_by TEXT, updated_at TEXT
        )""")
    db.execute("""
        CREATE TABLE exec_responses (
            id INTEGER PRIMARY KEY,
            response_key TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            committee_id INTEGER NOT NULL REFERENCES committees(id),
            item_number TEXT, item_title TEXT, panel_named TEXT, text TEXT NOT NULL,
            outcome TEXT, numbered TEXT, dates TEXT,  -- JSON
            decided_on TEXT NOT NULL
        )""")
    # which response answers which recommendation: found by the matcher (auto), or
    # confirmed or rejected by an officer; kept by key, so re-reading papers keeps the officer's word
    db.execute("""
        CREATE TABLE recommendation_matches (
            rec_key TEXT NOT NULL, response_key TEXT NOT NULL,
            number INTEGER, outcome TEXT, score REAL, reason TEXT,
            state TEXT NOT NULL DEFAULT 'auto',  -- auto | confirmed | rejected
            set_by TEXT, set_at TEXT,
            PRIMARY KEY (rec_key, response_key)
        )""")
    db.execute("""
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            decision_key TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            committee_id INTEGER NOT NULL REFERENCES committees(id),
            item_number TEXT, title TEXT NOT NULL, text TEXT,
            decided_on TEXT NOT NULL, published_on TEXT NOT NULL, callin_by TEXT NOT NULL,
            stated INTEGER NOT NULL DEFAULT 0  -- the paper stated the deadline (else it was counted)
        )""")
    db.execute("""
        CREATE TABLE council_settings (
            council TEXT PRIMARY KEY, settings TEXT NOT NULL,  -- JSON: only what differs from the nation's defaults
            updated_by TEXT, updated_at TEXT
        )""")
    db.execute("""
        CREATE TABLE clock_settings (
            committee_id INTEGER PRIMARY KEY REFERENCES committees(id) ON DELETE CASCADE,
            settings TEXT NOT NULL, updated_by TEXT, updated_at TEXT
        )""")
    # the reminder_log's shape, keyed on a clock ("response:…", "report:…", "callin:…", "weekly:…") instead of a meeting
    db.execute("""
        CREATE TABLE clock_log (
            clock TEXT NOT NULL,
            offset_days INTEGER NOT NULL,
            target TEXT NOT NULL,
            status TEXT NOT NULL,  -- claimed | sent | failed | retry | skipped
            claimed_at TEXT NOT NULL, sent_at TEXT, attempts INTEGER NOT NULL DEFAULT 1,
            error TEXT, late INTEGER NOT NULL DEFAULT 0, message_ts TEXT,
            PRIMARY KEY (clock, offset_days, target)
        )""")
    for table, columns in (("recommendations", ["rec_key"]), ("recommendations", ["document_id"]),
                           ("recommendations", ["committee_id", "due"]), ("recommendations", ["due"]),
                           ("exec_responses", ["document_id"]), ("exec_responses", ["response_key"]),
                           ("recommendation_matches", ["response_key"]), ("decisions", ["document_id"]),
                           ("decisions", ["callin_by"]), ("clock_log", ["status"])):
        db[table].create_index(columns)


def _m009_site_items(db: Database) -> None:
    # what a council's site says of an item: its own page, flags, and its reports (titles and links, not fetched)
    db["items"].add_column("url", str)
    for flag in ("restricted", "call_in", "decision", "decision_published"):
        db["items"].add_column(flag, int, not_null_default=0)
    db.execute("""
        CREATE TABLE item_links (
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
            PRIMARY KEY (item_id, position)
        )""")
    # paper: read from a file or a fetched PDF; service: what a council's web service says of a meeting.
    # Where the service describes a meeting's items (and their minutes), the papers' reading of them steps
    # aside (shadowed) and comes back if the service stops describing them.
    db["documents"].add_column("origin", str, not_null_default="paper")
    db["documents"].add_column("items_shadowed", int, not_null_default=0)
    db["documents"].add_column("actions_shadowed", int, not_null_default=0)
    db["meetings"].add_column("finish_time", str)
    # a council site on an internal network must be allowed explicitly, and stays allowed for the nightly sync
    db["sources"].add_column("allow_private", int, not_null_default=0)


# Each table searched: its text columns, the title-like column weighed more, and
# the column of acronyms as the paper writes them ("LAC", not "lack").
SEARCHED = {
    "items": (("title", "body"), "bm25(4.0, 1.0, 2.0)"),
    "actions": (("text", "owner"), "bm25(1.0, 0.5, 1.0)"),
    "programme": (("issue", "notes"), "bm25(4.0, 1.0, 2.0)"),
}


def _search_index(db: Database, table: str) -> None:
    """The table's FTS5 index over its text and its acronyms, kept by triggers."""
    columns, rank = SEARCHED[table]
    cols = [*columns, "acronyms"]
    quoted = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    db.execute(f"CREATE VIRTUAL TABLE {table}_fts USING fts5({quoted}, tokenize='{_TOKENIZE}', "
               f"content='{table}', content_rowid='id')")
    db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('rank', '{rank}')")
    db.execute(f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
               f"INSERT INTO {table}_fts (rowid, {quoted}) VALUES (new.id, {new}); END")
    db.execute(f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
               f"INSERT INTO {table}_fts ({table}_fts, rowid, {quoted}) VALUES ('delete', old.id, {old}); END")
    # only a change of the text re-indexes a row (a programme row's superseded flag changes often)
    db.execute(f"CREATE TRIGGER {table}_au AFTER UPDATE OF {quoted} ON {table} BEGIN "
               f"INSERT INTO {table}_fts ({table}_fts, rowid, {quoted}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO {table}_fts (rowid, {quoted}) VALUES (new.id, {new}); END")
    db.execute(f"CREATE VIRTUAL TABLE {table}_fts_vocab USING fts5vocab({table}_fts, 'row')")
    db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def _m010_search(db: Database) -> None:
    """Acronyms as written, word families, glossary keys and when each paper became known."""
    # the glossary by lookup key ("EHCPs" and "ehcp" are "ehcp") and by long form as index tokens
    db["glossary"].add_column("key", str)
    db["glossary"].add_column("phrase", str)
    for rowid, acronym, expansion in db.execute("SELECT rowid, acronym, expansion FROM glossary").fetchall():
        db.execute("UPDATE glossary SET key = ?, phrase = ? WHERE rowid = ?",
                   [acronym_key(acronym), phrase(expansion), rowid])
    db["glossary"].create_index(["key"])
    db["glossary"].create_index(["phrase"])

    # every word the papers use, with its family, so that search can ask for the forms papers use
    db.execute("CREATE TABLE terms (term TEXT PRIMARY KEY, family TEXT NOT NULL) WITHOUT ROWID")
    db.execute("CREATE INDEX terms_family ON terms (family)")
    words: set[str] = set()
    for table in SEARCHED:
        words.update(row[0] for row in db.execute(f"SELECT term FROM {table}_fts_vocab"))
    db.conn.executemany("INSERT OR IGNORE INTO terms (term, family) VALUES (?, ?)",
                        [(w, family(w)) for w in sorted(words) if is_term(w)])

    # when a paper became known: answers "as of" a day show nothing from papers after it
    db["documents"].add_column("known_from", str)
    for doc_id, kind, meeting_date, ingested in db.execute(
            "SELECT d.id, d.kind, m.date, d.ingested_at FROM documents d JOIN meetings m ON m.id = d.meeting_id").fetchall():
        db.execute("UPDATE documents SET known_from = ? WHERE id = ?", [known_from(kind, meeting_date, ingested), doc_id])
    db["documents"].create_index(["known_from"])

    # the acronyms each searched row writes, in a column of their own
    known_by_doc: dict[int, frozenset[str]] = {}
    for doc_id, text in db.execute("SELECT id, text FROM documents").fetchall():
        known_by_doc[doc_id] = KNOWN_KEYS | {acronym_key(k) for k in learn_acronyms(text or "")}
    for table, (columns, _) in SEARCHED.items():
        db.execute(f"DROP TABLE IF EXISTS {table}_fts_vocab")
        db.execute(f"DROP TABLE IF EXISTS {table}_fts")
        for suffix in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        db[table].add_column("acronyms", str)
        rows = db.execute(f"SELECT id, document_id, {', '.join(columns)} FROM {table}").fetchall()
        db.conn.executemany(f"UPDATE {table} SET acronyms = ? WHERE id = ?", [
            (row_acronyms(known_by_doc.get(row[1], KNOWN_KEYS), *row[2:]), row[0]) for row in rows])
        _search_index(db, table)

    # the text of papers whose items do not carry it (an agenda's reports), searched as a whole
    db["documents"].add_column("searchable", int, not_null_default=0)
    db["documents"].add_column("acronyms", str)
    for doc_id, kind, text, in_items, origin in db.execute(
            "SELECT id, kind, text, (SELECT COALESCE(sum(length(body)), 0) FROM items WHERE document_id = d.id), origin "
            "FROM documents d").fetchall():
        if searchable_paper(kind, text, in_items, origin):
            db.execute("UPDATE documents SET searchable = 1, acronyms = ? WHERE id = ?",
                       [row_acronyms(known_by_doc[doc_id], text), doc_id])
    _papers_index(db)
    db.conn.executemany("INSERT OR IGNORE INTO terms (term, family) VALUES (?, ?)", [
        (w, family(w)) for (term,) in db.execute("SELECT term FROM papers_fts_vocab").fetchall()
        for w in [term] if is_term(w)])


def searchable_paper(kind: str, text: str | None, text_in_items: int, origin: str = "paper") -> bool:
    """A paper is searched whole when its items do not hold its text: an agenda
    whose reports are most of it, or any paper whose items have no text at all.
    What a council's web service says of a meeting is its items, never a paper."""
    if kind == "listing" or origin != "paper" or not text:
        return False
    return text_in_items == 0 or (kind == "agenda" and text_in_items * 2 < len(text))


def _papers_index(db: Database) -> None:
    db.execute("CREATE VIEW searchable_papers AS SELECT id, text, acronyms FROM documents WHERE searchable = 1")
    db.execute(f"CREATE VIRTUAL TABLE papers_fts USING fts5(text, acronyms, tokenize='{_TOKENIZE}', "
               "content='searchable_papers', content_rowid='id')")
    db.execute("INSERT INTO papers_fts(papers_fts, rank) VALUES ('rank', 'bm25(1.0, 1.0)')")
    db.execute("CREATE TRIGGER papers_ai AFTER INSERT ON documents WHEN new.searchable = 1 BEGIN "
               "INSERT INTO papers_fts (rowid, text, acronyms) VALUES (new.id, new.text, new.acronyms); END")
    db.execute("CREATE TRIGGER papers_ad AFTER DELETE ON documents WHEN old.searchable = 1 BEGIN "
               "INSERT INTO papers_fts (papers_fts, rowid, text, acronyms) VALUES ('delete', old.id, old.text, old.acronyms); END")
    db.execute("CREATE TRIGGER papers_au_old AFTER UPDATE OF text, acronyms, searchable ON documents WHEN old.searchable = 1 BEGIN "
               "INSERT INTO papers_fts (papers_fts, rowid, text, acronyms) VALUES ('delete', old.id, old.text, old.acronyms); END")
    db.execute("CREATE TRIGGER papers_au_new AFTER UPDATE OF text, acronyms, searchable ON documents WHEN new.searchable = 1 BEGIN "
               "INSERT INTO papers_fts (rowid, text, acronyms) VALUES (new.id, new.text, new.acronyms); END")
    db.execute("CREATE VIRTUAL TABLE papers_fts_vocab USING fts5vocab(papers_fts, 'row')")
    db.execute("INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')")


def is_term(word: str) -> bool:
    """Words worth knowing for word forms and typos: three letters or more, no digits."""
    return len(word) >= 3 and word.isalpha()


def row_acronyms(known: frozenset[str], *texts: str | None) -> str:
    return " ".join(acronyms_in("\n".join(t for t in texts if t), known))
def _m012_calendar(db: Database) -> None:
    # what each calendar event last looked like: a change bumps its SEQUENCE, so calendar
    # clients that subscribed to the feed replace the event instead of adding a second one
    db.execute("""
        CREATE TABLE calendar_events (
            uid TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            sequence INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, changed_at TEXT NOT NULL
        )""")


def _m013_digests(db: Database) -> None:
    db.execute("""
        CREATE TABLE watches (
            id INTEGER PRIMARY KEY,
            target TEXT NOT NULL,  -- user:U123 (typed in a DM) | channel:C123 (typed in a channel)
            words TEXT NOT NULL,  -- as typed: matched as /scrutiny find matches them
            cadence TEXT NOT NULL DEFAULT 'daily',  -- daily | instant
            created_by TEXT NOT NULL, created_at TEXT NOT NULL,
            after_document INTEGER NOT NULL,  -- papers read after this one are news to the watch
            removed_at TEXT
        )""")
    db["watches"].create_index(["target"])
    # a paper found for a watch: once per paper (its source, so a new version is not news again),
    # with what matched, kept as it was found; `digest` is the send (digest_log) that reports it
    db.execute("""
        CREATE TABLE watch_hits (
            id INTEGER PRIMARY KEY,
            watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
            paper TEXT NOT NULL,
            document_id INTEGER NOT NULL,
            committee TEXT NOT NULL, meeting_date TEXT NOT NULL, paper_kind TEXT NOT NULL, link TEXT,
            matches TEXT NOT NULL,  -- JSON [{kind, title, snippet, item_number}]
            found_at TEXT NOT NULL,
            digest TEXT,
            UNIQUE (watch_id, paper)
        )""")
    db["watch_hits"].create_index(["digest"])
    # how far through the papers the watches have been matched
    db.execute("CREATE TABLE watch_progress (name TEXT PRIMARY KEY, document_id INTEGER NOT NULL)")
    # the reminder_log's shape, keyed on a digest: a watch's daily digest or instant alert, a panel's weekly digest
    db.execute("""
        CREATE TABLE digest_log (
            digest TEXT NOT NULL,
            target TEXT NOT NULL,
            status TEXT NOT NULL,  -- claimed | sent | failed | retry | skipped
            claimed_at TEXT NOT NULL, sent_at TEXT, attempts INTEGER NOT NULL DEFAULT 1,
            error TEXT, late INTEGER NOT NULL DEFAULT 0, message_ts TEXT,
            PRIMARY KEY (digest, target)
        )""")
    db["digest_log"].create_index(["status"])
    # key decisions offered to panels for pre-decision scrutiny, as offered (the button adds what was shown)
    db.execute("""
        CREATE TABLE forward_decisions (
            decision_key TEXT PRIMARY KEY, council TEXT NOT NULL, title TEXT NOT NULL, decision_date TEXT,
            when_text TEXT, decision_maker TEXT, lead_officer TEXT, source TEXT
        )""")
    # a panel's weekly digest in its channel: which day, what time (London), on or off
    db.execute("""
        CREATE TABLE digest_settings (
            committee_id INTEGER PRIMARY KEY REFERENCES committees(id) ON DELETE CASCADE,
            weekday INTEGER NOT NULL DEFAULT 0,  -- 0 Monday … 6 Sunday
            send_time TEXT NOT NULL DEFAULT '09:00',
            enabled INTEGER NOT NULL DEFAULT 1,
            updated_by TEXT, updated_at TEXT
        )""")


def _m011_people(db: Database) -> None:
    # Slack user ids and the names Slack sent with them: replies name people without pinging them
    db.execute("CREATE TABLE people (user_id TEXT PRIMARY KEY, name TEXT NOT NULL, seen_at TEXT NOT NULL)")


def _m014_meeting_details(db: Database) -> None:
    # What each paper or listing says of a meeting's time and venue. The meeting's own
    # papers, newest first, say when and where it is: a corrected agenda or listing wins.
    # said_at orders them: the document that first said this time and venue, so a listing
    # re-read for another reason (a paper added to it) is not newer news.
    db["meeting_mentions"].add_column("time", str)
    db["meeting_mentions"].add_column("venue", str)
    db["meeting_mentions"].add_column("said_at", int)
    db.execute("""UPDATE meeting_mentions SET said_at = document_id,
                    time = (SELECT time FROM meetings WHERE meetings.id = meeting_mentions.meeting_id),
                    venue = (SELECT venue FROM meetings WHERE meetings.id = meeting_mentions.meeting_id)
                  WHERE how IN ('agenda', 'minutes', 'listed', 'cancelled')""")
    # A meeting whose time, venue or date changed, or that was cancelled, after the panel's
    # channel was set: announced there once (the reminder sweep sends these too).
    db.execute("""
        CREATE TABLE meeting_changes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            before TEXT NOT NULL, after TEXT NOT NULL,  -- JSON: date, time, venue, status, moved_to
            noticed_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',  -- pending | claimed | sent | failed | retry | dropped
            claimed_at TEXT, claim_token TEXT, maybe_sent INTEGER NOT NULL DEFAULT 0, first_try_at TEXT,
            sent_at TEXT, attempts INTEGER NOT NULL DEFAULT 0, error TEXT, message_ts TEXT
        )""")
    db["meeting_changes"].create_index(["status"])
    db["meeting_changes"].create_index(["meeting_id"])


def _m015_send_once(db: Database) -> None:
    # A send whose outcome is unknown (time-out, crash after posting) is looked for in the
    # channel before it is posted again: maybe_sent says so, first_try_at since when.
    # claim_token: the sweep that holds the claim; a stale one never posts over a new one.
    db["reminder_log"].add_column("maybe_sent", int, not_null_default=0)
    db["reminder_log"].add_column("first_try_at", str)
    db["reminder_log"].add_column("claim_token", str)
    for table in ("clock_log", "digest_log"):  # the clocks' and the digests' logs, alike
        for column, kind in (("maybe_sent", int), ("first_try_at", str), ("claim_token", str)):
            db[table].add_column(column, kind, not_null_default=0 if kind is int else None)
    # since when a channel has had a panel's reminders: a reminder due before then is not its to get
    db["committees"].add_column("channel_since", str)


# --- one index for every searched row ------------------------------------------------------------
#
# Items, actions and programme rows share one FTS5 index, so that a search is
# one statement whose ranks compare across kinds. Whole papers (an agenda's
# reports: thousands of words each) have an index of their own, searched only
# when the rows fall short: in the same index their length would be the average
# bm25 measures every row against. The indexes keep no text of their own
# (contentless: the text is in its tables already; snippets are cut from it
# there). Each row's rowid says what it is and when:
#     (days from 1970 to its meeting) << 32 | kind << 29 | the row's id
# so the newest rows come first in rowid order, and a row's kind and id are read
# from its rowid. A row is indexed with its panel (`panel` column, "p<id>": a
# search scoped to some panels is one more term) and its kind (`kind` column).
KIND_CODES = {"item": 0, "standing": 1, "action": 2, "programme": 3, "paper": 4}
SEARCH_COLUMNS = ("title", "body", "acronyms", "panel", "kind")
SEARCH_RANK = "bm25(4.0, 1.0, 2.0, 0.0, 0.0)"  # titles and issues weigh most; panel and kind not at all


def _rowid(day: str, code: str, row_id: str) -> str:
    return f"(((CAST(julianday({day}) AS INTEGER) - 2440587) << 32) | (({code}) << 29) | {row_id})"


# per table: what is indexed, from a row (`r`) and its meeting (`m`); the same for an insert and a delete
_INDEXED = {
    "items": {"from": "meetings m WHERE m.id = r.meeting_id",
              "rowid": _rowid("m.date", "CASE WHEN r.standing THEN 1 ELSE 0 END", "r.id"),
              "values": "r.title, r.body, r.acronyms, 'p' || m.committee_id, "
                        "CASE WHEN r.standing THEN 'item standing' ELSE 'item' END"},
    "actions": {"from": "meetings m WHERE m.id = r.meeting_id", "rowid": _rowid("m.date", "2", "r.id"),
                "values": "'', r.text || char(10) || COALESCE(r.owner, ''), r.acronyms, 'p' || m.committee_id, 'action'"},
    "programme": {"from": None, "rowid": _rowid("r.paper_date", "3", "r.id"),
                  "values": "r.issue, COALESCE(r.notes, ''), r.acronyms, 'p' || r.committee_id, 'programme'"},
    "documents": {"from": "meetings m WHERE m.id = r.meeting_id AND r.searchable = 1",
                  "rowid": _rowid("m.date", "4", "r.id"),
                  "values": "'', r.text, r.acronyms, 'p' || r.committee_id, 'paper'"},
}
_INDEX_OF = {"items": "search_fts", "actions": "search_fts", "programme": "search_fts", "documents": "papers_fts"}
_WATCHED = {"items": "title, body, acronyms", "actions": "text, owner, acronyms", "programme": "issue, notes, acronyms",
            "documents": "text, acronyms, searchable"}


def _index_rows(table: str, alias: str, whole_table: bool = False) -> str:
    """What one row (new or old, in a trigger) is indexed as; or every row of the table."""
    spec = _INDEXED[table]
    select = f"SELECT {spec['rowid']}, {spec['values']}"
    if whole_table:
        source = f" FROM {table} r" + (f" JOIN {spec['from'].replace(' WHERE ', ' ON ')}" if spec["from"] else "")
        return select + source
    # a programme row carries its panel and date; the others read them from their meeting,
    # which outlives them (a meeting is removed only once nothing refers to it)
    return (select + (f" FROM {spec['from']}" if spec["from"] else "")).replace("r.", f"{alias}.")


def indexed_rows_sql(table: str) -> str:
    """SELECT each row's id and what the index holds of it (SEARCH_COLUMNS), from `table r`: add a WHERE on r."""
    spec = _INDEXED[table]
    return (f"SELECT r.id, {spec['values']} FROM {table} r"
            + (f" JOIN {spec['from'].replace(' WHERE ', ' ON ')}" if spec["from"] else ""))


def _search_triggers(db: Database) -> None:
    columns = ", ".join(SEARCH_COLUMNS)
    for table, watched in _WATCHED.items():
        index = _INDEX_OF[table]
        add = f"INSERT INTO {index} (rowid, {columns}) " + _index_rows(table, "new") + ";"
        drop = f"INSERT INTO {index} ({index}, rowid, {columns}) SELECT 'delete', * FROM ({_index_rows(table, 'old')});"
        db.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {drop} END")
        db.execute(f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {watched} ON {table} BEGIN {drop} {add} END")


def _m016_one_search_index(db: Database) -> None:
    """The four full-text indexes become one (see above); items say whether they are standing business."""
    from corpus.words import standing_business
    for name in ("items", "actions", "programme"):
        for suffix in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
    for trigger in ("papers_ai", "papers_ad", "papers_au_old", "papers_au_new"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for name in ("items", "actions", "programme", "papers"):
        db.execute(f"DROP TABLE IF EXISTS {name}_fts_vocab")
        db.execute(f"DROP TABLE IF EXISTS {name}_fts")
    db.execute("DROP VIEW IF EXISTS searchable_papers")
    db["items"].add_column("standing", int, not_null_default=0)
    standing = [(row_id,) for row_id, title in db.execute("SELECT id, title FROM items") if standing_business(title)]
    db.conn.executemany("UPDATE items SET standing = 1 WHERE id = ?", standing)
    for index in ("search_fts", "papers_fts"):
        db.execute(f"CREATE VIRTUAL TABLE {index} USING fts5({', '.join(SEARCH_COLUMNS)}, content='', tokenize='{_TOKENIZE}')")
        db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('rank', '{SEARCH_RANK}')")
        db.execute(f"CREATE VIRTUAL TABLE {index}_vocab USING fts5vocab({index}, 'row')")
    for table in _INDEXED:
        db.execute(f"INSERT INTO {_INDEX_OF[table]} (rowid, {', '.join(SEARCH_COLUMNS)}) "
                   + _index_rows(table, "r", whole_table=True))
    _search_triggers(db)


def _m017_following(db: Database) -> None:
    # the councils this workspace follows: answers keep to their panels unless asked for every council
    db.execute("CREATE TABLE following (council TEXT PRIMARY KEY, since TEXT NOT NULL, by TEXT)")


# a month-level due date ("2019-03") falls due at the end of its month
_DUE_ON = "CASE length({due}) WHEN 7 THEN {due} || '-31' ELSE {due} END"


def _m018_action_lists(db: Database) -> None:
    """Each action row carries what its lists filter and sort on, kept by triggers: its
    panel, meeting day, the day its paper became known, whether it is the one row shown
    for its action (two papers of a meeting may record the same one), its status and
    when it falls due, the officer's date first. Lists and counts then walk an index."""
    for column, kind in (("committee_id", int), ("meeting_date", str), ("known_from", str), ("is_primary", int),
                         ("status", str), ("due_on", str)):
        db["actions"].add_column(column, kind)
    db.execute("""UPDATE actions SET committee_id = (SELECT committee_id FROM meetings WHERE id = actions.meeting_id),
        meeting_date = (SELECT date FROM meetings WHERE id = actions.meeting_id),
        known_from = (SELECT known_from FROM documents WHERE id = actions.document_id),
        is_primary = (id = (SELECT MIN(o.id) FROM actions o WHERE o.action_key = actions.action_key)),
        status = COALESCE((SELECT status FROM action_status WHERE action_key = actions.action_key), 'open'),
        due_on = (SELECT """ + _DUE_ON.format(due="COALESCE(s.due_set, actions.due)") + """ FROM (SELECT 1) LEFT JOIN
                  action_status s ON s.action_key = actions.action_key)""")
    db.execute("""CREATE TRIGGER actions_list_ai AFTER INSERT ON actions BEGIN
        UPDATE actions SET committee_id = (SELECT committee_id FROM meetings WHERE id = new.meeting_id),
            meeting_date = (SELECT date FROM meetings WHERE id = new.meeting_id),
            known_from = (SELECT known_from FROM documents WHERE id = new.document_id),
            is_primary = NOT EXISTS (SELECT 1 FROM actions o WHERE o.action_key = new.action_key AND o.id < new.id),
            status = COALESCE((SELECT status FROM action_status WHERE action_key = new.action_key), 'open'),
            due_on = (SELECT """ + _DUE_ON.format(due="COALESCE(s.due_set, new.due)") + """ FROM (SELECT 1) LEFT JOIN
                      action_status s ON s.action_key = new.action_key)
        WHERE id = new.id; END""")
    db.execute("""CREATE TRIGGER actions_list_ad AFTER DELETE ON actions WHEN old.is_primary BEGIN
        UPDATE actions SET is_primary = 1 WHERE id = (SELECT MIN(id) FROM actions WHERE action_key = old.action_key); END""")
    db.execute("""CREATE TRIGGER action_status_list AFTER UPDATE OF status, due_set ON action_status BEGIN
        UPDATE actions SET status = new.status, due_on = """ + _DUE_ON.format(due="COALESCE(new.due_set, due)") + """
        WHERE action_key = new.action_key; END""")
    db.execute("""CREATE TRIGGER action_status_list_ai AFTER INSERT ON action_status BEGIN
        UPDATE actions SET status = new.status, due_on = """ + _DUE_ON.format(due="COALESCE(new.due_set, due)") + """
        WHERE action_key = new.action_key; END""")
    # a panel's list (or a council's: a few panels), and every panel's, oldest meeting first
    db.execute("CREATE INDEX actions_by_panel ON actions (committee_id, status, meeting_date, position, due_on, known_from) "
               "WHERE is_primary = 1")
    db.execute("CREATE INDEX actions_by_day ON actions (status, meeting_date, committee_id, position, due_on, known_from) "
               "WHERE is_primary = 1")
    db.execute("CREATE INDEX actions_all_by_day ON actions (meeting_date, committee_id, position, due_on, known_from) "
               "WHERE is_primary = 1")


MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = [
    ("001_initial", _m001_initial),
    ("002_reminders", _m002_reminders),
    ("003_fts_rank", _m003_fts_rank),
    ("004_audit", _m004_audit),
    ("005_sources", _m005_sources),
    ("006_draft_minutes", _m006_draft_minutes),
    ("007_action_fields", _m007_action_fields),
    ("008_clocks", _m008_clocks),
    ("009_site_items", _m009_site_items),
    ("010_search", _m010_search),
    ("011_people", _m011_people),
    ("012_calendar", _m012_calendar),
    ("013_digests", _m013_digests),
    ("014_meeting_details", _m014_meeting_details),
    ("015_send_once", _m015_send_once),
    ("016_one_search_index", _m016_one_search_index),
    ("017_following", _m017_following),
    ("018_action_lists", _m018_action_lists),
]


def migrate(db: Database) -> list[str]:
    """Apply the migrations this database has not had; returns their names."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    if all(name in done for name, _ in MIGRATIONS):
        return []
    applied = []
    db.execute("BEGIN IMMEDIATE")  # two processes starting at once: one migrates, the other waits
    try:
        done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
        for name, step in MIGRATIONS:
            if name in done:
                continue
            step(db)
            db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", [name])
            applied.append(name)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return applied
