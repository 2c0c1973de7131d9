"""``pathgraph diff``: what a change to a pathway does."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import emit, format_option, load_pathway
from pathgraph.cli._options import output_option
from pathgraph.requirements import ENTRY_PRESETS

_FAIL_ON = ("introduced", "any", "never")


@click.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path), metavar="OLD")
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path), metavar="NEW")
@format_option(
    "text",
    "json",
    "dot",
    "svg",
    help="Report format; dot and svg: the new map with the changes marked "
    "(svg needs Graphviz).",
)
@output_option("Write the report to this file instead of printing it.")
@click.option(
    "--fail-on",
    type=click.Choice(list(_FAIL_ON)),
    default="introduced",
    show_default=True,
    help="Exit 1 when the change introduces an error-level finding (introduced), "
    "when anything differs (any), or never.",
)
@click.option(
    "--entry",
    multiple=True,
    type=click.Choice(list(ENTRY_PRESETS)),
    help="Entry presets whose destinations and routes are compared, repeatable "
    "(default: all).",
)
def command(
    old: Path,
    new: Path,
    fmt: str,
    output: Path | None,
    fail_on: str,
    entry: tuple[str, ...],
) -> int:
    """Compare two versions of a pathway: what the change does.

    Lists records and relations added, removed and changed (field: old -> new);
    check findings fixed and introduced (matched by rule code and record);
    destinations gained or lost per entry preset; best routes that got faster,
    slower, cheaper, costlier or disappeared; curricular metrics that moved.

    \b
    Exit codes: 0 the change is acceptable under --fail-on; 1 it is not (default:
    it introduces an error-level finding, such as a dead end); 2 a file cannot be
    read, or SVG was asked for without Graphviz.
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.changes import diff

    result = diff(load_pathway(old), load_pathway(new), entries=entry or None)
    if fmt == "json":
        emit(result.to_json(), output)
    elif fmt == "dot":
        emit(result.to_dot(), output)
    elif fmt == "svg":
        # lazy: Graphviz is run only for SVG
        from pathgraph.changes.draw import diff_svg

        emit(diff_svg(result), output)
    else:
        emit(result.format() + "\n", output)
    return result.exit_code(fail_on)
