"""The check rules, their findings, and :func:`check`.

Each rule has a stable code, a slug, a severity, and a text saying why it matters and
how to fix it (:data:`RULES`; documented in ``docs/rules.md``). :func:`check` runs
them over a graph and returns a :class:`Report`.

Codes: ``PG1xx`` structure (can people get through?), ``PG2xx`` ramps and stacks (can
people get on, off and back on?), ``PG3xx`` labour market (does each step pay?).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np

from pathgraph._gc import no_gc
from pathgraph.analysis._core import (
    ADVANCES_TO,
    ARTICULATES_TO,
    AWARDS,
    COURSE,
    CREDENTIAL,
    PART_OF,
    PREREQUISITE_OF,
    PROGRAM,
    QUALIFIES_FOR,
    REQUIRES,
    STACKS_INTO,
    Index,
    Ints,
    Mask,
    as_graph,
    csr,
    cycles,
    dead,
    index,
    on_ramp,
    ranges,
    reach,
    search,
)
from pathgraph.analysis.ramps import worker_flags
from pathgraph.errors import GraphContractError, Location, PathgraphError
from pathgraph.model import NODE_KINDS, Pathway
from pathgraph.requirements import ENTRY_PRESETS

__all__ = ["RULES", "Finding", "Report", "Rule", "check"]

Severity = Literal["error", "warning", "info"]
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Rule:
    """A check rule: what it looks for, why it matters, how to fix it."""

    code: str
    slug: str
    severity: Severity
    summary: str
    why: str
    fix: str


#: Every rule, by code. Codes are stable: a rule is never renumbered.
RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "PG101",
            "dead-end",
            "error",
            "a program or credential leads to no destination",
            "Career pathways have no dead ends: every step leads on to a job or a "
            "further credential (DOL Career Pathways Toolkit, element 'no dead ends').",
            "add an off-ramp (qualifies_for an occupation) or a next step "
            "(a program that requires it, stacks_into, articulates_to)",
        ),
        Rule(
            "PG102",
            "unreachable",
            "error",
            "no entry point leads to this node",
            "A program or job that no one can qualify for, from any entry level "
            "(abe, esl, diploma, incumbent), is not part of the pathway.",
            "give it an on-ramp: a program that awards what it requires, or loosen "
            "its requirement groups",
        ),
        Rule(
            "PG103",
            "requirement-cycle",
            "error",
            "records require each other in a cycle nobody can enter",
            "A cycle of prerequisites (A needs B, B needs A) locks everyone out "
            "unless some member can be entered from outside the cycle.",
            "break the cycle: let one member be entered without the others",
        ),
        Rule(
            "PG104",
            "unmet-need",
            "error",
            "a requirement group needs more options than can be obtained",
            "A group 'need N of these' that offers fewer than N obtainable options "
            "can never be met.",
            "lower need, or add obtainable options to the group",
        ),
        Rule(
            "PG105",
            "program-awards-nothing",
            "warning",
            "a program awards no credential",
            "Embedded, stackable credentials mark progress and have labour-market "
            "value: a program without one leaves completers with nothing to show.",
            "add what it awards (awards: [credential-id])",
        ),
        Rule(
            "PG106",
            "course-cycle",
            "error",
            "courses are prerequisites of each other in a cycle",
            "A prerequisite cycle (A before B, B before A) means no student can take "
            "any course on it, nor the courses that build on them, so the program "
            "cannot be completed.",
            "remove one prerequisite of the cycle (or make it a corequisite)",
        ),
        Rule(
            "PG107",
            "course-blocked",
            "error",
            "a course cannot be taken because a prerequisite is on a cycle",
            "A course whose prerequisites can never be completed blocks every "
            "student who needs it, and the program that includes it.",
            "break the prerequisite cycle upstream of this course",
        ),
        Rule(
            "PG108",
            "course-outside-program",
            "warning",
            "a course belongs to no program",
            "A course that is part of no program is not on any pathway: no learner "
            "is directed to it.",
            "add part_of: [program-id] to the course, or remove it",
        ),
        Rule(
            "PG201",
            "no-low-skill-on-ramp",
            "warning",
            "no program is open to adults with low skills (ABE/ESL)",
            "Career pathways serve adults with low skills and English learners: "
            "there must be an on-ramp (ABE, ESL, bridge, IET) that needs no diploma.",
            "add an ABE/ESL, bridge or integrated education and training program "
            "with no requirements",
        ),
        Rule(
            "PG202",
            "stack-without-off-ramp",
            "warning",
            "a credential in a stack qualifies for no occupation",
            "Stackable credentials should have labour-market value at every level, "
            "so that a person who stops out leaves with a job (multiple exit points).",
            "add an off-ramp: qualifies_for an occupation this credential leads to",
        ),
        Rule(
            "PG203",
            "no-re-entry",
            "warning",
            "an entry- or middle-level job has no advancement and no way back into "
            "education",
            "Pathways let people stop, work and re-enter at the next level; a job "
            "with neither advancement nor re-entry is a dead-end job.",
            "add a program that requires the credential (or the job) and leads on, "
            "or an advances_to from the job",
        ),
        Rule(
            "PG204",
            "re-entry-not-for-workers",
            "info",
            "the only ways back into education are daytime, in-person programs",
            "People re-entering from a job are working: re-entry programs should be "
            "offered evenings, weekends, online, hybrid or work-based.",
            "offer an evening, online, hybrid or work-based section",
        ),
        Rule(
            "PG301",
            "wage-drop",
            "warning",
            "an advancement leads to a lower median wage",
            "Each step up a career ladder should pay more; an advances_to edge to a "
            "lower-paid job is likely an error or a poor advancement.",
            "check the wages and the direction of the advances_to edge",
        ),
    )
}
_BY_SLUG = {r.slug: r for r in RULES.values()}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem a rule found.

    Attributes
    ----------
    code, rule, severity : str
        The rule's code (``PG101``), slug (``dead-end``) and severity.
    node : str or None
        The record it is about (None for findings about the whole pathway).
    message : str
        What is wrong, naming the record.
    fix : str
        How to fix it.
    label : str
        The record's label.
    location : Location or None
        Where the record stands in the file it was read from, when known.
    """

    code: str
    rule: str
    severity: str
    node: str | None
    message: str
    fix: str = ""
    label: str = ""
    location: Location | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; ``file``, ``line`` and ``column`` when the location is known."""
        out: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "node": self.node,
            "label": self.label,
            "message": self.message,
            "fix": self.fix,
        }
        if self.location is not None:
            out.update(self.location.to_dict())
        return out


@dataclass(frozen=True)
class Report:
    """The findings of :func:`check`, sorted by severity, code and node.

    ``exit_code`` is 1 when any finding is an error, else 0 (the CLI's exit code).
    """

    findings: tuple[Finding, ...] = ()
    title: str = ""
    rules_run: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Error-level findings."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Warning-level findings."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error-level finding."""
        return not self.errors

    @property
    def exit_code(self) -> int:
        """1 when any finding is an error, else 0."""
        return 0 if self.ok else 1

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    def by_node(self) -> dict[str, list[Finding]]:
        """Findings grouped by node id (whole-pathway findings under ``""``)."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.node or "", []).append(f)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``pathgraph check --format json`` (see docs/rules.md)."""
        return {
            "title": self.title,
            "summary": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_frame(self) -> Any:
        """The findings as a pandas DataFrame."""
        from pathgraph._optional import import_pandas

        pd = import_pandas()
        columns = ["code", "rule", "severity", "node", "label", "message", "fix"]
        return pd.DataFrame([f.to_dict() for f in self.findings], columns=columns)

    def format(self, locations: Mapping[str, object] | None = None) -> str:
        """The text report, grouped by severity.

        Each finding shows where its record stands: its own ``location`` (known
        when :func:`check` was given a Pathway read from a file), else
        ``locations[node]`` when given.
        """
        locations = locations or {}
        c = self.counts()
        head = self.title or "pathway"
        lines = [
            f"{head}: {c['error']} error{'s' * (c['error'] != 1)}, "
            f"{c['warning']} warning{'s' * (c['warning'] != 1)}, "
            f"{c['info']} note{'s' * (c['info'] != 1)}"
        ]
        for severity, title in (
            ("error", "Errors"),
            ("warning", "Warnings"),
            ("info", "Notes"),
        ):
            group = [f for f in self.findings if f.severity == severity]
            if not group:
                continue
            lines.append("")
            lines.append(f"{title}:")
            for f in group:
                where = str(f.location or locations.get(f.node or "", ""))
                who = f"{f.label} ({f.node})" if f.node and f.label else (f.node or "")
                lines.append(
                    f"  {f.code} {f.rule}"
                    + (f"  {where}" if where else "")
                    + (f"  {who}" if who else "")
                )
                lines.append(f"      {f.message}")
                if f.fix:
                    lines.append(f"      fix: {f.fix}")
        if not self.findings:
            lines.append("No problems found.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v or ''))}</td>"
                for v in (f.severity, f.code, f.rule, f.node, f.message, f.fix)
            )
            + "</tr>"
            for f in self.findings
        )
        c = self.counts()
        return (
            f"<p><b>{html.escape(self.title or 'pathway')}</b>: {c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} notes</p>"
            "<table><thead><tr><th>severity</th><th>code</th><th>rule</th>"
            "<th>node</th><th>message</th><th>fix</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


# --------------------------------------------------------------------------- rules


@dataclass
class _Context:
    ix: Index
    entry: tuple[str, ...]
    _cache: dict[str, Any] = field(default_factory=dict)

    def label(self, i: int) -> str:
        return self.ix.label(i)

    def generous(self) -> Mask:
        """Everything reachable from the union of all entry presets."""
        if "generous" not in self._cache:
            held = np.zeros(self.ix.n, dtype=bool)
            for preset in ENTRY_PRESETS:
                held |= self.ix.preset(preset)
            self._cache["generous"] = reach(self.ix, held)
        value: Mask = self._cache["generous"]
        return value

    def dead(self) -> Mask:
        """Dead ends (computed once)."""
        if "dead" not in self._cache:
            self._cache["dead"] = dead(self.ix)
        value: Mask = self._cache["dead"]
        return value

    def re_entry(self) -> list[tuple[int, str, str]]:
        """Re-entry findings of both re-entry rules (computed once)."""
        if "re_entry" not in self._cache:
            self._cache["re_entry"] = _re_entry(self)
        value: list[tuple[int, str, str]] = self._cache["re_entry"]
        return value

    def cycles(self) -> list[list[int]]:
        """Requirement cycles: strongly connected sets of unreachable nodes."""
        if "cycles" not in self._cache:
            ix, g = self.ix, self.ix.groups
            lost = ~self.generous()
            heads, tails = g.option_src, g.node[g.option_group]
            keep = lost[heads] & lost[tails]
            self._cache["cycles"] = _sorted_cycles(
                ix, cycles(ix.n, heads[keep], tails[keep])
            )
        value: list[list[int]] = self._cache["cycles"]
        return value


def _sorted_cycles(ix: Index, found: list[Ints]) -> list[list[int]]:
    """Each cycle's nodes sorted by id, the cycles sorted by their first id."""
    out = [sorted(c.tolist(), key=ix.id) for c in found]
    return sorted(out, key=lambda c: ix.id(c[0]))


def _names(ix: Index, nodes: Iterable[int], limit: int = 0) -> str:
    """Sorted ids, comma-separated (the first ``limit`` and a count when longer)."""
    names = sorted({ix.id(i) for i in nodes})
    if limit and len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    return ", ".join(names)


RuleFn = Callable[[_Context], Iterable[tuple[int | None, str]]]


def _dead_end(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    dest = "a destination" if ix.marked_destination.any() else "any occupation"
    for i in np.flatnonzero(ctx.dead()).tolist():
        kind = NODE_KINDS[ix.kind[i]]
        yield (
            i,
            f"{kind} '{ctx.label(i)}' leads to no destination: from it, "
            f"no path reaches {dest}",
        )


def _unreachable(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    lost = ix.progression_node & ~ctx.generous()
    for c in ctx.cycles():
        lost[c] = False
    earnable = ix.groups.earnable
    for i in np.flatnonzero(lost).tolist():
        k = NODE_KINDS[ix.kind[i]]
        if k == "credential" and not earnable[i]:
            how = (
                "no program in the pathway awards it and nothing stacks into "
                "it (if it is earned by exam, add the exam or its preparation as "
                "a program that awards it)"
            )
        else:
            how = "its requirements cannot be met from any entry level"
        yield i, f"{k} '{ctx.label(i)}' cannot be reached: {how}"


def _requirement_cycle(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    for cycle in ctx.cycles():
        names = ", ".join(map(ctx.ix.id, cycle))
        yield (
            cycle[0],
            f"these records require each other and none can be "
            f"entered from outside: {names}",
        )


def _unmet_need(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix, g = ctx.ix, ctx.ix.groups
    reached = ctx.generous()
    count = np.bincount(
        g.option_group,
        weights=reached[g.option_src].astype(np.float64),
        minlength=len(g.node),
    ).astype(np.int64)
    for gi in np.flatnonzero((count < g.need) & (g.size > 1)).tolist():
        options = g.options(gi)
        v = int(g.node[gi])
        lost = _names(ix, (o for o in options if not reached[o]))
        yield (
            v,
            (
                f"'{ctx.label(v)}' needs {g.need[gi]} of [{_names(ix, options)}]"
                f" but only {count[gi]} can be obtained (not obtainable: {lost})"
            ),
        )


def _course_cycles(ctx: _Context) -> tuple[list[list[int]], Mask]:
    """Prerequisite cycles among courses, and every course after one."""
    if "course_cycles" not in ctx._cache:
        ix = ctx.ix
        pre = ix.edges(PREREQUISITE_OF)
        heads, tails = ix.src[pre], ix.dst[pre]
        found = _sorted_cycles(ix, cycles(ix.n, heads, tails))
        on_cycle = np.zeros(ix.n, dtype=bool)
        for c in found:
            on_cycle[c] = True
        after = search(ix.n, heads, tails, on_cycle) & ~on_cycle
        ctx._cache["course_cycles"] = (found, after)
    value: tuple[list[list[int]], Mask] = ctx._cache["course_cycles"]
    return value


def _course_cycle(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    for cycle in _course_cycles(ctx)[0]:
        shown = " -> ".join(map(ctx.ix.id, [*cycle, cycle[0]]))
        yield cycle[0], f"prerequisite cycle among courses: {shown}"


def _course_blocked(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    for i in np.flatnonzero(_course_cycles(ctx)[1]).tolist():
        yield (
            i,
            (
                f"course '{ctx.label(i)}' cannot be taken: one of its prerequisites "
                "(directly or further back) is on a prerequisite cycle"
            ),
        )


def _course_outside_program(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    outside = (ix.kind == COURSE) & (ix.out_degree(ix.edges(PART_OF)) == 0)
    for i in np.flatnonzero(outside).tolist():
        yield i, f"course '{ctx.label(i)}' is part of no program"


def _program_awards_nothing(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    awarding = ix.out_degree(ix.progression_edges(AWARDS))
    for i in np.flatnonzero((ix.kind == PROGRAM) & (awarding == 0)).tolist():
        yield i, f"program '{ctx.label(i)}' awards no credential"


def _no_low_skill_on_ramp(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    presets = [e for e in ctx.entry if e in ("abe", "esl")] or ["abe"]
    for preset in presets:
        programs = on_ramp(ix, ix.preset(preset)) & (ix.kind == PROGRAM)
        if not programs.any():
            yield (
                None,
                (
                    f"no program is open to a person at entry level '{preset}' "
                    f"({ENTRY_PRESETS[preset]})"
                ),
            )


def _stack_steps(ix: Index) -> tuple[Ints, Ints]:
    """Steps between stackable credentials, as (from, to) arrays.

    A step C -> D: C ``stacks_into`` D, or a program that requires C (in any
    group) or grants articulated credit for C awards D (D != C); foundation
    credentials (``hse``, ``diploma``) take no part. The same steps as
    :func:`pathgraph.stackable_chains`.
    """
    creds = (ix.kind == CREDENTIAL) & ~ix.foundation
    src, dst = ix.src, ix.dst
    stacks = ix.edges(STACKS_INTO)
    stacks = stacks[creds[src[stacks]] & creds[dst[stacks]]]
    into = ix.edges(REQUIRES, ARTICULATES_TO)
    into = into[creds[src[into]] & (ix.kind[dst[into]] == PROGRAM)]
    awards = ix.edges(AWARDS)
    awards = awards[creds[dst[awards]]]
    order, ptr = csr(src[awards], ix.n)
    c, p = src[into], dst[into]
    lengths = ptr[p + 1] - ptr[p]
    d = dst[awards[order[ranges(ptr[p], ptr[p + 1])]]]
    c = np.repeat(c, lengths)
    keep = d != c
    return (
        np.concatenate([src[stacks], c[keep]]),
        np.concatenate([dst[stacks], d[keep]]),
    )


def _stack_through(
    ix: Index, i: int, succ: dict[int, list[int]], pred: dict[int, list[int]]
) -> str:
    """One stack through credential ``i``: from a first level to a last one.

    Walks back to the step source with the smallest id until none is left, then
    forward the same way, never revisiting; at most 12 levels each way.
    """
    seen = {i}

    def walk(step: dict[int, list[int]]) -> tuple[list[int], bool]:
        """Follow the smallest-id unvisited neighbour; True when cut at 12."""
        out: list[int] = []
        u = i
        while options := sorted(
            (x for x in step.get(u, ()) if x not in seen), key=ix.id
        ):
            if len(out) == 12:
                return out, True
            u = options[0]
            seen.add(u)
            out.append(u)
        return out, False

    back, cut_back = walk(pred)
    fwd, cut_fwd = walk(succ)
    names = [ix.id(x) for x in [*reversed(back), i, *fwd]]
    return (
        ("... -> " if cut_back else "")
        + " -> ".join(names)
        + (" -> ..." if cut_fwd else "")
    )


def _stack_without_off_ramp(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    a, b = _stack_steps(ix)
    level = np.zeros(ix.n, dtype=bool)
    level[a] = True
    level[b] = True
    ramps = ix.out_degree(ix.edges(QUALIFIES_FOR)) > 0
    flagged = np.flatnonzero(level & ~ramps & ~ctx.dead() & ~ix.destination).tolist()
    if not flagged:
        return
    succ: dict[int, list[int]] = {}
    pred: dict[int, list[int]] = {}
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        succ.setdefault(x, []).append(y)
        pred.setdefault(y, []).append(x)
    for i in flagged:
        yield (
            i,
            (
                f"credential '{ctx.label(i)}' is a level of the stack "
                f"{_stack_through(ix, i, succ, pred)} but qualifies for no occupation"
            ),
        )


def _re_entry(ctx: _Context) -> list[tuple[int, str, str]]:
    """Both re-entry rules, vectorised over the definition of
    :func:`pathgraph.re_entry_points`."""
    ix = ctx.ix
    n, src, dst, kind = ix.n, ix.src, ix.dst, ix.kind
    qual = ix.edges(QUALIFIES_FOR)
    if not qual.size:
        return []
    nextp = ix.edges(REQUIRES, ARTICULATES_TO)
    nextp = nextp[kind[dst[nextp]] == PROGRAM]

    def out(edges: Ints) -> Mask:
        has: Mask = np.bincount(src[edges], minlength=n) > 0
        return has

    def via_any(flag: Mask) -> Mask:
        has: Mask = (
            np.bincount(
                dst[qual], weights=flag[src[qual]].astype(np.float64), minlength=n
            )
            > 0
        )
        return has

    has_prog = out(nextp)
    programs = has_prog | via_any(has_prog)
    stacks = via_any(out(ix.edges(STACKS_INTO)))
    advancing = ix.out_degree(ix.progression_edges(ADVANCES_TO)) > 0
    marked = bool(ix.marked_destination.any())
    destination = ix.destination
    occ = np.zeros(n, dtype=bool)
    occ[dst[qual]] = True
    sources = via_any(~destination) if marked else occ
    candidates = occ & ~advancing & sources
    if marked:
        candidates &= ~destination
    cand = np.flatnonzero(candidates)
    levels = ix.attr("career_level", candidates)
    candidates[cand[[lv not in ("entry", "middle") for lv in levels]]] = False
    none = candidates & ~(programs | stacks)
    # Where only the programs' delivery decides, look at just those programs: the
    # next programs of the job and of the credentials that qualify for it.
    daytime = candidates & programs & ~stacks
    if daytime.any():
        decide = daytime.copy()
        decide[src[qual[daytime[dst[qual]]]]] = True
        ask = np.unique(dst[nextp[decide[src[nextp]]]])
        worker = np.zeros(n, dtype=bool)
        attrs = ix.attrs
        worker[ask[worker_flags([attrs[p] for p in ask.tolist()])]] = True
        has_worker = out(nextp[worker[dst[nextp]]])
        daytime &= ~(has_worker | via_any(has_worker))
    flagged = np.flatnonzero(none | daytime).tolist()
    if not flagged:
        return []
    q_order, q_ptr = csr(dst[qual], n)
    q_src = src[qual][q_order]
    p_order, p_ptr = csr(src[nextp], n)
    p_dst = dst[nextp][p_order]
    found: list[tuple[int, str, str]] = []
    for o in flagged:
        via = q_src[q_ptr[o] : q_ptr[o + 1]].tolist()
        shown = [c for c in via if not (marked and destination[c])]
        if none[o]:
            found.append(
                (
                    o,
                    "no-re-entry",
                    (
                        f"'{ctx.label(o)}' has no advancement and no way back into "
                        f"education for holders of {_names(ix, shown)}"
                    ),
                )
            )
        else:
            nexts = [
                p for x in [o, *via] for p in p_dst[p_ptr[x] : p_ptr[x + 1]].tolist()
            ]
            found.append(
                (
                    o,
                    "re-entry-not-for-workers",
                    (
                        f"from '{ctx.label(o)}', the next programs "
                        f"({_names(ix, nexts)}) are all daytime, in person"
                    ),
                )
            )
    return found


def _no_re_entry(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    return ((n, m) for n, slug, m in ctx.re_entry() if slug == "no-re-entry")


def _re_entry_not_for_workers(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    return ((n, m) for n, s, m in ctx.re_entry() if s == "re-entry-not-for-workers")


def _wage_drop(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    adv = ix.progression_edges(ADVANCES_TO)
    if not adv.size:
        return
    a, b = ix.src[adv], ix.dst[adv]
    ends = np.zeros(ix.n, dtype=bool)
    ends[a] = True
    ends[b] = True
    wage = np.full(ix.n, np.nan)
    wage[ends] = np.array(ix.attr("wage_median", ends), dtype=np.float64)  # None: NaN
    for u, v in zip(*(x[wage[b] < wage[a]].tolist() for x in (a, b)), strict=True):
        yield (
            v,
            (
                f"advancing from '{ctx.label(u)}' (${wage[u]:,.0f}) to "
                f"'{ctx.label(v)}' (${wage[v]:,.0f}) lowers the median wage"
            ),
        )


_CHECKS: dict[str, RuleFn] = {
    "dead-end": _dead_end,
    "unreachable": _unreachable,
    "requirement-cycle": _requirement_cycle,
    "unmet-need": _unmet_need,
    "program-awards-nothing": _program_awards_nothing,
    "course-cycle": _course_cycle,
    "course-blocked": _course_blocked,
    "course-outside-program": _course_outside_program,
    "no-low-skill-on-ramp": _no_low_skill_on_ramp,
    "stack-without-off-ramp": _stack_without_off_ramp,
    "no-re-entry": _no_re_entry,
    "re-entry-not-for-workers": _re_entry_not_for_workers,
    "wage-drop": _wage_drop,
}
assert set(_CHECKS) == set(_BY_SLUG)


def _resolve(names: Iterable[str] | None) -> set[str] | None:
    """Rule codes or slugs (or code prefixes like ``PG2``) -> slugs."""
    if names is None:
        return None
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        if name in _BY_SLUG:
            out.add(name)
            continue
        matched = [r.slug for r in RULES.values() if r.code.startswith(name.upper())]
        if not matched:
            raise PathgraphError(
                f"unknown rule {name!r}; rules are "
                + ", ".join(f"{r.code} ({r.slug})" for r in RULES.values())
            )
        out.update(matched)
    return out


def check(
    G: nx.MultiDiGraph | Pathway,
    *,
    rules: Collection[str] | None = None,
    ignore: Collection[str] = (),
    holds_for_on_ramps: Collection[str] = ("abe",),
) -> Report:
    """Check a pathway against every rule (or those selected) and report findings.

    The graph contract is checked first (:func:`pathgraph.validate_graph`). Then each
    rule in :data:`RULES` runs; see ``docs/rules.md`` for what each looks for, why it
    matters and how to fix it. A record's ``ignore`` attribute (a list of codes or
    slugs) suppresses those rules' findings on it, like ``# noqa``.

    Parameters
    ----------
    G
        A pathway graph (any MultiDiGraph following the contract) or a Pathway.
    rules
        Rule codes, slugs or code prefixes to run (default: all).
    ignore
        Rule codes, slugs or code prefixes not to run.
    holds_for_on_ramps
        The entry presets the ``no-low-skill-on-ramp`` rule checks (``abe``,
        ``esl``).

    Returns
    -------
    Report

    Raises
    ------
    pathgraph.GraphContractError
        When the graph breaks the contract (missing or unknown kinds, bad numbers).

    Examples
    --------
    >>> import pathgraph
    >>> report = pathgraph.check(pathgraph.load_example("bht"))
    >>> [(f.code, f.rule, f.node) for f in report.findings]
    [('PG202', 'stack-without-off-ramp', 'bht-advanced')]
    >>> report.exit_code
    0
    """
    located = G.locations if isinstance(G, Pathway) else {}
    G = as_graph(G)
    selected = _resolve(rules) or set(_CHECKS)
    selected -= _resolve(ignore) or set()
    with no_gc():
        ix = index(G)
        if ix.problems:
            raise GraphContractError(ix.problems, source="graph")
        ctx = _Context(ix, tuple(holds_for_on_ramps))
        findings: list[Finding] = []
        for slug, fn in _CHECKS.items():
            if slug not in selected:
                continue
            rule = _BY_SLUG[slug]
            for node, message in fn(ctx):
                if node is not None:
                    suppressed = ix.attrs[node].get("ignore") or ()
                    if rule.code in suppressed or rule.slug in suppressed:
                        continue
                findings.append(
                    Finding(
                        rule.code,
                        rule.slug,
                        rule.severity,
                        None if node is None else ix.id(node),
                        message,
                        rule.fix,
                        "" if node is None else ix.label(node),
                        None if node is None else located.get(ix.id(node)),
                    )
                )
    findings.sort(
        key=lambda f: (_SEVERITY_RANK[f.severity], f.code, f.node or "", f.message)
    )
    ordered = tuple(s for s in _CHECKS if s in selected)
    return Report(tuple(findings), str(G.graph.get("title", "")), ordered)
