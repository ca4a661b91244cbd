"""The command line as a user meets it: exit codes, exact output, what is written or not."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.render.markdown import MARKER
from tests.conftest import MakeVault

ADA = """\
---
name: Ada Lovelace
circle: inner
---
## 2026-11-10 Tea
"""


def run(root: Path | None, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    prefix = ["--vault", str(root)] if root is not None else []
    result = CliRunner().invoke(main, [*prefix, *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


GARDEN_SECTIONS = [
    "gestures",
    "key_moments",
    "birthdays",
    "promises",
    "renew_or_release",
    "thanks_owed",
    "give_back",
    "breathe",
    "rediscover",
    "drifting",
    "resting",
    "ask_after",
    "intro_grown",
]


def test_regenerate_writes_the_garden_and_prints_a_summary(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    code, out, err = run(root, "regenerate", "--today", "2026-11-20")
    assert (code, err) == (0, "")
    assert out == "Wrote GARDEN.md, garden.html: 1 contact, 0 need watering, 0 problems.\n"
    text = (root / "GARDEN.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MARKER
    assert "[Ada Lovelace](people/ada.md) · *thriving*" in text


def test_regenerate_twice_is_byte_identical_and_says_unchanged(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    run(root, "regenerate", "--today", "2026-11-20")
    first = (root / "GARDEN.md").read_bytes()
    mtime = (root / "GARDEN.md").stat().st_mtime_ns
    code, out, _ = run(root, "regenerate", "--today", "2026-11-20")
    assert code == 0
    assert out.startswith("Already up to date (GARDEN.md, garden.html): 1 contact")
    assert (root / "GARDEN.md").read_bytes() == first
    assert (root / "GARDEN.md").stat().st_mtime_ns == mtime


def test_regenerate_refuses_a_garden_it_did_not_write(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "GARDEN.md": "# My own garden notes\n"})
    code, out, err = run(root, "regenerate", "--today", "2026-11-20")
    assert code == 1
    assert out == ""
    assert "GARDEN.md exists and was not written by hortus; nothing was written" in err
    assert (root / "GARDEN.md").read_text(encoding="utf-8") == "# My own garden notes\n"
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_regenerate_refuses_a_symlinked_garden(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"people/ada.md": ADA})
    outside = tmp_path / "outside.md"
    outside.write_text(MARKER + "\nold\n", encoding="utf-8")
    (root / "GARDEN.md").symlink_to(outside)
    code, _, err = run(root, "regenerate", "--today", "2026-11-20")
    assert code == 1
    assert "could not write GARDEN.md" in err
    assert outside.read_text(encoding="utf-8") == MARKER + "\nold\n"


def test_garden_path_from_the_settings_links_relative_to_the_page(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "hortus.toml": 'garden = "overview/Garden.md"\n'})
    code, out, _ = run(root, "regenerate", "--today", "2026-11-20")
    assert code == 0
    assert out.startswith("Wrote overview/Garden.md, overview/garden.html:")
    assert "[Ada Lovelace](../people/ada.md)" in (root / "overview/Garden.md").read_text("utf-8")


def test_status_writes_nothing(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    code, out, _ = run(root, "status", "--today", "2026-12-20")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "Garden for 20 December 2026: 1 contact, 1 needs watering, 0 problems"
    )
    line = "  Ada Lovelace  wilting  last contact 10 November 2026, 40 days ago · every 14 days"
    assert f"{line} (inner)" in out
    assert not (root / "GARDEN.md").exists()


def test_status_json_shape(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": ADA.replace(
                "circle: inner", "circle: inner\naliases: [Countess]\ntags: [math]"
            ),
            "journal/2026-11-01.md": "Met [[Bob]] and [[Ada Lovelace]].\n",
            "people/bad.md": "---\ncadence: often\n---\n",
        }
    )
    code, out, _ = run(root, "status", "--json", "--today", "2026-11-20")
    assert code == 0
    data = json.loads(out)
    assert list(data) == [
        "today",
        "contacts",
        "needs_watering",
        *GARDEN_SECTIONS,
        "unresolved",
        "problems",
    ]
    assert data["today"] == "2026-11-20"
    ada = data["contacts"][0]
    assert ada == {
        "name": "Ada Lovelace",
        "path": "people/ada.md",
        "circle": "inner",
        "cadence_days": 14,
        "last_interaction": "2026-11-10",
        "days_since": 10,
        "thirst": 0.71,
        "state": "thriving",
        "interactions": 2,
        "aliases": ["Countess"],
        "tags": ["math"],
    }
    bad = data["contacts"][1]
    assert bad["name"] == "bad"
    assert (bad["last_interaction"], bad["days_since"], bad["thirst"]) == (None, None, None)
    assert bad["state"] == "seedling"
    assert data["needs_watering"] == []
    assert data["unresolved"] == [
        {"target": "Bob", "path": "journal/2026-11-01.md", "line": 1, "suggestion": None}
    ]
    assert data["problems"] == [
        {
            "path": "people/bad.md",
            "line": 2,
            "message": "cadence 'often' is not readable (write days like 21, or 3w, 2m, 1y, "
            "monthly…); using the circle's 90 days",
        }
    ]


def test_check_lists_problems_and_exits_1(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "people/bad.md": "---\ncircle: besties\n---\n"})
    code, out, _ = run(root, "check")
    assert code == 1
    assert out == (
        "people/bad.md:2: unknown circle 'besties' (known: close, inner, network, weak); "
        "treated as network\n"
    )


def test_check_exits_0_on_a_clean_vault(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    assert run(root, "check") == (0, "", "")


def test_a_missing_vault_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = run(tmp_path / "nowhere", "regenerate")
    assert code == 1
    assert out == ""
    assert err == f"hortus: no vault at {tmp_path / 'nowhere'}: the folder does not exist\n"


def test_a_bad_today_is_a_usage_error(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    code, _, err = run(root, "status", "--today", "2026-02-30")
    assert code == 2
    assert "'2026-02-30' is not a date: use YYYY-MM-DD, today, yesterday" in err


def test_today_option_wins_over_pinned_date(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "hortus.toml": "today = 2026-11-12\n"})
    _, out, _ = run(root, "status")
    assert out.startswith("Garden for 12 November 2026 (date pinned in hortus.toml):")
    _, out, _ = run(root, "status", "--today", "2026-11-13")
    assert out.startswith("Garden for 13 November 2026:")


def test_vault_from_environment_then_nearest_config_upward(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA, "hortus.toml": "today = 2026-11-12\n"})
    _, out, _ = run(None, "status", env={"HORTUS_VAULT": str(root)})
    assert out.startswith("Garden for 12 November 2026")
    deep = root / "journal" / "2026"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    monkeypatch.delenv("HORTUS_VAULT", raising=False)
    _, out, _ = run(None, "status")
    assert out.startswith("Garden for 12 November 2026 (date pinned in hortus.toml): 1 contact")


def test_init_creates_a_vault_and_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    code, out, _ = run(None, "init", str(root))
    assert code == 0
    assert out.splitlines()[:4] == [
        "created people/",
        "created journal/",
        "created hortus.toml",
        "created .gitignore (.hortus/)",
    ]
    assert (root / ".gitignore").read_text(encoding="utf-8") == ".hortus/\n"
    settings = (root / "hortus.toml").read_text(encoding="utf-8")
    assert '# people_folder = "people"' in settings
    assert "inner = 14" in settings
    (root / "hortus.toml").write_text("today = 2026-01-02\n", encoding="utf-8")
    code, out, _ = run(None, "init", str(root))
    assert code == 0
    assert out == f"{root} is already a hortus vault; nothing changed.\n"
    assert (root / "hortus.toml").read_text(encoding="utf-8") == "today = 2026-01-02\n"


def test_init_appends_to_an_existing_gitignore_byte_for_byte(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes(b"*.pdf\r\nsecret")
    run(None, "init", str(tmp_path))
    assert (tmp_path / ".gitignore").read_bytes() == b"*.pdf\r\nsecret\n.hortus/\n"


def test_init_settings_are_the_defaults(tmp_path: Path) -> None:
    from hortus.core.config import Config, load_config

    run(None, "init", str(tmp_path))
    uncommented = "\n".join(
        line.removeprefix("# ") if " = " in line else line
        for line in (tmp_path / "hortus.toml").read_text(encoding="utf-8").splitlines()
        if "today" not in line
    )
    (tmp_path / "hortus.toml").write_text(uncommented, encoding="utf-8")
    # Every value shown is the default, except the calendar: off unless set, shown with its name.
    assert load_config(tmp_path) == (Config(ics="garden.ics"), [])


def test_regenerate_never_changes_a_user_file(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": ADA,
            "people/bad.md": b"\xef\xbb\xbf---\r\nname: Bad\r\ncadence: x\r\n---\r\nno newline",
            "journal/2026-11-01.md": "[[Ada Lovelace]]",
        }
    )
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in _files(root)}
    run(root, "regenerate", "--today", "2026-11-20")
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in _files(root)}
    # hortus's own files: the pages, and its state (cache, locks) under .hortus/
    pages = ("GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html")
    ours = {p for p in after if p.name in pages or ".hortus" in p.relative_to(root).parts}
    assert {p: v for p, v in after.items() if p not in ours} == before


def _files(root: Path) -> list[Path]:
    return sorted(Path(dirpath) / name for dirpath, _, names in os.walk(root) for name in names)


def test_a_big_import_of_weak_ties_does_not_flood_the_seedlings(make_vault: MakeVault) -> None:
    files: dict[str, str | bytes] = {
        f"people/weak-{n:02}.md": f"---\nname: Weak {n:02}\ncircle: weak\n---\n" for n in range(20)
    }
    files["people/zed.md"] = "---\nname: Zed New\n---\n"  # a new friend, in `network`
    root = make_vault(files)
    assert run(root, "regenerate", "--today", "2026-11-20")[0] == 0
    garden = (root / "GARDEN.md").read_text(encoding="utf-8")
    seedlings = garden.split("## Seedlings", 1)[1].split("\n## ", 1)[0]
    named = [line for line in seedlings.splitlines() if line.startswith("- [")]
    assert named[0].startswith("- [Zed New]")  # closer circles first
    assert len(named) == 8  # [lists] page
    assert "- _…and 13 more_ · [see them all](GARDEN-all.md#seedlings)" in seedlings
    every = (root / "GARDEN-all.md").read_text(encoding="utf-8").split("## Seedlings", 1)[1]
    assert len([line for line in every.splitlines() if line.startswith("- [")]) == 21
    _, status_out, _ = run(root, "status", "--today", "2026-11-20")
    assert "  …and 18 more: hortus status --section seedlings\n" in status_out
    _, status_out, _ = run(root, "status", "--today", "2026-11-20", "--section", "seedlings")
    assert status_out.count("every 365 days (weak)") == 20


def test_pages_list_the_first_promises_and_link_the_rest(make_vault: MakeVault) -> None:
    tasks = "".join(f"- [ ] task {n:02} 📅 2026-12-{n:02}\n" for n in range(1, 31))
    root = make_vault({"people/ada.md": ADA + tasks, "hortus.toml": "[lists]\npage = 5\n"})
    assert run(root, "regenerate", "--today", "2026-11-20")[0] == 0
    garden = (root / "GARDEN.md").read_text(encoding="utf-8")
    section = garden.split("## Promises", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in section.splitlines() if line.startswith("- [Ada")]
    assert len(listed) == 5
    assert "task 01" in listed[0]
    assert "task 05" in listed[-1]
    assert "- _…and 25 more_ · [see them all](GARDEN-all.md#promises)" in section
    full = (root / "GARDEN-all.md").read_text(encoding="utf-8")
    assert "[Back to the garden](GARDEN.md)" in full and "task 30" in full
    html = (root / "garden.html").read_text(encoding="utf-8")
    assert "task 05" in html
    assert "task 06" not in html
    assert '…and 25 more · <a href="garden-all.html#promises">see them all</a>' in html
    full_html = (root / "garden-all.html").read_text(encoding="utf-8")
    assert "task 30" in full_html and '<a href="garden.html">Back to the garden</a>' in full_html
    assert "more" not in full_html.split("<main>")[1]
    data = json.loads(run(root, "status", "--json", "--today", "2026-11-20")[1])
    assert len(data["promises"]) == 30  # the JSON keeps every one
