"""Writing YAML keeps the comments of the YAML file the pathway was read from."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import pathgraph
from pathgraph.cli import cli
from pathgraph.io.native import dumps_yaml, loads_yaml
from pathgraph.model import Program

FIXTURES = Path(__file__).parent / "fixtures"

COMMENTED = """\
# Our pathway, kept in git.
# Second line of the header.
pathgraph: 1
title: Tiny pathway  # shown on maps
occupations:
  # The job we train for.
  - id: psych-tech
    label: Psychiatric Technician
    soc: 29-2053  # BLS code
    career_level: middle

  # A job nobody reaches yet.
  - id: aide
    label: Aide
    ignore:
      - PG101  # dead end on purpose
      - PG102  # unreachable on purpose
programs:
  - id: course
    label: Technician course   # the only program
    months: 6
    awards: [cert]
credentials:
  - id: cert
    label: Technician certificate
    credential_type: certificate
    qualifies_for: [psych-tech]
# End of file comment.
"""

COMMENTS = [
    "# Our pathway, kept in git.\n# Second line of the header.\n",
    "title: Tiny pathway  # shown on maps\n",
    "occupations:\n  # The job we train for.\n  - id: psych-tech\n",
    "soc: 29-2053  # BLS code\n",
    "\n  # A job nobody reaches yet.\n  - id: aide\n",
    "      - PG101  # dead end on purpose\n      - PG102  # unreachable on purpose\n",
    "label: Technician course   # the only program\n",
    "# End of file comment.\n",
]


def _source(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(COMMENTED)
    return path


def test_convert_yaml_to_yaml_keeps_the_file(tmp_path: Path) -> None:
    source = _source(tmp_path)
    result = CliRunner().invoke(cli, ["convert", str(source), str(tmp_path / "b.yaml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.yaml").read_text() == COMMENTED


def test_enrich_output_keeps_the_comments_in_place(tmp_path: Path) -> None:
    source = _source(tmp_path)
    out = tmp_path / "e.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "enrich",
            str(source),
            "--onet",
            str(FIXTURES / "onet-mini-27"),
            "--bls",
            str(FIXTURES / "bls-mini"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    for comment in COMMENTS:
        assert comment in text
    enriched = pathgraph.read(out).node("psych-tech")
    assert enriched.job_zone == 3 and enriched.wage_median == 42590
    # The new fields go inside the record, above the comment heading the next one.
    assert text.index("job_zone: 3") < text.index("# A job nobody reaches yet.")


def test_written_file_reads_back_equal_and_is_a_fixed_point(tmp_path: Path) -> None:
    p = pathgraph.read(_source(tmp_path))
    out = tmp_path / "b.yaml"
    pathgraph.write(p, out)
    assert pathgraph.read(out) == p
    assert dumps_yaml(pathgraph.read(out)) == out.read_text()


def test_records_gone_and_added() -> None:
    p = loads_yaml(COMMENTED)
    nodes = [n for n in p.nodes if n.id != "aide"] + [Program(id="new", label="New")]
    q = pathgraph.Pathway(title=p.title, nodes=nodes, relations=p.relations)
    text = dumps_yaml(q, comments_from=p)
    assert "aide" not in text and "dead end on purpose" not in text
    assert "  - id: new\n    label: New\n" in text  # appended, without comments
    assert "# The job we train for." in text and "# End of file comment." in text
    assert loads_yaml(text) == q


def test_reading_and_writing_do_not_change_the_kept_document() -> None:
    p = loads_yaml(COMMENTED)
    nodes = [n for n in p.nodes if n.id != "aide"]
    q = pathgraph.Pathway(title=p.title, nodes=nodes, relations=p.relations)
    dumps_yaml(q, comments_from=p)
    assert dumps_yaml(p) == COMMENTED


def test_a_pathway_not_read_from_yaml_is_written_plainly() -> None:
    p = loads_yaml(COMMENTED)
    plain = pathgraph.Pathway(title=p.title, nodes=p.nodes, relations=p.relations)
    assert plain == p
    assert "#" not in dumps_yaml(plain)


@pytest.mark.parametrize("name", ["bht.yaml", "manufacturing.yaml"])
def test_examples_convert_to_themselves(name: str, tmp_path: Path) -> None:
    """The examples are written as the YAML writer writes, comments and all."""
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["convert", f"examples/{name}", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text() == Path("examples", name).read_text()
