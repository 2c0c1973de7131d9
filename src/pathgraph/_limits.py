"""Renderer limits, in a module that imports nothing, so the command line can show
them as option defaults without loading the renderers (see docs/limits.md).

:mod:`pathgraph.render` re-exports both; setting them there changes the default.
"""

from __future__ import annotations

__all__ = ["DOT_TIMEOUT", "FOLD_ABOVE"]

#: Maps with more drawn records than this are folded (``fold_above=None``: never).
FOLD_ABOVE = 500

#: Seconds Graphviz may take to lay out a map before it is stopped with a
#: :class:`~pathgraph.RenderError` (``timeout=`` and ``--timeout`` change it).
DOT_TIMEOUT = 60.0
