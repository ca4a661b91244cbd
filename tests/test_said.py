"""Every problem and failure hortus tells a person reads in the vault's language: each sentence
in the code (`said("…")`) has its French translation, with the same fields, and none is left
over (`render/lang/fr_said.py`)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from hortus.core.said import Said, said
from hortus.render.i18n import catalogue
from hortus.render.lang.fr_said import SENTENCES

SRC = Path(__file__).resolve().parent.parent / "src" / "hortus"


def _templates() -> dict[str, list[str]]:
    """Each template given to `said(…)` in the code → where (file:line)."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "said"
            ):
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            first = node.args[0] if node.args else None
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{where}: said() takes its template as written text (no f-string), so it can "
                "be translated; put the values in its keyword arguments"
            )
            found.setdefault(first.value, []).append(where)
    return found


TEMPLATES = _templates()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_sentence_has_its_french() -> None:
    missing = {t: where for t, where in TEMPLATES.items() if t not in SENTENCES}
    assert not missing, "no French for:\n" + "\n".join(
        f"{where[0]}: {template!r}" for template, where in sorted(missing.items())
    )


def test_no_french_is_left_over() -> None:
    unused = sorted(set(SENTENCES) - set(TEMPLATES))
    assert not unused, f"French for sentences no longer in the code: {unused}"


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_a_translation_has_the_same_fields(template: str) -> None:
    assert template.strip(), "an empty sentence"
    parsed = list(string.Formatter().parse(template))
    assert all(not spec and not conv for _, name, spec, conv in parsed if name is not None), (
        f"{template!r}: a field is plain {{name}}; format its value where it is made"
    )
    if template in SENTENCES:
        assert _fields(SENTENCES[template]) == _fields(template), template


def test_a_sentence_is_said_in_the_language_asked() -> None:
    reason = said("symbolic link; skipped (hortus never follows links)")
    sentence = said("could not write {path}: {reason}", path="people/a.md", reason=reason)
    assert str(sentence) == (
        "could not write people/a.md: symbolic link; skipped (hortus never follows links)"
    )
    assert catalogue("en").say(sentence) == str(sentence)
    french = catalogue("fr").say(sentence)
    assert french.startswith("impossible d’écrire people/a.md")
    assert "lien symbolique" in french


def test_a_value_is_one_line() -> None:
    assert said("{reason}", reason='not valid\n  in "<unicode string>", line 2').values == (
        ("reason", 'not valid in "<unicode string>", line 2'),
    )
    assert isinstance(said("{x}", x=said("y")).values[0][1], Said)


def _french_vault(tmp_path: Path, notes: dict[str, str]) -> Path:
    root = tmp_path / "v"
    (root / "people").mkdir(parents=True)
    (root / "hortus.toml").write_text('language = "fr"\ntoday = 2026-12-06\n', encoding="utf-8")
    for rel, text in notes.items():
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_french_vault_reads_its_problems_in_french(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hortus.cli import main

    root = _french_vault(
        tmp_path,
        {
            "people/zoe.md": "---\nname: Zoë Durand\nbirthday: 12/10/1990\n---\n",
            "people/ines.md": "---\nname: Inès Moreau\ncircle: bestie\n---\nSaw [[Zoe Durand]].\n",
        },
    )
    check = CliRunner().invoke(main, ["--vault", str(root), "check"])
    assert "people/zoe.md:3: l’anniversaire '12/10/1990' est ambigu" in check.output
    assert "(jour/mois ou mois/jour\u00a0?)\u00a0: écrivez 1990-10-12 ou 1990-12-10" in check.output
    assert "people/ines.md:3: cercle inconnu «\u00a0bestie\u00a0»" in check.output
    assert "[[Zoe Durand]] n’a pas de page\u00a0; vouliez-vous dire [[Zoë Durand]]\u00a0?" in (
        check.output
    )
    status = CliRunner().invoke(main, ["--vault", str(root), "status"])
    assert "people/zoe.md:3: l’anniversaire" in status.output
    assert "birthday" not in status.output.replace("birthday:", "")
    CliRunner().invoke(main, ["--vault", str(root), "regenerate"])
    garden = (root / "GARDEN.md").read_text(encoding="utf-8")
    assert "cercle inconnu" in garden and "unknown circle" not in garden


def test_a_french_vault_reads_its_failures_in_french(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hortus.cli import main

    root = _french_vault(tmp_path, {"people/zoe.md": "---\nname: Zoë Durand\n---\n"})
    result = CliRunner().invoke(main, ["--vault", str(root), "log", "Zoey Duran", "un café"])
    assert result.exit_code == 1
    assert result.output.startswith("hortus: aucun contact nommé «\u00a0Zoey Duran\u00a0»")
    empty = CliRunner().invoke(main, ["--vault", str(root), "log", "zoe", "--promise"])
    assert "une promesse a besoin de son TEXTE" in empty.output


def test_an_english_vault_reads_them_as_written(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hortus.cli import main

    root = _french_vault(tmp_path, {"people/zoe.md": "---\nname: Zoë Durand\ncircle: x\n---\n"})
    (root / "hortus.toml").write_text("today = 2026-12-06\n", encoding="utf-8")
    check = CliRunner().invoke(main, ["--vault", str(root), "check"])
    assert "people/zoe.md:3: unknown circle 'x'" in check.output


def test_a_french_entry_is_written_with_french_words(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hortus.cli import main

    root = _french_vault(
        tmp_path,
        {
            "people/zoe.md": "---\nname: Zoë Durand\n---\n",
            "people/ines.md": "---\nname: Inès Moreau\n---\n",
        },
    )
    runner = CliRunner()
    logged = runner.invoke(main, ["--vault", str(root), "log", "zoe", "café", "--with", "ines"])
    assert logged.exit_code == 0, logged.output
    promised = runner.invoke(
        main, ["--vault", str(root), "log", "zoe", "livre", "--promise", "--with", "ines"]
    )
    assert promised.exit_code == 0, promised.output
    text = (root / "people" / "zoe.md").read_text(encoding="utf-8")
    assert "## 2026-12-06 café (avec [[Inès Moreau]])" in text
    assert "- [ ] livre (avec [[Inès Moreau]])" in text
    check = runner.invoke(main, ["--vault", str(root), "check"])
    assert check.output == ""  # the French words read back: the mentions still count
