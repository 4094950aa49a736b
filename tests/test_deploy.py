"""Running the bot for real: the Slack app manifest asks only for scopes the bot uses, each
explained in the README; the systemd unit passes systemd's own check and its command runs;
the Dockerfile's steps, done here as the container build would do them, give a `scrutiny`
that serves. (No Docker engine runs on this machine, so the image itself is not built.)"""
from __future__ import annotations

import configparser
import fnmatch
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from bot.config import from_env

from .conftest import ROOT
from .slack_fake import FakeSlack

MANIFEST = json.loads((ROOT / "bot" / "manifest.json").read_text())
README = (ROOT / "README.md").read_text()


def test_the_manifest_asks_only_for_scopes_the_readme_explains():
    scopes = MANIFEST["oauth_config"]["scopes"]["bot"]
    assert "im:write" not in scopes, "reminders by DM post to the user's id: chat:write is enough"
    documented = re.findall(r"^\| `([a-z:.]+)` \|", README, re.M)
    assert sorted(documented) == sorted(scopes)
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"], "reminders by direct message arrive in the Messages tab"
    assert MANIFEST["settings"]["socket_mode_enabled"] and MANIFEST["settings"]["interactivity"]["is_enabled"]


def _unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(ROOT / "deploy" / "scrutiny.service")
    return unit


def _installed_scrutiny() -> str:
    return str(Path(sysconfig.get_path("scripts")) / "scrutiny")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_systemd_unit_passes_systemds_check(tmp_path):
    text = (ROOT / "deploy" / "scrutiny.service").read_text()
    # the unit as installed on this machine: the same file, pointing at this checkout's scrutiny
    local = text.replace("/opt/scrutiny/.venv/bin/scrutiny", _installed_scrutiny()).replace(
        "EnvironmentFile=/etc/scrutiny/scrutiny.env", f"EnvironmentFile={tmp_path / 'scrutiny.env'}")
    (tmp_path / "scrutiny.env").write_text("")
    (tmp_path / "scrutiny.service").write_text(local)
    checked = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "scrutiny.service")], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr


def test_the_units_command_runs_with_its_environment_and_the_example_settings(tmp_path, monkeypatch):
    service = _unit()["Service"]
    assert service["RestartPreventExitStatus"] == "2", "a configuration mistake is not restarted into a loop"
    command = shlex.split(service["ExecStart"])
    assert Path(command[0]).name == "scrutiny" and command[1:] == ["serve"]
    example = dict(line.split("=", 1) for line in (ROOT / "deploy" / "scrutiny.env.example").read_text().splitlines()
                   if line and not line.startswith("#"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SCRUTINY_", "HOST", "PORT"))}
    env.update(example)
    env.update(pair.split("=", 1) for pair in shlex.split(service["Environment"]))
    env["SCRUTINY_DB"] = str(tmp_path / "scrutiny.db")  # /var/lib/scrutiny on a real server
    for key in [k for k in os.environ if k.startswith(("SLACK_", "SCRUTINY_"))]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert from_env().problems() == [] and from_env().mode == "socket", "the example settings are a whole configuration"
    fake = FakeSlack()
    fake.script("auth.test", 200, {"ok": False, "error": "invalid_auth"})  # the example's placeholder token
    try:
        done = subprocess.run([_installed_scrutiny(), *command[1:]], env={**env, "SLACK_API_URL": fake.api_url},
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
    finally:
        fake.close()
    assert done.returncode == 1 and "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in done.stderr, done.stderr


def _dockerfile() -> list[tuple[str, str]]:
    lines = (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines()
    return [tuple(line.split(None, 1)) for line in lines if line.strip() and not line.startswith("#")]


def _context_files(src: str) -> list[Path]:
    """Files the build context holds under src, with .dockerignore applied."""
    ignored = [p.strip() for p in (ROOT / ".dockerignore").read_text().splitlines() if p.strip() and not p.startswith("#")]
    base = ROOT / src
    files = [base] if base.is_file() else [p for p in base.rglob("*") if p.is_file()]
    def kept(path: Path) -> bool:
        relative = path.relative_to(ROOT).as_posix()
        return not any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern.rstrip("/") + "/*")
                       or any(fnmatch.fnmatch(part, pattern.replace("**/", "")) for part in relative.split("/"))
                       for pattern in ignored)
    return [p for p in files if kept(p)]


def test_the_dockerfile_steps_give_a_scrutiny_that_serves(tmp_path):
    steps = _dockerfile()
    instructions = [k for k, _ in steps]
    assert steps[0] == ("FROM", "python:3.11-slim") and instructions[-1] == "CMD"
    env = {}
    for key, value in steps:
        if key == "ENV":
            env.update(dict(pair.split("=", 1) for pair in shlex.split(value)))
    assert env["HOST"] == "0.0.0.0" and env["SCRUTINY_DB"].startswith("/data/")
    assert ("USER", "scrutiny") in steps, "the bot does not run as root"
    # the build: COPY the context (as .dockerignore leaves it), then RUN pip install . (its own package;
    # the libraries it needs are this test run's own, so no download beyond pip's build tools)
    app = tmp_path / "app"
    for key, value in steps:
        if key == "COPY":
            *sources, target = value.split()
            for source in sources:
                for path in _context_files(source):
                    destination = app / target / path.relative_to(ROOT / source) if (ROOT / source).is_dir() else app / path.name
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination)
    run = [value for key, value in steps if key == "RUN"]
    assert run and run[0].startswith("pip install . ")
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), "."],
                           cwd=app, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (site / "corpus" / "demo" / "000_492692d4b457f793.txt").is_file() and (site / "bot" / "manifest.json").is_file()
    # the CMD, with the image's environment, a data volume, and HTTP mode against a fake Slack
    cmd = json.loads(dict(steps)["CMD"])
    data = tmp_path / "data"
    data.mkdir()
    port = _free_port()
    fake = FakeSlack()
    paths = [str(site), *(p for p in sys.path if p.endswith("site-packages"))]
    process_env = {"PATH": os.environ["PATH"], **env, "PYTHONPATH": os.pathsep.join(paths), "PORT": str(port),
                   "SCRUTINY_DB": str(data / "scrutiny.db"), "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret-1234",
                   "SLACK_API_URL": fake.api_url}
    process = subprocess.Popen([sys.executable, str(site / "bin" / cmd[0]), *cmd[1:]], env=process_env, cwd=data,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(600):
            assert process.poll() is None, process.communicate()[0]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the container's command never served")
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0]
        fake.close()
    assert process.returncode == 0, output
    assert f"listening on http://0.0.0.0:{port}/slack/events" in output


def _free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
