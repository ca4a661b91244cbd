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

from hortus import __version__
from hortus.debounce import Timing
from hortus.errors import HortusError, format_problem
from hortus.pipeline import (
    Vault,
    build_garden,
    init_vault,
    load_index,
    locate_vault,
    open_vault,
    regenerate,
)
from hortus.render.status import render_json, render_text
from hortus.watch import watch as run_watcher

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
    """Write the garden page (GARDEN.md) and print a one-line summary."""
    result = regenerate(_vault(ctx), today, dt.date.today())
    done = f"Wrote {result.path}" if result.written else f"{result.path} is already up to date"
    click.echo(f"{done}: {result.summary}.")


@main.command()
@TODAY
@click.option("--json", "as_json", is_flag=True, help="Print the garden as JSON (docs/json.md).")
@click.pass_context
@reports_errors
def status(ctx: click.Context, today: dt.date | None, as_json: bool) -> None:
    """Show the garden in the terminal; writes nothing."""
    garden = build_garden(_vault(ctx), today, dt.date.today())
    click.echo(render_json(garden) if as_json else render_text(garden), nl=False)


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
    default=100,
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
    """Keep GARDEN.md up to date while you edit notes; Ctrl-C stops."""
    timing = Timing(quiet=quiet_ms / 1000, max_delay=max(quiet_ms, max_delay_ms) / 1000)
    run_watcher(_vault(ctx), today, dt.date.today, click.echo, timing)
