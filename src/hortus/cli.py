"""The `hortus` command: options in, one pipeline call, text out, an exit code. Nothing more."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.shell_completion import CompletionItem

from hortus import __version__
from hortus.core.said import Said, said
from hortus.exchange.export import KINDS as EXPORT_KINDS
from hortus.exchange.importers import KINDS as IMPORT_KINDS

if TYPE_CHECKING:
    from hortus.core.dates import DateWord
    from hortus.garden import OpenPromise
    from hortus.loader.load import Progress
    from hortus.loader.vault import Vault

# Each command imports what it uses in its body: `hortus --version`, `--help` and a Tab
# completion should not pay for the parser, the garden and the renderers.

F = TypeVar("F", bound=Callable[..., Any])


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> DateWord | None:
    """A date as typed (`2026-11-20`, `yesterday`, `-3d`, `friday`, `vendredi`…), resolved by
    the command against the vault's day."""
    from hortus.core.dates import HELP, read_date

    if value is None:
        return None
    word = read_date(value)
    if word is None:
        raise click.BadParameter(f"{value!r} is not a date: use {HELP}") from None
    return word


def _today_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """`--today`: a date word, relative to the clock (it replaces the vault's day)."""
    from hortus.core.config import today_problem

    word = _date_option(ctx, param, value)
    if word is None:
        return None
    day = word.on(dt.date.today())
    why = today_problem(day)
    if why is not None:
        raise click.BadParameter(str(why))
    return day


def _on(word: DateWord | None, day: dt.date) -> dt.date | None:
    return None if word is None else word.on(day)


TODAY = click.option(
    "--today",
    metavar="DATE",
    default=None,
    callback=_today_option,
    help="Compute the garden for this date (YYYY-MM-DD, yesterday, -3d, monday…) instead of "
    "the clock or a pinned date.",
)
YES = click.option(
    "--yes",
    "-y",
    is_flag=True,
    help="When NAME is no contact but close to exactly one, use that one.",
)


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo`, with control characters shown instead of obeyed (`render/terminal.py`)."""
    from hortus.render.terminal import printable

    click.echo(printable(message), err=err, nl=nl)


# Where `_vault` leaves the vault's language, for what the command line says after it.
LANGUAGE = "hortus.language"


def say(sentence: Said) -> str:
    """A sentence in the vault's language (English until a vault is open)."""
    from hortus.render.i18n import catalogue

    ctx = click.get_current_context(silent=True)
    code = ctx.meta.get(LANGUAGE, "en") if ctx is not None else "en"
    return catalogue(code).say(sentence)


def reports_errors(command: F) -> F:
    """Turn an operation failure into one line on stderr and its exit code, never a traceback."""
    from hortus.core.errors import HortusError

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HortusError as exc:
            echo(f"hortus: {say(exc.said)}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(__version__, prog_name="hortus")
@click.option(
    "--vault",
    "vault_path",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="The vault folder. Default: $HORTUS_VAULT, else the nearest folder upward "
    "holding hortus.toml (commands that only read: else the current folder).",
)
@click.pass_context
def main(ctx: click.Context, vault_path: str | None) -> None:
    """hortus: a plain-text relationship journal that grows a garden from your notes."""
    ctx.obj = vault_path  # located by the command that needs it (`--help` needs none)


def _vault(ctx: click.Context, *, writes: bool = False) -> Vault:
    """The vault; where none was named or found, a command that writes refuses and one that
    only reads reads the current folder, saying so on stderr."""
    from hortus.core.errors import NoVaultHereError
    from hortus.loader.vault import find_vault, open_vault

    explicit: str | None = ctx.find_root().obj
    root = find_vault(explicit, os.environ, Path.cwd())
    if root is None:
        if writes:
            raise NoVaultHereError(str(Path.cwd()))
        echo(
            f"hortus: no vault found (no hortus.toml here or above); reading {Path.cwd()}",
            err=True,
        )
        vault = dataclasses.replace(open_vault(Path.cwd()), keep_cache=False)
    else:
        vault = open_vault(root)
    ctx.meta[LANGUAGE] = vault.config.language
    return vault


def _progress() -> Progress:
    """Click's progress bar on stderr while both outputs are a terminal; nothing otherwise
    (a script or a pipe gets only the command's output)."""
    from hortus.loader.load import no_progress

    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        return no_progress

    @contextmanager
    def bar(label: Said, total: int) -> Iterator[Callable[[int], None]]:
        with click.progressbar(length=total, label=say(label), file=sys.stderr) as shown:
            yield shown.update

    return bar


@main.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def init(path: Path | None) -> None:
    """Create a new vault in PATH (default: the current folder)."""
    from hortus.loader.vault import init_vault

    root = path or Path.cwd()
    created = init_vault(root)
    for rel in created:
        echo(f"created {rel}")
    if not created:
        echo(f"{root} is already a hortus vault; nothing changed.")
    else:
        echo("Your vault is ready: one note per person in people/, then `hortus regenerate`.")


@main.command(name="regenerate")
@TODAY
@click.pass_context
@reports_errors
def regenerate_command(ctx: click.Context, today: dt.date | None) -> None:
    """Write the garden pages (GARDEN.md, garden.html, and garden.ics when `ics` is set) and
    print a one-line summary."""
    from hortus.loader.pages import regenerate
    from hortus.render.summary import calendar_written, regenerated

    vault = _vault(ctx, writes=True)
    result = regenerate(vault, today, dt.date.today(), _progress())
    language = vault.config.language
    written = [
        p for p, w in ((result.path, result.written), (result.html_path, result.html_written)) if w
    ]
    paths = ", ".join(written or [result.path, result.html_path])
    echo(regenerated(result.summary, paths, bool(written), language))
    if result.ics is not None:
        echo(calendar_written(result.ics, result.ics_written, result.ics_events, language))


@main.command()
@TODAY
@click.option("--json", "as_json", is_flag=True, help="Print the garden as JSON (docs/json.md).")
@click.option("--all", "show_all", is_flag=True, help="Every list in full, not its first few.")
@click.option(
    "--section",
    metavar="NAME",
    help="Only this list, in full: needs-watering, promises, seedlings… (docs/vault-format.md).",
)
@click.pass_context
@reports_errors
def status(
    ctx: click.Context, today: dt.date | None, as_json: bool, show_all: bool, section: str | None
) -> None:
    """Show the garden in the terminal, each list's first few (`[lists] status`); writes
    nothing. --json always has everything."""
    from hortus.commands.garden import status_text
    from hortus.render.status_text import SECTIONS

    if section is not None and section not in SECTIONS:
        raise click.BadParameter(f"{section!r} is not one of {', '.join(SECTIONS)}", ctx)
    vault = _vault(ctx)
    day = vault.day(today, dt.date.today())
    progress = _progress()
    text = status_text(
        vault, day, as_json=as_json, progress=progress, show_all=show_all, section=section
    )
    echo(text, nl=False)


@main.command()
@TODAY
@click.option(
    "--days",
    type=click.IntRange(1, 366),
    default=7,
    show_default=True,
    help="What comes in this many days, today included.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "markdown", "json")),
    default="text",
    show_default=True,
    help="Plain text (for mail), Markdown, or JSON (docs/json.md).",
)
@click.pass_context
@reports_errors
def digest(ctx: click.Context, today: dt.date | None, days: int, fmt: str) -> None:
    """Today's gestures and what the next days bring (birthdays, promises falling due, plans,
    key moments unanswered), in under 25 lines; nothing at all on a quiet day. For cron."""
    from hortus.commands.digest import digest_text

    vault = _vault(ctx)
    day = vault.day(today, dt.date.today())
    echo(digest_text(vault, day, days, fmt, _progress()), nl=False)


@main.command()
@click.pass_context
@reports_errors
def check(ctx: click.Context) -> None:
    """List every problem as path:line: message; exit 1 if there is any."""
    from hortus.commands.garden import check_text

    text = check_text(_vault(ctx), _progress())
    echo(text, nl=False)
    if text:
        sys.exit(1)


@main.command()
@TODAY
@click.option(
    "--quiet-ms",
    type=click.IntRange(0, 60_000),
    default=50,
    show_default=True,
    help="Regenerate once no file changed for this long.",
)
@click.option(
    "--max-delay-ms",
    type=click.IntRange(0, 600_000),
    default=1000,
    show_default=True,
    help="…but at the latest this long after the first change, even while files keep changing.",
)
@click.pass_context
@reports_errors
def watch(ctx: click.Context, today: dt.date | None, quiet_ms: int, max_delay_ms: int) -> None:
    """Keep the garden pages up to date while you edit notes; Ctrl-C stops."""
    from hortus.watch.debounce import Timing
    from hortus.watch.watcher import watch as run_watcher

    timing = Timing(quiet=quiet_ms / 1000, max_delay=max(quiet_ms, max_delay_ms) / 1000)
    run_watcher(_vault(ctx, writes=True), today, dt.date.today, echo, timing)


@main.command()
@TODAY
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="The port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default=None,
    metavar="ADDRESS",
    help="Also listen on ADDRESS (another machine could then reach it; a warning is printed).",
)
@click.option("--no-open", is_flag=True, help="Do not open the page in the browser.")
@click.pass_context
@reports_errors
def serve(
    ctx: click.Context, today: dt.date | None, port: int, host: str | None, no_open: bool
) -> None:
    """Serve the live garden on this machine (and watch, as `hortus watch`); Ctrl-C stops.
    Needs the `serve` extra: pip install "hortus[serve]"."""
    try:
        from hortus.serve.run import Options
        from hortus.serve.run import serve as run_server
    except ImportError as exc:
        raise click.ClickException(
            f"hortus serve needs Starlette and uvicorn ({exc.name} is missing): "
            'pip install "hortus[serve]"'
        ) from exc
    options = Options(port, host, not no_open, today)
    run_server(_vault(ctx), options, dt.date.today, click.echo, os.environ)


def _complete_name(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Contact names for the shell (bash, zsh, fish); silent when there is no vault."""
    from hortus.commands.person import complete_names
    from hortus.core.errors import HortusError
    from hortus.loader.vault import find_vault, open_vault

    explicit = ctx.find_root().params.get("vault_path")
    try:
        root = find_vault(explicit, os.environ, Path.cwd())
        if root is None:
            return []  # no vault here: nothing to offer, and nothing written
        pairs = complete_names(open_vault(root), incomplete)
    except (HortusError, OSError):
        return []
    return [CompletionItem(value, help=name) for value, name in pairs]


def _name_argument(name: str = "name", **kwargs: Any) -> Callable[[F], F]:
    return click.argument(name, shell_complete=_complete_name, **kwargs)


@main.command()
@_name_argument()
@click.argument("text", required=False)
@click.option(
    "--date",
    "day",
    metavar="DATE",
    default=None,
    callback=_date_option,
    help="The entry's date (YYYY-MM-DD, yesterday, -3d, friday…). Default: today (a date "
    "pinned in hortus.toml counts).",
)
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Add #TAG (repeatable).")
@click.option(
    "--with",
    "with_names",
    multiple=True,
    metavar="NAME",
    shell_complete=_complete_name,
    help="Someone else who was there: adds a [[mention]] (repeatable).",
)
@click.option(
    "--promise", is_flag=True, help="Append a promise (`- [ ] TEXT`) instead of an entry."
)
@click.option(
    "--due",
    metavar="DATE",
    default=None,
    callback=_date_option,
    help="With --promise: its due date (`📅 DATE`, or `due:DATE` if the file writes those).",
)
@YES
@click.pass_context
@reports_errors
def log(
    ctx: click.Context,
    name: str,
    text: str | None,
    day: DateWord | None,
    tags: tuple[str, ...],
    with_names: tuple[str, ...],
    promise: bool,
    due: DateWord | None,
    yes: bool,
) -> None:
    """Append a dated entry to NAME's file. TEXT `-` reads stdin; no TEXT opens $EDITOR.
    With --promise, append a promise to NAME instead."""
    from hortus.commands.person import log_entry

    vault = _vault(ctx, writes=True)
    if text == "-":
        from hortus.person.append import decode_input

        text = decode_input("stdin", sys.stdin.buffer.read())
    today = vault.day(None, dt.date.today()).date
    if promise or due is not None:
        due_day = _on(due, today)
        _log_promise(vault, name, text, due=due_day, tags=tags, with_names=with_names, yes=yes)
        return
    logged = log_entry(
        vault,
        name,
        text,
        date=_on(day, today) or today,
        tags=tags,
        with_names=with_names,
        env=os.environ,
        accept_guess=yes,
    )
    if logged is None:
        echo(say(said("Nothing written: the entry was empty.")))
        return
    echo(f"{logged.path}:{logged.line}")
    for line in logged.lines:
        echo(f"  {line}")
    for missing in logged.no_page:
        echo(
            say(
                said(
                    "{name} has no page yet (`hortus add {quoted}` creates one)",
                    name=missing,
                    quoted=repr(missing),
                )
            )
        )


def _log_promise(
    vault: Vault,
    name: str,
    text: str | None,
    *,
    due: dt.date | None,
    tags: tuple[str, ...],
    with_names: tuple[str, ...],
    yes: bool,
) -> None:
    from hortus.commands.promise import log_promise
    from hortus.core.errors import HortusError

    if text is None:
        raise HortusError(said("a promise needs its TEXT: hortus log NAME TEXT --promise"))
    written = log_promise(
        vault, name, text, due=due, tags=tags, with_names=with_names, accept_guess=yes
    )
    echo(f"{written.path}:{written.line}")
    echo(f"  {written.lines[0]}")


@main.command()
@_name_argument()
@click.argument("text", required=False)
@click.option(
    "--line",
    metavar="N",
    help="The promise at this line (`N`, or `PATH:N` as listed) when NAME has several.",
)
@click.option(
    "--date",
    "day",
    metavar="DATE",
    default=None,
    callback=_date_option,
    help="The day it was kept (YYYY-MM-DD, yesterday, -3d, friday…). Default: today.",
)
@YES
@click.pass_context
@reports_errors
def done(
    ctx: click.Context,
    name: str,
    text: str | None,
    line: str | None,
    day: DateWord | None,
    yes: bool,
) -> None:
    """Mark one of NAME's open promises kept: `- [ ]` becomes `- [x]` with `✅ DATE`. TEXT
    (words of the promise) or --line says which when there are several; unsure, writes nothing."""
    from hortus.commands.promise import choose, keep, open_promises

    vault = _vault(ctx, writes=True)
    today = vault.day(None, dt.date.today())
    contact, promises = open_promises(vault, name, today, accept_guess=yes)
    found = choose(promises, text, line)
    if not found:
        words = " ".join(filter(None, (text, line)))
        none = (
            said("{name} has no open promise matching {words}.", name=contact, words=repr(words))
            if words
            else said("{name} has no open promise.", name=contact)
        )
        echo(f"hortus: {say(none)}", err=True)
        sys.exit(1)
    if len(found) > 1:
        found = (_ask(contact, found),)
    kept = keep(vault, found[0], _on(day, today.date) or today.date)
    echo(f"{kept.path}:{kept.line}")
    echo(f"  {kept.lines[0]}")


def asks_a_person() -> bool:
    """Whether a question can be asked: a person at a terminal, not a script's pipe."""
    return sys.stdin.isatty()


def _ask(contact: str, promises: tuple[OpenPromise, ...]) -> OpenPromise:
    """Which promise: asked on a terminal; elsewhere (a script) the list, and nothing written."""
    echo(
        say(said("{name} has {count} open promises:", name=contact, count=len(promises))), err=True
    )
    for number, p in enumerate(promises, start=1):
        due = say(said(" (due {date})", date=p.due.isoformat())) if p.due else ""
        echo(f"  {number}. {p.source.path}:{p.source.line}: {p.text}{due}", err=True)
    if not asks_a_person():
        echo(say(said("Nothing written: say which with TEXT or --line PATH:N.")), err=True)
        sys.exit(1)
    which = say(said("Which one"))
    choice = click.prompt(which, type=click.IntRange(1, len(promises)), err=True)
    return promises[choice - 1]


@main.command()
@click.argument("name")
@click.option("--circle", metavar="CIRCLE", help="inner, close, network, weak, or your own.")
@click.option("--cadence", metavar="DAYS", help="How often to be in touch: 21, 3w, 2m, monthly…")
@click.option(
    "--alias", "aliases", multiple=True, metavar="ALIAS", help="Another name (repeatable)."
)
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--birthday", metavar="DATE", help="YYYY-MM-DD, or --MM-DD without the year.")
@click.pass_context
@reports_errors
def add(
    ctx: click.Context,
    name: str,
    circle: str | None,
    cadence: str | None,
    aliases: tuple[str, ...],
    tags: tuple[str, ...],
    birthday: str | None,
) -> None:
    """Create a contact file for NAME in the people folder (from templates/person.md if any)."""
    from hortus.commands.person import add_contact
    from hortus.person.create import NewContact

    vault = _vault(ctx, writes=True)
    new = NewContact(name.strip(), circle, cadence, aliases, tags, birthday)
    rel = add_contact(vault, new, vault.day(None, dt.date.today()).date)
    echo(f"created {rel}")


@main.command()
@_name_argument()
@TODAY
@click.option("--json", "as_json", is_flag=True, help="Print the card as JSON (docs/json.md).")
@YES
@click.pass_context
@reports_errors
def show(ctx: click.Context, name: str, today: dt.date | None, as_json: bool, yes: bool) -> None:
    """Show NAME's card and every entry involving them, newest first, with path:line."""
    from hortus.commands.person import contact_card
    from hortus.render.card import render_card_json, render_card_text

    vault = _vault(ctx)
    card = contact_card(vault, name, vault.day(today, dt.date.today()), accept_guess=yes)
    language = vault.config.language
    echo(render_card_json(card) if as_json else render_card_text(card, language), nl=False)


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option(
    "--person", metavar="NAME", shell_complete=_complete_name, help="Only entries involving NAME."
)
@click.option("--tag", metavar="TAG", help="Only entries tagged TAG (or TAG/…).")
@click.option(
    "--since", metavar="DATE", callback=_date_option, help="Only entries on or after DATE."
)
@click.option(
    "--until", metavar="DATE", callback=_date_option, help="Only entries on or before DATE."
)
@click.option(
    "--limit",
    type=click.IntRange(0),
    default=50,
    show_default=True,
    help="Show at most this many results (0: all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (docs/json.md).")
@click.pass_context
@reports_errors
def search(
    ctx: click.Context,
    words: tuple[str, ...],
    person: str | None,
    tag: str | None,
    since: DateWord | None,
    until: DateWord | None,
    limit: int,
    as_json: bool,
) -> None:
    """Find entries and notes holding every word (case and accents ignored), grouped by person,
    newest first. "two words" in quotes is a phrase; sourd* a prefix. Writes no note."""
    from hortus.commands.search import search as run_search
    from hortus.index.search import Query
    from hortus.render.search import render_search_json, render_search_text

    vault = _vault(ctx)
    today = vault.day(None, dt.date.today()).date
    query = Query(words, person, tag, _on(since, today), _on(until, today), limit)
    results = run_search(vault, query, _progress())
    if as_json:
        echo(render_search_json(results), nl=False)
        return
    mark = lambda text: click.style(text, bold=True)  # noqa: E731  (dropped when piped)
    # Not `echo`: the marks are styles (click drops them in a pipe); the text from the
    # notes is made printable by render/search.py itself.
    click.echo(render_search_text(results, vault.config.language, mark), nl=False)


@main.command(name="open")
@_name_argument()
@YES
@click.pass_context
@reports_errors
def open_command(ctx: click.Context, name: str, yes: bool) -> None:
    """Open NAME's file in $VISUAL or $EDITOR, at the last entry when the editor allows."""
    from hortus.commands.person import open_contact

    open_contact(_vault(ctx), name, os.environ, accept_guess=yes)


@main.command()
@click.option(
    "--allow-write",
    is_flag=True,
    help="Also offer the tools that write: log an entry, add a promise.",
)
@click.pass_context
@reports_errors
def mcp(ctx: click.Context, allow_write: bool) -> None:
    """Answer an AI assistant over MCP (stdin and stdout): today's garden, a person, search,
    people by field, dates. Reads only, unless --allow-write. Needs `pip install 'hortus[mcp]'`."""
    from hortus.assistant import INSTALL_HINT, sdk_missing

    if sdk_missing():
        click.echo(f"hortus: {INSTALL_HINT}", err=True)
        sys.exit(1)
    from hortus.assistant.server import serve

    # Only a vault named or found, even to read: the assistant's app may start this in any
    # folder (the home folder), and what is read here is sent on to the assistant.
    serve(_vault(ctx, writes=True).root, dt.date.today, allow_write=allow_write)


@main.command(name="import")
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--circle", metavar="CIRCLE", help="The circle of the new contacts (default: weak).")
@click.option(
    "--update",
    is_flag=True,
    help="vcard only: add to existing contacts what FILE's cards (a .vcf or a vdir folder) "
    "have and they lack; creates no contact, changes no value.",
)
@click.option("--write", is_flag=True, help="Create the files (without it: a dry run).")
@click.pass_context
@reports_errors
def import_command(
    ctx: click.Context, kind: str, file: Path, circle: str | None, update: bool, write: bool
) -> None:
    """Bring people in from LinkedIn's Connections.csv, a Google Contacts CSV or a .vcf file.

    A dry run by default: says what would be created, what is already there and which rows
    have problems. --write creates the files; an existing contact is never changed. With
    --update (vcard), FILE may be a vdir folder: its cards' missing values are added instead."""
    vault = _vault(ctx, writes=write)
    if update:
        _update_from_cards(vault, kind, file, write)
        return
    from hortus.commands.transfer import import_people
    from hortus.exchange.report import render_import

    outcome = import_people(
        vault,
        kind,
        file,
        display=str(file),
        circle=circle,
        write=write,
        today=vault.day(None, dt.date.today()).date,
        progress=_progress(),
    )
    echo(render_import(outcome.plan, outcome.written, vault.config.language), nl=False)


def _update_from_cards(vault: Vault, kind: str, file: Path, write: bool) -> None:
    from hortus.commands.vdir import update_from_cards
    from hortus.core.errors import HortusError, format_problem
    from hortus.exchange.update import render_update

    if kind != "vcard":
        raise HortusError(
            said("--update reads vCards only: hortus import vcard FILE_OR_DIR --update")
        )
    outcome = update_from_cards(vault, file, str(file), write=write)
    echo(render_update(str(file), outcome.plan, outcome.written, vault.config.language), nl=False)
    for problem in outcome.problems:
        echo(format_problem(problem, say(problem.said)), err=True)


@main.command(name="export")
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (atomically) instead of stdout.",
)
@click.option(
    "--force", is_flag=True, help="Replace an existing -o file that is not an earlier export."
)
@click.option(
    "--vdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="vcard only: one UID.vcf per contact in this folder (for vdirsyncer, khard).",
)
@TODAY
@click.pass_context
@reports_errors
def export_command(
    ctx: click.Context,
    kind: str,
    output: Path | None,
    force: bool,
    vdir: Path | None,
    today: dt.date | None,
) -> None:
    """Take your contacts out: vCard 4.0 (vcard), a calendar of birthdays and watering days
    (ics), or the garden as a spreadsheet (csv)."""
    from hortus.commands.transfer import export_data, write_export

    vault = _vault(ctx)
    if vdir is not None:
        _export_vdir(vault, kind, vdir, output)
        return
    data = export_data(vault, kind, vault.day(today, dt.date.today()))
    if output is None:
        if sys.stdout.isatty():  # shown, not obeyed, on a terminal; raw bytes into a pipe
            echo(data.decode("utf-8", "replace"), nl=False)
        else:
            click.echo(data, nl=False)
        return
    write_export(output, data, kind, force)
    echo(say(said("wrote {path}", path=output)), err=True)


def _export_vdir(vault: Vault, kind: str, folder: Path, output: Path | None) -> None:
    from hortus.commands.vdir import export_vdir, render_vdir
    from hortus.core.errors import HortusError

    if kind != "vcard" or output is not None:
        raise HortusError(
            said("--vdir writes vCards into a folder: hortus export vcard --vdir DIR")
        )
    echo(render_vdir(folder, export_vdir(vault, folder), vault.config.language), nl=False)
