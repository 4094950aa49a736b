"""The bot as a Slack admin sets it up and runs it: start-up that says exactly what is wrong
and never runs idle, configuration from the command line, backups and exports that never
overwrite the store, ingest and sync that name every file and address they refuse, and
removing what should not be there."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from corpus import demo_corpus
from store import connect, queries
from store.ingest import ingest_paths

from .conftest import FROZEN, ROOT
from .slack_fake import FakeSlack

NO_SLACK = {"SLACK_BOT_TOKEN": "", "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": "", "SLACK_API_URL": "",
            "SCRUTINY_EDITORS": "", "PORT": "", "HOST": ""}


def scrutiny(*args: str, env: dict | None = None, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, capture_output=True, text=True, input=stdin,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **NO_SLACK, **(env or {})}, timeout=120)


@pytest.fixture
def store(db_path) -> str:
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=FROZEN)
    return str(db_path)


# --- start-up -------------------------------------------------------------------------------------

@pytest.mark.parametrize("env, says", [
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is"),
    ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_APP_TOKEN is set, but SLACK_BOT_TOKEN is missing"),
    ({"SLACK_SIGNING_SECRET": "s3cret-value"}, "SLACK_SIGNING_SECRET is set, but SLACK_BOT_TOKEN is missing"),
    ({"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN does not look like a bot token"),
    ({"SCRUTINY_EDITORS": "admins"}, "SCRUTINY_EDITORS='admins' is not one of: anyone, officers, channel."),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret-value", "PORT": "http"}, "PORT='http' is not a port number"),
])
def test_serve_names_the_missing_or_wrong_variable_and_exits_non_zero(tmp_path, env, says):
    done = scrutiny("serve", "--db", str(tmp_path / "s.db"), env=env)
    assert done.returncode == 2, done.stdout
    assert says in done.stderr and "Traceback" not in done.stderr
    assert "console" not in done.stdout, "no console when some Slack variables are set"


def test_bad_tokens_and_an_unreachable_slack_are_one_line_each(tmp_path):
    fake = FakeSlack()
    try:
        fake.script("auth.test", 200, {"ok": False, "error": "invalid_auth"})
        refused = scrutiny("serve", "--db", str(tmp_path / "s.db"), env={
            "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": fake.api_url})
        app_refused = scrutiny("serve", "--db", str(tmp_path / "s.db"), env={  # apps.connections.open says no
            "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": fake.api_url})
    finally:
        fake.close()
    unreachable = scrutiny("serve", "--db", str(tmp_path / "s.db"), env={
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret-value", "SLACK_API_URL": "http://127.0.0.1:9/api/"})
    for done, line in ((refused, "Slack refused SLACK_BOT_TOKEN (invalid_auth)"),
                       (app_refused, "Slack refused SLACK_APP_TOKEN (not_allowed_token_type)"),
                       (unreachable, "cannot reach Slack at http://127.0.0.1:9/api/")):
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert [x for x in done.stderr.splitlines() if x.startswith("scrutiny: ")] == [x for x in done.stderr.splitlines() if line in x]


def test_version():
    done = scrutiny("--version")
    assert done.returncode == 0 and done.stdout.startswith("scrutiny 0.")


def test_http_listens_only_on_this_machine_unless_told():
    from bot.config import from_env
    os.environ.pop("HOST", None)
    assert from_env().host == "127.0.0.1"


# --- the command line as Slack ---------------------------------------------------------------------

def test_ask_sets_up_channel_subscription_and_settings_as_a_user_in_a_channel(store, capsys):
    assert main(["ask", "--db", store, "--channel", "C0PANEL", "channel", "cfosp"]) == 0
    assert main(["ask", "--db", store, "--user", "U0ALICE", "--name", "Alice", "subscribe", "cfosp"]) == 0
    assert main(["ask", "--db", store, "remind-settings", "cfosp", "days", "3", "at", "08:30"]) == 0
    out = capsys.readouterr().out
    assert "will be posted in <#C0PANEL>" in out and "Subscribed" in out and "3 days before each meeting at 08:30" in out
    with connect(store) as db:
        assert "Alice" in queries.person_name(db, "U0ALICE")
        shown = main(["ask", "--db", store, "remind-settings", "cfosp"])
    assert shown == 0 and "Going to 2 places: <#C0PANEL>, Alice" in capsys.readouterr().out
    assert main(["ask", "--db", store, "--channel", "D0DIRECT", "channel", "cfosp"]) == 0
    assert "A direct message can't be" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["ask", "--db", store, "--user", "alice", "subscribe", "cfosp"])  # not a Slack user id


@pytest.mark.parametrize("text", ["actions 99999999999999999999999 owner x", "actions 99999999999999999999999 due 1 May",
                                  "actions done 99999999999999999999999", "undo 99999999999999999999999",
                                  "actions ² owner x", "actions done ²", "actions page ²", "undo ²", "undo #³",
                                  "history SEND page ²", "panels page 99999999999999999999999"])
def test_huge_and_superscript_numbers_get_an_answer_not_a_crash(store, capsys, text):
    assert main(["ask", "--db", store, *text.split()]) == 0
    out = capsys.readouterr()
    assert out.out.strip() and "Traceback" not in out.err


def test_ask_prints_no_traceback_and_the_console_survives_a_failing_command(store, monkeypatch, capsys):
    import io

    import handlers
    from bot import console

    def broken(*args, **kwargs):
        raise OverflowError("Python int too large to convert to SQLite INTEGER")
    monkeypatch.setattr(handlers, "dispatch", broken)
    assert main(["ask", "--db", store, "next"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "scrutiny: that command failed (OverflowError); run with -v to see why."
    monkeypatch.setattr(console, "dispatch", broken)
    out = io.StringIO()
    assert console.run_console(store, lambda: FROZEN, io.StringIO("next\nhelp\n"), out) == 0
    assert out.getvalue().count("Sorry, that command failed (OverflowError)") == 2


def test_ask_piped_into_head_is_quiet(store):
    """`scrutiny ask … | head`: the reader goes away before the answer is written."""
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "ask", "--db", store, "help"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    process.stdout.close()  # like head, done reading
    err = process.stderr.read()
    process.wait(timeout=120)
    assert process.returncode == 0 and "BrokenPipeError" not in err and "Traceback" not in err, err


# --- no store made by accident; backups and exports never overwrite it --------------------------------

@pytest.mark.parametrize("command", [["ask", "next"], ["backup", "b.db"], ["export", "actions"], ["remind", "--dry-run"],
                                     ["sources"], ["remove", "paper", "x.txt"]])
def test_commands_that_read_the_store_never_create_one(tmp_path, command, capsys):
    missing = tmp_path / "nope" / "s.db"
    assert main([*command, "--db", str(missing)]) == 2
    assert f"no store at {missing}" in capsys.readouterr().err
    assert not missing.exists() and not missing.parent.exists()


@pytest.mark.parametrize("command", [["ask", "next"], ["backup", "b.db"], ["export", "actions"], ["remind", "--dry-run"],
                                     ["ingest", "x.txt"], ["calendar"]])
def test_a_file_that_is_not_a_store_is_one_line_not_a_traceback(tmp_path, command, capsys):
    """`--db README.md`: the wrong file named as the store is said in one line, and left as it was."""
    wrong = tmp_path / "notes.db"
    wrong.write_text("an officer's notes, not a database")
    (tmp_path / "x.txt").write_text("Minutes of the Roads Panel")
    assert main([*command, "--db", str(wrong)]) == 2
    assert capsys.readouterr().err.strip() == f"scrutiny: {wrong} is not a scrutiny store (file is not a database); pass --db with the store's path."
    assert wrong.read_text() == "an officer's notes, not a database"


def test_an_ingest_of_nothing_that_exists_makes_no_store(tmp_path, capsys):
    """`scrutiny ingest ~/paprs --db live.db` (a mistyped folder) reads nothing, so it makes no store either."""
    missing = tmp_path / "nope" / "s.db"
    assert main(["ingest", str(tmp_path / "paprs"), "--db", str(missing)]) == 1
    assert "paprs: no such file or folder" in capsys.readouterr().out
    assert not missing.exists() and not missing.parent.exists()


def test_backup_refuses_the_store_itself_a_missing_folder_and_an_existing_file(store, tmp_path, capsys):
    before = Path(store).read_bytes()
    for target, why in ((store, "is the store itself"), (store + "-wal", "is the store itself"),
                        (str(tmp_path / "missing" / "b.db"), "does not exist"), (str(tmp_path), "is a folder")):
        assert main(["backup", target, "--force", "--db", store]) == 2
        assert why in capsys.readouterr().err
    os.symlink(store, tmp_path / "link.db")
    assert main(["backup", str(tmp_path / "link.db"), "--force", "--db", store]) == 2
    assert "is the store itself" in capsys.readouterr().err
    with connect(store) as db:
        assert queries.counts(db).documents == 5 and Path(store).read_bytes()[:100] == before[:100]
    copy = tmp_path / "copy.db"
    assert main(["backup", str(copy), "--db", store]) == 0
    assert main(["backup", str(copy), "--db", store]) == 2 and "pass --force" in capsys.readouterr().err
    assert main(["backup", str(copy), "--force", "--db", store]) == 0
    with connect(copy) as db:
        assert queries.counts(db).documents == 5


def test_export_refuses_the_store_and_an_existing_file(store, tmp_path, capsys):
    assert main(["export", "actions", "-o", store, "--db", store]) == 2
    assert "is the store itself" in capsys.readouterr().err
    assert main(["export", "actions", "-o", store, "--force", "--db", store]) == 2
    with connect(store) as db:
        assert queries.counts(db).documents == 5
    sheet = tmp_path / "tracker.csv"
    sheet.write_text("officer's own notes")
    assert main(["export", "actions", "-o", str(sheet), "--db", store]) == 2
    assert sheet.read_text() == "officer's own notes"
    assert main(["export", "actions", "-o", str(sheet), "--force", "--db", store]) == 0
    rows = list(csv.DictReader(sheet.open(encoding="utf-8-sig")))
    assert rows and rows[0]["number"].isdigit()


def test_the_calendar_file_is_guarded_like_backups_and_exports(store, tmp_path, capsys):
    """`scrutiny calendar -o scrutiny.db` once wrote an empty calendar over the live store."""
    for output in (store, store + "-wal"):
        assert main(["calendar", "-o", output, "--force", "--db", store]) == 2
        assert "is the store itself" in capsys.readouterr().err
    with connect(store) as db:
        assert queries.counts(db).documents == 5
    diary = tmp_path / "meetings.ics"
    diary.write_text("an officer's own calendar")
    assert main(["calendar", "-o", str(diary), "--db", store]) == 2
    assert "exists; pass --force" in capsys.readouterr().err and diary.read_text() == "an officer's own calendar"
    assert main(["calendar", "-o", str(diary), "--force", "--db", store]) == 0
    assert diary.read_text().startswith("BEGIN:VCALENDAR")


# --- ingest names what it does not read --------------------------------------------------------

def test_folder_ingest_names_every_skipped_file_and_warns_of_non_utf8(tmp_path, capsys):
    papers = tmp_path / "papers"
    (papers / "sub").mkdir(parents=True)
    (papers / "minutes.docx").write_bytes(b"PK\x03\x04word/")
    (papers / "budget.xlsx").write_bytes(b"PK")
    (papers / "sub" / "notes").write_text("no extension")
    (papers / "orphan.txt.meta.json").write_text('{"committee": "X"}')
    (papers / ".hidden.txt").write_text("x")
    text = (demo_corpus() / "004_f238e8122ed5804f.txt").read_text(encoding="utf-8")
    (papers / "sub" / "cp1252.txt").write_bytes(text.replace("Shire Hall", "Shire Hall \u2013 caf\u00e9").encode("cp1252"))
    assert main(["ingest", str(papers), "--db", str(tmp_path / "s.db")]) == 0
    out = capsys.readouterr().out
    assert "1 paper: 1 new, 0 updated, 0 unchanged, 0 failed; 5 other files skipped" in out
    assert f"skipped   {papers / 'minutes.docx'}: a Word document: save it as PDF, HTML or text first" in out
    assert f"skipped   {papers / 'budget.xlsx'}: not a kind of paper I read (.xlsx)" in out
    assert f"skipped   {papers / 'sub' / 'notes'}: not a kind of paper I read (no extension)" in out
    assert f"skipped   {papers / 'orphan.txt.meta.json'}: a .meta.json with no paper named orphan.txt beside it" in out
    assert f"skipped   {papers / '.hidden.txt'}: hidden file, not read" in out
    assert f"warning   {papers / 'sub' / 'cp1252.txt'}: not UTF-8" in out and "read as Windows-1252" in out


def test_folder_ingest_names_links_pipes_and_devices_and_never_walks_a_loop(tmp_path, capsys):
    """A folder walk follows no link out of the folder or round a loop (`up -> ..` once read
    the parent forty times over), and names every entry it does not read."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (tmp_path / "outside.txt").write_text("not in the folder given")
    (papers / "minutes.txt").write_text((demo_corpus() / "004_f238e8122ed5804f.txt").read_text(encoding="utf-8"))
    (papers / "up").symlink_to("..")
    (papers / "zero.txt").symlink_to("/dev/zero")
    (papers / "gone.txt").symlink_to(tmp_path / "nothing-here.txt")
    os.mkfifo(papers / "pipe.txt")
    assert main(["ingest", str(papers), "--db", str(tmp_path / "s.db")]) == 0
    out = capsys.readouterr().out
    assert "1 paper: 1 new, 0 updated, 0 unchanged, 0 failed; 4 other files skipped" in out
    assert f"skipped   {papers / 'up'}: a link to a folder outside the one given, not followed" in out
    assert f"skipped   {papers / 'zero.txt'}: a device, not a paper file" in out
    assert f"skipped   {papers / 'pipe.txt'}: a named pipe, not a paper file" in out
    assert f"skipped   {papers / 'gone.txt'}: a link to nothing" in out
    assert "outside.txt" not in out


# --- removing papers, a panel, the demo ------------------------------------------------------------

def test_the_demo_papers_a_paper_and_a_panel_can_be_removed_and_it_is_audited(store, capsys):
    assert main(["remove", "demo", "--db", store]) == 1  # shows, removes nothing without --yes
    assert "pass --yes" in capsys.readouterr().out
    with connect(store) as db:
        assert queries.counts(db).documents == 5
    one = str(demo_corpus() / "000_492692d4b457f793.txt")
    assert main(["remove", "paper", one, "--yes", "--db", store]) == 0
    with connect(store) as db:
        assert queries.counts(db).documents == 4
    assert main(["remove", "panel", "cypsc", "--yes", "--db", store]) == 0
    with connect(store) as db:
        assert [p.name for p in queries.committees(db)] == ["Children and Families Overview and Scrutiny Panel"]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert main(["remove", "demo", "--yes", "--db", store]) == 0
    with connect(store) as db:
        counts = queries.counts(db)
        assert (counts.documents, counts.actions_open) == (0, 0)
    assert main(["ask", "--db", store, "audit"]) == 0
    audit = capsys.readouterr().out
    assert "removed the panel Children and young people scrutiny committee (Herefordshire Council) and 1 paper\n" in audit
    assert "removed the minutes of 3 Nov 2022 for Children and Families Overview and Scrutiny Panel" in audit
    assert main(["ask", "--db", store, "undo", audit.split("#")[1].split()[0]]) == 0
    assert "cannot bring back" in capsys.readouterr().out
