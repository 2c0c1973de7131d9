"""Fingerprint what pathgraph's commands print and write, to prove a refactor
changes no behaviour.

Runs ``check`` (text and JSON), ``route`` (JSON, to every destination, from two
entry presets) and ``render`` (DOT, SVG, HTML) through the command line, in this
process, on both examples and on the pathway files in ``../shared/data``; records
each output's exit code and SHA-256 (stdout, stderr and files written).

Usage::

    python benchmarks/behaviour_hash.py > before.json      # on the old commit
    python benchmarks/behaviour_hash.py --compare before.json

Normalised before hashing, so that a refactor may add them without a false alarm:
the ``file``/``line``/``column`` keys of JSON findings and the ``FILE:LINE[:COLUMN]``
of text findings (record locations), the
temporary output folder's name and the checkout's own path (so a worktree compares
with main). Run it with ``PYTHONPATH=src`` to test the checkout it sits in rather
than the installed copy.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

INPUTS = [
    ROOT / "examples" / "bht.yaml",
    ROOT / "examples" / "manufacturing.yaml",
    *sorted((DATA / "ctdl").glob("*.json*")),
    *sorted((DATA / "curricula" / "plans").glob("*.csv"))[:4],
]

LOCATION_KEYS = ("file", "line", "column")


def _strip_locations(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _strip_locations(v) for k, v in value.items() if k not in LOCATION_KEYS
        }
    if isinstance(value, list):
        return [_strip_locations(v) for v in value]
    return value


def _run(args: list[str], tmp: Path) -> dict[str, Any]:
    from pathgraph.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # pragma: no cover - main returns codes
            code = int(exc.code or 0)
        except Exception as exc:  # a traceback is behaviour too
            code = -1
            err.write(f"{type(exc).__name__}: {exc}")
    text = out.getvalue()
    if "--format" in args and "json" in args:
        with contextlib.suppress(ValueError):
            text = json.dumps(_strip_locations(json.loads(text)), sort_keys=True)
    errors = _paths(err.getvalue().replace(str(tmp), "<tmp>"))
    # Text reports name a finding's record as FILE:LINE[:COLUMN] when known: a
    # refactor may add locations (and columns) without a false alarm.
    text = re.sub(r"  \S+:\d+(?::\d+)?  ", "  ", _paths(text))
    result = {"exit": code, "stdout": _h(text), "stderr": _h(errors)}
    for f in sorted(tmp.iterdir()):
        result[f.suffix] = _h(f.read_bytes())
        f.unlink()
    return result


def _paths(text: str) -> str:
    return text.replace(str(DATA), "<data>").replace(str(ROOT), "<root>")


def _h(data: str | bytes) -> str:
    if isinstance(data, str):
        data = data.encode()
    return hashlib.sha256(data).hexdigest()[:16]


def fingerprint() -> dict[str, Any]:
    import pathgraph

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name) / "out"
        tmp.mkdir()
        for path in INPUTS:
            key = path.name
            p = str(path)
            results[f"{key} check"] = _run(["check", p], tmp)
            results[f"{key} check json"] = _run(["check", p, "--format", "json"], tmp)
            for suffix in (".dot", ".svg", ".html"):
                results[f"{key} render{suffix}"] = _run(
                    ["render", p, "-o", str(tmp / f"map{suffix}"), "--check"], tmp
                )
            try:
                G = pathgraph.to_graph(pathgraph.read(path))
                goals = pathgraph.destinations(G)[:6]
            except pathgraph.PathgraphError:
                goals = []
            for goal in goals:
                for entry in ("abe", "diploma"):
                    args = ["route", p, "--goal", goal, "--entry", entry]
                    args += ["--format", "json", "--alternatives", "2"]
                    results[f"{key} route {goal} {entry}"] = _run(args, tmp)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="a JSON file made earlier")
    args = parser.parse_args()
    now = fingerprint()
    if args.compare is None:
        json.dump(now, sys.stdout, indent=1, sort_keys=True)
        print()
        return 0
    before = json.loads(args.compare.read_text())
    differ = sorted(
        k for k in before.keys() | now.keys() if before.get(k) != now.get(k)
    )
    for k in differ:
        print(f"differs: {k}: {before.get(k)} -> {now.get(k)}")
    total = hashlib.sha256(json.dumps(now, sort_keys=True).encode()).hexdigest()
    print(f"{len(now)} outputs, {len(differ)} differ; overall {total[:16]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
