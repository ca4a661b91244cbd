"""What the served pages' forms do: every write goes through `person/append.py` (an entry) or
`person/tasks.py` (a promise closed), the same byte-safe, atomic, compare-and-swap path as
`hortus log`, and is answered with the `path:line` it wrote or why nothing was written.

A form about something the page showed carries the file's digest as the page saw it (`seen`):
if the file changed since, nothing is written and the answer says so. The quick log form
carries a one-time value instead, so a form sent twice writes once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import HortusError
from hortus.core.model import Contact
from hortus.core.said import said
from hortus.person.append import NewEntry, append_entry
from hortus.person.names import resolve
from hortus.person.tasks import close_task
from hortus.render.i18n import Catalogue
from hortus.serve.state import Shown

_REMEMBERED = 1000  # one-time values remembered


@dataclass(frozen=True)
class Reply:
    """The answer to an action: a sentence in the vault's language, and whether it was
    refused."""

    message: str
    refused: bool = False
    where: str = ""  # `path:line` written


class Actions:
    """The writes the pages can ask for, for one vault."""

    def __init__(self, root: Path, cat: Catalogue) -> None:
        self.root = root
        self.cat = cat
        self.lock = threading.Lock()
        self.once: OrderedDict[str, Reply] = OrderedDict()

    def done(
        self, shown: Shown, form: Mapping[str, str], day: dt.date, tags: tuple[str, ...]
    ) -> Reply:
        """A gesture done: a dated entry in that person's file, with `tags`."""
        contact = shown.contact(form.get("key", ""))
        if contact is None:
            return Reply(self.cat.t("serve.not_found"), refused=True)
        text = form.get("text", "").strip()
        entry = NewEntry(day, text, tags)
        return self._write(lambda: self._append(contact, entry, form.get("seen") or None))

    def log(self, shown: Shown, form: Mapping[str, str], day: dt.date) -> Reply:
        """A quick note about anyone (by name, alias or key), written once per form sent."""
        once = form.get("once", "")
        with self.lock:
            if once and once in self.once:
                earlier = self.once[once]
                return Reply(self.cat.t("serve.already", where=earlier.where), True, earlier.where)
        who = form.get("who", "")
        text = form.get("text", "").strip()
        contact = shown.contact(who)
        reply = self._write(lambda: self._log(shown, contact or who, NewEntry(day, text)))
        if once and not reply.refused:
            with self.lock:
                self.once[once] = reply
                while len(self.once) > _REMEMBERED:
                    self.once.popitem(last=False)
        return reply

    def promise(self, shown: Shown, form: Mapping[str, str], day: dt.date) -> Reply:
        """A promise kept or let go: only its task line changes."""
        rel = form.get("path", "")
        if rel not in shown.digests:  # only a note the vault has: never a path from elsewhere
            return Reply(self.cat.t("serve.not_found"), refused=True)
        try:
            line = int(form.get("line", ""))
        except ValueError:
            return Reply(self.cat.t("serve.not_found"), refused=True)
        kept = form.get("outcome") == "kept"
        text = form.get("text", "")
        seen = form.get("seen") or None

        def write() -> str:
            closed = close_task(self.root, rel, line, text, kept=kept, day=day, seen=seen)
            return f"{closed.path}:{closed.line}"

        return self._write(write)

    def _append(self, contact: Contact, entry: NewEntry, seen: str | None) -> str:
        if not entry.text:
            raise HortusError(said("nothing to log: the text is empty"))
        logged = append_entry(self.root, contact.path, entry, seen)
        return f"{logged.path}:{logged.line}"

    def _log(self, shown: Shown, who: Contact | str, entry: NewEntry) -> str:
        contact = who if isinstance(who, Contact) else resolve(shown.index.contacts, who)
        return self._append(contact, entry, None)

    def _write(self, write: Callable[[], str]) -> Reply:
        """Run one write; its `path:line`, or why nothing was written."""
        try:
            where = write()
        except HortusError as exc:
            return Reply(self.cat.say(exc.said), refused=True)
        return Reply(self.cat.t("serve.wrote", where=where), where=where)
