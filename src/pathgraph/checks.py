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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from pathgraph.analysis._core import (
    Progression,
    as_graph,
    destinations_of,
    progression,
    reachable,
)
from pathgraph.analysis.ramps import re_entry_points
from pathgraph.analysis.stacks import stackable_chains
from pathgraph.graph import validate_graph
from pathgraph.model import Pathway
from pathgraph.requirements import ENTRY_PRESETS, preset_holdings

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
    """

    code: str
    rule: str
    severity: str
    node: str | None
    message: str
    fix: str = ""
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "node": self.node,
            "label": self.label,
            "message": self.message,
            "fix": self.fix,
        }


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

    def format(self, locations: dict[str, str] | None = None) -> str:
        """The text report, grouped by severity; ``locations`` maps ids to places."""
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
                where = locations.get(f.node or "", "")
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
    G: nx.MultiDiGraph
    P: Progression
    entry: tuple[str, ...]
    _cache: dict[str, Any] = field(default_factory=dict)

    def label(self, n: Any) -> str:
        return str(self.G.nodes[n].get("label", n))

    def generous(self) -> set[Any]:
        """Everything reachable from the union of all entry presets."""
        if "generous" not in self._cache:
            held: set[str] = set()
            for preset in ENTRY_PRESETS:
                held |= preset_holdings(self.G, preset)
            self._cache["generous"] = reachable(self.P, held)
        value: set[Any] = self._cache["generous"]
        return value

    def dead(self) -> list[str]:
        """Dead ends (computed once)."""
        if "dead" not in self._cache:
            from pathgraph.analysis.dead_ends import _dead_ends

            self._cache["dead"] = _dead_ends(self.G, self.P)
        value: list[str] = self._cache["dead"]
        return value

    def re_entry(self) -> list[tuple[Any, str, str]]:
        """Re-entry findings of both re-entry rules (computed once)."""
        if "re_entry" not in self._cache:
            self._cache["re_entry"] = list(_re_entry(self))
        value: list[tuple[Any, str, str]] = self._cache["re_entry"]
        return value

    def cycles(self) -> list[list[Any]]:
        """Requirement cycles: strongly connected sets of unreachable nodes."""
        if "cycles" not in self._cache:
            reached = self.generous()
            H = nx.DiGraph()
            for v, groups in self.P.groups.items():
                if v in reached:
                    continue
                for _, options in groups:
                    for u in options:
                        if u not in reached:
                            H.add_edge(u, v)
            out = [
                sorted(c, key=str)
                for c in nx.strongly_connected_components(H)
                if len(c) > 1
            ]
            self._cache["cycles"] = sorted(out, key=lambda c: str(c[0]))
        value: list[list[Any]] = self._cache["cycles"]
        return value


RuleFn = Callable[[_Context], Iterable[tuple[Any, str]]]


def _dead_end(ctx: _Context) -> Iterable[tuple[Any, str]]:
    dest = (
        "a destination"
        if any(d for _, d in ctx.G.nodes(data="destination"))
        else "any occupation"
    )
    for n in ctx.dead():
        kind = ctx.P.kind[n]
        yield (
            n,
            f"{kind} '{ctx.label(n)}' leads to no destination: from it, "
            f"no path reaches {dest}",
        )


def _unreachable(ctx: _Context) -> Iterable[tuple[Any, str]]:
    reached = ctx.generous()
    in_cycle = {n for c in ctx.cycles() for n in c}
    for n, k in sorted(ctx.P.kind.items(), key=lambda kv: str(kv[0])):
        if k in ("program", "occupation", "credential") and n not in reached:
            if n in in_cycle:
                continue
            if k == "credential" and n not in ctx.P.earnable:
                how = (
                    "no program in the pathway awards it and nothing stacks into "
                    "it (if it is earned by exam, add the exam or its preparation as "
                    "a program that awards it)"
                )
            else:
                how = "its requirements cannot be met from any entry level"
            yield n, f"{k} '{ctx.label(n)}' cannot be reached: {how}"


def _requirement_cycle(ctx: _Context) -> Iterable[tuple[Any, str]]:
    for cycle in ctx.cycles():
        names = ", ".join(map(str, cycle))
        yield (
            cycle[0],
            f"these records require each other and none can be "
            f"entered from outside: {names}",
        )


def _unmet_need(ctx: _Context) -> Iterable[tuple[Any, str]]:
    reached = ctx.generous()
    for v, groups in sorted(ctx.P.groups.items(), key=lambda kv: str(kv[0])):
        for need, options in groups:
            ok = [o for o in options if o in reached]
            if len(ok) < need and len(options) > 1:
                lost = ", ".join(sorted(str(o) for o in options if o not in reached))
                listed = ", ".join(map(str, options))
                yield (
                    v,
                    (
                        f"'{ctx.label(v)}' needs {need} of [{listed}]"
                        f" but only {len(ok)} can be obtained (not obtainable: {lost})"
                    ),
                )


def _course_cycles(ctx: _Context) -> tuple[list[list[Any]], set[Any]]:
    """Prerequisite cycles among courses, and every course after one."""
    if "course_cycles" not in ctx._cache:
        H = nx.DiGraph()
        for u, v, k in ctx.G.edges(data="kind"):
            if k == "prerequisite_of":
                H.add_edge(u, v)
        cycles = sorted(
            (
                sorted(c, key=str)
                for c in nx.strongly_connected_components(H)
                if len(c) > 1
            ),
            key=lambda c: str(c[0]),
        )
        on_cycle = {n for c in cycles for n in c}
        after: set[Any] = set()
        for c in cycles:
            for n in c:
                after |= nx.descendants(H, n)
        ctx._cache["course_cycles"] = (cycles, after - on_cycle)
    value: tuple[list[list[Any]], set[Any]] = ctx._cache["course_cycles"]
    return value


def _course_cycle(ctx: _Context) -> Iterable[tuple[Any, str]]:
    for cycle in _course_cycles(ctx)[0]:
        shown = " -> ".join(map(str, [*cycle, cycle[0]]))
        yield cycle[0], f"prerequisite cycle among courses: {shown}"


def _course_blocked(ctx: _Context) -> Iterable[tuple[Any, str]]:
    for n in sorted(_course_cycles(ctx)[1], key=str):
        yield (
            n,
            (
                f"course '{ctx.label(n)}' cannot be taken: one of its prerequisites "
                "(directly or further back) is on a prerequisite cycle"
            ),
        )


def _course_outside_program(ctx: _Context) -> Iterable[tuple[Any, str]]:
    inside = {u for u, _, k in ctx.G.edges(data="kind") if k == "part_of"}
    for n, k in sorted(ctx.P.kind.items(), key=lambda kv: str(kv[0])):
        if k == "course" and n not in inside:
            yield n, f"course '{ctx.label(n)}' is part of no program"


def _program_awards_nothing(ctx: _Context) -> Iterable[tuple[Any, str]]:
    awarding = {u for u, _, k, _ in ctx.P.edges if k == "awards"}
    for n, k in sorted(ctx.P.kind.items(), key=lambda kv: str(kv[0])):
        if k == "program" and n not in awarding:
            yield n, f"program '{ctx.label(n)}' awards no credential"


def _no_low_skill_on_ramp(ctx: _Context) -> Iterable[tuple[Any, str]]:
    from pathgraph.analysis.ramps import _on_ramps

    presets = [e for e in ctx.entry if e in ("abe", "esl")] or ["abe"]
    for preset in presets:
        held = preset_holdings(ctx.G, preset)
        programs = [n for n in _on_ramps(ctx.P, held) if ctx.P.kind.get(n) == "program"]
        if not programs:
            yield (
                None,
                (
                    f"no program is open to a person at entry level '{preset}' "
                    f"({ENTRY_PRESETS[preset]})"
                ),
            )


def _stack_without_off_ramp(ctx: _Context) -> Iterable[tuple[Any, str]]:
    dead = set(ctx.dead())
    seen: set[str] = set()
    destinations = {str(d) for d in destinations_of(ctx.G, ctx.P.kind)}
    for chain in stackable_chains(ctx.G):
        for c in chain.levels_without_off_ramp:
            if c in seen or c in dead or c in destinations:
                continue
            seen.add(c)
            yield (
                c,
                (
                    f"credential '{ctx.label(c)}' is a level of the stack "
                    f"{' -> '.join(chain.credentials)} but qualifies for no occupation"
                ),
            )


def _re_entry(ctx: _Context) -> Iterable[tuple[Any, str, str]]:
    nodes = ctx.G.nodes
    advancing = {u for u, _, k, _ in ctx.P.edges if k == "advances_to"}
    destinations = set(destinations_of(ctx.G, ctx.P.kind))
    marked = any(d for _, d in ctx.G.nodes(data="destination"))
    for occ, entry in re_entry_points(ctx.G).items():
        attrs = nodes[occ]
        if attrs.get("career_level") not in ("entry", "middle") or occ in advancing:
            continue  # at the top, or not known to be below it, or advancing
        if marked and occ in destinations:
            continue
        sources = [c for c in entry.via if not (marked and c in destinations)]
        if not sources:
            continue  # reached only from the end of the pathway
        if not entry.exists:
            yield (
                occ,
                "no-re-entry",
                (
                    f"'{ctx.label(occ)}' has no advancement and no way back into "
                    f"education for holders of {', '.join(sources)}"
                ),
            )
        elif entry.programs and not entry.for_workers and not entry.stacks:
            yield (
                occ,
                "re-entry-not-for-workers",
                (
                    f"from '{ctx.label(occ)}', the next programs "
                    f"({', '.join(entry.programs)}) are all daytime, in person"
                ),
            )


def _no_re_entry(ctx: _Context) -> Iterable[tuple[Any, str]]:
    return ((n, m) for n, slug, m in ctx.re_entry() if slug == "no-re-entry")


def _re_entry_not_for_workers(ctx: _Context) -> Iterable[tuple[Any, str]]:
    return ((n, m) for n, s, m in ctx.re_entry() if s == "re-entry-not-for-workers")


def _wage_drop(ctx: _Context) -> Iterable[tuple[Any, str]]:
    nodes = ctx.G.nodes
    for u, v, k, _ in ctx.P.edges:
        if k != "advances_to":
            continue
        a, b = nodes[u].get("wage_median"), nodes[v].get("wage_median")
        if a is not None and b is not None and b < a:
            yield (
                v,
                (
                    f"advancing from '{ctx.label(u)}' (${a:,.0f}) to '{ctx.label(v)}' "
                    f"(${b:,.0f}) lowers the median wage"
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
            from pathgraph.errors import PathgraphError

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
    G = as_graph(G)
    validate_graph(G)
    selected = _resolve(rules) or set(_CHECKS)
    selected -= _resolve(ignore) or set()
    ctx = _Context(G, progression(G), tuple(holds_for_on_ramps))
    findings: list[Finding] = []
    for slug, fn in _CHECKS.items():
        if slug not in selected:
            continue
        rule = _BY_SLUG[slug]
        for node, message in fn(ctx):
            if node is not None:
                suppressed = G.nodes[node].get("ignore") or ()
                if rule.code in suppressed or rule.slug in suppressed:
                    continue
            findings.append(
                Finding(
                    rule.code,
                    rule.slug,
                    rule.severity,
                    None if node is None else str(node),
                    message,
                    rule.fix,
                    "" if node is None else ctx.label(node),
                )
            )
    findings.sort(
        key=lambda f: (_SEVERITY_RANK[f.severity], f.code, f.node or "", f.message)
    )
    ordered = tuple(s for s in _CHECKS if s in selected)
    return Report(tuple(findings), str(G.graph.get("title", "")), ordered)
