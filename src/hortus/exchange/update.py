"""What a phone's cards have that the vault does not (`hortus import vcard DIR --update`), pure.

Each card is matched with a contact by its UID (the one `hortus export vcard` gave it), else by
name or alias, else by e-mail. Then, field by field: e-mails, phones and nicknames the card has
and the contact has not are *missing* (to be added); a birthday, company or role the contact
has not is missing too, and one that differs from the contact's is a *conflict*: reported,
never written. Nothing the contact has is ever changed or removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hortus.core.errors import format_problem
from hortus.core.model import Contact, Problem, Source
from hortus.core.said import Said, said
from hortus.exchange.export.vcard import field_values
from hortus.exchange.importers import ImportedPerson
from hortus.exchange.vcf import stable_uid
from hortus.index import fold, names_of
from hortus.index.contacts import parse_birthday
from hortus.person.fields import Added, Addition
from hortus.render.i18n import Catalogue, catalogue

# The front-matter keys each field is read from, the list one first.
LIST_KEYS = {"emails": ("emails", "email"), "phones": ("phones", "phone"), "aliases": ("aliases",)}
SINGLE_KEYS = ("birthday", "company", "role")
_NOT_DIGIT_RE = re.compile(r"[^0-9+]")


@dataclass(frozen=True)
class Conflict:
    field: str
    vault: str
    card: str


@dataclass(frozen=True)
class Update:
    """One card against one contact: what to add (field → values) and what differs."""

    contact: Contact
    source: Source  # the card: its file and line
    missing: tuple[tuple[str, tuple[str, ...]], ...]  # ("emails", ("b@x",)), ("company", ("Acme",))
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class UpdatePlan:
    updates: tuple[Update, ...]  # only cards with something missing or in conflict
    unmatched: tuple[Problem, ...]  # cards that match no contact, or several
    same: int  # cards that match a contact and bring nothing new


def plan_update(
    people: Sequence[tuple[str, ImportedPerson]], contacts: Sequence[Contact]
) -> UpdatePlan:
    """Each (file, person read from a card) compared with its contact."""
    matcher = _Matcher(contacts)
    updates: list[Update] = []
    unmatched: list[Problem] = []
    same = 0
    for display, person in people:
        source = Source(display, person.line)
        found = matcher.match(person)
        if len(found) != 1:
            why = (
                said("{name}: matches no contact; left out", name=person.name)
                if not found
                else said(
                    "{name}: matches {paths}; left out",
                    name=person.name,
                    paths=", ".join(c.path for c in found),
                )
            )
            unmatched.append(Problem(source, why))
            continue
        update = compare(found[0], person, source)
        if update.missing or update.conflicts:
            updates.append(update)
        else:
            same += 1
    return UpdatePlan(tuple(updates), tuple(sorted(unmatched)), same)


class _Matcher:
    def __init__(self, contacts: Sequence[Contact]) -> None:
        self.by_uid = {stable_uid(c.key): c for c in contacts}
        self.by_name: dict[str, list[Contact]] = {}
        self.by_email: dict[str, list[Contact]] = {}
        for contact in contacts:
            for name in {fold(n) for n in names_of(contact)}:
                self.by_name.setdefault(name, []).append(contact)
            for email in {fold(e) for e in field_values(contact, *LIST_KEYS["emails"])}:
                self.by_email.setdefault(email, []).append(contact)

    def match(self, person: ImportedPerson) -> list[Contact]:
        if person.uid in self.by_uid:
            return [self.by_uid[person.uid]]
        named = self.by_name.get(fold(person.name), [])
        if named:
            return named
        found = {c.key: c for e in person.emails for c in self.by_email.get(fold(e), [])}
        return list(found.values())


def compare(contact: Contact, person: ImportedPerson, source: Source) -> Update:
    missing: list[tuple[str, tuple[str, ...]]] = []
    conflicts: list[Conflict] = []
    for name, values, key in (
        ("emails", person.emails, fold),
        ("phones", person.phones, phone_key),
        ("aliases", person.aliases, fold),
    ):
        have = {key(v) for v in _have(contact, name)}
        new = tuple(v for v in values if key(v) not in have)
        if new:
            missing.append((name, new))
    for name, value in (
        ("birthday", person.birthday),
        ("company", person.company),
        ("role", person.role),
    ):
        vault = _single(contact, name)
        if not value:
            continue
        if vault is None:
            missing.append((name, (value,)))
        elif not _same(name, vault, value):
            conflicts.append(Conflict(name, vault, value))
    return Update(contact, source, tuple(missing), tuple(conflicts))


def _have(contact: Contact, name: str) -> tuple[str, ...]:
    if name == "aliases":
        return tuple(names_of(contact))
    return field_values(contact, *LIST_KEYS[name])


def _single(contact: Contact, name: str) -> str | None:
    if name == "birthday":
        return contact.birthday
    values = field_values(contact, name)
    return values[0] if values else None


def _same(name: str, vault: str, card: str) -> bool:
    if name != "birthday":
        return fold(vault) == fold(card)
    ours, theirs = parse_birthday(vault), parse_birthday(card)
    if ours is None or theirs is None:
        return False
    same_day = (ours.month, ours.day) == (theirs.month, theirs.day)
    return same_day and (theirs.year is None or ours.year == theirs.year)


def phone_key(phone: str) -> str:
    """A phone number compared without its spaces, dots, dashes and brackets."""
    return _NOT_DIGIT_RE.sub("", phone)


def additions_of(update: Update) -> list[Addition]:
    """The values to write for one update, each with the keys it may go under."""
    found = []
    for name, values in update.missing:
        if name in LIST_KEYS:
            found.append(Addition(LIST_KEYS[name], values, together=name != "aliases"))
        else:
            found.append(Addition((name,), values, single=True))
    return found


def render_update(
    display: str, plan: UpdatePlan, written: Sequence[Added] | None, language: str = "en"
) -> str:
    """Per person, what the cards add (`+`) and where they differ (`!`, never written); then
    the cards left out (said in `language`) and the totals."""
    cat = catalogue(language)
    lines = [cat.t("update.header", file=display)]
    done = {added.path: added for added in written or ()}
    for update in plan.updates:
        contact = update.contact
        lines.append(f"{contact.name} ({contact.path}) ← {update.source.path}:{update.source.line}")
        lines.extend(f"  + {name}: {', '.join(values)}" for name, values in update.missing)
        lines.extend(
            "  ! " + cat.t("update.conflict", field=c.field, vault=repr(c.vault), card=repr(c.card))
            for c in update.conflicts
        )
        added = done.get(contact.path)
        lines.extend(f"  ? {_said(why, cat)}" for why in (added.skipped if added else ()))
    lines.extend(format_problem(problem, cat.say(problem.said)) for problem in plan.unmatched)
    lines.append(_totals(plan, written, cat))
    return "\n".join(lines) + "\n"


def _said(why: str | Said, cat: Catalogue) -> str:
    return cat.say(why) if isinstance(why, Said) else why


def _totals(plan: UpdatePlan, written: Sequence[Added] | None, cat: Catalogue) -> str:
    adding = sum(1 for u in plan.updates if u.missing)
    conflicts = sum(len(u.conflicts) for u in plan.updates)
    counts = cat.t(
        "update.counts",
        adding=adding,
        conflicts=conflicts,
        same=plan.same,
        left_out=len(plan.unmatched),
    )
    if written is None:
        todo = cat.t("update.todo") if adding else cat.t("import.nothing")
        return f"{counts}. {todo}"
    changed = sum(1 for added in written if added.written)
    return f"{counts}. " + cat.t("update.done", contacts=cat.n("contacts", changed))
