"""Curricular Analytics metrics of a curriculum, without enumerating paths.

The requisite graph of a curriculum has one vertex per course and one edge ``u -> v``
for each prerequisite, corequisite or strict corequisite ``u`` of ``v`` (all three
count, as on curricularanalytics.org; parallel requisites between the same two courses
count once). On that DAG, for each course ``v``:

* **blocking factor**: the number of courses reachable from ``v``;
* **delay factor**: the number of courses on the longest path through ``v``;
* **centrality**: the sum of the lengths (in courses) of every source-to-sink path
  that passes through ``v`` as an interior vertex (0 for sources and sinks);
* **structural complexity**: delay + blocking; in a quarter-system curriculum,
  ``(delay + blocking) * 2/3`` rounded to one decimal.

**OR requisites.** A course may also need "any of", "n of" or "n credits from"
options (a ``requires`` group, or a condition, nested to any depth). Then the
metrics are read on the *critical requisite graph* (an OR group keeps its best
options: those that let the course be taken earliest), and blocking counts the
courses that cannot be taken without ``v`` at all; options outside the curriculum
are held. Without OR both are the requisite graph and the reachable courses of
Curricular Analytics, so every value is theirs. The definitions, exactly, are in
:mod:`pathgraph.analysis._requisites` and ``docs/analysis.md``.

The reference implementations enumerate every source-to-sink path (exponential on
dense catalogues). Here one topological dynamic program computes them all exactly,
with integers: descendants as bitsets (Python ints) for blocking; longest path counts
ending at and starting from ``v`` (``up``, ``down``) for delay = up + down - 1; the
number ``N`` and total length ``L`` of paths from sources to ``v`` and from ``v`` to
sinks for centrality = L_in*N_out + L_out*N_in - N_in*N_out. Time O(V + E) plus
O(V * E / 64) word operations for the bitsets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from pathgraph.errors import MissingDependencyError, Problem, ValidationError
from pathgraph.model import Pathway

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "REQUISITE_KINDS",
    "CourseMetrics",
    "CurricularMetrics",
    "curricular_metrics",
]

#: Edge kinds that make the requisite graph.
REQUISITE_KINDS: frozenset[str] = frozenset({"prerequisite_of", "corequisite_of"})


class CourseMetrics(NamedTuple):
    """The four Curricular Analytics metrics of one course (an immutable tuple).

    ``complexity`` is ``float(delay + blocking)``, or for a quarter-system
    curriculum ``round((delay + blocking) * 2 / 3, 1)``.
    """

    blocking: int
    delay: int
    centrality: int
    complexity: float

    def to_dict(self) -> dict[str, int | float]:
        """The metrics as a plain dict (the JSON shape of ``pathgraph metrics``)."""
        return {
            "blocking": self.blocking,
            "delay": self.delay,
            "centrality": self.centrality,
            "complexity": self.complexity,
        }


@dataclass(frozen=True)
class CurricularMetrics:
    """Per-course metrics of a curriculum and their totals.

    Attributes
    ----------
    courses : Mapping[str, CourseMetrics]
        By course id, in the curriculum's course order.
    totals : Mapping[str, int | float]
        ``blocking``, ``delay``, ``centrality``, ``complexity`` (sums over courses,
        as the curriculum-level metrics of Curricular Analytics), ``courses`` (how
        many) and ``credit_hours`` (sum of the courses' credits that are set).
    terms : Mapping[int, int | float]
        Credit hours per term, for a degree plan (courses with a ``term``); empty
        for a plain curriculum.
    system : str
        ``"semester"`` or ``"quarter"``.
    program : str | None
        The program whose curriculum this is, when one was chosen or found.
    """

    courses: Mapping[str, CourseMetrics]
    totals: Mapping[str, int | float]
    terms: Mapping[int, int | float] = field(default_factory=dict)
    system: str = "semester"
    program: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"courses": {id: {...}}, "totals": {...}}``.

        ``terms`` (keys as strings) is included only for degree plans.
        """
        out: dict[str, Any] = {
            "courses": {cid: m.to_dict() for cid, m in self.courses.items()},
            "totals": dict(self.totals),
        }
        if self.terms:
            out["terms"] = {str(t): c for t, c in self.terms.items()}
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per course (index ``course``), columns blocking, delay,
        centrality, complexity.

        Raises
        ------
        pathgraph.MissingDependencyError
            When pandas is not installed.
        """
        # lazy: optional dependency (pandas)
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is installed in dev
            raise MissingDependencyError(
                "to_frame() needs pandas: pip install pandas"
            ) from exc
        frame = pd.DataFrame.from_records(
            [{"course": cid, **m.to_dict()} for cid, m in self.courses.items()],
            columns=["course", "blocking", "delay", "centrality", "complexity"],
        )
        return frame.set_index("course")

    def __str__(self) -> str:
        rows = [f"{'course':<20} {'block':>5} {'delay':>5} {'central':>8} {'cmplx':>6}"]
        for cid, m in self.courses.items():
            rows.append(
                f"{cid:<20} {m.blocking:>5} {m.delay:>5} {m.centrality:>8} "
                f"{m.complexity:>6.1f}"
            )
        t = self.totals
        rows.append(
            f"{'TOTAL':<20} {t['blocking']:>5} {t['delay']:>5} {t['centrality']:>8} "
            f"{float(t['complexity']):>6.1f}"
        )
        if self.terms:
            rows.append(
                "credit hours by term: "
                + ", ".join(f"{k}: {v}" for k, v in self.terms.items())
            )
        return "\n".join(rows)


def _quarter_tenths(score: int) -> int:
    """round(score * 2/3, 1) in tenths, exactly: 20*score/3 to the nearest integer
    (never a tie: the remainder of 20*score by 3 is 0, 1 or 2)."""
    return (20 * score + 1) // 3


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def curricular_metrics(
    G_or_pathway: nx.MultiDiGraph | Pathway,
    program: str | None = None,
    *,
    system: str | None = None,
) -> CurricularMetrics:
    """Blocking, delay, centrality and complexity of every course of a curriculum.

    Parameters
    ----------
    G_or_pathway
        A :class:`~pathgraph.Pathway`, or a ``networkx.MultiDiGraph`` (also one built
        by hand). Attributes read: node ``kind`` (courses are nodes with
        ``kind == "course"``), ``credits`` (default: none) and ``term`` (default:
        none); on program nodes ``tags`` (``"system:quarter"`` makes the curriculum a
        quarter-system one); edge ``kind``: ``prerequisite_of`` and
        ``corequisite_of`` (course -> course, the requisite first) make the
        requisite graph, ``part_of`` (course -> program) selects a program's courses;
        ``requires`` edges into courses (and the conditions they reach, with their
        ``need`` and ``credits``) add OR requisites.
    program
        Id of a program: use only the courses ``part_of`` it. Default: every course.
    system
        ``"semester"`` or ``"quarter"``; default: from the program's
        ``system:<type>`` tag (the program chosen, or the one program the courses
        belong to), else semester.

    Returns
    -------
    CurricularMetrics
        Exact integer metrics (complexity a float), identical to
        curricularanalytics.org's, computed in one topological pass each way.

    Raises
    ------
    pathgraph.ValidationError
        When ``program`` is not a program of the graph, the requisites form a
        cycle (the message names the courses on it), or a course's OR requisites
        cannot be met inside the curriculum.

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph import curricular_metrics
    >>> G = nx.MultiDiGraph()
    >>> for c in "abcd":
    ...     G.add_node(c, kind="course", label=c.upper(), credits=3)
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "d")]:
    ...     _ = G.add_edge(u, v, kind="prerequisite_of")
    >>> m = curricular_metrics(G)
    >>> m.courses["b"]
    CourseMetrics(blocking=1, delay=3, centrality=3, complexity=4.0)
    >>> m.totals["blocking"], m.totals["complexity"]
    (4, 15.0)

    With an OR requisite, "d needs c or b", the fastest plan takes b then d: c is
    not on d's critical chain, and blocks nothing (d can be taken without it):

    >>> _ = G.add_edge("c", "d", kind="requires", group="g", need=1)
    >>> _ = G.add_edge("b", "d", kind="requires", group="g", need=1)
    >>> G.remove_edge("a", "d")
    >>> m = curricular_metrics(G)
    >>> m.courses["c"]
    CourseMetrics(blocking=0, delay=3, centrality=0, complexity=3.0)
    >>> m.courses["a"].blocking  # b, c and d all need a
    3
    """
    if isinstance(G_or_pathway, Pathway):
        inputs = _from_pathway(G_or_pathway, program)
    else:
        inputs = _from_graph(G_or_pathway, program)
    courses, edges, attrs, system_found, program, grouped = inputs
    system = system or system_found
    if system not in ("semester", "quarter"):
        raise ValidationError([Problem("system", f"unknown system type {system!r}")])
    blocks = None
    if grouped:  # requirement groups: "any of", "n of", credits, conditions
        # lazy: only curricula with OR requisites need it
        from pathgraph.analysis._requisites import critical_requisites
        from pathgraph.graph import to_graph

        G = G_or_pathway if not isinstance(G_or_pathway, Pathway) else None
        req = critical_requisites(
            G if G is not None else to_graph(G_or_pathway), courses
        )
        succ, pred, blocks = req.succ, req.pred, req.blocks
    else:
        succ, pred = _requisite_lists(courses, edges)
    order = _topological_order(succ, pred, courses)
    down = _downward(order, succ)
    if blocks is not None:
        down = (*down[:3], blocks)
    per, totals = _course_metrics(
        courses, succ, pred, _upward(order, pred), down, system
    )
    credit_total, terms = _credits(attrs)
    totals["courses"] = len(courses)
    totals["credit_hours"] = _num(credit_total)
    return CurricularMetrics(
        courses=per,
        totals=totals,
        terms={t: _num(c) for t, c in sorted(terms.items())},
        system=system,
        program=program,
    )


def _requisite_lists(
    courses: list[str], edges: list[tuple[str, str]]
) -> tuple[list[list[int]], list[list[int]]]:
    """Successor and predecessor lists (course positions) of the requisite graph,
    without self-loops, repeated edges or edges to courses not in ``courses``."""
    index = {c: i for i, c in enumerate(courses)}
    n = len(courses)
    succ: list[list[int]] = [[] for _ in range(n)]
    pred: list[list[int]] = [[] for _ in range(n)]
    seen: set[int] = set()
    position = index.get
    for src, dst in edges:
        a, b = position(src), position(dst)
        if a is None or b is None or a == b:
            continue
        key = a * n + b
        if key not in seen:
            seen.add(key)
            succ[a].append(b)
            pred[b].append(a)
    return succ, pred


def _upward(
    order: list[int], pred: list[list[int]]
) -> tuple[list[int], list[int], list[int]]:
    """Per course, in one pass in topological order: the longest requisite path
    ending at it (in courses), the number of paths ending at it and their total
    length."""
    n = len(pred)
    up = [1] * n
    n_in = [1] * n
    l_in = [1] * n
    for v in order:
        ps = pred[v]
        if ps:
            longest = count = length = 0
            for u in ps:
                if up[u] > longest:
                    longest = up[u]
                count += n_in[u]
                length += l_in[u]
            up[v] = longest + 1
            n_in[v] = count
            l_in[v] = count + length
    return up, n_in, l_in


def _downward(
    order: list[int], succ: list[list[int]]
) -> tuple[list[int], list[int], list[int], list[int]]:
    """Per course, in one pass in reverse topological order: the longest requisite
    path starting at it, the number of paths starting at it, their total length,
    and the set of courses it blocks (a bit per course)."""
    n = len(succ)
    down = [1] * n
    n_out = [1] * n
    l_out = [1] * n
    below = [0] * n
    for v in reversed(order):
        ss = succ[v]
        if ss:
            longest = count = length = bits = 0
            for w in ss:
                if down[w] > longest:
                    longest = down[w]
                count += n_out[w]
                length += l_out[w]
                bits |= below[w] | (1 << w)
            down[v] = longest + 1
            n_out[v] = count
            l_out[v] = count + length
            below[v] = bits
    return down, n_out, l_out, below


def _course_metrics(
    courses: list[str],
    succ: list[list[int]],
    pred: list[list[int]],
    upward: tuple[list[int], list[int], list[int]],
    downward: tuple[list[int], list[int], list[int], list[int]],
    system: str,
) -> tuple[dict[str, CourseMetrics], dict[str, int | float]]:
    """Each course's metrics from the two passes, and their totals (blocking,
    delay, centrality, complexity)."""
    up, n_in, l_in = upward
    down, n_out, l_out, below = downward
    per: dict[str, CourseMetrics] = {}
    new_metrics = tuple.__new__  # CourseMetrics(...) without its Python-level __new__
    quarter = system == "quarter"
    tenths_total = total_blocking = total_delay = total_central = 0
    for i, cid in enumerate(courses):
        blocking = below[i].bit_count()
        delay = up[i] + down[i] - 1
        central = (
            l_in[i] * n_out[i] + l_out[i] * n_in[i] - n_in[i] * n_out[i]
            if pred[i] and succ[i]
            else 0
        )
        score = blocking + delay
        tenths = _quarter_tenths(score) if quarter else 10 * score
        tenths_total += tenths
        per[cid] = new_metrics(CourseMetrics, (blocking, delay, central, tenths / 10))
        total_blocking += blocking
        total_delay += delay
        total_central += central
    totals: dict[str, int | float] = {
        "blocking": total_blocking,
        "delay": total_delay,
        "centrality": total_central,
        "complexity": tenths_total / 10,
    }
    return per, totals


def _credits(attrs: list[tuple[Any, Any]]) -> tuple[float, dict[int, float]]:
    """Total credit hours and credit hours per term, from (credits, term) pairs."""
    credit_total: float = 0
    terms: dict[int, float] = {}
    for credits, term in attrs:
        if credits is not None:
            credit_total += credits
        if term is not None:
            terms[term] = terms.get(term, 0) + (credits or 0)
    return credit_total, terms


_Inputs = tuple[
    list[str],
    list[tuple[str, str]],
    list[tuple[Any, Any]],
    str,
    str | None,
    bool,
]


def _no_program(program: str) -> ValidationError:
    return ValidationError(
        [
            Problem(
                f"program {program!r}",
                "no program with this id",
                "name a program of the pathway",
            )
        ]
    )


def _from_graph(G: nx.MultiDiGraph, program: str | None) -> _Inputs:
    """Courses (graph order), requisite edges, (credits, term), system, program."""
    if program is not None:
        if program not in G or G.nodes[program].get("kind") != "program":
            raise _no_program(program)
        members = {
            u
            for u, _, kind in G.in_edges(program, data="kind")
            if kind == "part_of" and G.nodes[u].get("kind") == "course"
        }
        courses = [c for c in G.nodes if c in members]
        system = _system_of(G.nodes[program].get("tags", []))
    else:
        courses = [c for c, kind in G.nodes(data="kind") if kind == "course"]
        programs = {
            v
            for c in courses
            for _, v, kind in G.out_edges(c, data="kind")
            if kind == "part_of"
        }
        system = "semester"
        if len(programs) == 1:
            (program,) = programs
            system = _system_of(G.nodes[program].get("tags", []))
    edges = [
        (u, v)
        for u in courses
        for _, v, kind in G.out_edges(u, data="kind")
        if kind in REQUISITE_KINDS
    ]
    attrs = [(G.nodes[c].get("credits"), G.nodes[c].get("term")) for c in courses]
    grouped = any(
        kind == "requires" for c in courses for _, _, kind in G.in_edges(c, data="kind")
    )
    return courses, edges, attrs, system, program, grouped


def _from_pathway(p: Pathway, program: str | None) -> _Inputs:
    """As :func:`_from_graph`, straight from the records (no graph is built)."""
    records = {n.id: n for n in p.nodes}
    part_of: list[tuple[str, str]] = []
    edges: list[tuple[str, str]] = []
    required: set[str] = set()
    for r in p.relations:
        kind = r.kind
        if kind == "part_of":
            part_of.append((r.source, r.target))
        elif kind in REQUISITE_KINDS:
            edges.append((r.source, r.target))
        elif kind == "requires":
            required.add(r.target)
    if program is not None:
        if getattr(records.get(program), "kind", None) != "program":
            raise _no_program(program)
        members = {c for c, prog in part_of if prog == program}
        chosen = [n for n in p.nodes if n.kind == "course" and n.id in members]
    else:
        chosen = [n for n in p.nodes if n.kind == "course"]
        members = {n.id for n in chosen}
        programs = {prog for c, prog in part_of if c in members}
        if len(programs) == 1:
            (program,) = programs
    system = _system_of(records[program].tags) if program is not None else "semester"
    attrs = [(n.credits, n.term) for n in chosen]
    grouped = any(n.id in required for n in chosen)
    return [n.id for n in chosen], edges, attrs, system, program, grouped


def _system_of(tags: Any) -> str:
    for tag in tags or []:
        if isinstance(tag, str) and tag.startswith("system:"):
            value = tag.split(":", 1)[1].strip().lower()
            return "quarter" if value == "quarter" else "semester"
    return "semester"


def _topological_order(
    succ: list[list[int]], pred: list[list[int]], courses: list[str]
) -> list[int]:
    """Kahn's order; a cycle raises ValidationError naming its courses."""
    # lazy: as critical_requisites above
    from pathgraph.analysis._requisites import kahn_order

    return kahn_order(succ, [len(p) for p in pred], courses)
