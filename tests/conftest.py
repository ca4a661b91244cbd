"""Shared fixtures: vaults are written inside each test, never read from disk fixtures."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from hortus.core.config import load_config
from hortus.core.model import Note
from hortus.index import Index, build_index
from hortus.loader import load_index, open_vault
from hortus.notes.parse import parse_note
from hortus.notes.read import split_front_matter

MakeVault = Callable[[Mapping[str, str | bytes]], Path]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def write_vault(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `files` (vault-relative path → text, dedented, or raw bytes) under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_vault(tmp_path: Path) -> MakeVault:
    def make(files: Mapping[str, str | bytes]) -> Path:
        return write_vault(tmp_path / "vault", files)

    return make


def note(text: str, path: str = "journal/note.md") -> Note:
    """Parse one note written inline in a test."""
    return parse_note(split_front_matter(path, textwrap.dedent(text).lstrip("\n")))


def index_of(root: Path) -> Index:
    return load_index(open_vault(root))


def index_notes(*notes: Note, root: Path | None = None) -> Index:
    config = load_config(root)[0] if root else load_config(Path("/nonexistent"))[0]
    return build_index(list(notes), config)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, once per module (tests/chromium.py)."""
    from tests.chromium import launch

    yield from launch()
