"""The composition root: vault → notes → index → garden → pages, and the one place that writes."""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from hortus.atomic import atomic_write
from hortus.config import CONFIG_NAME, CONFIG_TEMPLATE, Config, load_config
from hortus.errors import NotOurFileError, VaultNotFoundError, WriteError
from hortus.garden import Garden, compute_garden
from hortus.index import Index, build_index, fold
from hortus.model import Note, Problem
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
    pinned = today is None and vault.config.today is not None
    day = today or vault.config.today or clock_today
    index = load_index(vault)
    with _no_gc():
        return compute_garden(index, day, vault.config, today_pinned=pinned)


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
    return Regenerated(garden, rel, written, html_rel, html_written)


def is_generated(first_line: str) -> bool:
    """The first line of a page hortus wrote (GARDEN.md or garden.html)."""
    return first_line.strip() in (MARKER, HTML_MARKER)


def _check_owned(path: Path, rel: str) -> None:
    current = _read_existing(path, rel)
    if current is not None:
        first_line = current.split(b"\n", 1)[0].decode("utf-8", "replace")
        if not is_generated(first_line):
            raise NotOurFileError(rel)


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
