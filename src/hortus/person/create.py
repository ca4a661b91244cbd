"""A new contact file: a safe file name, the vault's template, created exclusively (written
to a temp file, then linked into place only if the name is free: never empty, never replacing)."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hortus.core.config import Config, parse_cadence
from hortus.core.errors import ContactExistsError, HortusError, WriteError
from hortus.core.model import Contact, Problem
from hortus.core.reasons import os_reason
from hortus.core.said import Said, said
from hortus.files.atomic import create_new, fsync_folder, in_vault
from hortus.index import bare, fold, names_of, strip_md
from hortus.notes.read import decode_note, read_bytes, split_front_matter, yaml_value
from hortus.person.append import utf8_text
from hortus.render.terminal import CONTROL_RE, printable

TEMPLATE = "templates/person.md"
MAX_STEM = 80
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOUNDARY_RE = re.compile(r"-{3,}\s*")
_HIDDEN = "\x00"
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
        raise HortusError(
            said("cannot make a file name from {name}; use letters or digits", name=repr(name))
        )
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
    return Creator(root, config, contacts, today, batch=False).create(new)


class Creator:
    """Creates contacts one after another (`hortus import` makes thousands): the names taken
    and the people folder's listing are read once, then kept up to date, so each new contact
    costs the same however many came before."""

    def __init__(
        self,
        root: Path,
        config: Config,
        contacts: Sequence[Contact],
        today: dt.date,
        *,
        batch: bool = True,  # the folder is fsync'd once, by `finish`
    ) -> None:
        self.root, self.config, self.today, self.batch = root, config, today, batch
        self.taken: dict[str, Contact] = {}
        for contact in sorted(contacts, key=lambda c: c.key):
            for name in names_of(contact):
                self.taken.setdefault(fold(strip_md(name)), contact)
        self.folder: str | None = None
        self.made = False  # the folder checked and made (only once a file is about to be)
        self.listing: dict[str, str] = {}  # folded file name → as on disk

    def create(self, new: NewContact) -> str:
        check_fields(new, self.config)
        stem = safe_stem(new.name)
        for what, value in (
            (said("the name '{value}'", value=new.name), new.name),
            *((said("the alias '{value}'", value=alias), alias) for alias in new.aliases),
            (said("the file name '{value}'", value=stem), stem),
        ):
            taken = self.taken.get(fold(strip_md(value)))
            if taken is not None:
                raise ContactExistsError(what, taken.name, taken.path)
        folder = self._folder()
        rel = f"{folder}/{stem}.md"
        twin = self.listing.get(fold(f"{stem}.md"))
        if twin is not None:
            # `Zoe-Durand.md` (or an NFD twin) blocks `zoe-durand.md`: on many disks one file.
            raise WriteError(
                rel, said("{twin} already exists there; nothing was created", twin=twin)
            )
        data = contact_text(self.root, new, self.today, rel).encode("utf-8")
        if not self.made:
            make_folders(self.root, folder)
            self.made = True
        create_new(self.root / rel, data, display=rel, sync_folder=not self.batch)
        self.listing[fold(f"{stem}.md")] = f"{stem}.md"
        return rel

    def finish(self) -> None:
        """Make the new names durable (one fsync of the folder for a whole import)."""
        if self.folder is not None and self.made:
            fsync_folder(self.root / self.folder)

    def _folder(self) -> str:
        if self.folder is None:
            folder = _people_folder(self.root, self.config.people_folder)
            self.listing = {fold(p.name): p.name for p in _list(self.root / folder)}
            self.folder = folder
        return self.folder


def make_folders(root: Path, folder: str) -> None:
    """Make `folder` (vault-relative) one level at a time, refusing any level that is a link
    (even to a folder inside the vault) or not a folder: nothing is written through a link."""
    here = root
    for part in folder.split("/"):
        here = here / part
        rel = str(here.relative_to(root))
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            try:
                here.mkdir()
            except OSError as exc:
                raise WriteError(rel, os_reason(exc)) from exc
            continue
        except OSError as exc:
            raise WriteError(rel, os_reason(exc)) from exc
        if stat.S_ISLNK(info.st_mode):
            raise WriteError(
                f"{folder}/",
                said(
                    "{folder} is a symbolic link; hortus never writes through links, "
                    "nothing was created",
                    folder=rel,
                ),
            )
        if not stat.S_ISDIR(info.st_mode):
            raise WriteError(
                f"{folder}/", said("{folder} is not a folder; nothing was created", folder=rel)
            )
    if not in_vault(root, root / folder):
        raise WriteError(f"{folder}/", said("it leads outside the vault; nothing was created"))


def check_fields(new: NewContact, config: Config) -> None:
    """Refuse what would only become a problem in the new file: say it now, write nothing."""
    for what, text in ((said("the name"), new.name), *_texts(new)):
        utf8_text(what, text)
    if not new.name or "\n" in new.name:
        raise HortusError(said("a contact needs a name on one line"))
    if CONTROL_RE.search(new.name):
        # An escape sequence in a heading would act on the terminal of whoever prints it.
        raise HortusError(
            said("the name {name} holds a control character", name=repr(printable(new.name)))
        )
    if new.circle is not None and fold(new.circle) not in config.circles:
        known = ", ".join(sorted(config.circles))
        raise HortusError(
            said(
                "unknown circle '{circle}' (known: {known}; add yours to hortus.toml)",
                circle=new.circle,
                known=known,
            )
        )
    if new.cadence is not None and parse_cadence(new.cadence) is None:
        raise HortusError(
            said(
                "cadence '{cadence}' is not readable (write days like 21, or 3w, 2m, 1y, monthly…)",
                cadence=new.cadence,
            )
        )
    if new.birthday is not None and not _is_birthday(new.birthday):
        raise HortusError(
            said(
                "birthday '{birthday}' is not a date like 1990-07-21 (or --07-21)",
                birthday=new.birthday,
            )
        )


def _texts(new: NewContact) -> list[tuple[Said | str, str]]:
    """Every piece of text a new contact's file would hold, with what to call it (a field's
    key as it is)."""
    texts: list[tuple[Said | str, str]] = [(said("an alias"), alias) for alias in new.aliases]
    texts += [(said("a tag"), tag) for tag in new.tags]
    for what, chosen in ((said("the circle"), new.circle), (said("the cadence"), new.cadence)):
        if chosen is not None:
            texts.append((what, chosen))
    for key, value in new.fields:
        texts.extend((key, item) for item in ((value,) if isinstance(value, str) else value))
    return texts


def check_typed_name(name: str) -> None:
    """Refuse a NAME typed for `add` that reads like a path or is only punctuation: `../evil`,
    `...`, `/etc` (`O'Brien`, `Zoë`, `李` and `R2-D2` are names). Imports keep their own rule:
    a row's name is made safe as a file name, and the row says so."""
    text = name.strip()
    path_like = text.startswith(".") or "/" in text or "\\" in text
    if path_like or not any(char.isalnum() for char in text):
        raise HortusError(
            said(
                "'{name}' is not a person's name: a name needs a letter or a digit, and "
                "cannot start with a dot or hold '/' or '\\' (it would read like a path)",
                name=name,
            )
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
        why = source.problems[0].said if source.problems else said("the name does not read back")
        raise HortusError(
            said(
                "{file} gives a file hortus cannot read ({reason}); nothing created",
                file=TEMPLATE,
                reason=why,
            )
        )
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
        raise HortusError(
            said(
                "{file} cannot be read: {reason}; nothing created",
                file=TEMPLATE,
                reason=source.said,
            )
        )
    return source.text


def _fill(template: str, fields: dict[str, str], name: str, today: dt.date) -> str:
    """Set each field's line in the template's front matter (or add it), then fill the
    Obsidian placeholders `{{title}}`, `{{date}}` and `{{date:YYYY-MM-DD}}` in the template's
    own text only: a value is the user's or the imported file's text, inserted verbatim."""
    # Field values hide their `{{` behind NUL while placeholders are filled: a YAML-quoted
    # value never holds a raw NUL, and a template holding one is refused as binary.
    fields = {key: value.replace("{{", _HIDDEN) for key, value in fields.items()}
    source = split_front_matter(TEMPLATE, template)
    if source.problems:
        raise HortusError(
            said(
                "{file}: {reason}; nothing created",
                file=TEMPLATE,
                reason=source.problems[0].said,
            )
        )
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
    filled = _PLACEHOLDER_RE.sub(lambda m: _placeholder(m, name, today), "\n".join(lines))
    return filled.replace(_HIDDEN, "{{")


def _placeholder(match: re.Match[str], name: str, today: dt.date) -> str:
    if match.group(1) == "title":
        return name
    pattern = (match.group(2) or "YYYY-MM-DD").strip()
    for token, code in (("YYYY", "%Y"), ("MM", "%m"), ("DD", "%d")):
        pattern = pattern.replace(token, code)
    return today.strftime(pattern)
