"""The composition root: vault → notes → index → garden → pages, and the one place that writes."""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hortus.core.config import CONFIG_NAME, CONFIG_TEMPLATE, Config, load_config
from hortus.core.errors import (
    HortusError,
    NotOurFileError,
    RenderError,
    VaultNotFoundError,
    WriteError,
)
from hortus.core.model import Problem
from hortus.files.atomic import atomic_write, sweep_temps
from hortus.files.lock import WAIT, vault_lock
from hortus.garden import Garden, compute_garden
from hortus.index import Index, build_index, fold
from hortus.notes.read import walk_vault
from hortus.render.html import HTML_MARKER, render_html
from hortus.render.markdown import MARKER, render_markdown
from hortus.render.outline import page_lists
from hortus.render.rows import Rows
from hortus.render.summary import summary
from hortus.store.cache import DiskCache, StoredPage
from hortus.store.notestore import NoteStore
from hortus.store.unchanged import (
    garden_key,
    outputs_json,
    settings_of,
    sha,
    sha_of,
    stored_outputs,
    unchanged_key,
)

STALE_TEMP_NS = 60 * 1_000_000_000  # another hortus temp file older than this is litter


@dataclass(frozen=True)
class Vault:
    root: Path
    config: Config
    config_problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Regenerated:
    path: str  # vault-relative
    written: bool  # False when the page was already up to date
    summary: str  # the one-line summary of the garden, in the vault's language
    load_garden: Callable[[], Garden] = field(repr=False, compare=False)
    html_path: str = ""
    html_written: bool = False
    ics: str | None = None  # the calendar file, when `ics` is set in hortus.toml
    ics_written: bool = False
    ics_events: int = 0

    @property
    def garden(self) -> Garden:
        """The garden (decoded from the cache on demand when nothing was computed)."""
        return self.load_garden()


@dataclass(frozen=True)
class Output:
    """One file `regenerate` writes: its vault-relative path, its bytes, how to tell it is ours."""

    rel: str
    data: bytes
    owned: Callable[[bytes], bool]


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
    """Read, parse and index every note, without the cache. The cyclic garbage collector is
    paused meanwhile: every record built is kept, and its full scans cost a third of a big
    vault's time."""
    store = NoteStore(vault.root, own_outputs(vault))
    with no_gc():
        store.rescan()
        return index_of(vault, store)


def own_outputs(vault: Vault) -> frozenset[str]:
    """Case-folded vault-relative paths of the pages hortus writes: never read as notes."""
    return frozenset(fold(rel) for rel in output_paths(vault.config))


def output_paths(config: Config) -> tuple[str, ...]:
    """GARDEN.md, garden.html, their full lists (GARDEN-all.md, garden-all.html) and (when
    `ics` is set) the calendar, vault-relative."""
    pages = (config.garden, config.html_path, config.all_path, config.html_all_path)
    return pages + ((config.ics,) if config.ics else ())


def index_of(vault: Vault, store: NoteStore) -> Index:
    known = (*vault.config_problems, *store.problems())
    return build_index(store.notes(), vault.config, known)


@contextmanager
def no_gc(*, freeze: bool = False) -> Iterator[None]:
    """The cyclic collector paused: the records built meanwhile are kept, and hold no cycles.
    With `freeze` (a command that ends soon after, or records the watcher keeps), they are
    left out of its later scans too: every object allocated while it was paused is young, so
    its next scan would walk them all (0.4 s on a big vault) to free nothing, and its full
    passes over millions of kept records made an occasional save of the watcher take a second.
    Freezing a few cycles of garbage with them costs less than either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def garden_day(vault: Vault, today: dt.date | None, clock_today: dt.date) -> tuple[dt.date, bool]:
    """`today` from the command line wins over a pinned date, which wins over the clock.
    Returns the day and whether it was pinned in hortus.toml."""
    pinned = today is None and vault.config.today is not None
    return today or vault.config.today or clock_today, pinned


def build_garden(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Garden:
    return garden_of(vault, load_index(vault), today, clock_today)


def garden_of(vault: Vault, index: Index, today: dt.date | None, clock_today: dt.date) -> Garden:
    day, pinned = garden_day(vault, today, clock_today)
    with no_gc():
        return compute_garden(index, day, vault.config, today_pinned=pinned)


def day_of(vault: Vault, today: dt.date | None, clock_today: dt.date) -> dt.date:
    """The vault's today: the given date, else the one pinned in hortus.toml, else the clock."""
    return garden_day(vault, today, clock_today)[0]


def regenerate(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Regenerated:
    """Write the garden's pages, through the on-disk cache; under the vault's one write lock,
    so it is serialised with a running watcher and with the capture commands."""
    day, pinned = garden_day(vault, today, clock_today)
    with vault_lock(vault.root, WAIT):
        sweep(vault)
        cache = DiskCache.open(vault.root)
        if cache is None:
            with no_gc(freeze=True):
                garden = compute_garden(load_index(vault), day, vault.config, today_pinned=pinned)
                return write_garden(vault, garden)[0]
        try:
            return _regenerate_cached(vault, day, pinned, cache)
        finally:
            cache.close()


def render_outputs(
    vault: Vault, garden: Garden, rows: Rows | None = None
) -> tuple[list[Output], int]:
    """Every file `regenerate` writes, rendered: GARDEN.md, garden.html and, when `ics` is set,
    the calendar; and the calendar's number of events. A crash while rendering (a bug) is a
    `RenderError`, raised before any page is written: the watcher says it and goes on."""
    try:
        return _render_outputs(vault, garden, rows or Rows())
    except (HortusError, MemoryError):
        raise
    except Exception as exc:
        raise RenderError(f"{type(exc).__name__}: {exc}") from exc


def _render_outputs(vault: Vault, garden: Garden, rows: Rows) -> tuple[list[Output], int]:
    config = vault.config
    rel, html_rel, language = config.garden, config.html_path, config.language
    md_short, md_full = page_lists(config.lists, rel, config.all_path)
    html_short, html_full = page_lists(config.lists, html_rel, config.html_all_path)
    pages = (
        (rel, render_markdown, md_short),
        (html_rel, render_html, html_short),
        (config.all_path, render_markdown, md_full),
        (config.html_all_path, render_html, html_full),
    )
    outputs = [
        Output(path, render(garden, path, language, rows, lists).encode(), _is_our_page)
        for path, render, lists in pages
    ]
    rows.settle()
    if config.ics is None:
        return outputs, 0
    # Imported only when a calendar is asked for: icalendar is slow to import (warm runs).
    from hortus.exchange.calendar import PromiseRecord, calendar_events
    from hortus.exchange.export.ics import is_our_calendar, render_ics

    promises = [
        PromiseRecord(p.contact.name, p.text, p.due, p.source.path, p.source.line)
        for p in (*garden.promises, *garden.renew)  # still open, old or not
        if p.due is not None
    ]
    events = calendar_events(garden, promises)
    outputs.append(Output(config.ics, render_ics(events, garden.today), is_our_calendar))
    return outputs, len(events)


def write_garden(
    vault: Vault, garden: Garden, rows: Rows | None = None
) -> tuple[Regenerated, list[Output]]:
    """Write every output that changed (call with the write lock held). Every output's
    ownership is checked before any is written: one refusal writes nothing. Returns the result
    and the outputs. `rows` keeps rendered rows between calls (the watcher)."""
    outputs, events = render_outputs(vault, garden, rows)
    current = {out.rel: _read_existing(vault.root / out.rel, out.rel) for out in outputs}
    for out in outputs:
        found = current[out.rel]
        if found is not None and not out.owned(found):
            raise NotOurFileError(out.rel)
    written = {
        out.rel: _replace(vault.root / out.rel, out.data, out.rel, current[out.rel])
        for out in outputs
    }
    text = summary(garden, vault.config.language)
    return _result(vault, text, lambda: garden, written, events), outputs


def _shas(outputs: list[Output]) -> dict[str, str]:
    return {out.rel: sha(out.data) for out in outputs}


def _result(
    vault: Vault,
    text: str,
    load: Callable[[], Garden],
    written: Mapping[str, bool],
    events: int,
) -> Regenerated:
    config = vault.config
    rel, html_rel, ics = config.garden, config.html_path, config.ics
    return Regenerated(
        rel,
        written.get(rel, False),
        text,
        load,
        html_rel,
        written.get(html_rel, False),
        ics,
        written.get(ics, False) if ics else False,
        events,
    )


def sweep(vault: Vault) -> list[str]:
    """Remove temp files a killed run left beside the outputs (call with the write lock held)."""
    older = time.time_ns() - STALE_TEMP_NS
    folders: dict[Path, set[str]] = {}
    for rel in output_paths(vault.config):
        path = vault.root / rel
        folders.setdefault(path.parent, set()).add(path.name)
    removed: list[str] = []
    for folder, names in folders.items():
        removed += sweep_temps(folder, frozenset(names), older)
    return removed


def _regenerate_cached(vault: Vault, day: dt.date, pinned: bool, cache: DiskCache) -> Regenerated:
    """Re-read only the notes that changed since the cache was written; when nothing changed
    at all and every output on disk is the one last written, touch nothing."""
    rows = cache.rows()
    walk = walk_vault(vault.root, own_outputs(vault)) if rows else None  # none: a first run
    settings = settings_of(vault.config, vault.config_problems)
    key = unchanged_key(vault.root, settings, walk, rows, day, pinned) if walk else None
    stored = cache.page(key) if key else None
    if stored is not None:
        outputs = stored_outputs(stored)
        if outputs is not None:
            shas, events = outputs
            if all(sha_of(vault.root / rel) == digest for rel, digest in shas.items()):
                load = partial(_cached_garden, vault, day, pinned)
                return _result(vault, stored.summary, load, {}, events)
    store = NoteStore(vault.root, own_outputs(vault), encode=True)
    with no_gc(freeze=True):
        store.files.update(cache.known(rows))
        changes = store.rescan(walk)
        garden = compute_garden(index_of(vault, store), day, vault.config, today_pinned=pinned)
        result, written = write_garden(vault, garden)
        shas = _shas(written)
        digests = {rel: known.digest for rel, known in store.files.items()}
        key = garden_key(settings, list(store.refused.values()), digests, day, pinned)
        page = StoredPage(key, outputs_json(shas, result.ics_events), result.summary)
        cache.save(store.files, rows, changes.changed, changes.removed, page)
    return result


def _cached_garden(vault: Vault, day: dt.date, pinned: bool) -> Garden:
    """The garden of an unchanged vault, worked out from the cached notes when someone asks
    (the cache keeps no garden: encoding one costs a big vault's first run a second)."""
    store = NoteStore(vault.root, own_outputs(vault))
    cache = DiskCache.open(vault.root)
    with no_gc():
        if cache is not None:
            try:
                store.files.update(cache.known(cache.rows()))
            finally:
                cache.close()
        store.rescan()
        return compute_garden(index_of(vault, store), day, vault.config, today_pinned=pinned)


def _is_our_page(current: bytes) -> bool:
    """Whether a page's bytes start with the marker line hortus writes (GARDEN.md, garden.html)."""
    first_line = current.split(b"\n", 1)[0].decode("utf-8", "replace")
    return first_line.strip() in (MARKER, HTML_MARKER)


def _replace(path: Path, data: bytes, rel: str, current: bytes | None) -> bool:
    """Write `data` atomically unless `current` (the file's bytes, checked ours) is the same."""
    if current == data:
        return False
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
