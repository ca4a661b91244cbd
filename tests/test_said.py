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
    reason = said("it is a symbolic link")
    sentence = said("could not write {path}: {reason}", path="people/a.md", reason=reason)
    assert str(sentence) == "could not write people/a.md: it is a symbolic link"
    assert catalogue("en").say(sentence) == str(sentence)
    french = catalogue("fr").say(sentence)
    assert french.startswith("impossible d’écrire people/a.md")
    assert "lien symbolique" in french


def test_a_value_is_one_line() -> None:
    assert said("{reason}", reason='not valid\n  in "<unicode string>", line 2').values == (
        ("reason", 'not valid in "<unicode string>", line 2'),
    )
    assert isinstance(said("{x}", x=said("y")).values[0][1], Said)
