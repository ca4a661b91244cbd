"""`hortus digest`: the garden's short daily summary, through the loader; kept for the same
notes, settings, day, number of days and format, so a cron job on an unchanged vault is quick."""

from __future__ import annotations

from hortus.loader.load import Progress, load, no_progress
from hortus.loader.vault import Day, Vault


def digest_text(
    vault: Vault, day: Day, days: int, fmt: str, progress: Progress = no_progress
) -> str:
    """The digest in `fmt` (text, markdown or json); "" for text and Markdown on a quiet day."""
    from hortus.garden.digest import build_digest
    from hortus.render.digest import render_digest

    language = vault.config.language
    with load(vault, progress) as loader:

        def make() -> bytes:
            digest = build_digest(loader.index(), loader.garden(day), days)
            return render_digest(digest, fmt, language).encode("utf-8", "surrogatepass")

        name = f"digest {fmt} {days} {language}"
        return loader.output(name, loader.day_key(day), make).decode("utf-8", "surrogatepass")
