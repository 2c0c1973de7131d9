"""``pathgraph check``: find dead ends, missing ramps and broken stacks."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from pathgraph.cli._common import format_option, load_pathway, pathway_argument
from pathgraph.requirements import ENTRY_PRESETS

_ID_LINE = re.compile(
    r"""^\s*(?:-\s*)?(?:\{\s*)?["']?id["']?\s*:\s*["']?([^,"'}\n]+?)["']?\s*[,}]?\s*$"""
)
_FLOW_ID = re.compile(r"""\{\s*id\s*:\s*["']?([^,"'}]+?)["']?\s*[,}]""")


def record_lines(path: Path) -> dict[str, str]:
    """Map record ids to ``file:line`` by scanning the file's ``id:`` lines.

    Good enough for a report's pointers; files that are not YAML/JSON get none.
    """
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:  # pragma: no cover - the file was just read
        return {}
    out: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = _ID_LINE.match(line) or _FLOW_ID.search(line)
        if not m and '"id"' in line:
            m = re.search(r'"id"\s*:\s*"([^"]+)"', line)
        if m:
            out.setdefault(m.group(1).strip(), f"{path}:{number}")
    return out


def _split(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


@click.command()
@pathway_argument()
@format_option("text", "json", help="Report format (json: for CI and other tools).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these rules: codes, slugs or prefixes, comma-separated (PG1,wage-drop).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Skip these rules: codes, slugs or prefixes, comma-separated.",
)
@click.option(
    "--entry",
    multiple=True,
    type=click.Choice(["abe", "esl"]),
    help="Entry levels the low-skill on-ramp rule checks (default: abe).",
)
def command(
    file: Path,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    entry: tuple[str, ...],
) -> int:
    """Check a pathway: dead ends, unreachable steps, missing on/off-ramps, stacks.

    Prints every finding with its rule code, the record and its line, and a fix.
    Exit code 1 when there is an error-level finding, 0 otherwise, 2 when the file
    cannot be read. Suppress a rule on one record with `ignore: [PG202]` in the
    file; the rules are listed in docs/rules.md.
    """
    from pathgraph.checks import check

    pathway = load_pathway(file)
    report = check(
        pathway,
        rules=_split(select),
        ignore=_split(ignore) or (),
        holds_for_on_ramps=entry or ("abe",),
    )
    if fmt == "json":
        click.echo(report.to_json(), nl=False)
    else:
        text = report.format(record_lines(file))
        if sys.stdout.isatty():
            from rich.console import Console
            from rich.markup import escape

            styled = escape(text)
            for word, style in (
                ("Errors:", "bold red"),
                ("Warnings:", "bold yellow"),
                ("Notes:", "bold cyan"),
            ):
                styled = styled.replace(word, f"[{style}]{word}[/]")
            Console(highlight=False, soft_wrap=True).print(styled)
        else:
            click.echo(text)
    return report.exit_code


assert set(ENTRY_PRESETS) >= {"abe", "esl"}
