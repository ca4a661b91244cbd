"""A French vault hears its import, export, log, serve and assistant failures and problems in
French (the sentences of `exchange/`, `commands/`, `serve/` and `assistant/`)."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.said import said
from hortus.exchange.importers.linkedin import read_linkedin
from hortus.render.i18n import catalogue
from tests.conftest import MakeVault
from tests.serving import serve_vault

FRENCH = {
    "hortus.toml": 'today = 2026-11-20\nlanguage = "fr"\n',
    "people/ada.md": "---\nname: Ada Lovelace\n---\n- 2026-11-01: tea\n",
}
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Grace,Hopper,,,,,12 Mar 2021\n"
    ",,https://example.com/x,,,,\n"
    "Alan,Turing,,,,,sometime\n"
)


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_log_with_an_empty_text_says_so_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "log", "ada", "   ")
    assert result.exit_code == 1
    assert result.stderr == "hortus: rien à noter\u00a0: le texte est vide\n"


def test_a_promise_with_an_empty_text_says_so_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "log", "ada", " ", "--promise")
    assert result.exit_code == 1
    assert "rien à promettre\u00a0: le texte est vide" in result.stderr


def test_an_import_report_gives_its_problems_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    (root / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    result = _run("--vault", str(root), "import", "linkedin", str(root / "Connections.csv"))
    assert result.exit_code == 0, result.output
    assert f"{root / 'Connections.csv'}:3: pas de nom\u00a0; cette ligne est laissée de côté" in (
        result.stdout
    )
    assert (
        "«\u00a0Connected On\u00a0» 'sometime' n’est pas une date comme 12 Mar 2021"
        in result.stdout
    )


def test_a_file_that_cannot_be_imported_says_why_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    (root / "contacts.csv").write_bytes("First Name".encode("utf-16"))
    result = _run("--vault", str(root), "import", "linkedin", str(root / "contacts.csv"))
    assert result.exit_code == 1
    assert "il est en UTF-16\u00a0; exportez-le de nouveau en CSV UTF-8" in result.stderr


def test_a_file_of_another_kind_is_named_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    (root / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    result = _run("--vault", str(root), "import", "google", str(root / "Connections.csv"))
    assert result.exit_code == 1
    assert (
        "on dirait le Connections.csv de LinkedIn, pas un CSV de Google Contacts\u00a0; "
        "rien n’a été lu (lancez `hortus import linkedin FICHIER`)"
    ) in result.stderr


def test_an_export_over_a_note_is_refused_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "export", "vcard", "-o", str(root / "people/ada.md"))
    assert result.exit_code == 1
    assert "c’est une note Markdown\u00a0; choisissez un nom en .vcf, .ics ou .csv" in (
        result.stderr
    )


def test_a_system_reason_is_said_in_french(make_vault: MakeVault) -> None:
    root = make_vault(FRENCH)
    result = _run("--vault", str(root), "import", "vcard", str(root / "nowhere.vcf"))
    assert result.exit_code == 1
    assert "fichier ou dossier introuvable" in result.stderr


def test_a_problem_in_english_and_in_french() -> None:
    imported = read_linkedin(CONNECTIONS.encode(), "Connections.csv")
    first = imported.problems[0]
    assert first.message == "no name; this row is skipped"
    assert catalogue("fr").say(first.said) == "pas de nom\u00a0; cette ligne est laissée de côté"


def test_either_of_several_header_rows_is_said_with_or() -> None:
    from hortus.core.errors import ImportFileError
    from hortus.exchange.importers.google import read_google

    with pytest.raises(ImportFileError) as caught:
        read_google(b"Who,What\nAda,tea\n", "c.csv")
    assert caught.value.message.startswith(
        "cannot import c.csv: no header row with First Name, Last Name or Given Name, "
        "Family Name or Name, Nickname in the first 10 lines"
    )
    french = catalogue("fr").say(caught.value.said)
    assert "First Name, Last Name ou Given Name, Family Name ou Name, Nickname" in french


def test_a_refused_write_from_the_page_is_said_in_french(make_vault: MakeVault) -> None:
    served = serve_vault(make_vault(FRENCH))
    answer: Any = served.post("/log", {"who": "ada", "text": "   ", "once": "y"}, json=True)
    assert answer.status_code == 409
    assert answer.json()["message"] == "rien à noter\u00a0: le texte est vide"


def test_the_assistant_is_told_in_french(make_vault: MakeVault) -> None:
    pytest.importorskip("mcp")
    import datetime as dt

    from hortus.assistant.answers import Answers
    from hortus.assistant.server import answer

    answers = Answers(make_vault(FRENCH), lambda: dt.date(2026, 11, 20))
    result = answer(answers, lambda: answers.dates("2026-12-01", "2026-11-01"))
    assert result.is_error
    assert result.content[0].text == "la fin 2026-11-01 précède le début 2026-12-01"
    result = answer(answers, lambda: answers.search(["  "]))
    assert result.content[0].text == "donnez au moins un mot à chercher"


def test_an_english_vault_tells_the_assistant_in_english(make_vault: MakeVault) -> None:
    pytest.importorskip("mcp")
    import datetime as dt

    from hortus.assistant.answers import Answers

    answers = Answers(make_vault({"people/ada.md": "# Ada\n"}), lambda: dt.date(2026, 11, 20))
    assert answers.say(said("give at least one word to search for")) == (
        "give at least one word to search for"
    )
