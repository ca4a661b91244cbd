"""Issue 13, "found by an adversarial probe": what hortus prints and renders.

Each test names its item; each failed before the change that closes the hole.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.person.editor import editor_command
from hortus.render.html import safe_url
from tests.conftest import MakeVault, index_of

TODAY = "2026-11-27"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _strict(text: str) -> object:
    def refuse(word: str) -> object:
        raise ValueError(f"not JSON: {word}")

    return json.loads(text, parse_constant=refuse)


# Item 5: the note's path never reaches the editor as an option.
@pytest.mark.parametrize("editor", ["vim", "code", "nano", "ed"])
def test_a_note_named_like_an_option_reaches_the_editor_as_a_path(editor: str) -> None:
    command = editor_command({"VISUAL": editor}, "--load=evil.md", 3)
    assert command[-1].startswith("/")
    assert command[-1].endswith("--load=evil.md") or command[-1].endswith("--load=evil.md:3")
    assert not any(word.startswith("--load") for word in command)


# Item 9: every --json output is strict JSON.
def test_json_outputs_hold_no_nan_or_infinity(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nname: Ada\nscore: .nan\nreach: .inf\nlow: -.inf\n---\n"
            "## 2026-11-10 Tea\n",
        }
    )
    code, out, _ = run(root, "show", "Ada", "--json", "--today", TODAY)
    assert code == 0
    fields = _strict(out)["fields"]  # type: ignore[index]
    assert (fields["score"], fields["reach"], fields["low"]) == (".nan", ".inf", "-.inf")
    code, out, _ = run(root, "status", "--json", "--today", TODAY)
    assert code == 0
    _strict(out)


# Item 17: an e-mail address is an address, nothing more.
@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("email", "a@b.com?bcc=spy%40evil.example"),
        ("email", "a@b.com?body=hello"),
        ("email", "a@b.com,spy@evil.example"),
        ("website", "mailto:a@b.com?bcc=spy@evil.example"),
    ],
)
def test_an_email_with_a_query_becomes_no_link(key: str, value: str) -> None:
    assert safe_url(key, value) is None


def test_plain_addresses_still_become_links() -> None:
    assert safe_url("email", "zoë.durand+news@exemple.fr") == "mailto:zoë.durand+news@exemple.fr"
    assert safe_url("website", "mailto:ada@example.com") == "mailto:ada@example.com"


def test_check_names_an_email_that_is_not_an_address(make_vault: MakeVault) -> None:
    root = make_vault(
        {"people/ada.md": "---\nname: Ada\nemail: a@b.com?bcc=spy%40evil.example\n---\n"}
    )
    problems = [(p.source.path, p.source.line, p.message) for p in index_of(root).problems]
    assert problems == [
        (
            "people/ada.md",
            3,
            "email 'a@b.com?bcc=spy%40evil.example' is not an e-mail address "
            "(name@domain and nothing more); no link is made of it",
        )
    ]


# Item 20: `export -o` replaces only an earlier export of the same kind, unless --force.
@pytest.mark.parametrize("name", ["hortus.toml", "garden.html", "contacts.vcf", "notes.txt"])
def test_export_refuses_to_replace_a_file_it_did_not_write(
    make_vault: MakeVault, name: str
) -> None:
    root = make_vault({"people/ada.md": "---\nname: Ada\n---\n", name: "the user's own\n"})
    target = root / name
    result = CliRunner().invoke(
        main, ["--vault", str(root), "export", "vcard", "-o", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "is not a vcard export hortus wrote; nothing was written" in result.stderr
    assert target.read_text() == "the user's own\n"


@pytest.mark.parametrize("kind", ["vcard", "ics", "csv"])
def test_export_replaces_its_own_earlier_export_and_force_replaces_anything(
    make_vault: MakeVault, kind: str
) -> None:
    root = make_vault({"people/ada.md": "---\nname: Ada\nbirthday: 1990-07-21\n---\n"})
    target = root / f"out.{kind}"
    args = ["--vault", str(root), "export", kind, "-o", str(target), "--today", TODAY]
    for _ in range(2):  # the second run replaces the first run's file
        assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 0
    first = target.read_bytes()
    target.write_text("mine\n")
    assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 1
    assert CliRunner().invoke(main, [*args, "--force"], catch_exceptions=False).exit_code == 0
    assert target.read_bytes() == first


# Item 14: two outputs on one path are a problem in hortus.toml, and nothing is written.
@pytest.mark.parametrize(
    ("settings", "line", "message"),
    [
        (
            'ics = "garden.html"\n',
            1,
            "'garden_html' and 'ics' both name 'garden.html' (one file on many disks); "
            "no page is written until they differ",
        ),
        (
            'garden = "Garden.md"\ngarden_html = "GARDEN.md"\n',
            2,
            "'garden' and 'garden_html' both name 'GARDEN.md' (one file on many disks); "
            "no page is written until they differ",
        ),
    ],
)
def test_outputs_on_one_path_are_a_problem_and_nothing_is_written(
    make_vault: MakeVault, settings: str, line: int, message: str
) -> None:
    root = make_vault({"hortus.toml": settings, "people/ada.md": "---\nname: Ada\n---\n"})
    assert [(p.source.path, p.source.line, p.message) for p in index_of(root).problems] == [
        ("hortus.toml", line, message)
    ]
    code, _, err = run(root, "regenerate", "--today", TODAY)
    assert code == 1
    assert f"hortus.toml: {message}" in err
    assert sorted(p.name for p in root.iterdir()) == [".hortus", "hortus.toml", "people"]


# Item 4: control characters are shown, never obeyed, and never written into a new note.
ESC_NAME = "Eve\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07"


def test_a_name_holding_escape_sequences_is_printed_escaped(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/eve.md": '---\nname: "Eve\\e]0;pwned\\a\\e[2J"\n---\n'
            "## 2026-11-10 Tea with [[Gh\\u009bost]]\n",
        }
    )
    for args in (("status", "--today", TODAY), ("show", "eve", "--today", TODAY)):
        code, out, err = run(root, *args)
        assert code == 0, (args, err)
        assert out and "\x1b" not in out + err and "\x07" not in out + err, args
    _, out, _ = run(root, "status", "--today", TODAY)
    assert "Eve\\x1b]0;pwned\\x07\\x1b[2J" in out


def test_an_imported_name_with_escape_sequences_reaches_no_note_and_no_terminal(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": ""})
    card = tmp_path / "eve.vcf"
    card.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{ESC_NAME}\r\nORG:Evil\x1b[31m Corp\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    code, out, err = run(root, "import", "vcard", str(card), "--write")
    assert code == 0, err
    assert "\x1b" not in out + err
    (note,) = (root / "people").iterdir()
    text = note.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert "name: Eve]0;pwned[2J]52;c;ZXZpbA==\n" in text


# Item 15: text that is not UTF-8 gives one clear line, never a traceback.
def test_log_with_an_argument_that_is_not_utf8_says_so(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": "---\nname: Ada\n---\n"})
    code, out, err = run(root, "log", "ada", "caf\udce9 au lait")
    assert (code, out) == (1, "")
    assert err == (
        "hortus: the entry is not UTF-8 text (byte 0xe9 at character 4); nothing written. "
        "Set your terminal or file to UTF-8\n"
    )
    assert (root / "people/ada.md").read_text() == "---\nname: Ada\n---\n"


def test_log_from_stdin_that_is_not_utf8_says_so(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": "---\nname: Ada\n---\n"})
    result = CliRunner().invoke(
        main, ["--vault", str(root), "log", "ada", "-"], input=b"caf\xe9\n", catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "hortus: stdin is not UTF-8 text (byte 0xe9 at offset 3); nothing written. "
        "Set your terminal or file to UTF-8\n"
    )


def test_add_with_a_name_that_is_not_utf8_blames_the_name(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": ""})
    code, _, err = run(root, "add", "Jos\udce9")
    assert code == 1
    assert err.startswith("hortus: the name is not UTF-8 text (byte 0xe9 at character 4)")
    assert not (root / "people").exists()


# Item 12: every problem is exactly one line, at the right line.
def test_front_matter_problems_are_one_line_each_at_their_field(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nname: Ada\ncity: Paris\nnote: \x1b[2J\n---\n",
            "people/bob.md": "---\nname: Bob\nnote: \x9b next line\n---\n",
        }
    )
    _, out, _ = run(root, "check")
    assert out.splitlines() == [
        "people/ada.md:4: front matter holds the control character U+001B (column 7); "
        "YAML reads only text (in double quotes, write it as an escape like \\x1b)",
        "people/bob.md:3: front matter holds the control character U+009B (column 7); "
        "YAML reads only text (in double quotes, write it as an escape like \\x1b)",
    ]


def test_a_problem_message_with_line_breaks_is_one_line() -> None:
    from hortus.core.model import Problem, Source
    from hortus.core.said import said

    reason = 'not valid\n  in "<unicode string>", line 2'
    problem = Problem(
        Source("a.md", 3), said("front matter is not valid YAML: {what}", what=reason)
    )
    assert (
        problem.message == 'front matter is not valid YAML: not valid in "<unicode string>", line 2'
    )


# Item 16: GARDEN.md makes no Obsidian comment, no math and no autolink of the user's text.
def test_garden_md_neutralises_comments_math_and_autolinks(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nname: Ada %% $x$ www.evil.example\ncadence: 7\n---\n\n"
            "## 2026-11-01 Tea\n- [ ] send https://evil.example/?q a@b.com $5 %%\n",
        }
    )
    code, _, err = run(root, "regenerate", "--today", TODAY)
    assert code == 0, err
    page = (root / "GARDEN.md").read_text(encoding="utf-8")
    user_lines = [line for line in page.splitlines() if "Ada" in line]
    assert user_lines
    for line in user_lines:
        for raw in (r"(?<!\\)%", r"(?<!\\)\$", r"(?<!\\)://", r"(?i)www(?!\\)\.", r"(?<!\\)@"):
            assert re.search(raw, line) is None, (raw, line)
    assert "[Ada \\%\\% \\$x\\$ www\\.evil.example](people/ada.md)" in page
    assert "send https\\://evil.example/?q a\\@b.com \\$5 \\%\\%" in page


# Item 8: a "someday" date never breaks the garden or the calendar.
SOMEDAY = {
    "hortus.toml": 'ics = "garden.ics"\n',
    "people/ada.md": "---\nname: Ada\nbirthday: 9999-12-31\n---\n\n## 2026-11-01 Tea\n"
    "- [ ] call back one day 📅 9999-12-31\n",
    "people/bob.md": "---\nname: Bob\ncadence: 365\n---\n\n## 9999-12-30 Tea in the far future\n",
}


def test_someday_dates_leave_the_garden_and_the_calendar_whole(make_vault: MakeVault) -> None:
    root = make_vault(SOMEDAY)
    code, _, err = run(root, "regenerate", "--today", TODAY)
    assert (code, err) == (0, "")
    assert {"GARDEN.md", "garden.html", "garden.ics"} <= {p.name for p in root.iterdir()}
    calendar = (root / "garden.ics").read_text()
    assert "DTSTART;VALUE=DATE:99991231" in calendar
    for kind in ("ics", "csv", "vcard"):
        code, out, err = run(root, "export", kind, "--today", TODAY)
        assert (code, err) == (0, ""), kind
        assert "Ada" in out


@pytest.mark.parametrize("day", ["0001-01-15", "9999-12-31"])
def test_a_today_outside_the_calendar_is_one_line(make_vault: MakeVault, day: str) -> None:
    root = make_vault(SOMEDAY)
    result = CliRunner().invoke(main, ["--vault", str(root), "status", "--today", day])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (
        f"Invalid value for '--today': {day} is outside the days a garden is computed for "
        "(1900-01-01 to 9000-12-31)"
    ) in result.stderr
