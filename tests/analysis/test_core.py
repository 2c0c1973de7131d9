"""The array helpers behind the compiled index."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pathgraph.analysis._arrays import dense_ids, ranges

BIG = 2**61  # with another column of two or more values, too wide to pack


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from([0, 1, BIG]), st.integers(-2, 2)),
        min_size=1,
        max_size=30,
    )
)
def test_dense_ids_number_distinct_rows_in_sorted_order(
    rows: list[tuple[int, ...]],
) -> None:
    """Packed keys and the lexicographic fallback (BIG forces it) agree with
    sorting the distinct rows."""
    cols = [np.array(c, dtype=np.int64) for c in zip(*rows, strict=True)]
    ids, rep = dense_ids(*cols)
    distinct = sorted(set(rows))
    assert [distinct[i] for i in ids.tolist()] == rows
    assert [rows[r] for r in rep.tolist()] == distinct


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 5)), max_size=10))
def test_ranges_concatenates(pairs: list[tuple[int, int]]) -> None:
    starts = np.array([s for s, _ in pairs], dtype=np.int64)
    ends = starts + np.array([n for _, n in pairs], dtype=np.int64)
    expected = [x for s, n in pairs for x in range(s, s + n)]
    assert ranges(starts, ends).tolist() == expected
