"""The MCP server: the only module that imports the SDK (`mcp`, with its `pydantic`).

Each tool is a thin shell around one `Answers` method: its arguments typed and described (the
SDK turns them into the input schema and rejects what does not fit it), its answer compact JSON
(as text, and as structured content), an operation that cannot be done an error result with
one clear sentence. The writing tools exist only when the server was started with
`--allow-write`: without it they are not listed, and a call to one is an unknown tool.
It speaks over stdin and stdout only, and opens no network connection.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from hortus import __version__
from hortus.assistant.answers import SEARCH_LIMIT, Answers, message_of
from hortus.core.errors import HortusError
from hortus.core.said import said
from hortus.loader.load import LookupUnavailableError

INSTRUCTIONS = (
    "hortus is the user's relationship journal: one Markdown note per person, dated entries, "
    "promises as tasks. Every answer is JSON; `source` is where it is written, as path:line "
    "in the user's vault, and long lists say how many items they left out (`more`). Names "
    "are found as the user writes them: a full name, an alias, or one word of a name."
)

Name = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description="A person: full name, alias, file name (ada-lovelace) or one word of a "
        "single person's name (ada). Case and accents do not matter.",
    ),
]
Day = Annotated[str, Field(pattern=r"^\s*\d{4}-\d{2}-\d{2}\s*$", description="YYYY-MM-DD")]
OptionalDay = Annotated[
    str | None, Field(pattern=r"^\s*\d{4}-\d{2}-\d{2}\s*$", description="YYYY-MM-DD")
]
Text = Annotated[str, Field(min_length=1, max_length=10_000)]

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)
WRITE = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)

Tool = Callable[..., CallToolResult]


def build_server(root: Path, clock: Callable[[], dt.date], *, allow_write: bool) -> MCPServer:
    answers = Answers(root, clock)
    server: MCPServer = MCPServer(
        "hortus", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING"
    )
    for tool, title in _read_tools(answers):
        server.add_tool(tool, title=title, annotations=READ)
    if allow_write:
        for tool, title in _write_tools(answers):
            server.add_tool(tool, title=title, annotations=WRITE)
    return server


def serve(root: Path, clock: Callable[[], dt.date], *, allow_write: bool) -> None:
    """Answer on stdin and stdout until the client closes them."""
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C in a terminal: stop quietly
        build_server(root, clock, allow_write=allow_write).run("stdio")


def answer(answers: Answers, make: Callable[[], dict[str, object]]) -> CallToolResult:
    """The answer as compact JSON, or an error result saying why there is none (in the
    vault's language; a system error as the system says it)."""
    try:
        document = make()
    except HortusError as exc:
        return _error(answers.say(message_of(exc)))
    except LookupUnavailableError:
        lacking = said("this Python's SQLite has no FTS5, which hortus needs to find notes")
        return _error(answers.say(lacking))
    except OSError as exc:
        return _error(str(exc))
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return CallToolResult(
        content=[TextContent(type="text", text=text)], structured_content=document
    )


def _error(message: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=message)], is_error=True)


def _read_tools(answers: Answers) -> list[tuple[Tool, str]]:
    def garden_today() -> CallToolResult:
        """Today's garden, as the user's garden page opens: today's gestures (small things to
        do, each with a suggestion), who needs watering (people not in touch for longer than
        their cadence), key moments in people's lives and what to ask them after, dates in the
        next 14 days (birthdays, anniversaries, memorials, name days; gift ideas), open
        promises (overdue first), thanks owed and introductions that grew. Short lists;
        `more` counts the rest."""
        return answer(answers, answers.garden)

    def person(
        name: Name,
        recent: Annotated[int, Field(ge=1, le=50, description="Latest entries to list")] = 10,
    ) -> CallToolResult:
        """One person's card: circle and cadence, how the relationship is doing (state, last
        interaction, days since), birthday, tags, every front-matter field, open promises, key
        moments, and their latest entries from every note, newest first. A name that could
        mean several people answers with `candidates` instead: ask the user which one."""
        return answer(answers, lambda: answers.person(name, recent))

    def search_notes(
        words: Annotated[
            list[Annotated[str, Field(min_length=1, max_length=200)]],
            Field(
                min_length=1,
                max_length=20,
                description="Every word must match (case and accents ignored). An item with "
                "spaces is an exact phrase; a trailing * is a prefix (sourd*).",
            ),
        ],
        person: Annotated[
            Name | None, Field(description="Only entries involving this person")
        ] = None,
        tag: Annotated[
            str | None, Field(max_length=100, description="Only entries with #tag")
        ] = None,
        since: Annotated[
            OptionalDay, Field(description="Only entries on or after this day")
        ] = None,
        until: Annotated[
            OptionalDay, Field(description="Only entries on or before this day")
        ] = None,
        limit: Annotated[int, Field(ge=1, le=SEARCH_LIMIT)] = 10,
    ) -> CallToolResult:
        """Search the notes: entries and notes holding every word, newest first, each with a
        snippet, the people it involves, its tags and its source. Front-matter values are
        searched too (search 'lisbon' finds who lives in Lisbon)."""
        return answer(answers, lambda: answers.search(words, person, tag, since, until, limit))

    def people_by_field(
        text: Annotated[
            str,
            Field(
                min_length=1,
                max_length=200,
                description="A company, city, tag, circle or any value (stripe, berlin)",
            ),
        ],
        field: Annotated[
            str | None,
            Field(max_length=100, description="Only this front-matter key (company, city…)"),
        ] = None,
    ) -> CallToolResult:
        """Who has a front-matter value matching a text: 'who do I know at Stripe' is
        text='stripe'. Matches at the start of a word, without case or accents, in every field
        (company, city, email…), the circle and the tags. By name."""
        return answer(answers, lambda: answers.people_by_field(text, field))

    def dates_between(start: Day, end: Day) -> CallToolResult:
        """What falls from `start` to `end` (both included, at most 366 days): every date
        that matters (birthdays with the age turned, anniversaries, memorials, name days and
        the user's own dates, with the years since and gift ideas), promises due, and plans
        (entries dated after today). By date."""
        return answer(answers, lambda: answers.dates(start, end))

    return [
        (garden_today, "Today's garden"),
        (person, "One person"),
        (search_notes, "Search the notes"),
        (people_by_field, "People by field"),
        (dates_between, "Dates between two days"),
    ]


def _write_tools(answers: Answers) -> list[tuple[Tool, str]]:
    def log_entry(
        name: Name,
        text: Annotated[
            Text, Field(description="What happened; the first line is the entry's title")
        ],
        date: Annotated[OptionalDay, Field(description="The entry's day; default today")] = None,
        tags: Annotated[
            tuple[Annotated[str, Field(max_length=100)], ...],
            Field(max_length=20, description="Tags, with or without #"),
        ] = (),
        with_people: Annotated[
            tuple[Name, ...], Field(max_length=20, description="Others who were there")
        ] = (),
    ) -> CallToolResult:
        """Write a dated entry in a person's note, exactly as `hortus log` does: appended at
        the end, every earlier byte kept, in the note's own style. Returns where it was
        written (path:line) and the lines written."""
        return answer(answers, lambda: answers.log(name, text, date, tags, with_people))

    def add_promise(
        name: Name,
        text: Annotated[Text, Field(description="The promise, on one line")],
        due: Annotated[OptionalDay, Field(description="When it is due, if it is")] = None,
    ) -> CallToolResult:
        """Write a promise to a person down: an open task at the end of their note
        (`- [ ] text 📅 due`). Returns where it was written (path:line)."""
        return answer(answers, lambda: answers.promise(name, text, due))

    return [(log_entry, "Log an entry"), (add_promise, "Add a promise")]
