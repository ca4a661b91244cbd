"""The README's scheduler recipes for `hortus digest` run as written: the crontab line through
`sh` with cron's bare PATH, the systemd service's ExecStart with `%h`, the launchd agent's
ProgramArguments with its home folder."""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_vault
from tests.test_digest import BUSY

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## The garden comes to you", 1)[1].split("\n## ", 1)[0]
HORTUS = Path(sys.executable).parent / "hortus"


def _block(kind: str, holding: str) -> str:
    blocks = re.findall(rf"```{kind}\n(.+?)\n```", SECTION, re.DOTALL)
    found = [block for block in blocks if holding in block]
    assert len(found) == 1, (kind, holding)
    return found[0]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home folder with hortus where the recipes look for it, and a busy vault in ~/notes."""
    (tmp_path / ".local/bin").mkdir(parents=True)
    (tmp_path / ".local/bin/hortus").symlink_to(HORTUS)
    write_vault(tmp_path / "notes", BUSY)
    return tmp_path


def _expected(home: Path) -> str:
    args = [str(HORTUS), "--vault", str(home / "notes"), "digest"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_the_crontab_line_runs_as_cron_runs_it(home: Path) -> None:
    lines = _block("crontab", "MAILTO").splitlines()
    assert lines[0].startswith("MAILTO=")
    command = lines[1].split(None, 5)[5]  # after minute, hour, day, month, weekday
    cron_env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"}
    result = subprocess.run(
        ["/bin/sh", "-c", command], env=cron_env, capture_output=True, text=True, check=True
    )
    assert result.stdout == _expected(home)
    assert result.stdout.startswith("Garden digest for 20 November 2026\n")
    # A quiet day: no output at all, so cron sends no mail.
    write_vault(home / "notes", {"hortus.toml": "today = 2030-01-10\n"})
    for rel in BUSY:
        if rel.startswith("people/"):
            (home / "notes" / rel).unlink()
    quiet = subprocess.run(["/bin/sh", "-c", command], env=cron_env, capture_output=True)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, b"", b"")


def test_the_systemd_service_runs_its_exec_start(home: Path) -> None:
    service = _block("ini", "ExecStart=")
    assert "Type=oneshot" in service
    exec_start = re.search(r"^ExecStart=(.+)$", service, re.MULTILINE)
    assert exec_start is not None
    argv = shlex.split(exec_start.group(1).replace("%h", str(home)))
    env = {"HOME": str(home), "PATH": os.defpath}
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    assert result.stdout == _expected(home)
    timer = _block("ini", "OnCalendar=")
    assert "WantedBy=timers.target" in timer


def test_the_launchd_agent_runs_its_program_arguments(home: Path) -> None:
    agent = plistlib.loads(_block("xml", "ProgramArguments").encode("utf-8"))
    argv = [arg.replace("/Users/you", str(home)) for arg in agent["ProgramArguments"]]
    result = subprocess.run(argv, capture_output=True, text=True, check=True)
    assert result.stdout == _expected(home)
    assert agent["StartCalendarInterval"] == {"Hour": 7, "Minute": 30}
