"""Shared reading of the CSV and tab-separated tables published by O*NET and BLS.

One place handles the quirks real labour-market files have:

* a UTF-8 byte-order mark before the first header (``\\ufeffCIP2020Code``);
* columns chosen by header name (case and surrounding space ignored), never by
  position, so a release that adds or reorders columns still reads;
* Excel-escaped codes (``="13-2011"``), kept by BLS so Excel does not turn them into
  dates;
* thousands separators (``1,392.2``) and dollar signs;
* suppressed or unavailable values (``*``, ``**``, ``#``, ``N/A``, ``-``, blank) and
  top-coded values (``>=208,000``), all read as missing (``None``), never as zero;
* numbers that are not finite (``inf``, ``nan``, ``1e400``, 5,000 digits): refused
  with the file, line and column (:func:`number_cell`), never passed on.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from pathgraph._files import read_bytes
from pathgraph.errors import FormatError, Problem

__all__ = [
    "MISSING_MARKERS",
    "Table",
    "clean_code",
    "number_cell",
    "parse_number",
    "read_table",
    "soc7",
]

#: Cell values that mean "no value": BLS suppression markers, blanks, N/A.
MISSING_MARKERS: frozenset[str] = frozenset(
    {"", "*", "**", "#", "n/a", "na", "-", "--", "—", "(8)", "(5)"}
)

_EXCEL = re.compile(r'^="(.*)"$')
_SOC = re.compile(r"^\d{2}-\d{4}")


def clean_code(value: str) -> str:
    """A code cell without Excel escaping and surrounding white space.

    Examples
    --------
    >>> clean_code('="13-2011"')
    '13-2011'
    >>> clean_code(" 29-2061.00 ")
    '29-2061.00'
    """
    value = value.strip()
    match = _EXCEL.match(value)
    return match.group(1).strip() if match else value


def parse_number(value: str | None) -> float | None:
    """A numeric cell as a float, or ``None`` when missing, suppressed or top-coded.

    Thousands separators and dollar signs are removed; the markers in
    :data:`MISSING_MARKERS` and top-coded values (``>=208,000``, ``>= 115.00``) give
    ``None``.

    Raises
    ------
    ValueError
        When the cell is neither a number nor a known marker, or is a number that
        is not finite (``inf``, ``nan``, ``1e400``: the message says "not finite").

    Examples
    --------
    >>> parse_number("1,392.2")
    1392.2
    >>> parse_number("*") is None, parse_number("") is None
    (True, True)
    >>> parse_number(">=208,000") is None
    True
    """
    if value is None:
        return None
    text = clean_code(value).replace(",", "").replace("$", "").strip()
    if text.lower() in MISSING_MARKERS or text.startswith((">", "<")):
        return None
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{_shown(value)} is not finite")
    return number


def _shown(value: str, limit: int = 40) -> str:
    """``value`` quoted, cut short when long (a cell can hold 5,000 digits)."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + f"... ({len(value):,} characters)"


def number_cell(
    table: Table, line: int, column: str, value: str, *, whole: bool = False
) -> float | None:
    """:func:`parse_number` of a cell, or a :class:`FormatError` naming the file,
    the line and the column when it is not a finite number (or, with ``whole``,
    not a whole number).

    Examples
    --------
    >>> t = Table("jobs.csv", ["code", "openings"], [["1", "nan"]])
    >>> number_cell(t, 2, "openings", "1,200")
    1200.0
    >>> number_cell(t, 2, "openings", "nan")
    Traceback (most recent call last):
    ...
    pathgraph.errors.FormatError: 1 problem:
      jobs.csv:2: openings 'nan' is not a finite number (fix: ...)
    """
    kind = "whole number" if whole else "number"
    try:
        number = parse_number(value)
    except ValueError as exc:
        finite = "finite " if "not finite" in str(exc) else ""
        raise table.error(
            line,
            f"{column} {_shown(value)} is not a {finite}{kind}",
            "write a finite number (thousands separators are fine); suppressed "
            "values are *, **, # or blank",
        ) from None
    if whole and number is not None and number != int(number):
        raise table.error(line, f"{column} {_shown(value)} is not a whole number")
    return number


def soc7(code: str) -> str | None:
    """The 7-character SOC code (``29-2061``) of a SOC or O*NET-SOC code, or ``None``.

    Examples
    --------
    >>> soc7("29-2061.00"), soc7('="13-2011"'), soc7("nursing")
    ('29-2061', '13-2011', None)
    """
    code = clean_code(code)
    return code[:7] if _SOC.match(code) else None


class Table:
    """A table read from a file: the selected columns of every row, by header name.

    Attributes
    ----------
    path : str
        The file, for error messages.
    columns : tuple of str
        The headers as found in the file.
    """

    def __init__(
        self,
        path: str,
        columns: Sequence[str],
        rows: list[list[str]],
        lines: Sequence[int] | None = None,
    ) -> None:
        self.path = path
        self.columns = tuple(columns)
        self._rows = rows
        # The line each row starts on; blank lines and multi-line cells make this
        # differ from the row's position.
        self._lines = (
            list(lines) if lines is not None else [i + 2 for i in range(len(rows))]
        )
        self._index = {_norm(c): i for i, c in enumerate(self.columns)}

    def __len__(self) -> int:
        return len(self._rows)

    def has(self, name: str) -> bool:
        """Whether the file has a column with this header."""
        return _norm(name) in self._index

    def rows(self, *names: str) -> Iterator[tuple[int, tuple[str, ...]]]:
        """Yield ``(line, values)`` with the named columns of each row.

        A column the file lacks gives ``""``. ``line`` is the 1-based line number.
        """
        idx = [self._index.get(_norm(n)) for n in names]
        for line, row in zip(self._lines, self._rows, strict=True):
            yield (
                line,
                tuple(row[j] if j is not None and j < len(row) else "" for j in idx),
            )

    def error(self, line: int, message: str, fix: str = "") -> FormatError:
        """A FormatError located at a line of this table."""
        return FormatError([Problem(f"{self.path}:{line}", message, fix)])


def _norm(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).lower()


def read_table(
    path: str | os.PathLike[str],
    *,
    required: Sequence[str],
    delimiter: str | None = None,
) -> Table:
    """Read a CSV or tab-separated file, checking that required headers are present.

    Parameters
    ----------
    path
        The file. ``.txt`` and ``.tsv`` files are tab-separated, others comma-separated,
        unless ``delimiter`` is given.
    required
        Header names that must be present (compared ignoring case and extra spaces).

    Raises
    ------
    pathgraph.FormatError
        When the file is missing, not UTF-8 text, empty, or lacks a required column
        (the message names the file, the missing columns and the columns found).

    Examples
    --------
    >>> t = read_table("tests/io/fixtures/oews_quirks.csv", required=["OCC_CODE"])
    >>> len(t), t.columns[:2]
    (5, ('OCC_CODE', 'OCC_TITLE'))
    """
    p = Path(path)
    text = _decode(read_bytes(p), p)
    if delimiter is None:
        delimiter = "\t" if p.suffix.lower() in {".txt", ".tsv"} else ","
    header, rows, lines = _parse_rows(text, delimiter, p)
    table = Table(
        str(p), [h.replace("\ufeff", "").strip() for h in header], rows, lines
    )
    missing = [name for name in required if not table.has(name)]
    if missing:
        found = ", ".join(repr(c) for c in table.columns) or "(none)"
        raise FormatError(
            [
                Problem(
                    str(p),
                    "missing required column"
                    + ("s " if len(missing) > 1 else " ")
                    + ", ".join(repr(m) for m in missing)
                    + f"; found {found}",
                    "check that this is the right file and release",
                )
            ]
        )
    return table


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 text (a byte-order mark dropped), else Windows-1252 as Excel saves."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise FormatError(
                [Problem(f"{path}:{line}", "not UTF-8 text", "save the file as UTF-8")]
            ) from None


def _parse_rows(
    text: str, delimiter: str, path: Path
) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows that are not blank, and the line each row starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader)
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except StopIteration:
        raise FormatError(
            [Problem(str(path), "the file is empty", "expected a header row")]
        ) from None
    except csv.Error as exc:
        raise FormatError(
            [Problem(f"{path}:{reader.line_num}", f"not a valid table: {exc}")]
        ) from None
    return header, rows, lines
