"""LinkedIn and Google CSV exports as the services really write them, and broken ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from hortus.core.errors import ImportFileError
from hortus.core.model import Problem, Source
from hortus.exchange.importers import birthday_text
from hortus.exchange.importers.google import labels_to_tags, read_google
from hortus.exchange.importers.linkedin import connected_on, read_linkedin
from hortus.exchange.importers.table import MAX_CELL

# LinkedIn's Connections.csv as downloaded: a Notes: preamble (a quoted disclaimer), a blank
# line, then the header. CRLF line ends, as LinkedIn writes them.
LINKEDIN = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email. You can learn more here"\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    'Jane,Roe,https://www.linkedin.com/in/janeroe,jane@example.com,"Acme, Inc.",'
    "Staff Engineer,12 Mar 2021\r\n"
    "Łukasz,Nowak,https://www.linkedin.com/in/lnowak,,Globex,CTO,01 Feb 2019\r\n"
    ",,https://www.linkedin.com/in/ghost,,,,03 Feb 2022\r\n"
    "Bob,Stone,,,,,sometime\r\n"
)


def test_linkedin_export_with_its_preamble() -> None:
    imported = read_linkedin(LINKEDIN.encode("utf-8"), "Connections.csv")
    jane, lukasz, bob = imported.people
    assert (jane.line, jane.name, jane.emails, jane.company, jane.role) == (
        5,
        "Jane Roe",
        ("jane@example.com",),
        "Acme, Inc.",
        "Staff Engineer",
    )
    assert jane.linkedin == "https://www.linkedin.com/in/janeroe"
    assert (jane.met, jane.met_how) == (dt.date(2021, 3, 12), "Connected on LinkedIn")
    assert (lukasz.name, lukasz.emails, lukasz.met) == ("Łukasz Nowak", (), dt.date(2019, 2, 1))
    assert (bob.name, bob.met) == ("Bob Stone", None)
    assert imported.records == 4
    assert _messages(imported.problems) == (
        (Source("Connections.csv", 7), "no name; this row is skipped"),
        (
            Source("Connections.csv", 8),
            "'Connected On' 'sometime' is not a date like 12 Mar 2021; imported without it",
        ),
    )


def test_linkedin_without_the_preamble_and_with_a_bom() -> None:
    text = "\ufeff" + LINKEDIN.split("\r\n\r\n", 1)[1]
    imported = read_linkedin(text.encode("utf-8"), "c.csv")
    assert [p.name for p in imported.people] == ["Jane Roe", "Łukasz Nowak", "Bob Stone"]
    assert imported.people[0].line == 2


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12 Mar 2021", dt.date(2021, 3, 12)),
        ("1 Dec 2020", dt.date(2020, 12, 1)),
        ("05 sept 2020", dt.date(2020, 9, 5)),
        ("2021-03-12", dt.date(2021, 3, 12)),
        ("31 Feb 2021", None),
        ("12 Foo 2021", None),
        ("", None),
    ],
)
def test_connected_on(text: str, day: dt.date | None) -> None:
    assert connected_on(text) == day


def test_a_file_without_the_header_is_unusable() -> None:
    with pytest.raises(ImportFileError, match=r"no header row with First Name, Last Name"):
        read_linkedin(b"Name,Mail\nAda,ada@example.com\n", "x.csv")
    with pytest.raises(ImportFileError, match="no header row"):
        read_linkedin(b"", "x.csv")


def test_a_file_that_is_not_utf8_is_refused_with_where_and_why() -> None:
    data = "First Name;Last Name\r\nJosé;Núñez\r\n".encode("cp1252")
    with pytest.raises(ImportFileError) as info:
        read_linkedin(data, "excel.csv")
    assert info.value.message == (
        "cannot import excel.csv: line 2 is not UTF-8 (byte 25); hortus reads CSV files as "
        "UTF-8: export it again as 'CSV UTF-8'; nothing was imported"
    )
    with pytest.raises(ImportFileError, match="it is UTF-16"):
        read_linkedin("First Name".encode("utf-16"), "x.csv")


def test_semicolons_as_excel_writes_them() -> None:
    data = "First Name;Last Name;Email Address\r\nJosé;Núñez;jose@example.com\r\n"
    (person,) = read_linkedin(data.encode("utf-8"), "x.csv").people
    assert (person.name, person.emails) == ("José Núñez", ("jose@example.com",))


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_an_unterminated_quote_is_one_problem_and_the_next_rows_are_read() -> None:
    data = HEADER + 'Ada,"Love,,,,,,01 Jan 2020\nBob,Stone,,,,,02 Jan 2020\nCy,Twombly,,,,,\n'
    imported = read_linkedin(data.encode(), "broken.csv")
    assert [p.name for p in imported.people] == ["Bob Stone", "Cy Twombly"]
    assert [p.line for p in imported.people] == [3, 4]
    assert imported.records == 3
    assert _messages(imported.problems) == (
        (
            Source("broken.csv", 2),
            "a quote here is never closed; this row is skipped (check its quotes)",
        ),
    )


def test_a_quoted_cell_over_several_lines_is_fine() -> None:
    data = HEADER + 'Ada,Lovelace,,,"Analytical\nEngines",Poet,01 Jan 2020\nBob,Stone,,,,,\n'
    ada, bob = read_linkedin(data.encode(), "x.csv").people
    assert (ada.company, ada.line, bob.line) == ("Analytical Engines", 2, 4)


def test_a_huge_cell_is_reported_and_bounded() -> None:
    data = HEADER + f"Ada,{'x' * (MAX_CELL + 10)},,,,,\nBob,Stone,,,,,\n"
    imported = read_linkedin(data.encode(), "big.csv")
    assert [p.name for p in imported.people] == ["Bob Stone"]
    assert _messages(imported.problems) == (
        (Source("big.csv", 2), "a cell is larger than 128 KiB; this row is skipped"),
    )


def test_formulas_and_path_tricks_are_kept_as_text() -> None:
    data = HEADER + '../../x,CON,,,"=HYPERLINK(""http://evil"")",@SUM(1+1),\n+1 555 0100,a/b,,,,,\n'
    first, second = read_linkedin(data.encode(), "x.csv").people
    assert (first.name, first.company, first.role) == (
        "../../x CON",
        '=HYPERLINK("http://evil")',
        "@SUM(1+1)",
    )
    assert second.name == "+1 555 0100 a/b"


# Google Contacts' current CSV export: UTF-8 with a BOM, ` ::: ` between several values.
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Postal Code\r\n"
)
GOOGLE = (
    "\ufeff" + GOOGLE_HEADER + "Ada,King,Lovelace,,,,,,Ada ::: Countess,,Analytical Engines,Poet,,"
    '1815-12-10,"Met at the Babbage party.\nLoves #math and [[Charles]].",,'
    "* myContacts ::: Friends ::: Climbing Club,* Home,ada@example.com ::: ada@work.example,"
    "Work,countess@example.org,Mobile,+44 20 7946 0018 ::: 020 7946 0019,Home,0612345678,"
    'Home,"1 Rue X\n69001 Lyon",01234\r\n'
    "Bob,,Stone,,,,,,,,,,,--04-12,,,* myContacts ::: * starred,,,,,,,,,,,\r\n"
    ",,,,,,,,Zed,,,,,,,,,,,,,,,,,,,\r\n"
    ",,,,,,,,,,Some Company,,,,,,,,,,,,,,,,,\r\n"
    "Cy,,Twombly,,,,,,,,,,,12/31/1928,,,,,,,,,,,,,,\r\n"
)


def test_google_contacts_csv() -> None:
    imported = read_google(GOOGLE.encode("utf-8"), "contacts.csv")
    ada, bob, zed, cy = imported.people
    assert [p.line for p in imported.people] == [2, 5, 6, 8]  # Ada's cells span lines 2-4
    assert ada.name == "Ada King Lovelace"
    assert ada.aliases == ("Ada", "Countess")
    assert ada.emails == ("ada@example.com", "ada@work.example", "countess@example.org")
    assert ada.phones == ("+44 20 7946 0018", "020 7946 0019", "0612345678")
    assert (ada.company, ada.role, ada.birthday) == ("Analytical Engines", "Poet", "1815-12-10")
    assert ada.tags == ("friends", "climbing-club")
    assert ada.note == "Met at the Babbage party.\nLoves #math and [[Charles]]."
    assert ada.address == "1 Rue X 69001 Lyon"
    assert (bob.birthday, bob.tags) == ("--04-12", ("starred",))
    assert (zed.name, zed.aliases) == ("Zed", ())
    assert cy.birthday is None
    assert _messages(imported.problems) == (
        (Source("contacts.csv", 7), "no name; this row is skipped"),
        (
            Source("contacts.csv", 8),
            "birthday '12/31/1928' is not a date like 1990-04-12 or --04-12; skipped",
        ),
    )


def test_google_older_header() -> None:
    data = (
        "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Group Membership,"
        "E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
        "Ada Lovelace,Ada,,Lovelace,,--12-10,* myContacts ::: Family,* ,ada@example.com,"
        "Engines,Poet\n"
    )
    (ada,) = read_google(data.encode(), "old.csv").people
    assert (ada.name, ada.birthday, ada.tags, ada.emails, ada.company, ada.role) == (
        "Ada Lovelace",
        "--12-10",
        ("family",),
        ("ada@example.com",),
        "Engines",
        "Poet",
    )


@pytest.mark.parametrize(
    ("label", "tags"),
    [
        ("* myContacts", ()),
        ("Friends ::: friends", ("friends",)),
        ("Book Club! ::: 2024", ("book-club",)),
        ("Famille/Proche ::: Émigrés", ("famille/proche", "émigrés")),
    ],
)
def test_labels_to_tags(label: str, tags: tuple[str, ...]) -> None:
    assert labels_to_tags(label) == tags


@pytest.mark.parametrize(
    ("text", "birthday"),
    [
        ("1990-04-12", "1990-04-12"),
        ("19900412", "1990-04-12"),
        ("--0412", "--04-12"),
        ("--04-12", "--04-12"),
        ("04-12", "--04-12"),
        ("--0229", "--02-29"),
        ("1990-04-12T00:00:00Z", "1990-04-12"),
        ("1990-02-29", None),
        ("--1332", None),
        ("soon", None),
    ],
)
def test_birthday_text(text: str, birthday: str | None) -> None:
    assert birthday_text(text) == birthday


def _messages(problems: Sequence[Problem]) -> tuple[tuple[Source, str], ...]:
    """Each problem's place and its sentence, in English."""
    return tuple((problem.source, problem.message) for problem in problems)
