"""Measures of a pathway from participant outcome records: is the system working?

The Michigan career pathways framework asks partners to "measure system change"
(one of its six key elements) and lists sample measures in its Appendix D:
enrolment, completion, continuation to the next level, employment and wage gain,
step by step. :func:`measure` computes them for every step of a pathway from a
table of outcome records (one row per person and step), and suppresses small
cells so that no one can be singled out.

The outcomes table (CSV, UTF-8, one header row; :func:`read_outcomes`):

============  ==========================================================
column        value
============  ==========================================================
person        the participant's id (any text, at most ``MAX_FIELD`` chars)
node          the id of a program or credential of the pathway
start         the day the person started the step, ``YYYY-MM-DD``
end           the day they finished or left it, ``YYYY-MM-DD``, or empty
              (still enrolled); required when ``completed`` is true
completed     ``true`` or ``false``
employed      ``true``, ``false`` or empty (unknown): employed after the step
wage_after    annual wage after the step (a plain number), or empty
wage_before   (optional column) annual wage before the step, or empty
============  ==========================================================

The measures are defined exactly in :func:`measure`; ``docs/measures.md`` has the
same definitions, the suppression rule and a worked example.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
import math
import os
import random
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NoReturn

import networkx as nx

from pathgraph._files import read_bytes, spreadsheet_cell
from pathgraph._graphs import GraphLike, as_graph
from pathgraph.contract import PROGRESSION_NODE_KINDS
from pathgraph.errors import ArgumentError, FormatError, Problem, ValidationError
from pathgraph.model import PROGRESSION_KINDS
from pathgraph.model.nodes import MAX_NUMBER

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_FIELD",
    "MAX_ROWS",
    "MIN_CELL",
    "Measures",
    "Outcome",
    "StepMeasures",
    "measure",
    "next_steps",
    "outcomes_csv",
    "parse_outcomes",
    "read_outcomes",
    "step_order",
    "synthetic_outcomes",
]

#: Smallest number of people a shown count (or a rate's or median's base) may have.
MIN_CELL = 10
#: Most data rows an outcomes file may have.
MAX_ROWS = 1_000_000
#: Most characters in one cell of an outcomes file.
MAX_FIELD = 200
#: Largest outcomes file read, in bytes (256 MiB).
MAX_BYTES = 256 * 1024 * 1024
#: Problems listed in one error (the rest are counted).
MAX_PROBLEMS = 50

#: The columns of an outcomes file, in the order :func:`outcomes_csv` writes them.
COLUMNS: tuple[str, ...] = (
    "person",
    "node",
    "start",
    "end",
    "completed",
    "employed",
    "wage_after",
    "wage_before",
)
_REQUIRED = COLUMNS[:7]
_STEP_KINDS = ("program", "credential")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

#: Count cells of a step and the cell each is nested in ("people": the header).
_PARENT: dict[str, str] = {
    "enrolled": "people",
    "completed": "enrolled",
    "continued": "completed",
    "employment_known": "completed",
    "employed": "employment_known",
    "wage_people": "completed",
}
_COUNTS: tuple[str, ...] = tuple(_PARENT)
#: Derived cells: name -> (numerator, denominator); a median has no numerator.
_DERIVED: dict[str, tuple[str | None, str]] = {
    "completion_rate": ("completed", "enrolled"),
    "continuation_rate": ("continued", "completed"),
    "employment_rate": ("employed", "employment_known"),
    "wage_gain_median": (None, "wage_people"),
}


@dataclass(frozen=True)
class Outcome:
    """One outcome record: a person's spell at one step of the pathway.

    Attributes
    ----------
    person, node : str
        The participant and the program or credential.
    start : datetime.date
        When the person started the step.
    end : datetime.date or None
        When they finished or left it (``None``: still enrolled).
    completed : bool
        Whether they completed it.
    employed : bool or None
        Employed after the step (``None``: unknown).
    wage_after, wage_before : float or None
        Annual wage after and before the step (``None``: unknown).
    line : int
        The line of the file the record was read from (0 when built in code); not
        compared.

    Examples
    --------
    >>> from datetime import date
    >>> Outcome("p1", "cna", date(2024, 1, 8), date(2024, 3, 1), True).completed
    True
    """

    person: str
    node: str
    start: date
    end: date | None = None
    completed: bool = False
    employed: bool | None = None
    wage_after: float | None = None
    wage_before: float | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class StepMeasures:
    """The measures of one step, after suppression (``None``: suppressed).

    Attributes
    ----------
    step, label, kind : str
        The program or credential, its label and kind.
    enrolled : int or None
        People with a record at the step.
    completed : int or None
        People with a completed record at the step.
    completion_rate : float or None
        ``completed / enrolled``.
    continued : int or None
        Completers who later started a step this one leads to.
    continuation_rate : float or None
        ``continued / completed``.
    employment_known : int or None
        Completers whose completion record says whether they were employed.
    employed : int or None
        Completers employed after the step.
    employment_rate : float or None
        ``employed / employment_known``.
    wage_people : int or None
        Completers with both wages known.
    wage_gain_median : float or None
        Median of ``wage_after - wage_before`` over them.
    suppressed : dict
        Why each suppressed cell is hidden: ``"small"`` (fewer than ``min_cell``
        people) or ``"complementary"`` (so that a small cell cannot be recovered).

    Examples
    --------
    >>> import pathgraph
    >>> outcomes = "examples/outcomes-bht-synthetic.csv"
    >>> m = measure(pathgraph.load_example("bht"), outcomes)
    >>> aas = m.steps[-1]
    >>> aas.step, aas.enrolled, aas.continued, aas.suppressed["continued"]
    ('bht-aas', 63, None, 'small')
    """

    step: str
    label: str
    kind: str
    enrolled: int | None = None
    completed: int | None = None
    completion_rate: float | None = None
    continued: int | None = None
    continuation_rate: float | None = None
    employment_known: int | None = None
    employed: int | None = None
    employment_rate: float | None = None
    wage_people: int | None = None
    wage_gain_median: float | None = None
    suppressed: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        data = {name: getattr(self, name) for name in _FIELDS}
        data["suppressed"] = dict(sorted(self.suppressed.items()))
        return data


_FIELDS: tuple[str, ...] = (
    "step",
    "label",
    "kind",
    "enrolled",
    "completed",
    "completion_rate",
    "continued",
    "continuation_rate",
    "employment_known",
    "employed",
    "employment_rate",
    "wage_people",
    "wage_gain_median",
)


@dataclass(frozen=True)
class Measures:
    """The result of :func:`measure`: a header and one row per step.

    Attributes
    ----------
    title : str
        The pathway's title.
    source : str
        Where the outcomes came from (a file name, or ``"records"``).
    people, rows : int or None
        Distinct people and records in the input (``None`` only when the whole
        input has fewer than ``min_cell`` people).
    min_cell : int
        The suppression threshold used.
    steps : tuple of StepMeasures
        In pathway order.

    Examples
    --------
    >>> import pathgraph
    >>> outcomes = "examples/outcomes-bht-synthetic.csv"
    >>> m = measure(pathgraph.load_example("bht"), outcomes)
    >>> print(str(m).splitlines()[1])
      outcomes: examples/outcomes-bht-synthetic.csv: 400 people, 663 records
    >>> m.to_csv().splitlines()[5].split(",")[3:]
    ['36', '*', '*', '19', '*', '23', '*', '*', '18', '4036.0']
    """

    title: str
    source: str
    people: int | None
    rows: int | None
    min_cell: int
    steps: tuple[StepMeasures, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Any:
        return iter(self.steps)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {
            "title": self.title,
            "source": self.source,
            "people": self.people,
            "rows": self.rows,
            "min_cell": self.min_cell,
            "steps": [s.to_dict() for s in self.steps],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n"

    def table(self) -> tuple[list[str], list[list[object]]]:
        """The CSV header and rows: suppressed cells as ``<N`` or ``*``."""
        header = [*_FIELDS]
        rows = [[self._cell(s, name) for name in _FIELDS] for s in self.steps]
        return header, rows

    def to_csv(self) -> str:
        """CSV text (cells a spreadsheet could run as formulas are defused)."""
        header, rows = self.table()
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if c is None else spreadsheet_cell(c) for c in row])
        return buffer.getvalue()

    def _cell(self, step: StepMeasures, name: str) -> object:
        reason = step.suppressed.get(name)
        if reason is not None:
            return f"<{self.min_cell}" if reason == "small" else "*"
        return getattr(step, name)

    def __str__(self) -> str:
        people = "<" + str(self.min_cell) if self.people is None else self.people
        rows = "<" + str(self.min_cell) if self.rows is None else self.rows
        lines = [
            f"Measures: {self.title or '(untitled pathway)'}",
            f"  outcomes: {self.source}: {people} people, {rows} records",
            (
                f"  cells of fewer than {self.min_cell} people: <{self.min_cell}; "
                "hidden so that none can be recovered: *"
                if self.min_cell
                else "  no suppression (min_cell 0): do not publish"
            ),
            "",
        ]
        width = max([len(s.step) for s in self.steps] + [4])
        head = (
            f"{'step':<{width}} {'enrolled':>8} {'completed':>9} {'rate':>6} "
            f"{'continued':>9} {'rate':>6} {'employed':>8} {'rate':>6} "
            f"{'wage gain':>10}"
        )
        lines.append(head)
        for s in self.steps:
            cells = [
                self._text(s, "enrolled", 8),
                self._text(s, "completed", 9),
                self._text(s, "completion_rate", 6),
                self._text(s, "continued", 9),
                self._text(s, "continuation_rate", 6),
                self._text(s, "employed", 8),
                self._text(s, "employment_rate", 6),
                self._text(s, "wage_gain_median", 10),
            ]
            lines.append(f"{s.step:<{width}} " + " ".join(cells))
        return "\n".join(lines)

    def _text(self, step: StepMeasures, name: str, width: int) -> str:
        value = self._cell(step, name)
        if value is None:
            text = "-"
        elif isinstance(value, float) and name.endswith("_rate"):
            text = f"{value:.0%}"
        elif isinstance(value, float):
            text = f"${value:,.0f}"
        else:
            text = str(value)
        return f"{text:>{width}}"


# --------------------------------------------------------------------------- reading


def read_outcomes(
    path: str | os.PathLike[str], G: GraphLike | None = None
) -> tuple[Outcome, ...]:
    """Read and validate an outcomes CSV file (columns in the module docstring).

    Parameters
    ----------
    path
        The file (UTF-8; at most :data:`MAX_BYTES` bytes, :data:`MAX_ROWS` rows,
        :data:`MAX_FIELD` characters a cell).
    G
        The pathway: every ``node`` must be one of its programs or credentials.
        ``None`` skips that check.

    Returns
    -------
    tuple of Outcome
        In file order.

    Raises
    ------
    pathgraph.FormatError
        Every problem found (up to :data:`MAX_PROBLEMS` listed), each with the
        file, line and column, what is wrong and how to fix it: a missing or
        unknown column, a row with too many or too few cells, an unknown node (with
        a did-you-mean), a bad date, boolean or number, an end before the start, a
        completed record without an end, a duplicate row (same person, node and
        start), a cell or file over its limit.

    Examples
    --------
    >>> import pathgraph
    >>> rows = read_outcomes("examples/outcomes-bht-synthetic.csv",
    ...                      pathgraph.load_example("bht"))
    >>> rows[0].person, rows[0].node
    ('P0001', 'bht-tier1-course')
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        size = 0  # read_bytes names the problem
    if size > MAX_BYTES:
        raise FormatError(
            [
                Problem(
                    str(p),
                    f"the file has {size:,} bytes, more than {MAX_BYTES:,}",
                    "split it by year or program and measure each part",
                )
            ]
        )
    raw = read_bytes(p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormatError(
            [Problem(f"{p}:{line}", "not UTF-8 text", "save the file as UTF-8")]
        ) from None
    return parse_outcomes(text, source=str(p), G=G)


def parse_outcomes(
    text: str, *, source: str = "<outcomes>", G: GraphLike | None = None
) -> tuple[Outcome, ...]:
    """Parse and validate outcomes CSV text (see :func:`read_outcomes`).

    Examples
    --------
    >>> text = (
    ...     "person,node,start,end,completed,employed,wage_after\\n"
    ...     "p1,cna,2024-01-08,2024-03-01,true,true,31200\\n"
    ... )
    >>> parse_outcomes(text)[0].wage_after
    31200.0
    >>> parse_outcomes(text.replace("2024-03-01", "2024-13-01"), source="o.csv")
    Traceback (most recent call last):
    ...
    pathgraph.errors.FormatError: 1 problem in o.csv:
      o.csv:2:4: column 'end': '2024-13-01' is not a date (fix: write dates as \
YYYY-MM-DD, e.g. 2024-09-03)
    """
    graph = as_graph(G) if G is not None else None
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise FormatError(
                [Problem(source, "the file is empty", _HEADER_FIX)], source=source
            )
        columns = _columns(header, source)
        records: list[Outcome] = []
        start_line = reader.line_num + 1
        for cells in reader:
            line = start_line
            start_line = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(records) >= MAX_ROWS:
                _fail(
                    source,
                    [
                        Problem(
                            f"{source}:{line}",
                            f"more than {MAX_ROWS:,} records",
                            "split the file by year or program",
                        )
                    ],
                )
            record = _record(cells, columns, source, line, problems)
            if record is not None:
                records.append(record)
    except csv.Error as exc:
        problems.append(
            Problem(
                f"{source}:{reader.line_num}",
                f"not a valid CSV table: {exc}",
                "quote cells that hold commas or quotes; at most "
                f"{MAX_FIELD} characters a cell",
            )
        )
        _fail(source, problems)
    problems += _duplicates(records, source)
    if graph is not None:
        problems += _unknown_nodes(records, graph, source)
    if problems:
        _fail(source, problems)
    return tuple(records)


_HEADER_FIX = "start with the header row: " + ",".join(COLUMNS)


def _fail(source: str, problems: list[Problem]) -> NoReturn:
    problems = sorted(problems, key=_problem_order)
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        last = Problem(source, f"... and {more} more problems", "fix those above")
        problems = [*problems[:MAX_PROBLEMS], last]
    raise FormatError(problems, source=source)


def _problem_order(problem: Problem) -> tuple[int, int, str]:
    parts = problem.location.rsplit(":", 2)
    numbers = [int(p) for p in parts[1:] if p.isdigit()]
    numbers += [0, 0]
    return numbers[0], numbers[1], problem.message


def _columns(header: list[str], source: str) -> dict[str, int]:
    names = [h.replace("\ufeff", "").strip().lower() for h in header]
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for i, name in enumerate(names):
        where = f"{source}:1:{i + 1}"
        if name not in COLUMNS:
            hint = _did_you_mean(name, COLUMNS)
            problems.append(
                Problem(
                    where,
                    f"unknown column {header[i]!r}" + (f"; {hint}" if hint else ""),
                    "the columns are " + ", ".join(COLUMNS),
                )
            )
        elif name in columns:
            problems.append(
                Problem(where, f"column {name!r} appears twice", "keep one of them")
            )
        else:
            columns[name] = i
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        problems.append(
            Problem(
                f"{source}:1",
                "missing column" + "s" * (len(missing) > 1) + " " + ", ".join(missing),
                _HEADER_FIX + " (wage_before is optional)",
            )
        )
    if problems:
        _fail(source, problems)
    return columns


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def _record(
    cells: list[str],
    columns: dict[str, int],
    source: str,
    line: int,
    problems: list[Problem],
) -> Outcome | None:
    if len(cells) != len(columns):
        problems.append(
            Problem(
                f"{source}:{line}",
                f"{len(cells)} cells, expected {len(columns)} (one per column)",
                "check for a missing or extra comma; quote cells that hold commas",
            )
        )
        return None
    before = len(problems)
    values: dict[str, Any] = {}
    for name, i in columns.items():
        cell = cells[i].strip()
        if len(cell) > MAX_FIELD:
            problems.append(
                Problem(
                    f"{source}:{line}:{i + 1}",
                    f"column {name!r}: {len(cell)} characters, more than {MAX_FIELD}",
                    "shorten the value",
                )
            )
            continue
        try:
            values[name] = _PARSERS[name](cell)
        except ValueError as exc:
            message, fix = exc.args
            problems.append(
                Problem(f"{source}:{line}:{i + 1}", f"column {name!r}: {message}", fix)
            )
    if len(problems) > before:
        return None
    record = Outcome(line=line, **values)
    where = f"{source}:{line}"
    if record.end is not None and record.end < record.start:
        problems.append(
            Problem(
                f"{where}:{columns['end'] + 1}",
                f"end {record.end} is before start {record.start}",
                "swap or correct the dates",
            )
        )
    if record.completed and record.end is None:
        problems.append(
            Problem(
                f"{where}:{columns['end'] + 1}",
                "a completed record needs its end date",
                "give the day the person completed the step",
            )
        )
    return record if len(problems) == before else None


def _text(cell: str) -> str:
    if not cell:
        raise ValueError("is empty", "give an id")
    return cell


@functools.lru_cache(maxsize=4096)
def _date(cell: str) -> date:
    """A ``YYYY-MM-DD`` cell as a date (cached: outcome files repeat dates)."""
    shown = cell[:40]
    try:
        if not _DATE.fullmatch(cell):
            raise ValueError
        return date.fromisoformat(cell)
    except ValueError:
        raise ValueError(
            f"{shown!r} is not a date" if cell else "is empty",
            "write dates as YYYY-MM-DD, e.g. 2024-09-03",
        ) from None


def _optional_date(cell: str) -> date | None:
    return _date(cell) if cell else None


def _bool(cell: str) -> bool:
    value = cell.lower()
    if value not in ("true", "false"):
        raise ValueError(
            f"{cell[:40]!r} is not true or false" if cell else "is empty",
            "write true or false",
        )
    return value == "true"


def _optional_bool(cell: str) -> bool | None:
    return _bool(cell) if cell else None


def _wage(cell: str) -> float | None:
    if not cell:
        return None
    value = float(cell) if _NUMBER.fullmatch(cell) else math.nan
    if not 0 <= value <= MAX_NUMBER:  # False for NaN
        raise ValueError(
            f"{cell[:40]!r} is not a wage (a number from 0 to {MAX_NUMBER:g})",
            "write a plain annual amount such as 31200 (no $ or commas), "
            "or leave it empty when unknown",
        )
    return value


_PARSERS: dict[str, Any] = {
    "person": _text,
    "node": _text,
    "start": _date,
    "end": _optional_date,
    "completed": _bool,
    "employed": _optional_bool,
    "wage_after": _wage,
    "wage_before": _wage,
}


def _dates(records: Sequence[Outcome], source: str) -> list[Problem]:
    """End before start, or completed without an end (records built in code)."""
    problems = []
    for i, r in enumerate(records):
        where = f"{source}[{i}]"
        if r.end is not None and r.end < r.start:
            problems.append(
                Problem(where, f"end {r.end} is before start {r.start}", "swap them")
            )
        if r.completed and r.end is None:
            problems.append(
                Problem(where, "a completed record needs its end date", "give it")
            )
    return problems


def _duplicates(records: Sequence[Outcome], source: str) -> list[Problem]:
    first: dict[tuple[str, str, date], int] = {}
    problems = []
    for r in records:
        key = (r.person, r.node, r.start)
        if key in first:
            problems.append(
                Problem(
                    f"{source}:{r.line}",
                    f"duplicate row: person {r.person!r}, node {r.node!r}, start "
                    f"{r.start} is already on line {first[key]}",
                    "delete one of the two rows, or correct its start date",
                )
            )
        else:
            first[key] = r.line
    return problems


def _unknown_nodes(
    records: Sequence[Outcome], G: nx.MultiDiGraph, source: str
) -> list[Problem]:
    steps = sorted(n for n, k in G.nodes(data="kind") if k in _STEP_KINDS)
    lines: dict[str, list[int]] = defaultdict(list)
    for r in records:
        if G.nodes.get(r.node, {}).get("kind") not in _STEP_KINDS:
            lines[r.node].append(r.line)
    problems = []
    for node, at in lines.items():
        where = (
            f"line {at[0]}" if len(at) == 1 else f"{len(at)} rows, first line {at[0]}"
        )
        if node in G:
            kind = str(G.nodes[node].get("kind"))
            article = "an" if kind[:1] in "aeiou" else "a"
            message = f"node {node!r} is {article} {kind}, not a program or credential"
            fix = "record the program the person took, or the credential"
        else:
            hint = _did_you_mean(node, steps)
            message = f"unknown node {node!r}" + (f"; {hint}" if hint else "")
            fix = "use the id of a program or credential of the pathway"
        problems.append(Problem(f"{source}:{at[0]}", f"{message} ({where})", fix))
    return problems


# -------------------------------------------------------------------------- measures


def step_order(G: GraphLike) -> list[str]:
    """The programs and credentials of a pathway in pathway order.

    Sorted by the record's ``level`` when it has one, else by its progression
    depth (0 for a record nothing in the progression leads to; else one more than
    the deepest record leading to it, records on a cycle sharing a depth), then by
    id.

    Examples
    --------
    >>> import pathgraph
    >>> step_order(pathgraph.load_example("bht"))[:4]
    ['abe-ged', 'bht-tier1-course', 'bht-tier1', 'hse']
    """
    graph = as_graph(G)
    depth = _depths(graph)
    steps = [n for n, k in graph.nodes(data="kind") if k in _STEP_KINDS]
    nodes = graph.nodes

    def key(n: str) -> tuple[int, str]:
        level = nodes[n].get("level")
        return (int(level) if level is not None else depth[n], str(n))

    return sorted(steps, key=key)


def _progression(G: nx.MultiDiGraph) -> nx.DiGraph:
    P = nx.DiGraph()
    P.add_nodes_from(n for n, k in G.nodes(data="kind") if k in PROGRESSION_NODE_KINDS)
    P.add_edges_from(
        (u, v)
        for u, v, k in G.edges(data="kind")
        if k in PROGRESSION_KINDS and u in P and v in P
    )
    return P


def _depths(G: nx.MultiDiGraph) -> dict[str, int]:
    P = _progression(G)
    C = nx.condensation(P)
    depth: dict[int, int] = {}
    for c in nx.topological_sort(C):
        depth[c] = max((depth[p] + 1 for p in C.predecessors(c)), default=0)
    mapping = C.graph["mapping"]
    return {n: depth[mapping[n]] if n in mapping else 0 for n in G.nodes}


def next_steps(G: GraphLike) -> dict[str, frozenset[str]]:
    """What each program or credential leads to: its **next steps**.

    The next steps of ``s`` are the programs and credentials ``t != s`` reachable
    from ``s`` by a path of one or more progression edges (``awards``,
    ``requires``, ``qualifies_for``, ``stacks_into``, ``articulates_to``,
    ``advances_to``, ``prerequisite_of``, ``corequisite_of``) through nodes of any
    progression kind (a credential, an occupation, a condition...).

    Examples
    --------
    >>> import pathgraph
    >>> nxt = next_steps(pathgraph.load_example("bht"))
    >>> sorted(nxt["bht-advanced-course"])
    ['bht-aas', 'bht-advanced', 'bht-assoc']
    """
    graph = as_graph(G)
    P = _progression(graph)
    steps = {n for n, k in graph.nodes(data="kind") if k in _STEP_KINDS}
    return {
        s: frozenset(t for t in nx.descendants(P, s) if t in steps and t != s)
        for s in sorted(steps)
    }


def measure(
    G: GraphLike,
    outcomes: str | os.PathLike[str] | Iterable[Outcome],
    *,
    min_cell: int = MIN_CELL,
) -> Measures:
    """Enrolment, completion, continuation, employment and wage gain, per step.

    One row per **step**: every program of the pathway and every credential that
    has at least one outcome record, in pathway order (:func:`step_order`).

    For a step ``s``, over the outcome records of ``s``:

    * ``enrolled``: distinct people with a record at ``s``;
    * ``completed``: distinct people with a record at ``s`` whose ``completed`` is
      true. A completer's **completion record** is their completed record at ``s``
      with the earliest ``end`` (then ``start``, then file line);
      ``completion_rate = completed / enrolled``;
    * ``continued``: completers with a record at a next step of ``s``
      (:func:`next_steps`: a program or credential reachable from ``s`` along
      progression edges) whose ``start`` is on or after the completion record's
      ``end``; ``continuation_rate = continued / completed``;
    * ``employment_known``: completers whose completion record has ``employed``
      set; ``employed``: those with ``employed`` true;
      ``employment_rate = employed / employment_known``;
    * ``wage_people``: completers whose completion record has both ``wage_before``
      and ``wage_after``; ``wage_gain_median``: the median (mean of the middle two
      for an even count) of ``wage_after - wage_before`` over them.

    Records of people who did not complete count in ``enrolled`` only. Rates are
    rounded to 4 decimals, medians to cents.

    **Suppression** (``min_cell``, default :data:`MIN_CELL` = 10; 0 shows all):

    1. a count below ``min_cell`` is hidden (reason ``"small"``), zero included;
    2. counts nest: ``people`` (the header) contains every ``enrolled``, which
       contains ``completed``, which contains ``continued``, ``employment_known``
       (which contains ``employed``) and ``wage_people``. Whenever a shown count
       and a shown count nested in it (at any depth) differ by 1 to
       ``min_cell - 1``, the nested one is hidden too (``"complementary"``), and
       again until no such pair is left: no small group can be read as a
       difference. A difference of 0 is allowed (it singles out no one);
    3. a rate is shown only when its numerator and denominator are both shown; a
       median only when ``wage_people`` is shown (reason ``"small"`` when that
       base is under ``min_cell``, else ``"complementary"``);
    4. when the whole input has fewer than ``min_cell`` people, the header's
       ``people`` and ``rows`` are hidden too.

    People appear in several steps, so cells of different steps are not linked
    by any sum; the nestings above are the only identities among the cells.

    Parameters
    ----------
    G
        The pathway (graph or Pathway).
    outcomes
        An outcomes CSV file (read with :func:`read_outcomes`), or records.
    min_cell
        The suppression threshold.

    Raises
    ------
    pathgraph.FormatError
        For a file that does not validate (see :func:`read_outcomes`).
    pathgraph.ValidationError
        For records naming nodes that are not programs or credentials of ``G``,
        repeating a person, node and start, ending before they start, or
        completed without an end.
    pathgraph.ArgumentError
        For a negative ``min_cell``.

    Examples
    --------
    >>> import pathgraph
    >>> bht = pathgraph.load_example("bht")
    >>> m = measure(bht, "examples/outcomes-bht-synthetic.csv")
    >>> m.people, m.rows, m.steps[0].step
    (400, 663, 'abe-ged')
    >>> m.steps[0].enrolled, m.steps[0].completed, m.steps[0].completion_rate
    (210, 161, 0.7667)
    """
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 0:
        raise ArgumentError(f"min_cell must be a whole number >= 0, not {min_cell!r}")
    graph = as_graph(G)
    if isinstance(outcomes, (str, os.PathLike)):
        source = str(outcomes)
        records = read_outcomes(outcomes, graph)
    else:
        source = "records"
        records = tuple(outcomes)
        for r in records:
            if not isinstance(r, Outcome):
                raise ArgumentError(
                    f"outcomes: a file or Outcome records, not {type(r).__name__}"
                )
        problems = [
            *_dates(records, source),
            *_duplicates(records, source),
            *_unknown_nodes(records, graph, source),
        ]
        if problems:
            raise ValidationError(problems[:MAX_PROBLEMS], source=source)
    raw = _raw_measures(graph, records)
    people = len({r.person for r in records})
    return _suppress(graph, raw, people, len(records), min_cell, source)


def _raw_measures(
    G: nx.MultiDiGraph, records: Sequence[Outcome]
) -> dict[str, dict[str, Any]]:
    """Every step's counts and values, before suppression."""
    by_step: dict[str, list[Outcome]] = defaultdict(list)
    spells: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for r in records:
        by_step[r.node].append(r)
        spells[r.person].append((r.node, r.start))
    present = set(by_step)
    steps = [
        s for s in step_order(G) if G.nodes[s].get("kind") == "program" or s in present
    ]
    following = next_steps(G) if any(r.completed for r in records) else {}
    raw: dict[str, dict[str, Any]] = {}
    for s in steps:
        rows = by_step.get(s, [])
        completion: dict[str, Outcome] = {}
        for r in sorted(rows, key=lambda r: (r.end or r.start, r.start, r.line)):
            if r.completed:
                completion.setdefault(r.person, r)
        nxt = following.get(s, frozenset())
        continued = sum(
            1
            for person, r in completion.items()
            if any(
                t in nxt and start >= (r.end or r.start) for t, start in spells[person]
            )
        )
        known = [r for r in completion.values() if r.employed is not None]
        gains = [
            r.wage_after - r.wage_before
            for r in completion.values()
            if r.wage_after is not None and r.wage_before is not None
        ]
        counts = {
            "enrolled": len({r.person for r in rows}),
            "completed": len(completion),
            "continued": continued,
            "employment_known": len(known),
            "employed": sum(1 for r in known if r.employed),
            "wage_people": len(gains),
        }
        raw[s] = {
            **counts,
            "completion_rate": _rate(counts["completed"], counts["enrolled"]),
            "continuation_rate": _rate(counts["continued"], counts["completed"]),
            "employment_rate": _rate(counts["employed"], counts["employment_known"]),
            "wage_gain_median": (
                round(float(statistics.median(gains)), 2) if gains else None
            ),
        }
    return raw


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _ancestors(cell: str) -> list[str]:
    chain = []
    while cell in _PARENT:
        cell = _PARENT[cell]
        chain.append(cell)
    return chain


def _suppress(
    G: nx.MultiDiGraph,
    raw: Mapping[str, Mapping[str, Any]],
    people: int,
    rows: int,
    min_cell: int,
    source: str,
) -> Measures:
    header_shown = people >= min_cell
    result = []
    for s, values in raw.items():
        value = {"people": people, **{c: values[c] for c in _COUNTS}}
        hidden: dict[str, str] = {c: "small" for c in _COUNTS if value[c] < min_cell}
        if not header_shown:
            hidden["people"] = "small"
        changed = True
        while changed:
            changed = False
            for c in _COUNTS:
                if c in hidden:
                    continue
                for a in _ancestors(c):
                    if a not in hidden and 0 < value[a] - value[c] < min_cell:
                        hidden[c] = "complementary"
                        changed = True
                        break
        hidden.pop("people", None)
        for name, (num, den) in _DERIVED.items():
            if den in hidden or (num is not None and num in hidden):
                hidden[name] = "small" if value[den] < min_cell else "complementary"
        shown = {
            name: None if name in hidden else values[name]
            for name in (*_COUNTS, *_DERIVED)
        }
        result.append(
            StepMeasures(
                step=s,
                label=str(G.nodes[s].get("label", s)),
                kind=str(G.nodes[s].get("kind")),
                suppressed=dict(sorted(hidden.items())),
                **shown,
            )
        )
    return Measures(
        title=str(G.graph.get("title", "")),
        source=source,
        people=people if header_shown else None,
        rows=rows if header_shown else None,
        min_cell=min_cell,
        steps=tuple(result),
    )


# ------------------------------------------------------------------------ synthetic


def outcomes_csv(records: Iterable[Outcome]) -> str:
    """Outcome records as CSV text with every column of :data:`COLUMNS`.

    Examples
    --------
    >>> from datetime import date
    >>> print(outcomes_csv([Outcome("p1", "cna", date(2024, 1, 8))]), end="")
    person,node,start,end,completed,employed,wage_after,wage_before
    p1,cna,2024-01-08,,false,,,
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow(
            [
                spreadsheet_cell(r.person),
                spreadsheet_cell(r.node),
                r.start.isoformat(),
                r.end.isoformat() if r.end else "",
                "true" if r.completed else "false",
                "" if r.employed is None else ("true" if r.employed else "false"),
                _money(r.wage_after),
                _money(r.wage_before),
            ]
        )
    return buffer.getvalue()


def _money(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def _program_moves(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Program -> the programs one credential away (what it awards opens)."""
    programs = sorted(n for n, k in G.nodes(data="kind") if k == "program")
    moves: dict[str, list[str]] = {}
    for p in programs:
        found: set[str] = set()
        for _, c, k in G.out_edges(p, data="kind"):
            if k != "awards":
                continue
            for _, q, k2 in G.out_edges(c, data="kind"):
                if k2 in ("requires", "articulates_to") and q in programs and q != p:
                    found.add(q)
        moves[p] = sorted(found)
    return moves


def synthetic_outcomes(
    G: GraphLike,
    people: int = 400,
    *,
    seed: int = 0,
    first_start: date = date(2022, 1, 3),
) -> tuple[Outcome, ...]:
    """SYNTHETIC outcome records: people walked through a pathway's programs.

    Each person starts at an entry program (one no other program's credential
    opens) on a day in the two years from ``first_start``, and at each program:
    completes it with probability 0.70 (after its ``months``, default 6; a
    non-completer leaves after a third of that, or is still enrolled with
    probability 0.05); after completing, goes on to a program the credential opens
    (``requires`` or ``articulates_to``) with probability 0.60, starting 0 to 90
    days later. Employment after a step is unknown for 20% of records, else true
    with probability 0.75 for completers and 0.45 for others; the wage before is
    drawn around $24,000 (unknown for 10%), the wage after adds a gain around
    $4,000 per completed step (after a non-completed step, around $500), and is
    empty when not employed. Everything depends on ``seed`` only.

    These records describe no real person; use them to try the measures.

    Examples
    --------
    >>> import pathgraph
    >>> rows = synthetic_outcomes(pathgraph.load_example("bht"), people=20, seed=1)
    >>> len({r.person for r in rows})
    20
    >>> rows == synthetic_outcomes(pathgraph.load_example("bht"), people=20, seed=1)
    True
    """
    if isinstance(people, bool) or not isinstance(people, int) or people < 0:
        raise ArgumentError(f"people must be a whole number >= 0, not {people!r}")
    graph = as_graph(G)
    moves = _program_moves(graph)
    opened = {q for targets in moves.values() for q in targets}
    entries = [p for p in sorted(moves) if p not in opened] or sorted(moves)
    if not entries:
        raise ArgumentError("the pathway has no programs to walk people through")
    rng = random.Random(seed)
    width = max(4, len(str(people)))
    records: list[Outcome] = []
    for i in range(1, people + 1):
        person = f"P{i:0{width}d}"
        step = rng.choice(entries)
        start = first_start + timedelta(days=rng.randrange(730))
        wage = None if rng.random() < 0.10 else float(round(rng.gauss(24000, 4000)))
        wage = max(wage, 0.0) if wage is not None else None
        for _ in range(len(moves) + 1):  # a walk never repeats more than this
            months = float(graph.nodes[step].get("months") or 6)
            completed = rng.random() < 0.70
            days = round(months * 30.4 * (1 if completed else 1 / 3))
            end: date | None = start + timedelta(days=max(days, 1))
            if not completed and rng.random() < 0.05:
                end = None
            if rng.random() < 0.20:
                employed = None
            else:
                employed = rng.random() < (0.75 if completed else 0.45)
            gain = rng.gauss(4000 if completed else 500, 1500)
            after = (
                float(round(max((wage or 24000.0) + gain, 0.0))) if employed else None
            )
            records.append(
                Outcome(person, step, start, end, completed, employed, after, wage)
            )
            if not completed or end is None or not moves[step]:
                break
            if rng.random() >= 0.60:
                break
            step = rng.choice(moves[step])
            start = end + timedelta(days=rng.randrange(91))
            wage = after if after is not None else wage
    return tuple(
        replace(r, line=n)
        for n, r in enumerate(sorted(records, key=lambda r: (r.person, r.start)), 2)
    )
