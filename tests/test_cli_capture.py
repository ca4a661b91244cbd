"""The capture commands end to end: log, add, show, open, as a user types them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault

ADA = """\
---
name: Ada Lovelace
aliases: [Ada]
circle: inner
birthday: 1815-12-10
tags: [math]
email: ada@example.com
---
# Ada Lovelace

- 2026-11-01: tea
- 2026-11-10: she got the job #moment/job
"""
FILES = {
    "hortus.toml": "today = 2026-11-20\n",
    "people/ada.md": ADA,
    "people/bob.md": "---\nname: Bob Stone\n---\n",
    "journal/2026-11-15.md": "Lunch with [[Ada]] and [[Bob Stone]].\n",
}


def run(root: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--vault", str(root), *args], input=input, env=env)


def test_log_then_status_shows_the_interaction(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    before = json.loads(run(root, "status", "--json").stdout)["contacts"]
    assert [(c["name"], c["last_interaction"]) for c in before] == [
        ("Ada Lovelace", "2026-11-15"),
        ("Bob Stone", "2026-11-15"),
    ]
    result = run(root, "log", "ada", "Walk by the canal", "--tag", "walk", "--with", "bob stone")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "people/ada.md:13\n  - 2026-11-20: Walk by the canal (with [[Bob Stone]]) #walk\n"
    )
    assert (root / "people/ada.md").read_text() == (
        ADA + "- 2026-11-20: Walk by the canal (with [[Bob Stone]]) #walk\n"
    )
    after = json.loads(run(root, "status", "--json").stdout)["contacts"]
    assert [(c["name"], c["last_interaction"], c["interactions"]) for c in after] == [
        ("Ada Lovelace", "2026-11-20", 3),
        ("Bob Stone", "2026-11-20", 2),
    ]


def test_log_reads_stdin_and_takes_a_date(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    result = run(root, "log", "Bob Stone", "-", "--date", "2026-11-02", input="Call\nabout\n")
    assert result.exit_code == 0, result.output
    assert (root / "people/bob.md").read_text() == (
        "---\nname: Bob Stone\n---\n\n## 2026-11-02 Call\nabout\n"
    )


def test_log_refuses_typos_and_ambiguity_and_writes_nothing(make_vault: MakeVault) -> None:
    root = make_vault({**FILES, "people/ada-2.md": "---\nname: Ada Byron\naliases: Ada\n---\n"})
    result = run(root, "log", "Ada Lovelce", "tea")
    assert result.exit_code == 1
    assert result.stderr == (
        "hortus: no contact called 'Ada Lovelce'; did you mean Ada Lovelace? "
        "Nothing was written: add --yes to use Ada Lovelace (people/ada.md)\n"
    )
    result = run(root, "log", "ada", "tea")
    assert result.exit_code == 1
    assert "could mean Ada Lovelace (people/ada.md); Ada Byron (people/ada-2.md)" in result.stderr
    result = run(root, "log", "bob stone", "tea", "--with", "Adda")
    assert "did you mean Ada Byron or Ada Lovelace?" in result.stderr
    result = run(root, "log", "bob stone", "tea", "--tag", "#1")
    assert "'#1' is not a tag" in result.stderr
    assert (root / "people/ada.md").read_text() == ADA
    assert (root / "people/bob.md").read_text() == "---\nname: Bob Stone\n---\n"


def test_log_refuses_a_file_with_broken_front_matter_and_says_why(make_vault: MakeVault) -> None:
    root = make_vault({"people/cy.md": "---\nname: Cy\ncircle: [inner\n---\n"})
    result = run(root, "log", "cy", "tea")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "hortus: could not write people/cy.md: its front matter has a problem (line 4: "
    )


def fake_editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "editor.sh"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_log_without_text_opens_the_editor(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(FILES)
    editor = fake_editor(tmp_path, 'printf "Phone call\\nShe sounded well.\\n" > "$1"\n')
    result = run(root, "log", "bob stone", env={"VISUAL": "", "EDITOR": editor})
    assert result.exit_code == 0, result.output
    assert (
        (root / "people/bob.md")
        .read_text()
        .endswith("\n## 2026-11-20 Phone call\nShe sounded well.\n")
    )
    assert list((root / ".hortus").glob("draft-*")) == []


def test_an_empty_draft_logs_nothing(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(FILES)
    editor = fake_editor(tmp_path, "true\n")  # keeps the help text only
    result = run(root, "log", "bob stone", env={"VISUAL": editor})
    assert result.stdout == "Nothing written: the entry was empty.\n"
    assert (root / "people/bob.md").read_text() == "---\nname: Bob Stone\n---\n"


def test_a_failed_write_keeps_the_draft(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(FILES)
    script = f'printf "Tea\\n" > "$1"\nrm {root / "people/bob.md"}\n'
    editor = fake_editor(tmp_path, script)  # the user deletes the file while writing
    result = run(root, "log", "bob stone", env={"VISUAL": editor})
    assert result.exit_code == 1
    assert "what you wrote is kept in .hortus/draft-" in result.stderr
    (draft,) = (root / ".hortus").glob("draft-*")
    assert draft.read_text() == "Tea\n"


def test_add_creates_the_file_and_refuses_a_second_time(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    result = run(root, "add", "Zoë Durand", "--circle", "close", "--alias", "Zo", "--tag", "#run")
    assert (result.exit_code, result.stdout) == (0, "created people/zoe-durand.md\n")
    assert (root / "people/zoe-durand.md").read_text() == (
        "---\nname: Zoë Durand\naliases: [Zo]\ncircle: close\ntags: [run]\n---\n\n# Zoë Durand\n"
    )
    result = run(root, "add", "zo")
    assert result.exit_code == 1
    assert result.stderr == (
        "hortus: the name 'zo' already belongs to Zoë Durand (people/zoe-durand.md); "
        "nothing was created\n"
    )
    result = run(root, "log", "Zo", "first coffee")
    assert result.stdout.startswith("people/zoe-durand.md:10\n")


def test_show_prints_the_card_and_the_timeline(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    result = run(root, "show", "Ada")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Ada Lovelace  (people/ada.md)\n"
        "  circle    inner, every 14 days\n"
        "  state     thriving, last contact 15 November 2026 (5 days ago)\n"
        "  birthday  10 December 1815\n"
        "  aliases   Ada\n"
        "  tags      math\n"
        "\n"
        "Key moments\n"
        "  10 November 2026  moment (new job)  she got the job #moment/job  people/ada.md:12\n"
        "\n"
        "Timeline (3 entries, newest first)\n"
        "  15 November 2026  interaction       2026-11-15  journal/2026-11-15.md:1\n"
        "  10 November 2026  moment (new job)  she got the job #moment/job  people/ada.md:12\n"
        "  1 November 2026   interaction       tea  people/ada.md:11\n"
    )


def test_show_speaks_the_vaults_language(make_vault: MakeVault) -> None:
    root = make_vault({**FILES, "hortus.toml": 'today = 2026-11-20\nlanguage = "fr"\n'})
    result = run(root, "show", "Ada")
    assert result.stdout == (
        "Ada Lovelace  (people/ada.md)\n"
        "  cercle        intime, tous les 14 jours\n"
        "  état          en forme, dernier contact le 15 novembre 2026 (il y a 5 jours)\n"
        "  anniversaire  10 décembre 1815\n"
        "  alias         Ada\n"
        "  étiquettes    math\n"
        "\n"
        "Moments clés\n"
        "  10 novembre 2026   moment (nouveau poste)  she got the job #moment/job  "
        "people/ada.md:12\n"
        "\n"
        "Chronologie (3 entrées, les plus récentes d’abord)\n"
        "  15 novembre 2026   échange                 2026-11-15  journal/2026-11-15.md:1\n"
        "  10 novembre 2026   moment (nouveau poste)  she got the job #moment/job  "
        "people/ada.md:12\n"
        "  1er novembre 2026  échange                 tea  people/ada.md:11\n"
    )


def test_show_json(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    data = json.loads(run(root, "show", "ada", "--json", "--today", "2026-11-30").stdout)
    assert data["today"] == "2026-11-30"
    assert (data["name"], data["state"], data["days_since"], data["thirst"]) == (
        "Ada Lovelace",
        "thirsty",
        15,
        1.07,
    )
    assert data["birthday"] == "1815-12-10"
    assert data["fields"] == {"email": "ada@example.com"}
    assert data["moments"] == [
        {
            "date": "2026-11-10",
            "title": "she got the job #moment/job",
            "path": "people/ada.md",
            "line": 12,
            "kind": "moment",
            "moment": "job",
            "tags": ["moment/job"],
        }
    ]
    assert [(i["date"], i["path"], i["line"]) for i in data["timeline"]] == [
        ("2026-11-15", "journal/2026-11-15.md", 1),
        ("2026-11-10", "people/ada.md", 12),
        ("2026-11-01", "people/ada.md", 11),
    ]


def test_open_starts_the_editor_at_the_last_entry(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(FILES)
    record = tmp_path / "args.txt"
    editor = fake_editor(tmp_path, f'printf "%s\\n" "$@" > {record}\n')
    os.symlink(editor, tmp_path / "vim")
    result = run(root, "open", "ada", env={"VISUAL": str(tmp_path / "vim")})
    assert result.exit_code == 0, result.output
    assert record.read_text() == f"+12\n{root / 'people/ada.md'}\n"
    result = run(root, "open", "bob stone", env={"VISUAL": "", "EDITOR": editor})
    assert record.read_text() == f"{root / 'people/bob.md'}\n"


def test_open_with_an_editor_that_is_missing(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    result = run(root, "open", "ada", env={"VISUAL": "no-such-editor-here"})
    assert result.exit_code == 1
    assert result.stderr.startswith("hortus: cannot start the editor 'no-such-editor-here'")


def test_two_hortus_log_processes_at_once_both_land(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    command = [sys.executable, "-m", "hortus", "--vault", str(root), "log", "bob stone"]
    procs = [
        subprocess.Popen([*command, f"entry {n}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for n in range(6)
    ]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 6, outputs
    text = (root / "people/bob.md").read_text()
    assert text.startswith("---\nname: Bob Stone\n---\n")
    assert sorted(line for line in text.splitlines() if "entry" in line) == [
        f"## 2026-11-20 entry {n}" for n in range(6)
    ]


def test_show_lists_the_open_promises_to_the_contact(make_vault: MakeVault) -> None:
    files = {
        **FILES,
        "people/ada.md": ADA + "- [ ] send the notes 📅 2026-11-18\n- [x] old one ✅ 2026-11-02\n",
        "journal/2026-11-16.md": "- [ ] call [[Ada]] back\n- [ ] ask [[Bob Stone]] for the saw\n",
    }
    root = make_vault(files)
    data = json.loads(run(root, "show", "ada", "--json").stdout)
    assert data["promises"] == [
        {
            "text": "send the notes",
            "due": "2026-11-18",
            "overdue": True,
            "path": "people/ada.md",
            "line": 13,
        },
        {
            "text": "call [[Ada]] back",
            "due": None,
            "overdue": False,
            "path": "journal/2026-11-16.md",
            "line": 1,
        },
    ]
    out = run(root, "show", "ada").stdout
    assert "Promises\n  send the notes · due 18 November 2026 (overdue)  people/ada.md:13\n" in out
    assert "  call Ada back · no date  journal/2026-11-16.md:1\n" in out
