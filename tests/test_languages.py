"""English and French: one catalogue per language, the same keys in each, and the example
vault rendered in both (the French page is kept in tests/golden/GARDEN.fr.md)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from hortus.render.i18n import catalogue
from hortus.render.lang import en, fr

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-vault"
GOLDEN_FR = ROOT / "tests" / "golden" / "GARDEN.fr.md"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_message_with_the_same_placeholders() -> None:
    assert set(en.MESSAGES) == set(fr.MESSAGES)
    assert set(en.PLURALS) == set(fr.PLURALS)
    for key, text in en.MESSAGES.items():
        assert _fields(text) == _fields(fr.MESSAGES[key]), key


def test_renderers_hold_no_sentences_of_their_own() -> None:
    """The renderers ask the catalogue: no English section title is written in them."""
    for path in (ROOT / "src" / "hortus" / "render").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for title in ("Needs watering", "Key moments", "Thanks owed", "Let it breathe"):
            assert title not in text, (path.name, title)


def test_dates_in_each_language() -> None:
    english, french = catalogue("en"), catalogue("fr")
    assert english.date(dt.date(2026, 11, 27)) == "27 November 2026"
    assert french.date(dt.date(2026, 11, 27)) == "27 novembre 2026"
    assert french.day_month(dt.date(2026, 12, 1)) == "1er décembre"
    assert english.day_month(dt.date(2026, 12, 1)) == "1 December"
    assert (french.n("days", 0), french.n("days", 1), french.n("days", 2)) == (
        "0 jour",
        "1 jour",
        "2 jours",
    )
    assert (english.n("days", 0), english.n("days", 1)) == ("0 days", "1 day")
    assert catalogue("xx") is english


def _example_in(tmp_path: Path, language: str) -> Path:
    root = tmp_path / language
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("GARDEN*.md", "garden*.html"))
    toml = root / "hortus.toml"
    toml.write_text(f'language = "{language}"\n' + toml.read_text(encoding="utf-8"), "utf-8")
    return root


def test_the_example_vault_in_english_and_in_french(tmp_path: Path, update_golden: bool) -> None:
    english = _example_in(tmp_path, "en")
    french = _example_in(tmp_path, "fr")
    for root in (english, french):
        result = CliRunner().invoke(main, ["--vault", str(root), "regenerate"])
        assert result.exit_code == 0, result.output
    assert (english / "GARDEN.md").read_bytes() == (EXAMPLE / "GARDEN.md").read_bytes()
    produced = (french / "GARDEN.md").read_text(encoding="utf-8")
    if update_golden:
        GOLDEN_FR.write_text(produced, encoding="utf-8")
    assert produced == GOLDEN_FR.read_text(encoding="utf-8")
    for text in ("# Jardin", "## Les gestes du jour", "## Moments clés", "## Laisser respirer"):
        assert text in produced
    assert "Jardin du 20 novembre 2026 (date fixée dans hortus.toml)" in produced
    assert not re.search(r"\b(Needs watering|Thriving|Key moments)\b", produced)
    status = CliRunner().invoke(main, ["--vault", str(french), "status"]).stdout
    assert status.startswith("Jardin du 20 novembre 2026")
    assert "Féliciter Jonas Weber pour les fiançailles" in status
    html = (french / "garden.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Échanges par mois" in html


def test_watch_lines_import_reports_and_show_speak_french(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    (root / "people").mkdir(parents=True)
    (root / "hortus.toml").write_text('today = 2026-11-20\nlanguage = "fr"\n', encoding="utf-8")
    (root / "people/ada.md").write_text(
        "---\nname: Ada\ncircle: close\n---\n- 2026-11-02: thé #moment/wedding\n", encoding="utf-8"
    )
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jane,Roe,,,,,12 Mar 2021\nAda,,,,,,\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(main, ["--vault", str(root), "import", "linkedin", str(linkedin)])
    assert out.stdout.splitlines() == [
        f"{linkedin} (LinkedIn)\u00a0: 2 lignes",
        "serait créé\u00a0: people/jane-roe.md  Jane Roe",
        "déjà là\u00a0: Ada est people/ada.md (même nom\u00a0; ligne 3)",
        "1 à créer (cercle lointain), 1 déjà là, 0 problème. "
        "Rien d’écrit\u00a0: ajoutez --write pour les créer.",
    ]
    card = CliRunner().invoke(main, ["--vault", str(root), "show", "ada"]).stdout
    assert "proche, tous les 30 jours" in card and "2 novembre 2026" in card
    assert "moment (mariage)" in card and "2026-11-02" not in card


def test_watch_lines_in_french() -> None:
    from hortus.watch.watcher import _describe

    fr_cat = catalogue("fr")
    moves = {"people/bob.md": "people/robert.md"}
    assert _describe(("people/robert.md",), (), False, moves, fr_cat) == (
        "people/bob.md renommé en people/robert.md"
    )
    assert _describe(("a.md", "b.md"), ("c.md",), False, {}, fr_cat) == (
        "2 notes modifiées, c.md supprimé"
    )
    assert _describe((), (), True, {}, fr_cat) == "relecture complète"
    assert fr_cat.t("watch.watching", path="/v") == "surveillance de /v (Ctrl-C pour arrêter)"
