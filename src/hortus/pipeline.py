"""The composition root: vault → notes → index → garden → pages, and the one place that writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hortus.atomic import atomic_write, sweep_temps
from hortus.cache import FORMAT, DiskCache, Row, StoredPage, state_dir
from hortus.codec import CodecError, pack
from hortus.config import CONFIG_NAME, CONFIG_TEMPLATE, Config, load_config
from hortus.engine import NoteStore
from hortus.errors import NotOurFileError, VaultNotFoundError, WriteError
from hortus.garden import Garden, compute_garden
from hortus.index import Index, build_index, fold
from hortus.lock import writing
from hortus.model import Problem
from hortus.render.markdown import is_generated, render_markdown
from hortus.render.summary import summary
from hortus.vault import walk_vault

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
    summary: str  # the one-line summary of the garden
    load_garden: Callable[[], Garden] = field(repr=False, compare=False)

    @property
    def garden(self) -> Garden:
        """The garden (decoded from the cache on demand when nothing was computed)."""
        return self.load_garden()


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
    return frozenset({fold(vault.config.garden)})


def index_of(vault: Vault, store: NoteStore) -> Index:
    known = (*vault.config_problems, *store.problems())
    return build_index(store.notes(), vault.config, known)


@contextmanager
def no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def garden_day(vault: Vault, today: dt.date | None, clock_today: dt.date) -> tuple[dt.date, bool]:
    """`today` from the command line wins over a pinned date, which wins over the clock.
    Returns the day and whether it was pinned in hortus.toml."""
    pinned = today is None and vault.config.today is not None
    return today or vault.config.today or clock_today, pinned


def build_garden(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Garden:
    day, pinned = garden_day(vault, today, clock_today)
    index = load_index(vault)
    with no_gc():
        return compute_garden(index, day, today_pinned=pinned)


def regenerate(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Regenerated:
    """Write the garden, through the on-disk cache; serialised with a running watcher."""
    day, pinned = garden_day(vault, today, clock_today)
    with writing(state_dir(vault.root)):
        sweep(vault)
        cache = DiskCache.open(vault.root)
        if cache is None:
            with no_gc():
                garden = compute_garden(load_index(vault), day, today_pinned=pinned)
                return write_garden(vault, garden)
        try:
            return _regenerate_cached(vault, day, pinned, cache)
        finally:
            cache.close()


def write_garden(vault: Vault, garden: Garden) -> Regenerated:
    rel = vault.config.garden
    text = render_markdown(garden, rel)
    written = write_owned(vault.root / rel, text.encode("utf-8"), rel)
    return Regenerated(rel, written, summary(garden), lambda: garden)


def sweep(vault: Vault) -> list[str]:
    """Remove temp files a killed run left beside the garden (call with the write lock held)."""
    garden = vault.root / vault.config.garden
    older = time.time_ns() - STALE_TEMP_NS
    return sweep_temps(garden.parent, frozenset({garden.name}), older)


def _regenerate_cached(vault: Vault, day: dt.date, pinned: bool, cache: DiskCache) -> Regenerated:
    """Re-read only the notes that changed since the cache was written; when nothing changed
    at all and the page on disk is the one last written, touch nothing."""
    rows = cache.rows()
    key = _unchanged_key(vault, rows, day, pinned)
    stored = cache.page(key) if key else None
    rel = vault.config.garden
    if stored is not None:
        if _sha_of(vault.root / rel) == stored.page_sha:
            return Regenerated(
                rel, False, stored.summary, partial(_stored_garden, vault, day, pinned, stored)
            )
        with contextlib.suppress(CodecError):
            return write_garden(vault, stored.garden())
    store = NoteStore(vault.root, own_outputs(vault), encode=True)
    with no_gc():
        store.files.update(cache.known(rows))
        changes = store.rescan()
        garden = compute_garden(index_of(vault, store), day, today_pinned=pinned)
        result = write_garden(vault, garden)
        digests = {rel: known.digest for rel, known in store.files.items()}
        key = _garden_key(vault, store.problems(), digests, day, pinned)
        text = render_markdown(garden, rel).encode("utf-8")
        with contextlib.suppress(CodecError):
            page = StoredPage(key, _sha(text), result.summary, pack(garden))
            cache.save(store.files, rows, changes.changed, changes.removed, page)
    return result


def _stored_garden(vault: Vault, day: dt.date, pinned: bool, stored: StoredPage) -> Garden:
    """The stored garden, or (should it not decode) the same garden computed afresh."""
    try:
        return stored.garden()
    except CodecError:
        with no_gc():
            return compute_garden(load_index(vault), day, today_pinned=pinned)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha_of(path: Path) -> str | None:
    try:
        return _sha(path.read_bytes())
    except OSError:
        return None


def _unchanged_key(vault: Vault, rows: Mapping[str, Row], day: dt.date, pinned: bool) -> str | None:
    """The garden key when every note has the settled stamp the cache knows, else None."""
    walk = walk_vault(vault.root, own_outputs(vault))
    if len(walk.paths) != len(rows):
        return None
    prefix = f"{vault.root}{os.sep}"
    lstat = os.lstat
    for rel in walk.paths:
        row = rows.get(rel)
        if row is None or not row[4] or not row[5]:
            return None  # new, in doubt, or unreadable last time: let the engine look
        try:
            info = lstat(prefix + rel)
        except OSError:
            return None
        if (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns) != row[:4]:
            return None
    digests = {rel: row[5] for rel, row in rows.items()}
    return _garden_key(vault, walk.problems, digests, day, pinned)


def _garden_key(
    vault: Vault,
    problems: list[Problem],
    digests: Mapping[str, str],
    day: dt.date,
    pinned: bool,
) -> str:
    parts = [FORMAT, repr(vault.config), repr(vault.config_problems), day.isoformat(), str(pinned)]
    parts += [repr(p) for p in problems]
    parts += [f"{rel}\0{digests[rel]}" for rel in sorted(digests)]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def write_owned(path: Path, data: bytes, rel: str) -> bool:
    """Replace a page hortus owns; never one it did not write. False when nothing changed."""
    current = _read_existing(path, rel)
    if current is not None:
        if current == data:
            return False
        first_line = current.split(b"\n", 1)[0].decode("utf-8", "replace")
        if not is_generated(first_line):
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
