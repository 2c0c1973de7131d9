"""The rule registry: each rule's code, slug, severity, why and fix, and its code.

A rule is a function decorated with :func:`rule`, in the module of its family
(:mod:`~pathgraph.checks.structure`, :mod:`~pathgraph.checks.curricula`,
:mod:`~pathgraph.checks.ramps`, :mod:`~pathgraph.checks.stacks`). The decorator adds
it to :data:`RULES`, which stays in code order. Codes: ``PG1xx`` structure (can
people get through?), ``PG2xx`` ramps and stacks (can people get on, off and back
on?), ``PG3xx`` labour market (does each step pay?).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from pathgraph.checks._context import _Context
from pathgraph.errors import ArgumentError

__all__ = ["RULES", "Rule", "RuleFn", "Severity", "resolve", "rule"]

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

#: What a rule runs: it yields the nodes it flags (None: the whole pathway) and why.
RuleFn = Callable[[_Context], Iterable[tuple[int | None, str]]]


@dataclass(frozen=True)
class Rule:
    """A check rule: what it looks for, why it matters, how to fix it."""

    code: str
    slug: str
    severity: Severity
    summary: str
    why: str
    fix: str


#: Every rule, by code, in code order. Codes are stable: a rule is never renumbered.
RULES: dict[str, Rule] = {}
#: Each rule's function, by slug.
RUNS: dict[str, RuleFn] = {}
_BY_SLUG: dict[str, Rule] = {}


def rule(
    code: str, slug: str, severity: Severity, *, summary: str, why: str, fix: str
) -> Callable[[RuleFn], RuleFn]:
    """Register the decorated function as rule ``code`` (returned unchanged).

    ``summary`` says what the rule finds, ``why`` why it matters, ``fix`` how to fix
    a finding; all three are shown in ``docs/rules.md`` and ``fix`` in every finding.
    """

    def register(fn: RuleFn) -> RuleFn:
        if code in RULES or slug in _BY_SLUG:
            raise ArgumentError(f"rule {code} ({slug}) is registered twice")
        new = Rule(code, slug, severity, summary, why, fix)
        ordered = sorted([*RULES.values(), new], key=lambda r: r.code)
        RULES.clear()
        RULES.update((r.code, r) for r in ordered)
        _BY_SLUG[slug] = new
        RUNS[slug] = fn
        return fn

    return register


def resolve(names: Iterable[str] | None) -> set[str] | None:
    """Rule codes or slugs (or code prefixes like ``PG2``) -> slugs.

    Raises
    ------
    pathgraph.ArgumentError
        When a name matches no rule.
    """
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
            raise ArgumentError(
                f"unknown rule {name!r}; rules are "
                + ", ".join(f"{r.code} ({r.slug})" for r in RULES.values())
            )
        out.update(matched)
    return out
