"""The commands that show the whole garden or the whole vault's problems: `status` and
`check`, through the loader, each output kept for the same notes, settings (and day)."""

from __future__ import annotations

from hortus.core.errors import format_problem
from hortus.loader.load import Progress, load, no_progress
from hortus.loader.vault import Day, Vault, no_gc


def status_text(
    vault: Vault,
    day: Day,
    *,
    as_json: bool,
    progress: Progress = no_progress,
    show_all: bool = False,
    section: str | None = None,
) -> str:
    """The garden in the terminal (or as JSON, docs/json.md): each list's first few
    (`[lists] status`), every list (`show_all`), or one list in full (`section`)."""
    limit = None if show_all else vault.config.lists["status"]
    # One command, soon over: the records it builds are left out of the collector's scans
    # (at 50,000 notes, the scan that came when the index was built took 0.4 s to free nothing).
    with load(vault, progress) as loader, no_gc(freeze=True):
        text = loader.status(day, as_json=as_json, limit=limit, section=section)
        return text.decode("utf-8", "surrogatepass")


def check_text(vault: Vault, progress: Progress = no_progress) -> str:
    """Every problem of the vault, one `path:line: message` a line ("" when there is none),
    in the vault's language."""
    from hortus.render.i18n import catalogue

    language = vault.config.language
    cat = catalogue(language)
    with load(vault, progress) as loader, no_gc(freeze=True):  # as `status_text`

        def make() -> bytes:
            problems = loader.index().problems
            lines = [format_problem(p, cat.say(p.said)) + "\n" for p in problems]
            return "".join(lines).encode("utf-8", "surrogatepass")

        text = loader.output(f"check {language}", loader.notes_key(), make)
        return text.decode("utf-8", "surrogatepass")
