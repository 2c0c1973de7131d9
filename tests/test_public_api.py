"""The public API is locked: what is exported is exactly what is documented."""

from __future__ import annotations

from pathlib import Path

import pathgraph


def test_dir_is_all() -> None:
    assert set(dir(pathgraph)) == set(pathgraph.__all__)


def test_all_names_exist_and_are_unique() -> None:
    for name in pathgraph.__all__:
        assert hasattr(pathgraph, name), name
    assert len(set(pathgraph.__all__)) == len(pathgraph.__all__)


def test_every_public_function_is_in_the_api_reference() -> None:
    reference = Path("docs/api.md").read_text()
    missing = [
        n for n in pathgraph.__all__ if n != "__version__" and n not in reference
    ]
    assert not missing, f"not in docs/api.md: {missing}"


def test_every_public_callable_has_a_docstring() -> None:
    for name in pathgraph.__all__:
        obj = getattr(pathgraph, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), f"{name} has no docstring"
