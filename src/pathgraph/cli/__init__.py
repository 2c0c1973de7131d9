"""The ``pathgraph`` command line: a thin translator over the library.

Each command lives in its own module ``pathgraph.cli.<name>`` and defines a
``click.Command`` named ``command``; :data:`COMMANDS` lists them in help order.
Library errors become output and exit codes in one place, :func:`main`:

* 0: success (for ``check``: no error-level finding);
* 1: the command ran and found something wrong (``check`` found an error);
* 2: the input could not be used (unreadable file, invalid pathway, bad option);
* 3: pathgraph hit an internal error (a bug): one line says how to report it.

No traceback reaches the user: a :class:`pathgraph.PathgraphError` prints as one
block on standard error; any other exception prints one line naming it and where to
report it (the traceback too when the environment variable ``PATHGRAPH_DEBUG=1``).
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from collections.abc import Sequence

import click

from pathgraph._gc import no_gc, pause_for_startup
from pathgraph.cli import _common, _terminal
from pathgraph.errors import PathgraphError

__all__ = ["COMMANDS", "cli", "main", "run"]

#: Command modules, in the order ``pathgraph --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "check",
    "route",
    "render",
    "convert",
    "stats",
    "metrics",
    "enrich",
    "gaps",
    "assess",
    "audit",
    "measures",
    "diff",
    "schema",
    "demo",
)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: as ``click.version_option``, reading the version only when
    asked (package metadata takes a few milliseconds to read)."""
    if not value or ctx.resilient_parsing:
        return
    # lazy: start-up time; pathgraph.__version__ reads the package metadata
    from pathgraph import __version__

    click.echo(f"pathgraph, version {__version__}")
    click.echo(f"C accelerator: {_accelerator()}")
    ctx.exit()


def _accelerator() -> str:
    """Whether the index's C passes (``pathgraph._speedups``) are built and used."""
    try:
        # lazy: only --version asks; the index imports it when a check runs
        import pathgraph._speedups  # noqa: F401
    except ImportError:
        return "not built (pure Python, same results; see docs/analysis.md)"
    if os.environ.get("PATHGRAPH_PURE_PYTHON", "") not in ("", "0"):
        return "built, not used (PATHGRAPH_PURE_PYTHON is set)"
    return "on"


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@click.option(
    "--lang",
    metavar="CODE",
    default=None,
    help="Language of labels, descriptions and the route sheet's words (e.g. es); "
    "records without it keep English.",
)
def cli(lang: str | None) -> None:
    """pathgraph: career pathways as typed graphs.

    Check a pathway for dead ends and missing ramps, plan a learner's route,
    and draw pathway maps.

    \b
    Exit codes: 0 ok; 1 a finding the command fails on (check: an error;
    audit: a destination no population of concern reaches; diff: a change that
    introduces an error); 2 unusable input; 3 an internal error (please report it).
    Docs: https://pathgraph.readthedocs.io
    """
    _common.LANG.clear()
    if lang is not None:
        _common.LANG.append(lang)


def _register() -> None:
    for name in COMMANDS:
        module_name = f"pathgraph.cli.{name.replace('-', '_')}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # command not built yet
            if exc.name == module_name:
                continue
            raise
        cli.add_command(module.command, name)


with no_gc():  # importing the commands builds many objects, none of them garbage
    _register()


def _print_error(exc: PathgraphError) -> None:
    # lazy: start-up time; rich is needed only when an error is printed
    from rich.text import Text

    message = Text("error:", style="bold red")
    message.append(f" {_terminal.clean(str(exc))}")
    _terminal.console(stderr=True).print(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``).

    Returns the exit code instead of exiting, so that it can be called from Python.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    with _terminal.safe_output(), warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = _show_warning
        return _run(args)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    """Warnings (repaired input, ignored structure) as one readable line each."""
    click.echo(f"warning: {message}", err=True)


def _run(args: list[str]) -> int:
    try:
        result = cli.main(args=args, prog_name="pathgraph", standalone_mode=False)
    except PathgraphError as exc:
        _print_error(exc)
        return 2
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2 if exc.exit_code not in (0, 1) else exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say how to report it, not a traceback
        _print_internal_error(exc)
        return 3
    return int(result or 0)


#: Where internal errors are reported.
ISSUES_URL = "https://github.com/pathgraph/pathgraph/issues"


def _print_internal_error(exc: BaseException) -> None:
    """An exception nobody raised on purpose: one line with the version, the
    exception and where to report it; the traceback only with PATHGRAPH_DEBUG=1."""
    # lazy: start-up time; read only when a bug is hit
    from pathgraph import __version__

    if os.environ.get("PATHGRAPH_DEBUG", "") not in ("", "0"):
        import traceback  # lazy: start-up time

        click.echo(
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
            err=True,
            nl=False,
        )
    message = _terminal.clean(f"{type(exc).__name__}: {exc}".splitlines()[0])
    click.echo(
        f"pathgraph {__version__} hit an internal error: {message}\n"
        f"please report it at {ISSUES_URL} with the command and the input file",
        err=True,
    )


def run() -> None:
    """Console-script entry point.

    Start-up is part of every command's time (a curriculum designer runs ``check``
    on every save): the cyclic garbage collector is paused until the input is read
    (:func:`pathgraph._gc.pause_for_startup`), and OpenBLAS, which pathgraph does
    not use, is asked for one thread instead of starting one per core when NumPy
    loads (unless ``OPENBLAS_NUM_THREADS`` is already set).
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    pause_for_startup()
    sys.exit(main())
