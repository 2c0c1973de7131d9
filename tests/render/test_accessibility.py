"""axe-core, Deque's accessibility checker, finds no serious or critical violation on
the pages pathgraph writes: the interactive map (plain and folded), the route
sheet, the readiness scorecard.

axe runs inside Debian's headless Chromium: its script and a runner are appended to
a copy of the page, the runner writes the violations into the DOM, and Chromium's
``--dump-dom`` prints it. Only axe's ``axe.min.js`` is used, from the
``axe-playwright-python`` package (dev dependency; Playwright itself is not run).
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

import pathgraph
from pathgraph import render
from pathgraph.render.route_map import route_page
from tests.render.test_html import CHROMIUM, FLAGS

SPEC = importlib.util.find_spec("axe_playwright_python")
AXE = Path(SPEC.origin).with_name("axe.min.js") if SPEC and SPEC.origin else None

RUNNER = """
<script>
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  var pre = document.createElement("pre"); pre.id = "axe-results";
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(function (n) { return n.html; })};
  }));
  document.body.appendChild(pre);
}).catch(function (e) {
  var pre = document.createElement("pre"); pre.id = "axe-results";
  pre.textContent = JSON.stringify([{id: "axe-error", impact: "critical",
                                     help: String(e), nodes: []}]);
  document.body.appendChild(pre);
});
</script>
"""


def violations(page: str, tmp_path: Path) -> list[dict[str, Any]]:
    """axe's violations on ``page`` (an HTML document)."""
    assert AXE is not None and AXE.is_file()
    script = AXE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    probe = page.replace("</body>", f"<script>{script}</script>{RUNNER}</body>", 1)
    path = tmp_path / "page.html"
    path.write_text(probe, encoding="utf-8")
    dom = subprocess.run(
        [
            str(CHROMIUM),
            *FLAGS,
            "--virtual-time-budget=30000",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', dom, re.S)
    assert found, "axe did not run"
    result: list[dict[str, Any]] = json.loads(html.unescape(found.group(1)))
    return result


def serious(page: str, tmp_path: Path) -> list[dict[str, Any]]:
    return [
        v for v in violations(page, tmp_path) if v["impact"] in ("serious", "critical")
    ]


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (CI has it)"),
    pytest.mark.skipif(AXE is None, reason="needs axe-playwright-python (dev extra)"),
]


def test_axe_can_say_no(tmp_path: Path) -> None:
    """The probe is worth something: light grey text on white is a violation."""
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<p style="color:#ddd">faint</p></main></body></html>'
    )
    assert [v["id"] for v in serious(page, tmp_path)] == ["color-contrast"]


@pytest.mark.parametrize("example", ["bht", "it-support"])
def test_the_interactive_map(example: str, tmp_path: Path) -> None:
    """The edge legend's words were in the edges' colours (orange and sky blue
    on white fail contrast)."""
    G = pathgraph.to_graph(pathgraph.load_example(example))
    assert serious(render.to_html(G, report=pathgraph.check(G)), tmp_path) == []


def test_the_folded_map(tmp_path: Path) -> None:
    G = pathgraph.to_graph(pathgraph.load_example("manufacturing"))
    assert serious(render.to_html(G, fold_above=5), tmp_path) == []


def test_the_route_sheet_and_the_scorecard(tmp_path: Path) -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    r = pathgraph.routes(G, "bht-assoc", entry="abe", k=2)[1]
    assert violations(route_page(G, r), tmp_path) == []  # none at all, even minor
    card = pathgraph.assess(G).to_html()
    (tmp_path / "card").mkdir()
    assert serious(card, tmp_path / "card") == []


KEYBOARD = """
<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var buttons = document.querySelectorAll("#outline button[data-node]");
    var out = {buttons: buttons.length, picked: [], selected: []};
    [0, buttons.length - 1].forEach(function (i) {
      buttons[i].focus();  // what Tab does
      var h = document.querySelector("#card h2");
      out.picked.push([buttons[i].dataset.node, h ? h.textContent : null]);
      out.selected.push(window.pathgraphNetwork.getSelectedNodes());
    });
    var pre = document.createElement("pre"); pre.id = "keys";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 500);
});
</script>
"""


def test_the_outline_lists_every_record_and_works_by_keyboard(tmp_path: Path) -> None:
    """The map is a canvas: the outline gives every record as a button; focusing
    one (Tab) shows its card and selects it on the map."""
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    page = render.to_html(G).replace("</body>", KEYBOARD + "</body>", 1)
    path = tmp_path / "map.html"
    path.write_text(page, encoding="utf-8")
    dom = subprocess.run(
        [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'p'}",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    found = re.search(r'<pre id="keys">(.*?)</pre>', dom, re.S)
    assert found, "the keyboard probe did not run"
    keys = json.loads(html.unescape(found.group(1)))
    drawn = re.findall(r'data-node="([^"]*)"', dom)
    assert keys["buttons"] == len(drawn) == len(set(drawn)) > 10
    for (node, title), selected in zip(keys["picked"], keys["selected"], strict=True):
        assert title == G.nodes[node]["label"]
        assert selected == [node]
