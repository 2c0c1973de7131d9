"""Type stub of the optional C accelerator (src/pathgraph/_speedups.c)."""

from typing import Any

def scan_edges(
    succ: dict[Any, Any],
    pos: dict[Any, int],
    numeric: tuple[str, ...],
    codes: dict[str, int],
    /,
) -> (
    tuple[
        bytearray,
        bytearray,
        bytearray,
        dict[int, Any],
        dict[int, dict[str, Any]],
        list[Any],
        list[tuple[int, Any, Any]],
    ]
    | None
): ...
def scan_nodes(
    node: dict[Any, Any], numeric: frozenset[str], codes: dict[str, int], /
) -> (
    tuple[
        list[Any],
        list[dict[str, Any]],
        dict[Any, int],
        bytearray,
        dict[int, Any],
        list[Any],
        list[int],
    ]
    | None
): ...
