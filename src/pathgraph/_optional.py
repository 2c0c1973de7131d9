"""Optional dependencies, imported on demand with an actionable message."""

from __future__ import annotations

from typing import Any

from pathgraph.errors import MissingDependencyError

__all__ = ["import_pandas"]


def import_pandas() -> Any:
    """Import pandas, or say how to install it."""
    # lazy: optional dependency (pandas), imported only when a DataFrame is asked for
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is in the dev extra
        raise MissingDependencyError(
            "this needs pandas: pip install 'pathgraph[dataframe]' (or pip install "
            "pandas)"
        ) from None
    return pd
