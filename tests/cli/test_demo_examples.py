"""Every built-in example can be demonstrated."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathgraph.cli import main
from pathgraph.cli.demo import DEMO_ROUTES
from pathgraph.examples import EXAMPLES


def test_every_example_has_a_demo_route() -> None:
    assert set(DEMO_ROUTES) == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_demo_routes_every_example(name: str, tmp_path: Path) -> None:
    assert main(["demo", "--example", name, "-o", str(tmp_path)]) == 0
    route = (tmp_path / "route.txt").read_text("utf-8")
    assert route.startswith("Route to ") and "steps" in route
