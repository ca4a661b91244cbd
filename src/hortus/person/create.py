"""A new contact file: a safe file name, the vault's template, created exclusively (`O_EXCL`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hortus.core.config import Config, parse_cadence
from hortus.core.errors import ContactExistsError, HortusError, WriteError
from hortus.core.model import Contact, Problem
from hortus.files.atomic import fsync_folder, in_vault
from hortus.index import bare, fold
from hortus.notes.read import decode_note, read_bytes, split_front_matter, yaml_value
from hortus.person.names import matches

TEMPLATE = "templates/person.md"
MAX_STEM = 80
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOUNDARY_RE = re.compile(r"-{3,}\s*")
_PLACEHOLDER_RE = re.compile(r"\{\{\s*(title|date)(?::([^}]*))?\s*\}\}")


@dataclass(frozen=True)
class NewContact:
    name: str
    circle: str | None = None
    cadence: str | None = None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD without a year
    # More front-matter fields, in this order (`hortus import`: email, phone, company…).
    fields: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    body: str = ""  # Markdown added at the end of the new file


def safe_stem(name: str) -> str:
    """`Zoë Durand` → `zoe-durand`: transliterated (`bare`), lower-case, hyphens only."""
    stem = re.sub(r"[^a-z0-9]+", "-", bare(name)).strip("-")[:MAX_STEM].strip("-")
    if not stem:
        raise HortusError(f"cannot make a file name from {name!r}; use letters or digits")
    return f"{stem}-contact" if stem in _WINDOWS_RESERVED else stem


def create_contact(
    root: Path,
    config: Config,
    contacts: Sequence[Contact],
    new: NewContact,
    today: dt.date,
) -> str:
    """Write the new contact's file and return its vault-relative path. Refuses a name, alias
    or file name that already belongs to a contact, and never replaces any file."""
    check_fields(new, config)
    stem = safe_stem(new.name)
    for what, value in (
        ("the name", new.name),
        *(("the alias", alias) for alias in new.aliases),
        ("the file name", stem),
    ):
        taken = matches(contacts, value)
        if taken:
            raise ContactExistsError(f"{what} '{value}'", taken[0].name, taken[0].path)
    folder = _people_folder(root, config.people_folder)
    rel = f"{folder}/{stem}.md"
    _refuse_twin(root / folder, f"{stem}.md", rel)
    data = contact_text(root, new, today, rel).encode("utf-8")
    try:
        (root / folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(folder, exc.strerror or str(exc)) from exc
    if not in_vault(root, root / folder):
        raise WriteError(rel, f"{folder}/ leads outside the vault; nothing was created")
    _create_exclusive(root / rel, data, rel)
    return rel


def check_fields(new: NewContact, config: Config) -> None:
    """Refuse what would only become a problem in the new file: say it now, write nothing."""
    if not new.name or "\n" in new.name:
        raise HortusError("a contact needs a name on one line")
    if new.circle is not None and fold(new.circle) not in config.circles:
        known = ", ".join(sorted(config.circles))
        raise HortusError(
            f"unknown circle '{new.circle}' (known: {known}; add yours to hortus.toml)"
        )
    if new.cadence is not None and parse_cadence(new.cadence) is None:
        raise HortusError(
            f"cadence '{new.cadence}' is not readable (write days like 21, or 3w, 2m, 1y, monthly…)"
        )
    if new.birthday is not None and not _is_birthday(new.birthday):
        raise HortusError(f"birthday '{new.birthday}' is not a date like 1990-07-21 (or --07-21)")


def check_typed_name(name: str) -> None:
    """Refuse a NAME typed for `add` that reads like a path or is only punctuation: `../evil`,
    `...`, `/etc` (`O'Brien`, `Zoë`, `李` and `R2-D2` are names). Imports keep their own rule:
    a row's name is made safe as a file name, and the row says so."""
    text = name.strip()
    path_like = text.startswith(".") or "/" in text or "\\" in text
    if path_like or not any(char.isalnum() for char in text):
        raise HortusError(
            f"'{name}' is not a person's name: a name needs a letter or a digit, and "
            "cannot start with a dot or hold '/' or '\\' (it would read like a path)"
        )


def _is_birthday(text: str) -> bool:
    # Without a year (`--02-29`), check it against a leap year.
    day = "2000" + text[1:] if text.startswith("--") else text
    try:
        return _ISO_RE.fullmatch(day) is not None and bool(dt.date.fromisoformat(day))
    except ValueError:
        return False


def _people_folder(root: Path, configured: str) -> str:
    """The people folder as it exists on disk (matched case-insensitively)."""
    parts: list[str] = []
    for part in configured.split("/"):
        here = root.joinpath(*parts)
        existing = [p.name for p in _list(here) if p.is_dir() and fold(p.name) == fold(part)]
        # (a linked folder is matched too, and then refused in `create_contact`)
        parts.append(sorted(existing)[0] if existing else part)
    return "/".join(parts)


def _list(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _refuse_twin(folder: Path, name: str, rel: str) -> None:
    """`Zoe-Durand.md` (or an NFD twin) blocks `zoe-durand.md`: on many disks they are one file."""
    for other in _list(folder):
        if fold(other.name) == fold(name):
            raise WriteError(rel, f"{other.name} already exists there; nothing was created")


def contact_text(root: Path, new: NewContact, today: dt.date, rel: str) -> str:
    """The new file: the vault's template with the fields set, else a plain front matter."""
    fields = _fields(new)
    template = _template(root)
    text = (
        _fill(template, fields, new.name, today)
        if template is not None
        else _plain(fields, new.name)
    )
    if new.body:
        text = text + ("" if text.endswith("\n") else "\n") + "\n" + new.body
    source = split_front_matter(rel, text)
    if source.problems or source.meta.values.get("name") != new.name:
        why = source.problems[0].message if source.problems else "the name does not read back"
        raise HortusError(f"{TEMPLATE} gives a file hortus cannot read ({why}); nothing created")
    return text


def _fields(new: NewContact) -> dict[str, str]:
    fields = {"name": yaml_value(new.name)}
    if new.aliases:
        fields["aliases"] = yaml_value(list(new.aliases))
    if new.circle:
        fields["circle"] = yaml_value(new.circle)
    if new.cadence:
        fields["cadence"] = yaml_value(new.cadence)
    if new.birthday:
        plain = _ISO_RE.fullmatch(new.birthday) is not None
        fields["birthday"] = new.birthday if plain else yaml_value(new.birthday)
    if new.tags:
        fields["tags"] = yaml_value(list(new.tags))
    for key, value in new.fields:
        fields[key] = yaml_value(value if isinstance(value, str) else list(value))
    return fields


def _plain(fields: dict[str, str], name: str) -> str:
    lines = [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + f"\n---\n\n# {name}\n"


def _template(root: Path) -> str | None:
    if not os.path.lexists(root / TEMPLATE):
        return None
    data = read_bytes(root, TEMPLATE)
    source = data if isinstance(data, Problem) else decode_note(TEMPLATE, data)
    if isinstance(source, Problem):
        raise HortusError(f"{TEMPLATE} cannot be read: {source.message}; nothing created")
    return source.text


def _fill(template: str, fields: dict[str, str], name: str, today: dt.date) -> str:
    """Set each field's line in the template's front matter (or add it), then fill the
    Obsidian placeholders `{{title}}`, `{{date}}` and `{{date:YYYY-MM-DD}}`."""
    source = split_front_matter(TEMPLATE, template)
    if source.problems:
        raise HortusError(f"{TEMPLATE}: {source.problems[0].message}; nothing created")
    lines = template.split("\n")
    if source.body_line == 1:  # no front matter: start one
        lines[:0] = ["---", "---"]
    # The closing `---` line. (`body_line` cannot tell it: python-frontmatter's boundary
    # takes the line break after `---` only when a blank line follows.)
    closing = next(i for i in range(1, len(lines)) if _BOUNDARY_RE.fullmatch(lines[i]))
    where = source.meta.lines
    lines[closing:closing] = [f"{k}: {v}" for k, v in fields.items() if k not in where]
    starts = sorted(line - 1 for line in where.values())
    for key in sorted((k for k in fields if k in where), key=lambda k: -where[k]):
        start = where[key] - 1
        end = start + 1
        limit = min([closing, *(s for s in starts if s > start)])
        while end < limit and lines[end].startswith((" ", "\t", "- ")):
            end += 1
        lines[start:end] = [f"{key}: {fields[key]}"]
    return _PLACEHOLDER_RE.sub(lambda m: _placeholder(m, name, today), "\n".join(lines))


def _placeholder(match: re.Match[str], name: str, today: dt.date) -> str:
    if match.group(1) == "title":
        return name
    pattern = (match.group(2) or "YYYY-MM-DD").strip()
    for token, code in (("YYYY", "%Y"), ("MM", "%m"), ("DD", "%d")):
        pattern = pattern.replace(token, code)
    return today.strftime(pattern)


def _create_exclusive(path: Path, data: bytes, rel: str) -> None:
    """Create the file only if no file has that name (`O_EXCL`); never a half-written file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        raise WriteError(rel, "it already exists; nothing was created") from None
    except OSError as exc:
        raise WriteError(rel, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        fsync_folder(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
