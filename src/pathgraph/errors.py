"""The pathgraph exception family.

Every error the library raises on purpose is a :class:`PathgraphError`. Errors about
input carry a location (a file, a line, a record) so that the command line can print
one readable block and a caller can point at the problem.

The tree, as :func:`tree` draws it from the classes themselves (so this copy, a
doctest, cannot drift):

>>> print(tree())
PathgraphError
├── ArgumentError (also ValueError)
│   └── UnknownNodeError (also KeyError)
├── MissingDependencyError
├── RenderError
├── SearchLimitError
├── UnfeasibleError
│   └── NoRouteError
└── ValidationError
    ├── FormatError
    └── GraphContractError
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ArgumentError",
    "FormatError",
    "GraphContractError",
    "Location",
    "MissingDependencyError",
    "NoRouteError",
    "PathgraphError",
    "Problem",
    "RenderError",
    "SearchLimitError",
    "UnfeasibleError",
    "UnknownNodeError",
    "ValidationError",
    "tree",
]


@dataclass(frozen=True, order=True)
class Location:
    """Where a record stands in the file it was read from.

    Examples
    --------
    >>> print(Location("bht.yaml", 14, 5))
    bht.yaml:14:5
    """

    file: str
    line: int
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def to_dict(self) -> dict[str, str | int]:
        """``{"file", "line", "column"}``."""
        return {"file": self.file, "line": self.line, "column": self.column}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, with where it is and how to fix it.

    Attributes
    ----------
    location : str
        Where the problem is, as precise as the source allows: ``"bht.yaml:14:5"``,
        ``"programs[2].awards[0]"``, ``"node 'cna'"``.
    message : str
        What is wrong.
    fix : str
        How to fix it (may be empty).
    record : str
        The id of the record involved, when there is one.
    """

    location: str
    message: str
    fix: str = ""
    record: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


class PathgraphError(Exception):
    """Root of every error pathgraph raises on purpose."""


class ArgumentError(PathgraphError, ValueError):
    """A function was called with a value it cannot use.

    Also a :class:`ValueError`, so ``except ValueError`` keeps working: an unknown
    entry preset, a negative budget, an option out of range, an object that is
    neither a Pathway nor a graph.
    """


class UnknownNodeError(ArgumentError, KeyError):
    """An id names no node of the graph (or record of the pathway).

    Also a :class:`KeyError`, as a lookup that fails.

    Examples
    --------
    >>> from pathgraph.errors import UnknownNodeError
    >>> print(UnknownNodeError("'cna' is not a node of the graph"))
    'cna' is not a node of the graph
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class SearchLimitError(PathgraphError):
    """A search stopped at its documented bound before it finished.

    The message says which bound, what the search tried, and how to ask a smaller
    question (or raise the bound).
    """


class ValidationError(PathgraphError):
    """A pathway, record or graph breaks the model's rules.

    Holds every problem found, not only the first, in :attr:`problems`.

    Examples
    --------
    >>> from pathgraph.errors import Problem, ValidationError
    >>> problem = Problem("node 'x'", "label is empty", "give it a label")
    >>> err = ValidationError([problem])
    >>> print(err)
    1 problem:
      node 'x': label is empty (fix: give it a label)
    """

    def __init__(self, problems: Iterable[Problem] | str, *, source: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''}"
        if self.source:
            head += f" in {self.source}"
        lines = [head + ":"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()


class FormatError(ValidationError):
    """A file cannot be read: bad syntax, wrong structure, wrong encoding."""


class GraphContractError(ValidationError):
    """A graph lacks or misuses the attributes pathgraph's algorithms read."""


class UnfeasibleError(PathgraphError):
    """A question has no answer under the given constraints."""


class NoRouteError(UnfeasibleError):
    """No route takes the learner to the goal.

    Attributes
    ----------
    reason : str
        The requirement nobody can meet, or the bound that cuts every route.
    """

    def __init__(self, message: str, *, reason: str = "") -> None:
        self.reason = reason or message
        super().__init__(message)


class MissingDependencyError(PathgraphError):
    """An optional program or package (or a file of pathgraph's own installation)
    is needed but not installed.

    The message says what to install.
    """


class RenderError(PathgraphError):
    """Graphviz could not draw a map: ``dot`` failed or ran past its time limit.

    The message gives Graphviz's own error, or how to draw less.
    """


def tree() -> str:
    """The exception tree, drawn from the classes (builtin bases in brackets)."""
    lines: list[str] = []

    def walk(cls: type[BaseException], prefix: str, last: bool, root: bool) -> None:
        also = [b.__name__ for b in cls.__bases__ if b.__module__ == "builtins"]
        also = [b for b in also if b != "Exception"]
        name = cls.__name__ + (f" (also {', '.join(also)})" if also else "")
        lines.append(prefix + ("" if root else ("└── " if last else "├── ")) + name)
        kids = [c for c in cls.__subclasses__() if c.__module__ == __name__]
        kids.sort(key=lambda c: (c.__name__ == "ValidationError", c.__name__))
        inner = prefix + ("" if root else ("    " if last else "│   "))
        for i, kid in enumerate(kids):
            walk(kid, inner, i == len(kids) - 1, False)

    walk(PathgraphError, "", True, True)
    return "\n".join(lines)
