"""Generate the CLI reference (docs/cli.md) from the parser, so it cannot drift.

Regenerate with ``python -m pathgraph.cli._reference > docs/cli.md``; a test fails
when the file is out of date.
"""

from __future__ import annotations

import click

from pathgraph.cli import cli

__all__ = ["reference_markdown"]


def reference_markdown() -> str:
    """The CLI reference as Markdown: one section per command with its --help."""
    parts = [
        "# Command-line reference",
        "",
        "Generated from the parser by `python -m pathgraph.cli._reference`; do not "
        "edit by hand.",
        "",
        "Exit codes for every command: **0** success; **1** `check` found an "
        "error-level problem; **2** the input could not be used (unreadable or "
        "invalid file, bad option). Errors print as one block on standard error, "
        "never as a traceback.",
        "",
        "## pathgraph",
        "",
        "```text",
        _help(cli, ["pathgraph"]),
        "```",
    ]
    for name in sorted(cli.commands, key=lambda n: list(cli.commands).index(n)):
        command = cli.commands[name]
        parts += [
            "",
            f"## pathgraph {name}",
            "",
            "```text",
            _help(command, ["pathgraph", name]),
            "```",
        ]
    return "\n".join(parts) + "\n"


def _help(command: click.Command, path: list[str]) -> str:
    parent = click.Context(cli, info_name="pathgraph") if len(path) > 1 else None
    ctx = click.Context(
        command,
        info_name=path[-1],
        parent=parent,
        max_content_width=88,
        terminal_width=88,
    )
    # Click caches each command's help option on first use, from whichever context
    # asked first; reset it so the reference does not depend on what ran before.
    if hasattr(command, "_help_option"):
        command._help_option = None
    return command.get_help(ctx).rstrip()


if __name__ == "__main__":  # pragma: no cover
    print(reference_markdown(), end="")
