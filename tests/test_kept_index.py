"""The index kept between runs (index/kept.py), against random edits: after each edit of a
small generated vault, what the commands say through the cache is what a cold read says."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main

NAMES = ["Ada Lovelace", "Ben Okri", "Chloé Martin", "Dev Patel", "Eun-ji Park", "Femi Adeyemi"]
COMMANDS = [["status", "--json"], ["check"], ["status", "--all"]]


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-").replace("é", "e")


def _make(root: Path) -> None:
    (root / "people").mkdir(parents=True)
    (root / "journal").mkdir()
    (root / "hortus.toml").write_text("today = 2026-11-20\n", encoding="utf-8")
    for i, name in enumerate(NAMES):
        text = f"---\nname: {name}\nemail: p{i}@example.com\n---\n## 2026-0{i + 1}-10 met\n"
        (root / "people" / f"{_slug(name)}.md").write_text(text, encoding="utf-8")
    for day in range(1, 6):
        text = f"Coffee with [[{NAMES[day]}]] and [[{NAMES[day - 1]}]]\n- [ ] call [[{NAMES[0]}]]\n"
        (root / "journal" / f"2026-11-0{day}.md").write_text(text, encoding="utf-8")


def _edit(root: Path, rng: random.Random, step: int) -> None:
    """One edit of the kinds a day brings (and, rarely, one that changes names)."""
    people = sorted((root / "people").glob("*.md"))
    daily = sorted((root / "journal").glob("*.md"))
    who, other = rng.sample(NAMES, 2)
    kind = rng.choice(["entry", "daily", "remove", "promise", "kept", "email", "intro", "alias"])
    if kind == "entry" or (kind == "remove" and not daily):
        path = rng.choice(people)
        _append(path, f"\n## 2026-11-1{step % 10} walk with [[{who}]] #walk\n")
    elif kind == "daily":
        text = f"Lunch with [[{who}]], [[{other}]] and [[Nobody {step}]]\n"
        (root / "journal" / f"2026-10-{10 + step:02d}.md").write_text(text, encoding="utf-8")
    elif kind == "remove":
        rng.choice(daily).unlink()
    elif kind == "promise":
        _append(rng.choice(daily or people), f"\n- [ ] send [[{who}]] the photos\n")
    elif kind == "kept":
        for path in daily + people:
            text = path.read_text(encoding="utf-8")
            if "- [ ] " in text:
                path.write_text(text.replace("- [ ] ", "- [x] ✅ 2026-11-18 ", 1), "utf-8")
                break
    elif kind == "email":
        path = rng.choice(people)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("@example.com", "0@example.com", 1), encoding="utf-8")
    elif kind == "intro":
        _append(rng.choice(people), f"\n- 2026-11-1{step % 10}: met [[{who}]] through me #intro\n")
    else:
        path = rng.choice(people)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", f"---\naliases: [Pal{step}]\n", 1), "utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _outputs(root: Path) -> list[str]:
    found = []
    for args in COMMANDS:
        result = CliRunner().invoke(main, ["--vault", str(root), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        found.append(result.stdout.replace(str(root), "VAULT"))
    return found


def _cold(root: Path, copy: Path) -> list[str]:
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".hortus"))
    return [text.replace(str(copy), "VAULT") for text in _outputs(copy)]


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_read_as_a_cold_read_does(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    root = tmp_path / "vault"
    _make(root)
    _outputs(root)
    for step in range(10):
        _edit(root, rng, step)
        assert _outputs(root) == _cold(root, tmp_path / "cold"), f"seed {seed}, step {step}"
