"""``python -m pathgraph.cli``."""

from pathgraph.cli import run

run()
