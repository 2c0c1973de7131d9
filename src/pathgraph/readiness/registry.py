"""The readiness item registry: the DOL toolkit's six elements and our items.

An item is a function decorated with :func:`item`, in
:mod:`pathgraph.readiness.items`. The decorator adds it to :data:`ITEMS` (in code
order), which the report, the command and ``docs/assessing.md`` read; the item
wording is ours, each item cites the element of the US DOL Career Pathways Toolkit
(2016) it evidences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pathgraph.errors import ArgumentError

if TYPE_CHECKING:
    from pathgraph.readiness.context import Context

__all__ = [
    "ELEMENTS",
    "ITEMS",
    "SCORES",
    "SCORE_TEXT",
    "Evidence",
    "Item",
    "ItemFn",
    "Score",
    "item",
]

#: The six key elements of the DOL Career Pathways Toolkit, by number.
ELEMENTS: dict[int, str] = {
    1: "Build cross-agency partnerships and clarify roles",
    2: "Identify industry sectors and engage employers",
    3: "Design education and training programs",
    4: "Identify funding needs and sources",
    5: "Align policies and programs",
    6: "Measure system change and performance",
}

Score = Literal["met", "partly", "not_met", "needs_answer"]
#: Every score, best first.
SCORES: tuple[Score, ...] = ("met", "partly", "not_met", "needs_answer")
#: How each score reads in a report.
SCORE_TEXT: dict[str, str] = {
    "met": "met",
    "partly": "partly",
    "not_met": "not met",
    "needs_answer": "needs your answer",
}


@dataclass(frozen=True)
class Evidence:
    """What an item function found: its score and what the score rests on.

    Attributes
    ----------
    score : {"met", "partly", "not_met", "needs_answer"}
    summary : str
        One line: the counts behind the score.
    details : tuple of str
        Evidence lines (records by id, per role, level or sector).
    records : tuple of str
        The record ids cited, sorted.
    counts : dict of str to int
        The numbers behind the score.
    """

    score: Score
    summary: str
    details: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)


#: What an item runs: the pathway's context in, its evidence out.
ItemFn = Callable[["Context"], Evidence]


@dataclass(frozen=True)
class Item:
    """A readiness item: what it asks, the element it cites, how it is scored.

    Attributes
    ----------
    code : str
        ``"<element>.<n>"``, stable.
    slug : str
        A short name (``"partner-roles"``).
    element : int
        The toolkit element (1-6) the item evidences.
    title : str
        The question, in our words.
    scoring : str
        How the data decides the score (``"needs your answer"`` when it cannot).
    question : str
        What to answer yourself when the data cannot decide.
    """

    code: str
    slug: str
    element: int
    title: str
    scoring: str
    question: str


#: Every item, by code, in code order.
ITEMS: dict[str, Item] = {}
#: Each item's function, by code.
RUNS: dict[str, ItemFn] = {}


def item(
    code: str, slug: str, *, title: str, scoring: str, question: str
) -> Callable[[ItemFn], ItemFn]:
    """Register the decorated function as item ``code`` (returned unchanged)."""

    def register(fn: ItemFn) -> ItemFn:
        element = int(code.split(".")[0])
        if element not in ELEMENTS:
            raise ArgumentError(f"item {code}: element {element} is not 1-6")
        if code in ITEMS or any(i.slug == slug for i in ITEMS.values()):
            raise ArgumentError(f"item {code} ({slug}) is registered twice")
        new = Item(code, slug, element, title, scoring, question)
        ordered = sorted(
            [*ITEMS.values(), new], key=lambda i: tuple(map(int, i.code.split(".")))
        )
        ITEMS.clear()
        ITEMS.update((i.code, i) for i in ordered)
        RUNS[code] = fn
        return fn

    return register
