"""Shared fixtures: the project root, the real data in ../shared/data, the examples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]


def _shared_data() -> Path:
    """``$PATHGRAPH_SHARED_DATA``, else ``../shared/data`` beside the project, else
    the workplace's ``/work/shared/data`` (a clone made elsewhere, as CI's may be)."""
    candidates = [
        os.environ.get("PATHGRAPH_SHARED_DATA", ""),
        str(ROOT / ".." / "shared" / "data"),
        "/work/shared/data",
    ]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c).resolve()
    return (ROOT / ".." / "shared" / "data").resolve()


SHARED_DATA = _shared_data()
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci", parent=settings.get_profile("default"), derandomize=True
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data folder, ``../shared/data`` beside the project.

    Skips the test when the folder is absent on a developer machine; in CI (``CI`` set)
    a missing folder is an error, so data tests can never pass by not running.
    """
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared data folder missing: {SHARED_DATA}")
        pytest.skip(f"shared data folder not found: {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def examples() -> Path:
    """The examples folder."""
    return EXAMPLES
