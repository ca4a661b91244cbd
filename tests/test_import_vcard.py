"""vCards from Apple, Google, Outlook and phones (2.1, 3.0, 4.0), and hostile ones."""

from __future__ import annotations

import base64
import io
import time
import tracemalloc
from collections.abc import Sequence

from hortus.core.model import Problem, Source
from hortus.exchange.importers.vcard import MAX_LINE, read_vcards


def read(text: str | bytes, display: str = "contacts.vcf"):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_vcards(io.BytesIO(data), display)


# Apple Contacts (vCard 3.0): CRLF, folded lines, grouped properties, a base64 photo folded
# over many lines, a birthday without a year (Apple's X-APPLE-OMIT-YEAR filler year).
PHOTO = base64.b64encode(bytes(range(256)) * 8).decode()
APPLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Lovelace;Ada;King;;\r\n"
    "FN:Ada King Lovelace\r\n"
    "NICKNAME:Ada,Countess\r\n"
    "ORG:Analytical Engines;Research\r\n"
    "TITLE:Poet of\r\n"
    "  Science\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:ada@example.com\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "EMAIL;type=INTERNET;type=WORK:ada@engines.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0018\r\n"
    "ADR;type=HOME;type=pref:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\r\n"
    "NOTE:Met at Babbage's soirée.\\nLoves #math\\, [[Charles]] and poetry.\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10\r\n"
    "CATEGORIES:friends,math\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:"
    + "\r\n ".join(PHOTO[i : i + 74] for i in range(0, len(PHOTO), 74))
    + "\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/adalovelace\r\n"
    "END:VCARD\r\n"
)

# Google Contacts (vCard 3.0): BDAY without a year as --MM-DD, many cards in one file.
GOOGLE = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Bob Stone\nN:Stone;Bob;;;\nBDAY:--04-12\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:bob@example.com\nTEL;TYPE=CELL:0612345678\n"
    "PHOTO:https://lh3.googleusercontent.com/contacts/ABC\n"
    "CATEGORIES:myContacts,Climbing\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Carla Diaz\nN:Diaz;Carla;;;\nBDAY:1990-02-28\n"
    "END:VCARD\n"
)

# A phone or Outlook (vCard 2.1): quoted-printable with soft line breaks, CHARSET, a bare
# BASE64 photo whose lines are not indented and end at a blank line.
OUTLOOK = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BC=\r\n"
    "ller\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Erste Zeile=0D=0Azweite Zeile, die sehr lang ist und =\r\n"
    "weitergeht\r\n"
    "TEL;CELL;PREF:+49 170 1234567\r\n"
    "EMAIL;INTERNET:j.mueller@example.de\r\n"
    "BDAY:19850704\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
    "/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
    "\r\n"
    "ORG:Müller GmbH\r\n"
    "END:VCARD\r\n"
)

V4 = (
    "BEGIN:VCARD\nVERSION:4.0\nFN:Zoë Durand\nNICKNAME:Zo\nBDAY:--0229\n"
    "EMAIL;PREF=1:zoe@example.fr\nCATEGORIES:famille\nEND:VCARD\n"
)


def test_apple_vcard() -> None:
    imported = read(APPLE)
    (ada,) = imported.people
    assert imported.problems == ()
    assert (ada.line, ada.name, ada.aliases) == (1, "Ada King Lovelace", ("Ada", "Countess"))
    assert (ada.company, ada.role) == ("Analytical Engines", "Poet of Science")
    assert ada.emails == ("ada@example.com", "ada@engines.example")
    assert ada.phones == ("+44 20 7946 0018",)
    assert ada.birthday == "--12-10"
    assert ada.tags == ("friends", "math")
    assert ada.note == "Met at Babbage's soirée.\nLoves #math, [[Charles]] and poetry."
    assert ada.address == "12 St James's Square, SW1Y 4JH London, United Kingdom"
    assert ada.linkedin == "https://www.linkedin.com/in/adalovelace"


def test_google_vcards() -> None:
    imported = read(GOOGLE)
    bob, carla = imported.people
    assert (bob.name, bob.birthday, bob.emails, bob.phones) == (
        "Bob Stone",
        "--04-12",
        ("bob@example.com",),
        ("0612345678",),
    )
    assert bob.tags == ("myContacts", "Climbing")
    assert (carla.line, carla.birthday) == (11, "1990-02-28")
    assert imported.records == 2


def test_vcard_2_1_quoted_printable_and_a_bare_base64_photo() -> None:
    imported = read(OUTLOOK)
    assert imported.problems == ()
    (jurgen,) = imported.people
    assert jurgen.name == "Jürgen Müller"
    assert jurgen.note == "Erste Zeile\nzweite Zeile, die sehr lang ist und weitergeht"
    assert (jurgen.phones, jurgen.emails) == (("+49 170 1234567",), ("j.mueller@example.de",))
    assert (jurgen.birthday, jurgen.company) == ("1985-07-04", "Müller GmbH")


def test_vcard_4_0() -> None:
    (zoe,) = read(V4).people
    assert (zoe.name, zoe.aliases, zoe.birthday, zoe.emails, zoe.tags) == (
        "Zoë Durand",
        ("Zo",),
        "--02-29",
        ("zoe@example.fr",),
        ("famille",),
    )


def test_a_bom_and_many_cards_in_one_file() -> None:
    imported = read("\ufeff" + V4 + GOOGLE + APPLE)
    assert [p.name for p in imported.people] == [
        "Zoë Durand",
        "Bob Stone",
        "Carla Diaz",
        "Ada King Lovelace",
    ]


def test_bad_cards_are_one_problem_each_at_their_line() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEND:VCARD\n"  # 1: no name
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nthis is garbage\nEND:VCARD\n"  # 5
        "BEGIN:VCARD\nVERSION:3.0\nFN:Never Ends\n"  # 10: no END
        + V4  # 13
        + "BEGIN:VCARD\nVERSION:3.0\nFN:<script>alert(1)</script>\nBDAY:soon\nEND:VCARD\n"
    )
    imported = read(text, "x.vcf")
    assert [p.name for p in imported.people] == ["Zoë Durand", "<script>alert(1)</script>"]
    messages = [(p.source.line, p.message) for p in imported.problems]
    assert messages[0] == (1, "no name (FN, N or NICKNAME); card skipped")
    assert messages[1][0] == 5
    assert messages[1][1].startswith("this card cannot be read (")
    assert messages[2:] == [
        (10, "this card has no END:VCARD before line 13; skipped"),
        (21, "BDAY 'soon' is not a date; imported without it"),
    ]
    assert imported.records == 5


def test_two_thousand_nested_cards_are_two_problems_in_bounded_time() -> None:
    text = "BEGIN:VCARD\n" * 2000 + "VERSION:3.0\nFN:Deep\n" + "END:VCARD\n" * 2000 + V4
    start = time.monotonic()
    imported = read(text, "nested.vcf")
    assert time.monotonic() - start < 5
    assert [p.name for p in imported.people] == ["Deep", "Zoë Durand"]
    assert imported.records == 3  # the run of bare BEGIN:VCARD lines counts once
    assert _messages(imported.problems) == (
        (Source("nested.vcf", 1), "1999 BEGIN:VCARD lines without a card or END:VCARD; skipped"),
        (Source("nested.vcf", 2004), "1999 END:VCARD lines without a BEGIN:VCARD; ignored"),
    )


def test_a_calendar_and_text_between_cards_are_reported_once_each() -> None:
    text = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"
        + V4
        + "BEGIN:VCARD\nVERSION:3.0\nFN:Inner\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCARD\n"
    )
    imported = read(text, "mixed.vcf")
    assert [p.name for p in imported.people] == ["Zoë Durand"]
    assert [(p.source.line, p.message) for p in imported.problems] == [
        (1, "text outside BEGIN:VCARD … END:VCARD; ignored"),
        (15, "line 18 starts another object inside this card; card skipped"),
    ]


def test_a_card_that_is_not_utf8_is_skipped() -> None:
    data = b"BEGIN:VCARD\nVERSION:3.0\nFN:Jos\xe9\nEND:VCARD\n" + V4.encode()
    imported = read(data, "latin.vcf")
    assert [p.name for p in imported.people] == ["Zoë Durand"]
    assert _messages(imported.problems) == (
        (Source("latin.vcf", 1), "line 3 is not UTF-8; card skipped (export it as UTF-8)"),
    )


def test_a_very_long_line_that_is_not_a_photo_skips_its_card() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Long\nNOTE:" + "x" * (MAX_LINE * 3) + "\nEND:VCARD\n" + V4
    imported = read(data, "long.vcf")
    assert [p.name for p in imported.people] == ["Zoë Durand"]
    assert _messages(imported.problems) == (
        (Source("long.vcf", 1), "line 4 is longer than 64 KiB; card skipped"),
    )


def test_a_30_mb_photo_is_skipped_without_being_held_in_memory() -> None:
    photo = b"A" * (30 * 1024 * 1024)
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:"
        + photo
        + b"\r\nEMAIL:big@example.com\r\nEND:VCARD\r\n"
        + V4.encode()
    )
    stream = io.BytesIO(data)
    del photo
    tracemalloc.start()
    start = time.monotonic()
    imported = read_vcards(stream, "photo.vcf")
    elapsed = time.monotonic() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.name for p in imported.people] == ["Big Photo", "Zoë Durand"]
    assert imported.people[0].emails == ("big@example.com",)
    assert imported.problems == ()
    assert peak < 4 * 1024 * 1024  # the photo (30 MB) never was in memory at once
    assert elapsed < 5


def test_a_file_with_no_card_has_no_records() -> None:
    imported = read("hello\nworld\n", "x.vcf")
    assert (imported.records, imported.people) == (0, ())


def test_only_begin_lines_are_one_problem() -> None:
    imported = read("BEGIN:VCARD\n" * 2000, "begins.vcf")
    assert imported.people == ()
    assert _messages(imported.problems) == (
        (Source("begins.vcf", 1), "2000 BEGIN:VCARD lines without a card or END:VCARD; skipped"),
    )


def test_names_are_nfc_as_macos_decomposes_them() -> None:
    decomposed = "Zoe\u0301 Durand"
    (zoe,) = read(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{decomposed}\nNICKNAME:Zo\u0308\nEND:VCARD\n"
    ).people
    assert (zoe.name, zoe.aliases) == ("Zoé Durand", ("Zö",))


def test_a_card_larger_than_the_cap_is_skipped() -> None:
    notes = "".join(f"NOTE:{'n' * 60_000}\n" for _ in range(20))  # 1.2 MB in lines under 64 KiB
    imported = read(f"BEGIN:VCARD\nVERSION:3.0\nFN:Huge\n{notes}END:VCARD\n{V4}", "huge.vcf")
    assert [p.name for p in imported.people] == ["Zoë Durand"]
    assert _messages(imported.problems) == (
        (Source("huge.vcf", 1), "this card is larger than 1024 KiB; skipped"),
    )


def _messages(problems: Sequence[Problem]) -> tuple[tuple[Source, str], ...]:
    """Each problem's place and its sentence, in English."""
    return tuple((problem.source, problem.message) for problem in problems)
