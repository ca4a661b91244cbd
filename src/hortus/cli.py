"""The `hortus` command: options in, one pipeline call, text out, an exit code. Nothing more."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem

from hortus import __version__
from hortus.commands.person import (
    add_contact,
    complete_names,
    contact_card,
    log_entry,
    open_contact,
)
from hortus.core.errors import HortusError, format_problem
from hortus.exchange.export import KINDS as EXPORT_KINDS
from hortus.exchange.importers import KINDS as IMPORT_KINDS
from hortus.exchange.report import render_import
from hortus.loader import (
    Vault,
    build_garden,
    day_of,
    init_vault,
    load_index,
    locate_vault,
    open_vault,
    regenerate,
)
from hortus.person.create import NewContact
from hortus.render.card import render_card_json, render_card_text
from hortus.render.status import render_json, render_text
from hortus.render.summary import calendar_written, regenerated
from hortus.render.terminal import SECTIONS
from hortus.watch.debounce import Timing
from hortus.watch.watcher import watch as run_watcher

F = TypeVar("F", bound=Callable[..., Any])


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-20") from None


TODAY = click.option(
    "--today",
    metavar="DATE",
    default=None,
    callback=_date_option,
    help="Compute the garden for this date (YYYY-MM-DD) instead of the clock or a pinned date.",
)


def reports_errors(command: F) -> F:
    """Turn an operation failure into one line on stderr and its exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HortusError as exc:
            click.echo(f"hortus: {exc.message}", err=True)
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
    "holding hortus.toml, else the current folder.",
)
@click.pass_context
def main(ctx: click.Context, vault_path: str | None) -> None:
    """hortus: a plain-text relationship journal that grows a garden from your notes."""
    ctx.obj = locate_vault(vault_path, os.environ, Path.cwd())


def _vault(ctx: click.Context) -> Vault:
    root: Path = ctx.obj
    return open_vault(root)


@main.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def init(path: Path | None) -> None:
    """Create a new vault in PATH (default: the current folder)."""
    root = path or Path.cwd()
    created = init_vault(root)
    for rel in created:
        click.echo(f"created {rel}")
    if not created:
        click.echo(f"{root} is already a hortus vault; nothing changed.")
    else:
        click.echo("Your vault is ready: one note per person in people/, then `hortus regenerate`.")


@main.command(name="regenerate")
@TODAY
@click.pass_context
@reports_errors
def regenerate_command(ctx: click.Context, today: dt.date | None) -> None:
    """Write the garden pages (GARDEN.md, garden.html, and garden.ics when `ics` is set) and
    print a one-line summary."""
    vault = _vault(ctx)
    result = regenerate(vault, today, dt.date.today())
    language = vault.config.language
    written = [
        p for p, w in ((result.path, result.written), (result.html_path, result.html_written)) if w
    ]
    paths = ", ".join(written or [result.path, result.html_path])
    click.echo(regenerated(result.summary, paths, bool(written), language))
    if result.ics is not None:
        click.echo(calendar_written(result.ics, result.ics_written, result.ics_events, language))


@main.command()
@TODAY
@click.option("--json", "as_json", is_flag=True, help="Print the garden as JSON (docs/json.md).")
@click.option("--all", "show_all", is_flag=True, help="Every list in full, not its first few.")
@click.option(
    "--section", type=click.Choice(SECTIONS), metavar="NAME", help="Only this list, in full."
)
@click.pass_context
@reports_errors
def status(
    ctx: click.Context, today: dt.date | None, as_json: bool, show_all: bool, section: str | None
) -> None:
    """Show the garden in the terminal, each list's first few (`[lists] status`); writes
    nothing. --json always has everything."""
    vault = _vault(ctx)
    garden = build_garden(vault, today, dt.date.today())
    language = vault.config.language
    limit = None if show_all else vault.config.lists["status"]
    text = (
        render_json(garden, language) if as_json else render_text(garden, language, limit, section)
    )
    click.echo(text, nl=False)


@main.command()
@click.pass_context
@reports_errors
def check(ctx: click.Context) -> None:
    """List every problem as path:line: message; exit 1 if there is any."""
    problems = load_index(_vault(ctx)).problems
    for problem in problems:
        click.echo(format_problem(problem))
    if problems:
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
    timing = Timing(quiet=quiet_ms / 1000, max_delay=max(quiet_ms, max_delay_ms) / 1000)
    run_watcher(_vault(ctx), today, dt.date.today, click.echo, timing)


def _complete_name(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Contact names for the shell (bash, zsh, fish); silent when there is no vault."""
    explicit = ctx.find_root().params.get("vault_path")
    try:
        vault = open_vault(locate_vault(explicit, os.environ, Path.cwd()))
        pairs = complete_names(vault, incomplete)
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
    help="The entry's date (YYYY-MM-DD). Default: today (a date pinned in hortus.toml counts).",
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
@click.pass_context
@reports_errors
def log(
    ctx: click.Context,
    name: str,
    text: str | None,
    day: dt.date | None,
    tags: tuple[str, ...],
    with_names: tuple[str, ...],
) -> None:
    """Append a dated entry to NAME's file. TEXT `-` reads stdin; no TEXT opens $EDITOR."""
    vault = _vault(ctx)
    if text == "-":
        text = sys.stdin.read()
    date = day or day_of(vault, None, dt.date.today())
    logged = log_entry(
        vault, name, text, date=date, tags=tags, with_names=with_names, env=os.environ
    )
    if logged is None:
        click.echo("Nothing written: the entry was empty.")
        return
    click.echo(f"{logged.path}:{logged.line}")
    for line in logged.lines:
        click.echo(f"  {line}")


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
    vault = _vault(ctx)
    new = NewContact(name.strip(), circle, cadence, aliases, tags, birthday)
    rel = add_contact(vault, new, day_of(vault, None, dt.date.today()))
    click.echo(f"created {rel}")


@main.command()
@_name_argument()
@TODAY
@click.option("--json", "as_json", is_flag=True, help="Print the card as JSON (docs/json.md).")
@click.pass_context
@reports_errors
def show(ctx: click.Context, name: str, today: dt.date | None, as_json: bool) -> None:
    """Show NAME's card and every entry involving them, newest first, with path:line."""
    vault = _vault(ctx)
    card = contact_card(vault, name, today, dt.date.today())
    language = vault.config.language
    click.echo(render_card_json(card) if as_json else render_card_text(card, language), nl=False)


@main.command(name="open")
@_name_argument()
@click.pass_context
@reports_errors
def open_command(ctx: click.Context, name: str) -> None:
    """Open NAME's file in $VISUAL or $EDITOR, at the last entry when the editor allows."""
    open_contact(_vault(ctx), name, os.environ)


@main.command(name="import")
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--circle", metavar="CIRCLE", help="The circle of the new contacts (default: weak).")
@click.option("--write", is_flag=True, help="Create the files (without it: a dry run).")
@click.pass_context
@reports_errors
def import_command(
    ctx: click.Context, kind: str, file: Path, circle: str | None, write: bool
) -> None:
    """Bring people in from LinkedIn's Connections.csv, a Google Contacts CSV or a .vcf file.

    A dry run by default: says what would be created, what is already there and which rows
    have problems. --write creates the files; an existing contact is never changed."""
    vault = _vault(ctx)
    from hortus.commands.transfer import import_people  # vobject: only for this command

    outcome = import_people(
        vault,
        kind,
        file,
        display=str(file),
        circle=circle,
        write=write,
        today=day_of(vault, None, dt.date.today()),
    )
    click.echo(render_import(outcome.plan, outcome.written), nl=False)


@main.command(name="export")
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (atomically) instead of stdout.",
)
@TODAY
@click.pass_context
@reports_errors
def export_command(
    ctx: click.Context, kind: str, output: Path | None, today: dt.date | None
) -> None:
    """Take your contacts out: vCard 4.0 (vcard), a calendar of birthdays and watering days
    (ics), or the garden as a spreadsheet (csv)."""
    # Imported here: vobject and icalendar would slow every other command's start-up.
    from hortus.commands.transfer import export_data, write_export

    data = export_data(_vault(ctx), kind, today, dt.date.today())
    if output is None:
        click.echo(data, nl=False)
        return
    write_export(output, data, kind)
    click.echo(f"wrote {output}", err=True)
