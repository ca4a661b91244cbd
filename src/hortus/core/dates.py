"""Dates as people type them on the command line: `2026-11-20`, `today`, `yesterday`, `-3d`,
a weekday name (the last one before today), in English or French.

A word is read once (`read_date`) and resolved against the vault's day later (`DateWord.on`):
the day is known only once the vault is, and `yesterday` in a vault with a pinned `today` is
the day before that pinned date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_RELATIVE_RE = re.compile(r"([+-]?)(\d{1,5})\s*(d|j|w|s)")
# Days back from today, by word; weekdays are 0 (Monday) to 6 (Sunday).
_DAYS_BACK = {"today": 0, "aujourd'hui": 0, "aujourdhui": 0, "yesterday": 1, "hier": 1}
_DAYS_BACK |= {"avant-hier": 2, "avant hier": 2}
_WEEKDAYS = {
    **dict.fromkeys(("monday", "mon", "lundi", "lun"), 0),
    **dict.fromkeys(("tuesday", "tue", "mardi", "mar"), 1),
    **dict.fromkeys(("wednesday", "wed", "mercredi", "mer"), 2),
    **dict.fromkeys(("thursday", "thu", "jeudi", "jeu"), 3),
    **dict.fromkeys(("friday", "fri", "vendredi", "ven"), 4),
    **dict.fromkeys(("saturday", "sat", "samedi", "sam"), 5),
    **dict.fromkeys(("sunday", "sun", "dimanche", "dim"), 6),
}
_UNIT_DAYS = {"d": 1, "j": 1, "w": 7, "s": 7}  # j: jour, s: semaine
HELP = "YYYY-MM-DD, today, yesterday, -3d, +2w or a weekday (the last one before today)"


@dataclass(frozen=True)
class DateWord:
    """A date as typed: a fixed day, or a number of days from today, or the last weekday."""

    text: str
    fixed: dt.date | None = None
    offset: int = 0  # days after today (negative: before)
    weekday: int | None = None  # the last such weekday strictly before today

    def on(self, today: dt.date) -> dt.date:
        """The day this word means when today is `today`."""
        if self.fixed is not None:
            return self.fixed
        if self.weekday is not None:
            back = (today.weekday() - self.weekday - 1) % 7 + 1  # 1 to 7 days back
            return today - dt.timedelta(days=back)
        return today + dt.timedelta(days=self.offset)


def read_date(text: str) -> DateWord | None:
    """The date `text` says, or None when it is none of the forms in `HELP`."""
    word = _normal(text)
    try:
        return DateWord(text, fixed=dt.date.fromisoformat(word))
    except ValueError:
        pass
    if word in _DAYS_BACK:
        return DateWord(text, offset=-_DAYS_BACK[word])
    if word in _WEEKDAYS:
        return DateWord(text, weekday=_WEEKDAYS[word])
    match = _RELATIVE_RE.fullmatch(word)
    if match is None:
        return None
    sign, count, unit = match.groups()
    days = int(count) * _UNIT_DAYS[unit]
    if days > 36_500:  # a century: beyond it, a typo rather than a date
        return None
    return DateWord(text, offset=-days if sign == "-" else days)


def _normal(text: str) -> str:
    """Lower case, without accents or outer spaces, `’` read as `'`, a trailing `.` dropped
    (`lun.`)."""
    folded = unicodedata.normalize("NFKD", text.strip().lower().replace("’", "'"))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return plain.removesuffix(".")
