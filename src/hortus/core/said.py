"""What hortus says to a person about a problem or a failure, in any language.

A `Said` keeps its English template and its values apart, so the sentence can be made in the
vault's language when it is shown, long after it was made (a problem is found while parsing, kept
in the cache, and printed by `status` in French). The English template is the key of its
translations (`render/lang/fr_said.py`), as gettext's msgid is: code reads as it always did, and
a test checks that every template has its translation with the same `{names}`.

Templates hold plain `{name}` fields only: a value comes already formatted (a `repr`, a size),
so a translation cannot format it differently by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Said:
    """A sentence: its English template and its values, each text or another sentence (a
    reason given inside a message, said in the same language as the sentence holding it)."""

    template: str
    values: tuple[tuple[str, str | Said], ...] = ()

    def __str__(self) -> str:
        return self.text(lambda template: template)

    def text(self, translate: Callable[[str], str]) -> str:
        """The sentence, each template (this one and those of its values) passed through
        `translate` (English: as it is)."""
        values = {
            name: value.text(translate) if isinstance(value, Said) else value
            for name, value in self.values
        }
        return translate(self.template).format_map(values)


def said(template: str, /, **values: object) -> Said:
    """The sentence `template` with `values` (anything not a `Said` is shown as `str` shows it).
    A value's line breaks become spaces: a problem is always one line (a YAML parser's message
    has several, and would read as several problems)."""
    return Said(template, tuple((name, _one_line(value)) for name, value in values.items()))


def _one_line(value: object) -> str | Said:
    if isinstance(value, Said):
        return value
    text = str(value)
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def skipped(sentence: Said) -> Said:
    """A problem that skips its whole file: "<why>; skipped". Kept as its own sentence around
    the reason, so that a write refused for the same reason says the reason alone
    (`person/append.py` `unskipped`)."""
    return said("{problem}; skipped", problem=sentence)
