"""The pathgraph exception family.

Every error the library raises on purpose is a :class:`PathgraphError`. Errors about
input carry a location (a file, a line, a record) so that the command line can print
one readable block and a caller can point at the problem.

Tree::

    PathgraphError
    ├── ValidationError          a pathway or graph breaks the model's rules
    │   └── FormatError          a file cannot be read (syntax, wrong shape, encoding)
    ├── GraphContractError       a hand-built graph lacks attributes the algorithms read
    ├── UnfeasibleError          a question has no answer under the given constraints
    │   └── NoRouteError         no route reaches the goal
    └── MissingDependencyError   an optional program or package is not installed
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "FormatError",
    "GraphContractError",
    "MissingDependencyError",
    "NoRouteError",
    "PathgraphError",
    "Problem",
    "UnfeasibleError",
    "ValidationError",
]


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
    """An optional program or package is needed but not installed.

    The message says what to install.
    """
