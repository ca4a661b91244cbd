"""Finding the vault's notes: which files are notes, which are refused and why. Kept apart
from reading them (`read.py`, with its YAML parser), so a command that only needs to know
what changed starts without importing a parser.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hortus.core.model import Problem, Source
from hortus.core.said import Said, said, skipped

SKIPPED_FOLDERS = frozenset({"templates", "node_modules"})
_SYNC_CONFLICT_RE = re.compile(
    r"\(conflicted copy\b|\.sync-conflict-|\(conflict\b|\bconflicted copy\b", re.IGNORECASE
)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Walk:
    paths: list[str]
    problems: list[Problem]


def walk_vault(root: Path, skip: frozenset[str]) -> Walk:
    """Every note to index (vault-relative `/` paths, sorted) and the files we refuse to read.

    `skip` holds case-folded vault-relative paths of hortus's own outputs.
    """
    paths: list[str] = []
    problems: list[Problem] = []
    for rel, entry in _walk(root, ""):
        if rel.casefold() in skip:
            continue
        problem = _refusal(rel, entry)
        if problem is not None:
            problems.append(problem)
            continue
        paths.append(rel)
    paths.sort()
    problems.sort()
    return Walk(paths, problems)


def _walk(root: Path, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Markdown files below `root/prefix`, depth first, never following a linked folder."""
    try:
        with os.scandir(root / prefix if prefix else root) as entries:
            items = sorted(entries, key=lambda e: e.name)
    except OSError:
        return
    for entry in items:
        name = entry.name
        if name.startswith((".", "~$")):
            continue  # dot-folders (.git, .obsidian, .trash, .hortus), hidden and lock files
        rel = f"{prefix}/{name}" if prefix else name
        if entry.is_dir(follow_symlinks=False):
            if name.casefold() not in SKIPPED_FOLDERS:
                yield from _walk(root, rel)
        elif name.lower().endswith(".md") or _is_linked_folder(entry):
            yield rel, entry  # a linked folder: reported, not entered


def _is_linked_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


def _refusal(rel: str, entry: os.DirEntry[str]) -> Problem | None:
    is_link, is_file = entry.is_symlink(), entry.is_file(follow_symlinks=False)
    if is_file and not is_link and rel.isascii() and rel.isprintable() and "onflict" not in rel:
        return None  # nearly every note: a plain name, no sync-conflict word, a regular file
    if is_link and not rel.lower().endswith(".md") and _is_linked_folder(entry):
        return _problem(
            f"{displayable(rel)}/",
            said(
                "a linked folder; its notes are skipped and nothing is written through it "
                "(hortus never follows links: move the folder into the vault instead)"
            ),
        )
    return _refusal_of(rel, is_link, is_file)


def _refusal_of(rel: str, is_link: bool, is_file: bool) -> Problem | None:
    shown = displayable(rel)
    if shown != rel:
        message = said(
            "file name is not UTF-8 text or holds a control character; skipped (rename it)"
        )
        return _problem(shown, message)
    if _SYNC_CONFLICT_RE.search(rel.rsplit("/", 1)[-1]):
        return _problem(
            rel,
            said("looks like a sync conflict copy; skipped (merge it into the original by hand)"),
        )
    if is_link:
        return _problem(rel, said("symbolic link; skipped (hortus never follows links)"))
    if not is_file:
        return _problem(rel, skipped(said("not a regular file")))
    return None


def displayable(rel: str) -> str:
    """`rel` as it can be printed and linked: undecodable bytes become U+FFFD and control
    characters (a newline in a file name would split a `path:line: message`) are escaped."""
    if rel.isascii() and rel.isprintable():
        return rel  # nearly every path: nothing to do
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def is_candidate(rel: str) -> bool:
    """Whether a vault-relative path is one `walk_vault` could list, judged by its name alone:
    a `.md` file outside dot-folders, skipped folders and litter. The watcher's filter."""
    parts = rel.split("/")
    if any(part.startswith((".", "~$")) or not part for part in parts):
        return False
    if any(part.casefold() in SKIPPED_FOLDERS for part in parts[:-1]):
        return False
    return parts[-1].lower().endswith(".md")


def walk_some(root: Path, rels: Iterable[str], skip: frozenset[str]) -> tuple[Walk, set[str]]:
    """`walk_vault` for a few paths: the notes and refusals among `rels`, by the same rules,
    and the paths that are gone (or no longer notes)."""
    paths: list[str] = []
    problems: list[Problem] = []
    gone: set[str] = set()
    for rel in sorted(set(rels)):
        if not is_candidate(rel) or rel.casefold() in skip or not _folders_plain(root, rel):
            gone.add(rel)
            continue
        try:
            mode = os.lstat(root / rel).st_mode
        except OSError:
            gone.add(rel)
            continue
        if stat.S_ISDIR(mode):
            gone.add(rel)
            continue
        problem = _refusal_of(rel, stat.S_ISLNK(mode), stat.S_ISREG(mode))
        if problem is not None:
            problems.append(problem)
        else:
            paths.append(rel)
    return Walk(paths, problems), gone


def _folders_plain(root: Path, rel: str) -> bool:
    """Every folder on the way to `rel` is a real folder (the walk never enters linked ones)."""
    folder = root
    for part in rel.split("/")[:-1]:
        folder = folder / part
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return False
        except OSError:
            return False
    return True


def _problem(rel: str, message: Said, line: int = 1) -> Problem:
    return Problem(Source(rel, line), message)
