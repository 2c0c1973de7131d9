"""``python -m pathgraph``."""

from pathgraph.cli import run

run()
