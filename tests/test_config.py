"""config.py: cadences, and `hortus.toml` into a `Config` with every bad value a problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hortus.core.config import (
    CONFIG_TEMPLATE,
    DEFAULT_CIRCLES,
    DEFAULT_WINDOWS,
    Config,
    load_config,
    parse_cadence,
)
from hortus.core.model import Source
from tests.conftest import MakeVault, index_of


@pytest.mark.parametrize(
    ("value", "days"),
    [
        (21, 21),
        (1, 1),
        ("21", 21),
        (" 21 ", 21),
        ("3d", 3),
        ("2w", 14),
        ("3W", 21),
        ("2m", 60),
        ("1y", 365),
        ("2y", 730),
        ("1 day", 1),
        ("3 days", 3),
        ("1 week", 7),
        ("6 weeks", 42),
        ("1 month", 30),
        ("6 months", 180),
        ("1 year", 365),
        ("2 years", 730),
        ("2 Weeks", 14),
        ("weekly", 7),
        ("biweekly", 14),
        ("monthly", 30),
        ("quarterly", 90),
        ("yearly", 365),
        ("Monthly", 30),
        (" yearly ", 365),
    ],
)
def test_parse_cadence_readable_forms(value: object, days: int) -> None:
    assert parse_cadence(value) == days


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -7,
        "0",
        "0w",
        "-3",
        "-3d",
        "",
        "soon",
        "3x",
        "3 fortnights",
        "d",
        "w3",
        "1.5",
        1.5,
        "daily weekly",
        ["weekly"],
        {"days": 3},
        dt.date(2026, 11, 20),
    ],
)
def test_parse_cadence_unreadable_is_none(value: object) -> None:
    assert parse_cadence(value) is None


# --- hortus.toml ----------------------------------------------------------------------------


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "hortus.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_settings_file_means_defaults(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path)
    assert config == Config()
    assert (config.people_folder, config.garden, config.today) == ("people", "GARDEN.md", None)
    assert dict(config.circles) == {"inner": 14, "close": 30, "network": 90, "weak": 365}
    assert problems == []


def test_the_init_template_reads_as_the_defaults(tmp_path: Path) -> None:
    config, problems = load_config(write_config(tmp_path, CONFIG_TEMPLATE))
    assert config == Config()
    assert problems == []


def test_every_setting_is_read(tmp_path: Path) -> None:
    root = write_config(
        tmp_path,
        """\
people_folder = "Contacts/"
garden = "out/Garden.md"
today = 2026-11-20

[circles]
family = "weekly"
inner = 7
colleagues = "3 months"
""",
    )
    config, problems = load_config(root)
    assert problems == []
    assert config.people_folder == "Contacts"
    assert config.garden == "out/Garden.md"
    assert config.today == dt.date(2026, 11, 20)
    assert dict(config.circles) == {
        **DEFAULT_CIRCLES,
        "inner": 7,
        "family": 7,
        "colleagues": 90,
    }


def test_bad_toml_is_a_problem_at_its_line_and_defaults_apply(tmp_path: Path) -> None:
    root = write_config(tmp_path, '# settings\npeople_folder = "people"\ntoday = 2026-11-\n')
    config, problems = load_config(root)
    assert config == Config()
    assert [p.source for p in problems] == [Source("hortus.toml", 3)]
    assert "not valid TOML" in problems[0].message


def test_settings_that_are_not_utf8_are_a_problem(tmp_path: Path) -> None:
    (tmp_path / "hortus.toml").write_bytes(b'garden = "G\xe4rten.md"\n')
    config, problems = load_config(tmp_path)
    assert config == Config()
    assert [p.source for p in problems] == [Source("hortus.toml", 1)]


def test_unknown_key_is_a_problem_at_its_line(tmp_path: Path) -> None:
    root = write_config(tmp_path, 'garden = "GARDEN.md"\n\npeople_dir = "folks"\n')
    config, problems = load_config(root)
    assert config == Config()
    assert [(p.source, p.message) for p in problems] == [
        (Source("hortus.toml", 3), "unknown setting 'people_dir' (ignored)")
    ]


@pytest.mark.parametrize(
    "line",
    ['today = "yesterday"', "today = 2026-11-20T10:00:00", "today = 20261120", 'today = ""'],
)
def test_bad_today_is_a_problem_at_its_line(tmp_path: Path, line: str) -> None:
    config, problems = load_config(write_config(tmp_path, f"# pinned\n\n{line}\n"))
    assert config.today is None
    assert [p.source for p in problems] == [Source("hortus.toml", 3)]
    assert "today" in problems[0].message


def test_today_as_a_quoted_iso_string_is_accepted(tmp_path: Path) -> None:
    config, problems = load_config(write_config(tmp_path, 'today = "2026-11-20"\n'))
    assert (config.today, problems) == (dt.date(2026, 11, 20), [])


def test_bad_circle_cadence_is_a_problem_at_its_line(tmp_path: Path) -> None:
    root = write_config(tmp_path, '[circles]\ninner = 10\nclose = "sometimes"\nbook_club = 0\n')
    config, problems = load_config(root)
    assert [p.source for p in problems] == [Source("hortus.toml", 3), Source("hortus.toml", 4)]
    assert "sometimes" in problems[0].message
    assert config.circles["inner"] == 10
    assert config.circles["close"] == 30
    assert config.circles["book_club"] == 90


def test_circle_names_in_settings_are_case_insensitive_even_when_unreadable(
    tmp_path: Path,
) -> None:
    root = write_config(
        tmp_path, '[circles]\nFamily = 7\nBook_Club = "sometimes"\nInner = "often"\n'
    )
    config, problems = load_config(root)
    assert dict(config.circles) == {**DEFAULT_CIRCLES, "family": 7, "book_club": 90}
    assert [p.source.line for p in problems] == [3, 4]
    assert "using 90 days" in problems[0].message
    assert "using 14 days" in problems[1].message


def test_circles_that_are_not_a_table_are_a_problem(tmp_path: Path) -> None:
    config, problems = load_config(write_config(tmp_path, '\ncircles = "inner"\n'))
    assert dict(config.circles) == dict(DEFAULT_CIRCLES)
    assert [p.source for p in problems] == [Source("hortus.toml", 2)]


@pytest.mark.parametrize("value", ['"../elsewhere"', '"/etc"', '""', "3"])
def test_paths_must_stay_inside_the_vault(tmp_path: Path, value: str) -> None:
    config, problems = load_config(write_config(tmp_path, f"\npeople_folder = {value}\n"))
    assert config.people_folder == "people"
    assert [p.source for p in problems] == [Source("hortus.toml", 2)]


# --- settings in a vault --------------------------------------------------------------------


def test_custom_circles_and_people_folder_apply_to_contacts(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "hortus.toml": '\npeople_folder = "Friends"\n\n[circles]\nfamily = "1w"\n',
            "friends/ada.md": "---\nname: Ada\ncircle: Family\n---\n",
            "friends/bob.md": "---\nname: Bob\ncircle: inner\n---\n",
            "people/not-a-contact.md": "# Nobody\n",
        }
    )
    index = index_of(root)
    assert [(c.name, c.circle, c.cadence_days) for c in index.contacts] == [
        ("Ada", "family", 7),
        ("Bob", "inner", 14),
    ]
    assert index.problems == ()


def test_settings_problems_reach_the_index(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": "colour = 'green'\n", "people/ada.md": "# Ada\n"})
    index = index_of(root)
    assert [(p.source, p.message) for p in index.problems] == [
        (Source("hortus.toml", 1), "unknown setting 'colour' (ignored)")
    ]


def test_language_gestures_windows_and_html_path_are_read(tmp_path: Path) -> None:
    root = write_config(
        tmp_path,
        """\
language = "FR"
daily_gestures = 3
garden_html = "site/index.html"
[windows]
moments = 30
birthdays = 7
""",
    )
    config, problems = load_config(root)
    assert problems == []
    assert (config.language, config.daily_gestures) == ("fr", 3)
    assert dict(config.windows) == {**DEFAULT_WINDOWS, "moments": 30, "birthdays": 7}
    assert config.html_path == "site/index.html"


def test_the_html_page_goes_beside_the_garden_by_default(tmp_path: Path) -> None:
    config, _ = load_config(write_config(tmp_path, 'garden = "out/Garden.md"\n'))
    assert config.html_path == "out/garden.html"


def test_bad_language_gestures_and_windows_are_problems(tmp_path: Path) -> None:
    root = write_config(
        tmp_path,
        """\
language = "de"
daily_gestures = -1
garden_html = "../x.html"
[windows]
moments = 0
decades = 3
""",
    )
    config, problems = load_config(root)
    assert config.html_path == "garden.html"
    assert (config.language, config.daily_gestures) == ("en", 5)
    assert dict(config.windows) == DEFAULT_WINDOWS
    assert sorted(p.source.line for p in problems) == [1, 2, 3, 5, 6]


@pytest.mark.parametrize(
    ("line", "ics", "message"),
    [
        ('ics = "garden.ics"', "garden.ics", None),
        ('ics = "out/cal.ics"', "out/cal.ics", None),
        ('ics = "../cal.ics"', None, "'ics' must be a path inside the vault; ignored"),
        ("ics = 3", None, "'ics' must be a path inside the vault; ignored"),
        (
            'ics = "people/x.md"',
            None,
            "'ics' must not be a Markdown note or the garden ('people/x.md'); no calendar written",
        ),
    ],
)
def test_the_ics_setting(
    make_vault: MakeVault, line: str, ics: str | None, message: str | None
) -> None:
    root = make_vault({"hortus.toml": f"# calendar\n{line}\n"})
    config, problems = load_config(root)
    assert config.ics == ics
    assert [(p.source, p.message) for p in problems] == (
        [(Source("hortus.toml", 2), message)] if message else []
    )


def test_a_setting_written_under_circles_says_where_it_belongs(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": '[circles]\ninner = 10\nics = "garden.ics"\n'})
    config, problems = load_config(root)
    assert (config.ics, "ics" in config.circles, config.circles["inner"]) == (None, False, 10)
    assert [(p.source, p.message) for p in problems] == [
        (
            Source("hortus.toml", 3),
            "'ics' is a setting, but it is under [circles]: move it above that line",
        )
    ]
