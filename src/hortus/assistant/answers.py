"""The assistant's tools, answered from the vault: each call opens the vault anew and goes
through the loader (so an answer follows the notes as they are now, at the cost of a cache
check), and each write goes through the person layer, the path of `hortus log`.

Answers are the dictionaries of `documents.py`. A bad argument or an operation that cannot be
done raises `HortusError` (its message, in the vault's language, is what the assistant is
told); no tool is given a path, so none reads or writes outside the vault.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from hortus.assistant.dates import DateItem, dates_between
from hortus.assistant.documents import (
    LISTED,
    capped,
    card_document,
    garden_document,
    search_document,
    where,
)
from hortus.assistant.fields import FieldMatch, field_matches
from hortus.commands.person import log_entry
from hortus.commands.search import search
from hortus.core.errors import AmbiguousNameError, HortusError, UnknownNameError
from hortus.core.said import Said, said
from hortus.garden.card import build_card
from hortus.index.search import Query
from hortus.loader.load import Loader, load
from hortus.loader.vault import Day, Vault, open_vault
from hortus.person.append import Logged
from hortus.person.names import resolve
from hortus.person.promise import NewPromise, add_promise
from hortus.render.i18n import catalogue

SEARCH_LIMIT = 50  # the most results one search answers with
PEOPLE_LISTED = 20
DATES_LISTED = 25
LONGEST_SPAN = 366  # days one `dates` call may cover


class ArgumentError(HortusError):
    """A tool's argument that its type allows but its meaning does not (an impossible date,
    a range backwards)."""


class Answers:
    """The tools' bodies for one vault; `clock` gives the day when hortus.toml pins none."""

    def __init__(self, root: Path, clock: Callable[[], dt.date]) -> None:
        self.root = root
        self.clock = clock

    def say(self, sentence: Said) -> str:
        """A sentence in the vault's language (hortus.toml read again, as each call reads it;
        English when the vault cannot be opened)."""
        try:
            language = open_vault(self.root).config.language
        except (HortusError, OSError):
            language = "en"
        return catalogue(language).say(sentence)

    def _open(self) -> tuple[Vault, Day]:
        vault = open_vault(self.root)  # hortus.toml read again: a changed setting counts
        return vault, vault.day(None, self.clock())

    # -- reading ------------------------------------------------------------------------

    def garden(self) -> dict[str, object]:
        vault, day = self._open()
        language = vault.config.language
        with load(vault) as loader:
            return _kept(
                loader,
                f"mcp garden {language}",
                loader.day_key(day),
                lambda: garden_document(loader.garden(day), language),
            )

    def person(self, name: str, recent: int = LISTED) -> dict[str, object]:
        """Their card; a name that could mean several people answers with the candidates."""
        vault, day = self._open()
        with load(vault) as loader:
            contacts = loader.contacts()
            try:
                contact = resolve(contacts, name)
            except AmbiguousNameError as exc:
                return {
                    "ambiguous": name,
                    "candidates": [{"name": n, "source": where(p, 1)} for n, p in exc.candidates],
                }
            index, garden = loader.person_garden(contact, day)
        return card_document(build_card(index, garden, contact), recent)

    def search(
        self,
        words: Sequence[str],
        person: str | None = None,
        tag: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = LISTED,
    ) -> dict[str, object]:
        vault, _ = self._open()
        if not any(word.strip() for word in words):
            raise ArgumentError(said("give at least one word to search for"))
        first = _date(since, "since") if since else None
        last = _date(until, "until") if until else None
        query = Query(tuple(words), person or None, tag or None, first, last, limit)
        return search_document(search(vault, query))

    def people_by_field(self, text: str, field: str | None = None) -> dict[str, object]:
        if not text.strip():
            raise ArgumentError(said("give a text to look for, such as a company or a city"))
        vault, _ = self._open()
        with load(vault) as loader:
            found = field_matches(loader.contacts(), text, field)
            lines = {n.path: n.meta for n in loader.notes_at({m.contact.path for m in found})}

        def document(match: FieldMatch) -> dict[str, object]:
            meta = lines.get(match.contact.path)
            line = meta.line_of(match.field) if meta is not None else 1
            return {
                "name": match.contact.name,
                "field": match.field,
                "value": match.value,
                "source": where(match.contact.path, line),
            }

        return {"text": text, "field": field, "people": capped(found, PEOPLE_LISTED, document)}

    def dates(self, start: str, end: str) -> dict[str, object]:
        first, last = _date(start, "start"), _date(end, "end")
        if last < first:
            raise ArgumentError(said("end {end} is before start {start}", end=end, start=start))
        if (last - first).days >= LONGEST_SPAN:
            raise ArgumentError(said("ask for at most {days} days at a time", days=LONGEST_SPAN))
        vault, day = self._open()
        with load(vault) as loader:

            def make() -> dict[str, object]:
                items = dates_between(loader.garden(day), loader.index(), first, last)
                return {
                    "today": day.date.isoformat(),
                    "start": first.isoformat(),
                    "end": last.isoformat(),
                    "dates": capped(items, DATES_LISTED, _date_document),
                }

            return _kept(loader, "mcp dates", f"{loader.day_key(day)} {first} {last}", make)

    # -- writing (offered only with --allow-write) -------------------------------------

    def log(
        self,
        name: str,
        text: str,
        date: str | None = None,
        tags: Sequence[str] = (),
        with_names: Sequence[str] = (),
    ) -> dict[str, object]:
        """`hortus log NAME TEXT`: the same resolution, the same append."""
        vault, day = self._open()
        when = _date(date, "date") if date else day.date
        logged = log_entry(vault, name, text, date=when, tags=tags, with_names=with_names, env={})
        if logged is None:  # pragma: no cover  (only the editor's empty draft gives None)
            raise ArgumentError(said("nothing to log: the text is empty"))
        return _written(logged)

    def promise(self, name: str, text: str, due: str | None = None) -> dict[str, object]:
        """An open task in NAME's own file: a promise to them."""
        vault, _ = self._open()
        when = _date(due, "due") if due else None
        with load(vault) as loader:
            contact = resolve(loader.contacts(), name)
        return _written(add_promise(vault.root, contact.path, NewPromise(text, when)))


def message_of(exc: HortusError) -> Said:
    """What the assistant is told: the command line's sentence, less what only a terminal
    user can do (`--yes`, `hortus add`): the assistant should ask the user instead."""
    if isinstance(exc, UnknownNameError):
        names = exc.suggestions
        if not names:
            return said("no contact called '{query}'", query=exc.query)
        either = _either(names) if len(names) < 3 else ", ".join(names)
        return said(
            "no contact called '{query}'; did you mean {names}?", query=exc.query, names=either
        )
    return exc.said


def _either(names: Sequence[str]) -> str | Said:
    """`a`, `a or b`."""
    if len(names) == 1:
        return names[0]
    return said("{first} or {rest}", first=names[0], rest=_either(names[1:]))


def _kept(
    loader: Loader, name: str, key: str, make: Callable[[], dict[str, object]]
) -> dict[str, object]:
    """An answer kept in the cache for the same notes, settings and day (and arguments): a
    server asked again while nothing changed answers without building the garden again."""

    def encoded() -> bytes:
        return json.dumps(make(), ensure_ascii=False).encode("utf-8", "surrogatepass")

    document = json.loads(loader.output(name, key, encoded).decode("utf-8", "surrogatepass"))
    assert isinstance(document, dict)
    return document


def _date(text: str | None, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        reason = said("{what} {value} is not a date like 2026-11-20", what=what, value=repr(text))
        raise ArgumentError(reason) from None


def _date_document(item: DateItem) -> dict[str, object]:
    document: dict[str, object] = {
        "date": item.date.isoformat(),
        "kind": item.kind,
        "people": list(item.names),
    }
    if item.text:
        document["text"] = item.text
    if item.kind == "birthday":
        document["age"] = item.years
    elif item.kind == "promise":
        document["overdue"] = item.overdue
    elif item.kind != "plan":
        document["years"] = item.years
    if item.gift_ideas:
        document["gift_ideas"] = list(item.gift_ideas)
    document["source"] = where(item.path, item.line)
    return document


def _written(logged: Logged) -> dict[str, object]:
    return {"written": where(logged.path, logged.line), "lines": list(logged.lines)}
