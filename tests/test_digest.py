"""`hortus digest`: today's gestures and the next days, short for any vault, quiet when empty,
in the vault's language."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from hortus.cli import main
from tests.conftest import MakeVault

TOML = "today = 2026-11-20\n"
BUSY = {
    "hortus.toml": TOML,
    "people/ada.md": """
        ---
        circle: inner
        birthday: 1990-11-24
        ---
        # Ada
        - 2026-11-18: tea
        - [ ] send the article 📅 2026-11-22
        - [ ] lend the book 📅 2026-12-20
        - 2026-11-25: dinner at Lou's with [[Bob]]
        """,
    "people/bob.md": """
        ---
        circle: close
        anniversary: 2015-11-23
        ---
        # Bob
        - 2026-11-01: walk
        - 2026-11-10: got the job at the lab #moment/job
        - 2026-11-12: moved to Lyon #moment/move
        - 2026-11-13: started climbing #moment
        - 2026-11-14: a new bike #moment
        - 2026-11-15: a cat #moment
        """,
    "people/cy.md": "---\nbirthday: --11-20\n---\n# Cy\n- 2026-10-01: call\n",
}


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--vault", str(root), "digest", *args])


def test_an_empty_vault_prints_nothing_and_exits_0(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": TOML, "people/ada.md": "# Ada\n- 2026-11-19: tea\n"})
    for fmt in ("text", "markdown"):
        result = run(root, "--format", fmt)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    document = json.loads(run(root, "--format", "json").stdout)
    assert document == {
        "today": "2026-11-20",
        "days": 7,
        "gestures": [],
        "coming": [],
        "coming_more": 0,
        "moments": [],
        "moments_more": 0,
    }


def test_a_busy_vault(make_vault: MakeVault) -> None:
    root = make_vault(BUSY)
    result = run(root)
    assert result.exit_code == 0
    assert result.stdout == (
        "Garden digest for 20 November 2026\n"
        "\n"
        "Today's gestures\n"
        "1. Reach out to Bob about: a cat · people/bob.md:11\n"
        "2. Wish Cy a happy birthday today · people/cy.md:2\n"
        "\n"
        "The next 7 days\n"
        "- 22 November · Promise to Ada: send the article · people/ada.md:7\n"
        "- 23 November · Bob: anniversary · 11 years · people/bob.md:3\n"
        "- 24 November · Ada: birthday · turns 36 · people/ada.md:3\n"
        "- 25 November · Planned with Ada, Bob: dinner at Lou's with Bob · people/ada.md:9\n"
        "\n"
        "Still unanswered\n"
        "- 14 November · Bob: a new bike · people/bob.md:10\n"
        "- 13 November · Bob: started climbing · people/bob.md:9\n"
        "- 12 November · Bob: moved to Lyon · people/bob.md:8\n"
        "- …and 1 more\n"
    )
    longer = run(root, "--days", "31", "--format", "markdown").stdout
    assert "## The next 31 days\n" in longer
    assert "- 20 December · Promise to Ada: lend the book · people/ada.md:8\n" in longer
    assert longer.startswith("# Garden digest for 20 November 2026\n\n## Today's gestures\n1. ")


def test_the_digest_in_french(make_vault: MakeVault) -> None:
    root = make_vault({**BUSY, "hortus.toml": TOML + 'language = "fr"\n'})
    text = run(root, "--days", "3").stdout
    assert text.splitlines()[:8] == [
        "Le jardin du 20 novembre 2026",
        "",
        "Les gestes du jour",
        "1. Reprendre contact avec Bob à propos de\u00a0: a cat · people/bob.md:11",
        "2. Souhaiter un bon anniversaire à Cy aujourd’hui · people/cy.md:2",
        "",
        "Les 3 jours à venir",
        "- 22 novembre · Promesse à Ada\u00a0: send the article · people/ada.md:7",
    ]
    assert "Toujours sans réponse" in text


def test_json_names_everyone_a_plan_involves(make_vault: MakeVault) -> None:
    document = json.loads(run(make_vault(BUSY), "--format", "json").stdout)
    kinds = [c["kind"] for c in document["coming"]]
    assert kinds == ["promise", "date", "birthday", "plan"]
    assert document["coming"][3]["names"] == ["Ada", "Bob"]
    assert document["coming"][2]["age"] == 36
    assert document["moments_more"] == 1


def test_under_25_lines_for_any_vault_size(make_vault: MakeVault) -> None:
    files = {"hortus.toml": TOML + "daily_gestures = 40\n"}
    for number in range(300):
        files[f"people/p{number:03d}.md"] = (
            f"---\ncircle: inner\nbirthday: 1980-11-{20 + number % 7}\n---\n"
            f"- 2026-11-{10 + number % 9:02d}: news #moment\n"
            f"- [ ] promise {number} 📅 2026-11-{20 + number % 5}\n"
            f"- 2026-11-{21 + number % 5}: plan {number}\n"
        )
    root = make_vault(files)
    for fmt in ("text", "markdown"):
        lines = run(root, "--days", "30", "--format", fmt).stdout.splitlines()
        assert 20 <= len(lines) < 25, fmt
    document = json.loads(run(root, "--format", "json").stdout)
    assert 1 <= len(document["gestures"]) <= 5
    assert document["coming_more"] > 0 and document["moments_more"] > 0


def test_a_late_promise_of_someone_already_in_the_gestures_is_still_said(
    make_vault: MakeVault,
) -> None:
    files = {
        "hortus.toml": TOML,
        "people/ada.md": (
            "---\nbirthday: 1990-11-21\n---\n- 2026-11-18: tea\n"
            "- [ ] send the article 📅 2026-11-17\n- [ ] an old one 📅 2020-01-01\n"
        ),
    }
    text = run(make_vault(files)).stdout
    assert "1. Wish ada a happy birthday tomorrow · people/ada.md:2\n" in text
    assert "- 17 November · Promise to ada: send the article (overdue) · people/ada.md:5\n" in text
    assert "an old one" not in text
