"""Issue 13, "found by an adversarial probe": what hortus prints and renders.

Each test names its item; each failed before the change that closes the hole.
"""

from __future__ import annotations

import json
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
