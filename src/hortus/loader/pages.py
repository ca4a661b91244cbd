"""The garden's pages written: GARDEN.md, garden.html, their full lists (GARDEN-all.md,
garden-all.html) and (with `ics` set) the calendar, each only if hortus owns it and its bytes
changed, all under the vault's one write lock."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hortus.core.calendar import CalendarSettings
from hortus.core.config import CONFIG_NAME
from hortus.core.errors import HortusError, NotOurFileError, RenderError, WriteError
from hortus.core.reasons import os_reason
from hortus.core.said import said
from hortus.files.atomic import atomic_write, sweep_temps
from hortus.files.lock import WAIT, vault_lock
from hortus.garden import Garden
from hortus.loader.load import Loader, Progress, load, no_progress
from hortus.loader.vault import Day, Vault, no_gc, output_paths
from hortus.render.html import HTML_MARKER, render_html
from hortus.render.markdown import MARKER, render_markdown
from hortus.render.outline import page_lists
from hortus.render.rows import Rows
from hortus.render.summary import summary
from hortus.store.cache import StoredPage
from hortus.store.unchanged import outputs_json, sha, sha_of, stored_outputs

STALE_TEMP_NS = 60 * 1_000_000_000  # another hortus temp file older than this is litter


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
        """The garden (worked out again on demand when nothing was computed)."""
        return self.load_garden()


@dataclass(frozen=True)
class Output:
    """One file `regenerate` writes: its vault-relative path, its bytes, how to tell it is ours."""

    rel: str
    data: bytes
    owned: Callable[[bytes], bool]


def regenerate(
    vault: Vault, today: dt.date | None, clock_today: dt.date, progress: Progress = no_progress
) -> Regenerated:
    """Write the garden's pages through the loader; under the vault's one write lock, so it is
    serialised with a running watcher and with the commands that write notes. When the notes,
    settings and day are those of the last run and every page on disk is the one it wrote,
    nothing is computed and nothing touched."""
    day = vault.day(today, clock_today)
    with vault_lock(vault.root, WAIT):
        sweep(vault)
        with load(vault, progress) as loader, no_gc(freeze=True):
            key = loader.day_key(day)
            stored = loader.cache.page(key)
            unchanged = _unchanged(vault, stored)
            if stored is not None and unchanged is not None:
                return _result(vault, stored.summary, partial(_garden, vault, day), {}, unchanged)
            return _write(loader, day, key)


def _unchanged(vault: Vault, stored: StoredPage | None) -> int | None:
    """The calendar's event count, when every output on disk is the one last written."""
    outputs = stored_outputs(stored) if stored is not None else None
    if outputs is None:
        return None
    shas, events = outputs
    if all(sha_of(vault.root / rel) == digest for rel, digest in shas.items()):
        return events
    return None


def _write(loader: Loader, day: Day, key: str) -> Regenerated:
    garden = loader.garden(day)
    result, written = write_garden(loader.vault, garden)
    shas = {out.rel: sha(out.data) for out in written}
    loader.cache.save_page(StoredPage(key, outputs_json(shas, result.ics_events), result.summary))
    # What a person most often runs next, kept now from the garden in hand (it would cost the
    # next `status` the whole garden again: half a second at 2,000 people).
    loader.status(day, limit=loader.vault.config.lists["status"], garden=garden)
    return result


def _garden(vault: Vault, day: Day) -> Garden:
    with load(vault) as loader:
        return loader.garden(day)


def render_outputs(
    vault: Vault, garden: Garden, rows: Rows | None = None
) -> tuple[list[Output], int]:
    """Every file `regenerate` writes, rendered: GARDEN.md, garden.html, their full lists and,
    when `ics` is set, the calendar; and the calendar's number of events."""
    rows = rows or Rows()
    planned, events = _planned(vault, garden, rows)
    outputs = _rendered([page for group in planned for page in group])
    rows.settle()
    return outputs, events()


@dataclass(frozen=True)
class _Planned:
    """An output not rendered yet: the watcher writes the short pages before it renders the
    full lists, so a save shows in GARDEN.md without waiting for a page of every person."""

    rel: str
    make: Callable[[], bytes]
    owned: Callable[[bytes], bool]


def _planned(
    vault: Vault, garden: Garden, rows: Rows
) -> tuple[tuple[list[_Planned], list[_Planned]], Callable[[], int]]:
    """(the short pages, then the full lists and the calendar), and the calendar's number of
    events once it is rendered."""
    config = vault.config
    rel, html_rel, language = config.garden, config.html_path, config.language
    md_short, md_full = page_lists(config.lists, rel, config.all_path)
    html_short, html_full = page_lists(config.lists, html_rel, config.html_all_path)

    def page(path: str, render: Callable[..., str], lists: object) -> _Planned:
        return _Planned(
            path, lambda: render(garden, path, language, rows, lists).encode(), _is_our_page
        )

    short = [page(rel, render_markdown, md_short), page(html_rel, render_html, html_short)]
    full = [
        page(config.all_path, render_markdown, md_full),
        page(config.html_all_path, render_html, html_full),
    ]
    count = [0]
    if config.ics is not None:
        full.append(_calendar(config.ics, garden, count, config.calendar))
    return (short, full), lambda: count[0]


def _calendar(rel: str, garden: Garden, count: list[int], settings: CalendarSettings) -> _Planned:
    # Imported only when a calendar is asked for: icalendar is slow to import.
    from hortus.exchange.calendar import calendar_events, promise_records
    from hortus.exchange.export.ics import is_our_calendar, render_ics

    def make() -> bytes:
        events = calendar_events(garden, promise_records(garden), settings)
        count[0] = len(events)
        return render_ics(events, garden.today)

    return _Planned(rel, make, is_our_calendar)


def _rendered(planned: list[_Planned]) -> list[Output]:
    """The outputs rendered. A crash while rendering (a bug) is a `RenderError`, raised
    before the group is written: the watcher says it and goes on."""
    try:
        return [Output(p.rel, p.make(), p.owned) for p in planned]
    except (HortusError, MemoryError):
        raise
    except Exception as exc:
        raise RenderError(f"{type(exc).__name__}: {exc}") from exc


def write_garden(
    vault: Vault, garden: Garden, rows: Rows | None = None
) -> tuple[Regenerated, list[Output]]:
    """Write every output that changed (call with the write lock held). Every output's
    ownership is checked before any is written: one refusal writes nothing. The short pages
    are rendered and written first, then the full lists and the calendar. Returns the result
    and the outputs. `rows` keeps rendered rows between calls (the watcher)."""
    if vault.config.collision is not None:  # two outputs on one path: nothing at all
        raise HortusError(
            said("{file}: {problem}", file=CONFIG_NAME, problem=vault.config.collision)
        )
    rows = rows or Rows()
    groups, events = _planned(vault, garden, rows)
    every = [page for group in groups for page in group]
    current = {p.rel: _read_existing(vault.root / p.rel, p.rel) for p in every}
    for p in every:
        found = current[p.rel]
        if found is not None and not p.owned(found):
            raise NotOurFileError(p.rel)
    written: dict[str, bool] = {}
    outputs: list[Output] = []
    for group in groups:
        rendered = _rendered(group)
        for out in rendered:
            written[out.rel] = _replace(vault.root / out.rel, out.data, out.rel, current[out.rel])
        outputs += rendered
    rows.settle()
    text = summary(garden, vault.config.language)
    return _result(vault, text, lambda: garden, written, events()), outputs


def _result(
    vault: Vault,
    text: str,
    load_garden: Callable[[], Garden],
    written: Mapping[str, bool],
    events: int,
) -> Regenerated:
    config = vault.config
    rel, html_rel, ics = config.garden, config.html_path, config.ics
    return Regenerated(
        rel,
        written.get(rel, False),
        text,
        load_garden,
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
                rel,
                said("it is a link or not a regular file; hortus replaces only its own page"),
            )
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(rel, os_reason(exc)) from exc
