"""The composition root: vault → notes → index → garden → pages, and the one place that writes."""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from hortus.atomic import atomic_write, vault_lock
from hortus.calendar import PromiseRecord, calendar_events
from hortus.capture import Logged, NewEntry, append_entry, check_tag
from hortus.card import Card, build_card, last_own_entry_line
from hortus.config import CONFIG_NAME, CONFIG_TEMPLATE, Config, load_config
from hortus.create import NewContact, create_contact
from hortus.editor import draft, editor_command, run_editor
from hortus.errors import HortusError, NotOurFileError, VaultNotFoundError, WriteError
from hortus.export.ics import is_our_calendar, render_ics
from hortus.garden import Garden, compute_garden
from hortus.index import Index, build_index, fold
from hortus.model import Contact, Note, Problem
from hortus.names import completions, matches, resolve
from hortus.parse import parse_note
from hortus.render.html import HTML_MARKER, render_html
from hortus.render.markdown import MARKER, render_markdown
from hortus.vault import read_note, walk_vault

# Worker processes pay for themselves from a few thousand notes on (about 0.3 ms each).
PARALLEL_FROM = 2_000
MAX_WORKERS = 8
CHUNK = 200


@dataclass(frozen=True)
class Vault:
    root: Path
    config: Config
    config_problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Regenerated:
    garden: Garden
    path: str  # vault-relative
    written: bool  # False when the page was already up to date
    ics: str | None = None  # the calendar file, when `ics` is set in hortus.toml
    ics_written: bool = False
    ics_events: int = 0
    html_path: str = ""
    html_written: bool = False


def locate_vault(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """`--vault`, else `$HORTUS_VAULT`, else the nearest folder up with hortus.toml, else cwd."""
    chosen = explicit or env.get("HORTUS_VAULT")
    if chosen:
        return Path(chosen).expanduser()
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return cwd


def open_vault(root: Path) -> Vault:
    if not root.is_dir():
        raise VaultNotFoundError(str(root))
    config, problems = load_config(root)
    return Vault(root, config, tuple(problems))


def load_index(vault: Vault) -> Index:
    """Read, parse and index every note. The cyclic garbage collector is paused meanwhile:
    every record built is kept, and its full scans cost a third of a big vault's time."""
    generated = frozenset({fold(vault.config.garden), fold(vault.config.html_path)})
    walk = walk_vault(vault.root, generated)
    with _no_gc():
        results = _read_all(vault.root, walk.paths)
        notes = [result for result in results if isinstance(result, Note)]
        unread = [result for result in results if isinstance(result, Problem)]
        known = (*vault.config_problems, *walk.problems, *unread)
        return build_index(notes, vault.config, known)


def read_and_parse(root: Path, rel: str) -> Note | Problem:
    source = read_note(root, rel)
    return source if isinstance(source, Problem) else parse_note(source)


def _read_all(root: Path, paths: list[str]) -> list[Note | Problem]:
    """Parse every note, on every core for a large vault (parsing is CPU-bound)."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        return [read_and_parse(root, rel) for rel in paths]
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
        return list(pool.map(partial(read_and_parse, root), paths, chunksize=CHUNK))


@contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_garden(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Garden:
    """`today` from the command line wins over a pinned date, which wins over the clock."""
    return _garden(vault, load_index(vault), today, clock_today)


def _garden(vault: Vault, index: Index, today: dt.date | None, clock_today: dt.date) -> Garden:
    pinned = today is None and vault.config.today is not None
    with _no_gc():
        day = day_of(vault, today, clock_today)
        return compute_garden(index, day, vault.config, today_pinned=pinned)


def day_of(vault: Vault, today: dt.date | None, clock_today: dt.date) -> dt.date:
    """The vault's today: the given date, else the one pinned in hortus.toml, else the clock."""
    return today or vault.config.today or clock_today


def log_entry(
    vault: Vault,
    name: str,
    text: str | None,
    *,
    date: dt.date,
    tags: Sequence[str] = (),
    with_names: Sequence[str] = (),
    env: Mapping[str, str],
) -> Logged | None:
    """Append a dated entry to NAME's file; with no `text`, ask the editor for it (None when
    the user wrote nothing). NAME and every `--with` must resolve before anything is written."""
    contacts = load_index(vault).contacts
    contact = resolve(contacts, name)
    others = tuple(_mention(contacts, resolve(contacts, other)) for other in with_names)
    entry = NewEntry(date, text or "", tuple(check_tag(tag) for tag in tags), others)
    if text is not None:
        if not text.strip():
            raise HortusError("nothing to log: the text is empty")
        return append_entry(vault.root, contact.path, entry)
    intro = _draft_intro(contact, date)
    with draft(vault.root, env, intro) as written:
        if not written:
            return None
        return append_entry(vault.root, contact.path, replace(entry, text=written))


def _draft_intro(contact: Contact, date: dt.date) -> str:
    return (
        f"# Write above the line what to log for {contact.name} on {date.isoformat()}.\n"
        f"# The first line is the title; it goes to the end of {contact.path}.\n"
        "# Everything from the line on is ignored. Leave it empty to log nothing.\n"
    )


def _mention(contacts: Sequence[Contact], contact: Contact) -> str:
    """The shortest `[[target]]` that means this contact and no one else."""
    plain = not any(mark in contact.name for mark in "[]|#^")
    if plain and matches(contacts, contact.name) == [contact]:
        return contact.name
    return contact.key


def add_contact(vault: Vault, new: NewContact, today: dt.date) -> str:
    """Create the contact's file; the vault is read under the write lock, so two `add`s of
    the same person cannot both succeed."""
    new = replace(new, tags=tuple(check_tag(tag) for tag in new.tags))
    with vault_lock(vault.root):
        contacts = load_index(vault).contacts
        return create_contact(vault.root, vault.config, contacts, new, today)


def contact_card(vault: Vault, name: str, today: dt.date | None, clock_today: dt.date) -> Card:
    index = load_index(vault)
    contact = resolve(index.contacts, name)
    return build_card(index, _garden(vault, index, today, clock_today), contact)


def open_contact(vault: Vault, name: str, env: Mapping[str, str]) -> str:
    """Open the contact's file in the user's editor, at its last entry; returns its path."""
    index = load_index(vault)
    contact = resolve(index.contacts, name)
    line = last_own_entry_line(index, contact)
    run_editor(editor_command(env, str(vault.root / contact.path), line))
    return contact.path


def complete_names(vault: Vault, incomplete: str) -> list[tuple[str, str]]:
    return completions(load_index(vault).contacts, incomplete)


def regenerate(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Regenerated:
    garden = build_garden(vault, today, clock_today)
    config = vault.config
    rel, html_rel = config.garden, config.html_path
    text = render_markdown(garden, rel, config.language)
    page = render_html(garden, html_rel, config.language)
    # Both pages are checked before either is written: one refusal writes nothing.
    for path, name in ((vault.root / rel, rel), (vault.root / html_rel, html_rel)):
        _check_owned(path, name)
    written = write_owned(vault.root / rel, text.encode("utf-8"), rel)
    html_written = write_owned(vault.root / html_rel, page.encode("utf-8"), html_rel)
    ics = vault.config.ics
    if ics is None:
        return Regenerated(garden, rel, written, html_path=html_rel, html_written=html_written)
    promises = [
        PromiseRecord(p.contact.name, p.text, p.due, p.source.path, p.source.line)
        for p in garden.promises
        if p.due is not None
    ]
    events = calendar_events(garden, promises)
    data = render_ics(events, garden.today)
    ics_written = write_owned(vault.root / ics, data, ics, owned=is_our_calendar)
    return Regenerated(garden, rel, written, ics, ics_written, len(events), html_rel, html_written)


def is_generated(first_line: str) -> bool:
    """The first line of a page hortus wrote (GARDEN.md or garden.html)."""
    return first_line.strip() in (MARKER, HTML_MARKER)


def _check_owned(path: Path, rel: str) -> None:
    current = _read_existing(path, rel)
    if current is not None and not _is_our_page(current):
        raise NotOurFileError(rel)


def _is_our_page(current: bytes) -> bool:
    return is_generated(current.split(b"\n", 1)[0].decode("utf-8", "replace"))


def write_owned(
    path: Path, data: bytes, rel: str, *, owned: Callable[[bytes], bool] = _is_our_page
) -> bool:
    """Replace a file hortus owns (`owned` tells from its bytes); never one it did not write.
    False when nothing changed."""
    current = _read_existing(path, rel)
    if current is not None:
        if current == data:
            return False
        if not owned(current):
            raise NotOurFileError(rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data, display=rel)
    return True


def _read_existing(path: Path, rel: str) -> bytes | None:
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(
                rel, "it is a link or not a regular file; hortus replaces only its own page"
            )
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(rel, exc.strerror or str(exc)) from exc


def init_vault(root: Path) -> list[str]:
    """Create what a new vault needs and is missing; never overwrite. Returns what was created."""
    created: list[str] = []
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("people", "journal"):
        if not (root / folder).exists():
            (root / folder).mkdir()
            created.append(folder + "/")
    if not (root / CONFIG_NAME).exists():
        atomic_write(root / CONFIG_NAME, CONFIG_TEMPLATE.encode("utf-8"), display=CONFIG_NAME)
        created.append(CONFIG_NAME)
    if _add_gitignore_line(root / ".gitignore", ".hortus/"):
        created.append(".gitignore (.hortus/)")
    return created


def _add_gitignore_line(path: Path, line: str) -> bool:
    """Append `line` to .gitignore unless present: the user's lines stay byte for byte."""
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = b""
    if line.encode() in current.splitlines():
        return False
    separator = b"" if not current or current.endswith(b"\n") else b"\n"
    atomic_write(path, current + separator + line.encode() + b"\n", display=".gitignore")
    return True
