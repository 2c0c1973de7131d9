"""The shared table reader behind the O*NET and BLS readers."""

from __future__ import annotations

from pathlib import Path

from pathgraph.io._tables import read_table


def test_rows_keep_their_file_lines(tmp_path: Path) -> None:
    """Blank lines and multi-line cells must not shift the lines errors point at."""
    p = tmp_path / "t.csv"
    p.write_text('A,B\n1,2\n\n\n3,"multi\nline"\n4,5\n', encoding="utf-8")
    table = read_table(p, required=["A"])
    assert list(table.rows("A")) == [(2, ("1",)), (5, ("3",)), (7, ("4",))]
    assert str(table.error(7, "bad")).count("t.csv:7") == 1
