"""Write docs/rules.md from the rule registry: ``python docs/gen_rules.py``.

The rule table, each rule's why, and its fix come from ``pathgraph.checks.RULES``;
only the examples are written here. tests/test_checks.py fails when docs/rules.md is
not byte for byte what :func:`render` returns, or when a rule has no example.
"""

from __future__ import annotations

from pathlib import Path

from pathgraph.checks import RULES

EXAMPLES: dict[str, tuple[str, str]] = {
    "dead-end": (
        "programs:\n  - {id: clt-course, label: CLT course, awards: [mssc-clt]}\n"
        "credentials:\n  - {id: mssc-clt, label: MSSC CLT}   # qualifies for nothing",
        "credentials:\n  - id: mssc-clt\n    label: MSSC CLT\n"
        "    qualifies_for: [logistics-supervisor]",
    ),
    "unreachable": (
        "programs:\n  - id: nursing\n    label: Nursing program\n"
        "    requires: [teas-score]   # no program awards it, no preset holds it",
        "programs:\n  - {id: teas-prep, label: TEAS preparation, awards: [teas-score]}",
    ),
    "requirement-cycle": (
        "programs:\n  - {id: a, label: A, requires: [b-cert], awards: [a-cert]}\n"
        "  - {id: b, label: B, requires: [a-cert], awards: [b-cert]}",
        "programs:\n  - {id: a, label: A, awards: [a-cert]}   # open from outside",
    ),
    "unmet-need": (
        "requires:\n  - need: 2\n    of: [cna, phlebotomy]   # phlebotomy unobtainable",
        "programs:\n  - {id: phleb-course, label: Phlebotomy, awards: [phlebotomy]}",
    ),
    "program-awards-nothing": (
        "programs:\n  - {id: orientation, label: Orientation}",
        "programs:\n  - {id: orientation, label: Orientation, awards: [badge]}",
    ),
    "course-cycle": (
        "courses:\n  - {id: math-2, label: Math 2, prerequisites: [math-3]}\n"
        "  - {id: math-3, label: Math 3, prerequisites: [math-2]}",
        "courses:\n  - {id: math-2, label: Math 2}\n"
        "  - {id: math-3, label: Math 3, prerequisites: [math-2]}",
    ),
    "course-blocked": (
        "courses:\n  - {id: calc, label: Calculus, prerequisites: [math-3]}"
        "   # math-3 is on a cycle",
        "courses:\n  - {id: math-2, label: Math 2}   # the cycle is broken upstream",
    ),
    "course-outside-program": (
        "courses:\n  - {id: art-101, label: Art 101}",
        "courses:\n  - {id: art-101, label: Art 101, part_of: [aas-design]}",
    ),
    "no-low-skill-on-ramp": (
        "# every program requires: [hs-diploma]",
        "programs:\n  - {id: bridge, label: Manufacturing bridge (IET), iet: true,"
        " awards: [osha-10]}",
    ),
    "stack-without-off-ramp": (
        "credentials:\n  - {id: bht-advanced, label: BHT Advanced Certificate}",
        "credentials:\n  - id: bht-advanced\n    label: BHT Advanced Certificate\n"
        "    qualifies_for: [psychiatric-technician]",
    ),
    "no-re-entry": (
        "occupations:\n  - {id: aide, label: Aide, career_level: entry}"
        "   # no advances_to; nothing requires its credential",
        "programs:\n  - {id: next-level, label: Next level, schedule: [evening],"
        " requires: [aide-cert]}",
    ),
    "re-entry-not-for-workers": (
        "programs:\n  - {id: next-level, label: Next level, modality: in_person,"
        " schedule: [day]}",
        "programs:\n  - {id: next-level, label: Next level, modality: hybrid,"
        " schedule: [evening]}",
    ),
    "wage-drop": (
        "occupations:\n  - {id: a, label: A, wage_median: 50000, advances_to: [b]}\n"
        "  - {id: b, label: B, wage_median: 40000}",
        "occupations:\n  - {id: a, label: A, wage_median: 50000, advances_to: [b]}\n"
        "  - {id: b, label: B, wage_median: 58000}",
    ),
}

HEAD = """# Check rules

`pathgraph check` (and `pathgraph.check(G)`) runs these rules. Each finding names its
rule code, the record, what is wrong and how to fix it. Codes are stable. This page
is generated from the rule registry by `python docs/gen_rules.py`.

| code | rule | severity | finds |
|---|---|---|---|
{table}

Severity decides the exit code: any **error** makes `pathgraph check` exit 1;
warnings and notes (info) do not.

## Selecting and suppressing rules

- `pathgraph check FILE --select PG1,wage-drop` runs only those rules (codes, slugs or
  code prefixes); `--ignore PG204` skips rules. In Python:
  `pathgraph.check(G, rules=["PG1"], ignore=["PG204"])`.
- On one record, like `# noqa`: `ignore: [PG202]` (codes or slugs) in the pathway file,
  or the node attribute `ignore` on a graph.

## JSON output

`pathgraph check FILE --format json` prints:

```json
{{
  "title": "Advanced manufacturing career pathways (West Michigan, illustrative)",
  "summary": {{"error": 2, "warning": 0, "info": 0}},
  "findings": [
    {{"code": "PG101", "rule": "dead-end", "severity": "error", "node": "clt-course",
     "label": "MSSC Certified Logistics Technician course",
     "message": "program '...' leads to no destination: ...",
     "fix": "add an off-ramp (qualifies_for an occupation) or a next step ..."}}
  ]
}}
```

Findings are sorted by severity, code and node; `node` is `null` for findings about
the whole pathway. The exit code is 1 when `summary.error > 0`.
"""


def render() -> str:
    """The text of docs/rules.md."""
    table = "\n".join(
        f"| {r.code} | `{r.slug}` | {r.severity} | {r.summary} |"
        for r in RULES.values()
    )
    parts = [HEAD.format(table=table)]
    for r in RULES.values():
        bad, good = EXAMPLES[r.slug]
        parts.append(
            f"## {r.code} {r.slug}\n\n**{r.severity}**: {r.summary}.\n\n"
            f"**Why it matters.** {r.why}\n\n**Example.**\n\n```yaml\n{bad}\n```\n\n"
            f"**Fix.** {r.fix[0].upper() + r.fix[1:]}:\n\n```yaml\n{good}\n```\n"
        )
    return "\n".join(parts)


def main() -> None:
    Path(__file__).with_name("rules.md").write_bytes(render().encode("utf-8"))


if __name__ == "__main__":
    main()
