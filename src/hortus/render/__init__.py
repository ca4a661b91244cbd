"""Pure renderers: a `Garden` in, text out. They never touch the file system."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"
