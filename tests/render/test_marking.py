"""The one marking pass: what each map draws and how, decided once per render."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import pathgraph
from pathgraph import render
from pathgraph.render import marking
from pathgraph.render.graphviz import dot_source
from pathgraph.render.html import _payload, template
from pathgraph.render.marking import Marks, mark


@pytest.fixture
def bht() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.load_example("bht"))


def test_marks_nodes_and_edges(bht) -> None:
    route = pathgraph.route(bht, "bht-assoc", entry="abe")
    m = mark(bht, report=pathgraph.check(bht), route=route, highlight=["hse"])
    assert list(m.nodes) == sorted(m.nodes, key=str)
    assert {n.kind for n in m.nodes.values()} == {
        "program",
        "credential",
        "occupation",
    }
    assert m.nodes["abe-ged"].step == 1 and not m.nodes["abe-ged"].faded
    assert m.nodes["bht-tier1"].faded and m.nodes["bht-tier1"].step is None
    assert m.nodes["hse"].highlighted
    adv = m.nodes["bht-advanced"]
    assert adv.severity == "warning" and adv.codes == ("PG202",)
    assert m.rules["PG202"] == ("stack-without-off-ramp", "warning")
    assert m.nodes["bht-assoc"].level > m.nodes["abe-ged"].level
    assert m.nodes["bht-aas"].lane == "Behavioral health"
    on = {(e.source, e.target) for e in m.edges if e.on_route}
    assert ("abe-ged", "hse") in on
    assert all(e.source in m.nodes and e.target in m.nodes for e in m.edges)
    assert m.has_route


def test_services_and_context(bht) -> None:
    plain = mark(bht)
    assert any(n.services for n in plain.nodes.values())
    kinds = {n.kind for n in mark(bht, context=True).nodes.values()}
    assert "service" in kinds and "provider" in kinds
    with pytest.raises(pathgraph.ArgumentError, match="detail must be"):
        mark(bht, detail="everything")


def test_plain_keeps_layout_and_drops_marks(bht) -> None:
    marked = mark(bht, report=pathgraph.check(bht), highlight=["hse"])
    plain = marked.plain()
    assert plain.rules == {} and not plain.has_route
    for n, m in plain.nodes.items():
        assert (m.level, m.lane, m.services) == (
            marked.nodes[n].level,
            marked.nodes[n].lane,
            marked.nodes[n].services,
        )
        assert not m.findings and not m.highlighted and m.step is None
    assert dot_source(plain) == render.to_dot(bht)


def test_html_marks_once(bht, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page and the Graphviz layout it is placed by share one marking pass."""
    calls = []
    real = marking.levels

    def counting(*args: Any, **kwargs: Any) -> dict[Any, int]:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(marking, "levels", counting)
    render.to_html(bht, report=pathgraph.check(bht))
    assert len(calls) == 1


class CountingId(str):
    """A node id that counts how often it is compared for equality."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        CountingId.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _chain(n: int) -> nx.MultiDiGraph:
    ids = [CountingId(f"p{i}") for i in range(n)]
    G = nx.MultiDiGraph(title="chain")
    G.add_nodes_from((i, {"kind": "program", "label": "P"}) for i in ids)
    G.add_edges_from(
        (a, b, {"kind": "advances_to"}) for a, b in itertools.pairwise(ids)
    )
    return G


def test_writers_are_linear_in_nodes_and_edges() -> None:
    """No node id is looked for in a list (a scan per edge: quadratic).

    The legend once tested list membership for every edge: a 10,000-step chain took
    2.3 s and 50,000 did not finish (now about 0.5 s and 4 s). Counting equality
    tests instead of timing keeps this exact: the old code made about 9 million on
    this 3,000-step chain, hash lookups make next to none.
    """
    n = 3000
    G = _chain(n)
    CountingId.comparisons = 0
    marks = mark(G, fold_above=None)  # test_folding.py counts the folded map
    dot = dot_source(marks)
    payload = _payload(marks, {})
    assert len(re.findall(r'^  "p\d+" -> "p\d+"', dot, re.M)) == n - 1
    assert len(payload["edges"]) == n - 1
    assert CountingId.comparisons <= 4 * n


def test_marks_are_frozen(bht) -> None:
    m = mark(bht)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.detail = "courses"  # type: ignore[misc]
    assert isinstance(m, Marks)


TEMPLATES = Path(marking.__file__).parent / "templates"


PAGE_FILES = ("map.html", "map.css", "map.js", "fold.html", "fold.css", "fold.js")


def test_template_files_are_package_files() -> None:
    for name in PAGE_FILES:
        assert (TEMPLATES / name).read_text(encoding="utf-8") == template(name)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to parse JS")
@pytest.mark.parametrize("name", ["map.js", "fold.js"])
def test_page_script_parses(tmp_path: Path, name: str) -> None:
    js = tmp_path / name
    js.write_text(template(name), encoding="utf-8")
    node = shutil.which("node")
    assert node is not None
    proc = subprocess.run(
        [node, "--check", str(js)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_templates_reference_nothing_remote() -> None:
    remote = re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(|@import""")
    for name in PAGE_FILES:
        assert not remote.search(template(name)), name
    for name in ("map.js", "fold.js"):
        assert "</script" not in template(name)
    for name in ("map.css", "fold.css"):
        assert "</style" not in template(name)


def test_page_fills_every_placeholder_and_escapes(bht) -> None:
    page = render.to_html(bht, title="</title><script>x</script>", height="1px</style>")
    for name in ("title", "vis_css", "vis_js", "map_css", "data", "app", "height"):
        assert f"${name}" not in page
    assert "<script>x</script>" not in page
    assert "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;" in page
    assert "1px&lt;/style&gt;" in page
    assert page.count("</script>") == 3
