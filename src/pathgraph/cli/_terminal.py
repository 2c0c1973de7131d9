"""What the command line prints passes through one filter: no control sequences.

A pathway's labels, ids and descriptions come from files anyone can write. Printed
raw, an escape sequence in a label could retitle the terminal window (OSC 0), write
the clipboard (OSC 52), clear the screen or hide text (CSI, a carriage return). While
a command runs, :func:`main <pathgraph.cli.main>` replaces ``sys.stdout`` and
``sys.stderr`` with a :class:`SafeStream`, which writes every control character
except newline and tab as its ``\\uXXXX`` escape: visible in text, and in JSON output
the very escape a JSON reader turns back into the character (JSON output stays valid
and exact).

Colour is the command line's own: :func:`console` gives a rich console that writes
to the real stream, for text built with :class:`rich.text.Text` from :func:`clean`
data (never from markup, so ``[bold]`` or ``\\Errors:`` in a label is printed as
written).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["SafeStream", "clean", "console", "raw_stream", "safe_output"]

#: C0 controls but tab and newline, DEL, and the C1 controls (U+0080 to U+009F,
#: which some terminals read as escape sequences too).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def clean(text: str) -> str:
    r"""``text`` with every control character but newline and tab written as its
    ``\uXXXX`` escape.

    Examples
    --------
    >>> clean("Nursing\x1b]0;owned\x07 [bold]\tA\n")
    'Nursing\\u001b]0;owned\\u0007 [bold]\tA\n'
    """
    return _CONTROL.sub(_escape, text)


class SafeStream(io.TextIOBase):
    """A text stream that writes through :func:`clean` to the stream it wraps.

    It has no ``buffer``: bytes cannot go around the filter (click then writes
    text to it, whatever the terminal's encoding).
    """

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        safe = clean(text)
        try:
            self.raw.write(safe)
        except UnicodeEncodeError:
            encoding = self.raw.encoding or "ascii"
            self.raw.write(
                safe.encode(encoding, "backslashreplace").decode(encoding, "replace")
            )
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw, "errors", None)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a :class:`SafeStream` (``stream`` itself otherwise)."""
    return stream.raw if isinstance(stream, SafeStream) else stream


@contextmanager
def safe_output() -> Iterator[None]:
    """Standard output and error through :class:`SafeStream` while in the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(saved[0])
    sys.stderr = SafeStream(saved[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = saved


def console(*, stderr: bool = False) -> Console:
    """A rich console on the real standard output (or error), for styled text.

    Give it :class:`rich.text.Text` made of :func:`clean` data: it writes to the
    stream under the filter, so that its own colour codes pass.
    """
    # lazy: start-up time; rich takes ~60 ms and only colours a terminal
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(file=raw_stream(stream), highlight=False, soft_wrap=True)
