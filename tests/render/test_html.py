"""The interactive HTML map: offline, escaped, deterministic; in a real browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import pathgraph
from pathgraph import render
from pathgraph.render.html import json_for_html

EVIL = "<script>window.__pathgraph_injected=true</script>"


def _evil_graph():
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    G.add_node("evil", kind="program", label=EVIL + '"]; x [', description="</script>&")
    return G


def test_page_is_offline_and_escaped() -> None:
    page = render.to_html(_evil_graph())
    assert EVIL not in page
    assert page.count("</script>") == 3  # vis-network, the data, the app: no more
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    data = page.split('id="pathgraph-data">')[1].split("</script>")[0]
    parsed = json.loads(data)
    assert any(n["card"]["title"].startswith("<script>") for n in parsed["nodes"])


def test_json_for_html_round_trips() -> None:
    value = {"a": "</script><!-- & \u2028"}
    assert json.loads(json_for_html(value)) == value
    assert "<" not in json_for_html(value)


def test_deterministic(tmp_path: Path) -> None:
    G = pathgraph.to_graph(pathgraph.load_example("manufacturing"))
    a = render.to_html(G, tmp_path / "a.html", report=pathgraph.check(G))
    b = render.to_html(G, tmp_path / "b.html", report=pathgraph.check(G))
    assert a == b == (tmp_path / "a.html").read_text()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--virtual-time-budget=10000",
]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (CI installs it)")
def test_browser_draws_every_node_and_runs_no_injected_script(tmp_path: Path) -> None:
    G = _evil_graph()
    page = tmp_path / "map.html"
    render.to_html(G, page)
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    status = re.search(r'<pre id="pathgraph-status"[^>]*>(.*?)</pre>', dom, re.S)
    assert status, "the page's script did not run"
    result = json.loads(status.group(1))
    expected = sum(
        1
        for _, k in G.nodes(data="kind")
        if k in ("program", "credential", "occupation")
    )
    assert result == {
        "nodes": expected,
        "drawn": expected,
        "edges": result["edges"],
        "errors": [],
        "injected": False,
    }
    assert result["edges"] > 0
    shot = tmp_path / "map.png"
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--window-size=1400,900",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
