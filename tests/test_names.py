"""NAME on the command line resolves like a mention; typos and ambiguity are explained."""

from __future__ import annotations

import pytest
from click.shell_completion import ShellComplete

from hortus.cli import main
from hortus.core.errors import AmbiguousNameError, UnknownNameError
from hortus.person.names import completions, resolve
from tests.conftest import MakeVault, index_of

FILES = {
    "people/ada-lovelace.md": "---\nname: Ada Lovelace\naliases: [Countess]\n---\n",
    "people/sam-lee.md": "---\nname: Sam Lee\naliases: Sam\n---\n",
    "people/team/sam-ortiz.md": "---\nname: Sam Ortiz\naliases: [Sam]\n---\n",
    "people/zoe.md": "---\nname: Zoë Durand\n---\n",
    "journal/2026-11-20.md": "[[Ada Lovelace]]\n",
}


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("Ada Lovelace", "people/ada-lovelace.md"),
        ("ada lovelace", "people/ada-lovelace.md"),
        ("COUNTESS", "people/ada-lovelace.md"),
        ("ada-lovelace", "people/ada-lovelace.md"),
        ("people/team/sam-ortiz", "people/team/sam-ortiz.md"),
        ("people/team/sam-ortiz.md", "people/team/sam-ortiz.md"),
        ("zoe", "people/zoe.md"),
        ("ZOË DURAND", "people/zoe.md"),
        ("Zoe\u0308 Durand", "people/zoe.md"),  # NFD input
    ],
)
def test_names_resolve_like_mentions(make_vault: MakeVault, query: str, path: str) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    assert resolve(contacts, query).path == path


def test_a_typo_suggests_the_closest_names(make_vault: MakeVault) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    with pytest.raises(UnknownNameError) as caught:
        resolve(contacts, "Ada Lovelce")
    assert caught.value.message == (
        "no contact called 'Ada Lovelce'; did you mean Ada Lovelace? "
        "Nothing was written: add --yes to use Ada Lovelace (people/ada-lovelace.md)"
    )


def test_a_name_far_from_every_contact_points_to_add(make_vault: MakeVault) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    with pytest.raises(UnknownNameError, match=r"\(`hortus add 'Quentin'` creates one\)"):
        resolve(contacts, "Quentin")


def test_an_ambiguous_name_lists_every_candidate(make_vault: MakeVault) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    with pytest.raises(AmbiguousNameError) as caught:
        resolve(contacts, "sam")
    assert caught.value.message == (
        "'sam' could mean Sam Lee (people/sam-lee.md); Sam Ortiz (people/team/sam-ortiz.md). "
        "Nothing was written: use a full name or the file's path"
    )


def test_completion_offers_file_stems_matching_names_words_and_aliases(
    make_vault: MakeVault,
) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    assert completions(contacts, "s") == [("sam-lee", "Sam Lee"), ("sam-ortiz", "Sam Ortiz")]
    assert completions(contacts, "lov") == [("ada-lovelace", "Ada Lovelace")]
    assert completions(contacts, "count") == [("ada-lovelace", "Ada Lovelace")]
    assert completions(contacts, "dur") == [("zoe", "Zoë Durand")]
    assert len(completions(contacts, "")) == 4


def test_completion_through_click_for_every_name_argument(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    shell = ShellComplete(main, {}, "hortus", "_HORTUS_COMPLETE")
    for args in (["log"], ["show"], ["open"], ["log", "ada", "text", "--with"]):
        items = shell.get_completions(["--vault", str(root), *args], "sam-")
        assert [(i.value, i.help) for i in items] == [
            ("sam-lee", "Sam Lee"),
            ("sam-ortiz", "Sam Ortiz"),
        ], args


def test_completion_is_silent_without_a_vault(tmp_path: object) -> None:
    shell = ShellComplete(main, {}, "hortus", "_HORTUS_COMPLETE")
    assert shell.get_completions(["--vault", "/nonexistent/vault", "show"], "a") == []


def test_a_first_name_finds_the_one_contact_with_that_word(make_vault: MakeVault) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    assert resolve(contacts, "ADA").path == "people/ada-lovelace.md"
    assert resolve(contacts, "durand").path == "people/zoe.md"
    assert resolve(contacts, "ortiz").path == "people/team/sam-ortiz.md"


def test_a_first_name_two_contacts_share_writes_nothing(make_vault: MakeVault) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    with pytest.raises(AmbiguousNameError) as caught:
        resolve(contacts, "sam")  # both Sams have it as an alias: exact, and ambiguous
    assert "Sam Lee (people/sam-lee.md)" in str(caught.value)
    files = {**FILES, "people/ada-byron.md": "---\nname: Ada Byron\n---\n"}
    contacts = index_of(make_vault(files)).contacts
    with pytest.raises(AmbiguousNameError):
        resolve(contacts, "ada")
