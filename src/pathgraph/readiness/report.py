"""The readiness assessment: results per item, scores per element, three formats."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pathgraph._graphs import GraphLike
from pathgraph.analysis._core import checked_index
from pathgraph.readiness import items as _items  # noqa: F401  (registers them)
from pathgraph.readiness.context import Context
from pathgraph.readiness.registry import (
    ELEMENTS,
    ITEMS,
    RUNS,
    SCORE_TEXT,
    SCORES,
    Score,
)

__all__ = ["ElementScore", "ItemResult", "Readiness", "assess", "markdown_table"]

#: Points per decided score (an item the data cannot decide scores none).
POINTS: dict[str, int] = {"met": 2, "partly": 1, "not_met": 0}


@dataclass(frozen=True)
class ItemResult:
    """One item's score and the evidence behind it.

    Attributes
    ----------
    code, slug : str
        The item (see :data:`pathgraph.readiness.ITEMS`).
    element : int
        The toolkit element it cites (1-6).
    title : str
        What the item asks.
    score : {"met", "partly", "not_met", "needs_answer"}
    summary : str
        The counts behind the score, one line.
    evidence : tuple of str
        Evidence lines, naming records by id.
    records : tuple of str
        The record ids cited.
    counts : dict of str to int
    question : str
        What to answer when the data cannot decide (also shown for every item).
    """

    code: str
    slug: str
    element: int
    title: str
    score: Score
    summary: str
    evidence: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    question: str = ""

    @property
    def score_text(self) -> str:
        """The score in words: met, partly, not met, needs your answer."""
        return SCORE_TEXT[self.score]

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready)."""
        return {
            "code": self.code,
            "slug": self.slug,
            "element": self.element,
            "title": self.title,
            "score": self.score,
            "summary": self.summary,
            "evidence": list(self.evidence),
            "records": list(self.records),
            "counts": dict(sorted(self.counts.items())),
            "question": self.question,
        }


@dataclass(frozen=True)
class ElementScore:
    """An element's items counted by score, and its points.

    ``points`` are 2 per met and 1 per partly item, out of ``possible`` (2 per item
    the data decides; items that need your answer are left out of both).
    """

    element: int
    name: str
    counts: dict[str, int]
    points: int
    possible: int

    @property
    def text(self) -> str:
        """``"5/8 points; 2 met, 1 partly, 1 not met, 1 needs your answer"``."""
        parts = [f"{self.counts[s]} {SCORE_TEXT[s]}" for s in SCORES if self.counts[s]]
        return f"{self.points}/{self.possible} points; {', '.join(parts)}"

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready)."""
        return {
            "element": self.element,
            "name": self.name,
            "counts": dict(self.counts),
            "points": self.points,
            "possible": self.possible,
        }


@dataclass(frozen=True)
class Readiness:
    """A readiness self-assessment of a career pathway system.

    Attributes
    ----------
    title : str
        The pathway's title.
    items : tuple of ItemResult
        Every item, in code order.
    """

    title: str
    items: tuple[ItemResult, ...]

    def __getitem__(self, key: str) -> ItemResult:
        """An item's result by code (``"3.3"``) or slug (``"off-ramps"``)."""
        for it in self.items:
            if key in (it.code, it.slug):
                return it
        raise KeyError(key)

    @property
    def counts(self) -> dict[str, int]:
        """Items by score, every score listed."""
        found = Counter(it.score for it in self.items)
        return {s: found[s] for s in SCORES}

    @property
    def elements(self) -> tuple[ElementScore, ...]:
        """Each element's score, in element order."""
        out = []
        for number, name in ELEMENTS.items():
            mine = [it for it in self.items if it.element == number]
            found = Counter(it.score for it in mine)
            decided = [it for it in mine if it.score in POINTS]
            out.append(
                ElementScore(
                    number,
                    name,
                    {s: found[s] for s in SCORES},
                    sum(POINTS[it.score] for it in decided),
                    2 * len(decided),
                )
            )
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready), deterministic."""
        return {
            "title": self.title,
            "counts": self.counts,
            "elements": [
                {
                    **e.to_dict(),
                    "items": [
                        it.to_dict() for it in self.items if it.element == e.element
                    ],
                }
                for e in self.elements
            ],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n"

    def __str__(self) -> str:
        lines = [f"Readiness self-assessment: {self.title}"]
        counts = self.counts
        lines.append("  " + ", ".join(f"{counts[s]} {SCORE_TEXT[s]}" for s in SCORES))
        for e in self.elements:
            lines.append("")
            lines.append(f"{e.element}. {e.name}  [{e.text}]")
            for it in self.items:
                if it.element != e.element:
                    continue
                lines.append(f"  {it.code} {it.score_text.upper():<17} {it.title}")
                lines.append(f"      {it.summary}")
                lines += [f"      - {line}" for line in it.evidence]
                if it.score == "needs_answer":
                    lines.append(f"      ? {it.question}")
        return "\n".join(lines)

    def to_html(self) -> str:
        """A one-page scorecard: self-contained HTML, print-friendly, escaped."""
        # lazy: only the html format needs it
        from pathgraph.readiness.html import scorecard

        return scorecard(self)

    def _repr_html_(self) -> str:
        # lazy: only Jupyter needs it
        from pathgraph.readiness.html import fragment

        return fragment(self)


def assess(G: GraphLike) -> Readiness:
    """Score a career pathway system's readiness, element by element.

    Each item of :data:`pathgraph.readiness.ITEMS` (grouped by the six key
    elements of the US DOL Career Pathways Toolkit) is scored from the pathway's
    records: ``met``, ``partly`` or ``not_met``, with the evidence (records, counts);
    an item the data cannot decide is ``needs_answer``. See ``docs/assessing.md``.
    Runs in O(items x (V + E)).

    Parameters
    ----------
    G
        A pathway graph (following the contract) or a Pathway.

    Returns
    -------
    Readiness

    Raises
    ------
    pathgraph.GraphContractError
        ``G`` does not follow the graph contract.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.readiness import assess
    >>> a = assess(pathgraph.load_example("bht"))
    >>> a["off-ramps"].score, a["off-ramps"].records
    ('partly', ('bht-advanced',))
    >>> a.counts
    {'met': 8, 'partly': 6, 'not_met': 0, 'needs_answer': 6}
    """
    index = checked_index(G)
    ctx = Context(index.G, index)
    results = []
    for code, it in ITEMS.items():
        ev = RUNS[code](ctx)
        results.append(
            ItemResult(
                code=it.code,
                slug=it.slug,
                element=it.element,
                title=it.title,
                score=ev.score,
                summary=ev.summary,
                evidence=ev.details,
                records=ev.records,
                counts=dict(ev.counts),
                question=it.question,
            )
        )
    return Readiness(str(ctx.G.graph.get("title", "")), tuple(results))


def markdown_table() -> str:
    """The item table of ``docs/assessing.md``, generated from :data:`ITEMS`.

    Examples
    --------
    >>> from pathgraph.readiness import markdown_table
    >>> print(markdown_table().splitlines()[0])
    | item | element | asks | scored from the data |
    """
    lines = [
        "| item | element | asks | scored from the data |",
        "|---|---|---|---|",
    ]
    for it in ITEMS.values():
        lines.append(
            f"| {it.code} `{it.slug}` | {it.element}. {ELEMENTS[it.element]} "
            f"| {it.title} | {it.scoring} |"
        )
    return "\n".join(lines) + "\n"
