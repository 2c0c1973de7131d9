"""Write docs/rules.md from the rule registry: ``python docs/gen_rules.py``.

The rule table, each rule's why, and its fix come from ``pathgraph.checks.RULES``;
only the examples are written here. The worked examples (:data:`WORKED`) are whole
pathways checked when the page is generated, so their findings are pathgraph's own.
tests/test_checks.py fails when docs/rules.md is not byte for byte what
:func:`render` returns, or when a rule has no example.
"""

from __future__ import annotations

from pathlib import Path

import pathgraph
from pathgraph.checks import RULES
from pathgraph.io.native import loads_yaml

EXAMPLES: dict[str, tuple[str, str]] = {
    "dead-end": (
        "programs:\n  - {id: clt-course, label: CLT course, awards: [mssc-clt]}\n"
        "credentials:\n  - {id: mssc-clt, label: MSSC CLT}   # qualifies for nothing",
        "credentials:\n  - id: mssc-clt\n    label: MSSC CLT\n"
        "    qualifies_for: [logistics-supervisor]",
    ),
    "unreachable": (
        "programs:\n  - id: nursing\n    label: Nursing program\n"
        "    requires: [teas-score]   # nothing earns it, no preset holds it",
        "assessments:\n  - {id: teas, label: TEAS exam, assessment_type: placement,"
        " awards: [teas-score]}",
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
    "credit-option-without-credits": (
        "conditions:\n  - id: electives\n    label: 6 credits of electives\n"
        "    credits: 6\n    of: [net-101, os-101, capstone]"
        "   # capstone has no credits\n"
        "courses:\n  - {id: capstone, label: Capstone project}",
        "courses:\n  - {id: capstone, label: Capstone project, credits: 3}",
    ),
    "to-confirm": (
        "conditions:\n  - id: math-grade\n    label: Math with a C or better\n"
        "    of: [math-101]\n"
        "    to_confirm: [minimum grade C in MATH 101]\n    awards: [cert]",
        "# nothing to change: the report shows\n"
        "#   condition 'Math with a C or better' (earns cert): to confirm:\n"
        "#   minimum grade C in MATH 101",
    ),
    "wage-drop": (
        "occupations:\n  - {id: a, label: A, wage_median: 50000, advances_to: [b]}\n"
        "  - {id: b, label: B, wage_median: 40000}",
        "occupations:\n  - {id: a, label: A, wage_median: 50000, advances_to: [b]}\n"
        "  - {id: b, label: B, wage_median: 58000}",
    ),
}

#: Whole pathways whose findings of one rule the page shows, as ``pathgraph check``
#: prints them (the rules of the requirement language: conditions, assessments,
#: credit totals).
WORKED: dict[str, str] = {
    "dead-end": """title: Welding
assessments:
  - {id: aws-test, label: AWS welder test, cost: 150, awards: [aws-cert]}
credentials:
  - {id: aws-cert, label: AWS certified welder}   # qualifies for nothing
""",
    "unreachable": """title: Practical nursing
programs:
  - {id: pn-program, label: Practical nursing program, awards: [pn-diploma]}
credentials:
  - {id: pn-diploma, label: Practical nursing diploma}
  - {id: lpn-license, label: LPN licence, qualifies_for: [lpn]}
  - {id: iv-cert, label: IV therapy certification, qualifies_for: [lpn]}
assessments:
  - id: nclex-pn                 # the licence is earned by passing the exam
    label: NCLEX-PN
    assessment_type: licensure
    requires: [pn-diploma]
    awards: [lpn-license]
occupations:
  - {id: lpn, label: Licensed practical nurse}
""",
    "requirement-cycle": """title: Cycle through a condition
programs:
  - {id: bridge, label: Bridge, requires: [ready], awards: [bridge-cert]}
conditions:
  - id: ready
    label: Ready for the bridge
    need: 1
    of: [bridge-cert, advanced-cert]
credentials:
  - {id: bridge-cert, label: Bridge certificate, qualifies_for: [job]}
  - {id: advanced-cert, label: Advanced certificate, qualifies_for: [job]}
occupations:
  - {id: job, label: Technician}
""",
    "unmet-need": """title: Networking certificate
courses:
  - {id: net-101, label: Networking I, credits: 3}
  - {id: os-101, label: Operating systems, credits: 3}
conditions:
  - id: core
    label: 9 credits of core courses
    credits: 9
    of: [net-101, os-101]
    awards: [net-cert]
credentials:
  - {id: net-cert, label: Networking certificate, qualifies_for: [tech]}
occupations:
  - {id: tech, label: Network technician}
""",
    "stack-without-off-ramp": """title: ESL to nursing
assessments:
  - id: casas                    # a proficiency test: not a level of the stack
    label: CASAS reading test
    assessment_type: proficiency
    awards: [esl-level-6]
credentials:
  - {id: esl-level-6, label: ESL level 6}   # earned only by the test: no level
  - {id: cna, label: CNA certificate, stacks_into: [lpn-cert], qualifies_for: [aide]}
  - {id: lpn-cert, label: LPN certificate}
programs:
  - {id: cna-course, label: CNA course, requires: [esl-level-6], awards: [cna]}
occupations:
  - {id: aide, label: Nursing assistant}
  - {id: lpn, label: LPN, requires: [lpn-cert]}
""",
    "credit-option-without-credits": """title: Networking certificate
courses:
  - {id: net-101, label: Networking I, credits: 3}
  - {id: os-101, label: Operating systems, credits: 3}
  - {id: capstone, label: Capstone project}
conditions:
  - id: electives
    label: 6 credits of electives
    credits: 6
    of: [net-101, os-101, capstone]
    awards: [net-cert]
credentials:
  - {id: net-cert, label: Networking certificate, qualifies_for: [tech]}
occupations:
  - {id: tech, label: Network technician}
""",
    "to-confirm": """title: Health sciences
courses:
  - {id: math-101, label: College algebra, credits: 3}
conditions:
  - id: math-grade
    label: College algebra with a C or better
    of: [math-101]
    to_confirm: [minimum grade C in MATH 101]
    awards: [prereq-done]
credentials:
  - {id: prereq-done, label: Health sciences prerequisites, qualifies_for: [aide]}
occupations:
  - {id: aide, label: Patient care aide}
""",
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
            + _worked(r.slug)
        )
    return "\n".join(parts)


def _worked(slug: str) -> str:
    """The worked example of rule ``slug``: a pathway and its findings."""
    text = WORKED.get(slug)
    if text is None:
        return ""
    report = pathgraph.check(loads_yaml(text, "pathway.yaml"), rules=[slug])
    found = "\n".join(
        f"{f.code} {f.rule}  {f.label} ({f.node})\n    {f.message}"
        if f.node
        else f"{f.code} {f.rule}\n    {f.message}"
        for f in report.findings
    )
    return (
        f"\n**Worked example.** `pathgraph check pathway.yaml --select {slug}` on\n\n"
        f"```yaml\n{text}```\n\nfinds\n\n```text\n{found}\n```\n"
    )


def main() -> None:
    Path(__file__).with_name("rules.md").write_bytes(render().encode("utf-8"))


if __name__ == "__main__":
    main()
