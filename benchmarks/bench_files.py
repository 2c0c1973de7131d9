"""Benchmark: reading and writing pathway files, against the parsers underneath.

Generates a seeded, realistic pathway of N records (sector clusters of programs,
credentials, occupations, courses, providers, services and agreements, with
labels, some long descriptions, quotes, colons and non-ASCII text, SOC and CIP
codes, wages, schedules, requirement groups, stacks, articulation with dates and
advancement), writes it as YAML and JSON, and measures in the same run:

* YAML: ``pathgraph`` reading the text (``loads_yaml``) and writing it
  (``dumps_yaml``), as ratios to PyYAML's C loader (``yaml.load(text,
  Loader=yaml.CSafeLoader)``) and C dumper (``yaml.dump(data, Dumper=yaml.CSafeDumper)``
  of the same document) on the same text and data;
* YAML written again after reading it (``convert a.yaml b.yaml``: the text
  as written is its own output), read and written with a comment in the file
  (written over the file: unchanged records copied, see
  ``pathgraph.io._yaml_splice``), and written with one record edited (ruamel.yaml
  writes that record over its text), as ratios to PyYAML's C load + dump;
* JSON: ``loads_json`` and ``dumps_json`` as ratios to ``json.loads`` and
  ``json.dumps(indent=2)``;
* the time per record at each size, to show the growth is linear.

Run by hand, never in the test suite::

    PYTHONPATH=src python benchmarks/bench_files.py             # 1k, 10k, 100k
    PYTHONPATH=src python benchmarks/bench_files.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import time
from collections.abc import Callable
from typing import Any

import yaml

import pathgraph
from pathgraph.io.native import (
    dumps_json,
    dumps_yaml,
    loads_json,
    loads_yaml,
)

#: Text of the kind people paste into pathway files.
PHRASES = [
    "Evening cohort; childcare on site",
    "Taught with the O'odham Nation: culturally grounded",
    'Formerly the "Tier 2" certificate',
    "Prerequisite: placement test #2 or ABE level 4",
    "Técnico en salud — bilingual cohort ✓",
    "Workforce Innovation and Opportunity Act (WIOA) eligible training provider",
    "no",
    "2026",
    "Part-time, 12 credits per term, with a paid internship in the second year at a "
    "partner employer in the region",
]


def realistic(records: int, seed: int = 1) -> pathgraph.Pathway:
    """A pathway of about ``records`` records in clusters of 100."""
    rng = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    for c in range(max(1, records // 100)):
        _cluster(rng, c, nodes, rels)
    return pathgraph.Pathway(
        title=f"Synthetic regional system ({records:,} records)",
        region="Somewhere, USA",
        version="2026.1",
        sources=["Synthetic data for benchmarks"],
        nodes=nodes,
        relations=rels,
    )


def _cluster(
    rng: random.Random, c: int, nodes: list[dict[str, Any]], rels: list[dict[str, Any]]
) -> None:
    progs = [f"c{c}-program-{i}" for i in range(24)]
    creds = [f"c{c}-credential-{i}" for i in range(24)]
    occs = [f"c{c}-occupation-{i}" for i in range(20)]
    courses = [f"c{c}-course-{i}" for i in range(25)]
    services = [f"c{c}-service-{i}" for i in range(4)]
    provider, agreement = f"c{c}-college", f"c{c}-agreement"
    nodes.append(
        {
            "kind": "provider",
            "id": provider,
            "label": f"Community College {c}",
            "roles": ["postsecondary", "abe_provider"],
        }
    )
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
    nodes.append(
        {
            "kind": "agreement",
            "id": agreement,
            "label": f"Articulation {c}",
            "effective": start,
            "expires": start + dt.timedelta(days=1460),
        }
    )
    rels.append({"kind": "party_to", "source": provider, "target": agreement})
    for i, p in enumerate(progs):
        rec: dict[str, Any] = {
            "kind": "program",
            "id": p,
            "label": f"Program {c}.{i}: {_words(rng)}",
            "months": rng.choice([2, 4, 6, 12, 24]),
            "cost": rng.randrange(0, 6000, 50),
            "schedule": rng.sample(["day", "evening", "weekend"], rng.randint(1, 2)),
            "cip": f"{rng.randrange(10, 52)}.{rng.randrange(100, 9999):04d}",
        }
        if rng.random() < 0.3:
            rec["description"] = rng.choice(PHRASES)
        if rng.random() < 0.2:
            rec["iet"] = True
        nodes.append(rec)
        rels.append({"kind": "offered_by", "source": p, "target": provider})
        rels.append({"kind": "awards", "source": p, "target": creds[i]})
        if i >= 3:
            a, b = rng.sample(creds[:i], 2)
            if rng.random() < 0.5:
                rels.append({"kind": "requires", "source": a, "target": p})
            else:
                for s in (a, b):
                    rels.append(
                        {
                            "kind": "requires",
                            "source": s,
                            "target": p,
                            "group": f"{a}|{b}" if a < b else f"{b}|{a}",
                            "need": 1,
                        }
                    )
    for i, cr in enumerate(creds):
        nodes.append(
            {
                "kind": "credential",
                "id": cr,
                "label": f"Certificate {c}.{i}",
                "credential_type": rng.choice(["certificate", "license", "associate"]),
                "credits": rng.choice([6, 12, 15, 30, 60]),
            }
        )
        for o in rng.sample(occs, 2):
            rels.append({"kind": "qualifies_for", "source": cr, "target": o})
        if i + 1 < len(creds) and rng.random() < 0.3:
            rels.append(
                {
                    "kind": "stacks_into",
                    "source": cr,
                    "target": creds[i + 1],
                    "credits": 6,
                    "months": 3,
                }
            )
        if rng.random() < 0.2:
            rels.append(
                {
                    "kind": "articulates_to",
                    "source": cr,
                    "target": rng.choice(progs),
                    "credits": 12,
                    "months_saved": 4,
                    "agreement": agreement,
                }
            )
    for i, o in enumerate(occs):
        wage = 28000 + 1500 * i + rng.randrange(1000)
        nodes.append(
            {
                "kind": "occupation",
                "id": o,
                "label": f"Occupation {c}.{i} ({_words(rng)})",
                "soc": f"{rng.randrange(11, 54)}-{rng.randrange(1000, 9999)}",
                "wage_median": wage,
                "wage_p25": wage - 4000,
                "wage_p75": wage + 6000,
                "career_level": "entry" if i < 7 else "middle",
                "hourly_median": round(wage / 2080, 2),
            }
        )
        if i + 1 < len(occs) and rng.random() < 0.6:
            rels.append(
                {
                    "kind": "advances_to",
                    "source": o,
                    "target": occs[i + 1],
                    "months": 12,
                }
            )
    for i, k in enumerate(courses):
        nodes.append(
            {
                "kind": "course",
                "id": k,
                "label": f"Course {c}.{i}",
                "prefix": "HLT",
                "number": str(100 + i),
                "credits": rng.choice([3, 4]),
            }
        )
        rels.append({"kind": "part_of", "source": k, "target": progs[i % len(progs)]})
        if i and rng.random() < 0.8:
            rels.append(
                {
                    "kind": "prerequisite_of",
                    "source": courses[rng.randrange(i)],
                    "target": k,
                }
            )
    for s in services:
        nodes.append(
            {
                "kind": "service",
                "id": s,
                "label": f"Support {s}",
                "service_type": rng.choice(["childcare", "coaching", "tuition_aid"]),
            }
        )
        rels.append({"kind": "offered_by", "source": s, "target": provider})
        for t in rng.sample(progs, 6):
            rels.append({"kind": "supports", "source": s, "target": t})


WORDS = [
    "health",
    "care",
    "technician",
    "advanced",
    "basic",
    "welding",
    "CNC",
    "nursing",
    "behavioral",
    "IT support",
    "logistics",
    "energy",
]


def _words(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, 2))


def best(f: Callable[[], Any], repeat: int) -> float:
    """The best wall time of ``repeat`` runs of ``f``, with the cyclic garbage
    collector paused (as pathgraph's readers pause it: without that, PyYAML's
    loader takes twice as long on 10,000 records, a weaker baseline)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t = time.perf_counter()
            f()
            times.append(time.perf_counter() - t)
        finally:
            gc.enable()
    return min(times)


def measure(records: int, repeat: int) -> None:
    p = realistic(records)
    n = len(p.nodes)
    yaml_text = dumps_yaml(p)
    json_text = dumps_json(p)
    doc = json.loads(json_text)
    rows = [
        (
            "YAML read",
            lambda: loads_yaml(yaml_text),
            "yaml.load CSafeLoader",
            lambda: yaml.load(yaml_text, Loader=yaml.CSafeLoader),
        ),
        (
            "YAML write",
            lambda: dumps_yaml(p),
            "yaml.dump CSafeDumper",
            lambda: yaml.dump(
                doc,
                Dumper=yaml.CSafeDumper,
                allow_unicode=True,
                sort_keys=False,
                width=88,
            ),
        ),
        (
            "JSON read",
            lambda: loads_json(json_text),
            "json.loads",
            lambda: json.loads(json_text),
        ),
        (
            "JSON write",
            lambda: dumps_json(p),
            "json.dumps",
            lambda: json.dumps(doc, indent=2, ensure_ascii=False),
        ),
    ]
    again = loads_yaml(yaml_text)  # written by pathgraph, read back: the fast path
    rows.insert(
        2,
        (
            "YAML write, a file read",
            lambda: dumps_yaml(again),
            "yaml.dump CSafeDumper",
            rows[1][3],
        ),
    )
    # A file with comments is written over itself: the records that did not
    # change are copied, ruamel.yaml (pure Python) writes the rest. Time the whole
    # ``convert a.yaml b.yaml``, and an edit of one record in the middle.
    commented = "# A pathway kept in git.\n" + yaml_text
    kept = loads_yaml(commented)
    nodes = list(kept.nodes)
    middle = len(nodes) // 2
    nodes[middle] = nodes[middle].model_copy(update={"label": "Renamed record"})
    edited = kept.model_copy(update={"nodes": nodes})
    both = lambda: (rows[0][3](), rows[1][3]())  # noqa: E731
    rows.append(
        (
            "YAML read + write, comments kept",
            lambda: dumps_yaml(loads_yaml(commented)),
            "yaml.load + yaml.dump",
            both,
        ),
    )
    rows.append(
        (
            "YAML write, one record edited",
            lambda: dumps_yaml(edited, comments_from=kept),
            "yaml.load + yaml.dump",
            both,
        ),
    )
    print(
        f"\n{n:,} records: YAML {len(yaml_text) / 2**20:.1f} MiB, "
        f"JSON {len(json_text) / 2**20:.1f} MiB (best of {repeat})"
    )
    for name, ours, base_name, base in rows:
        t_ours, t_base = best(ours, repeat), best(base, repeat)
        print(
            f"  {name:<32} {t_ours:7.3f} s  {t_ours / t_base:6.2f}x {base_name} "
            f"({t_base:.3f} s)   {t_ours / n * 1e6:6.1f} us/record"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best)")
    args = parser.parse_args()
    for size in args.sizes:
        measure(size, args.repeat if size <= 10_000 else 1)


if __name__ == "__main__":
    main()
