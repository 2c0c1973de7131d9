"""The Curricular Analytics CSV reader and writer."""

from __future__ import annotations

import collections
import re
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import FormatError, PathgraphError, curricular_metrics
from pathgraph.io.curricula import (
    CurriculumRepairWarning,
    dumps_curriculum,
    loads_curriculum,
    read_curriculum,
    write_curriculum,
)

HEAD = "Curriculum,Tiny\nInstitution,Pima CC\nDegree Type,AAS\nSystem Type,semester\n"
COLS = (
    "Course ID,Course Name,Prefix,Number,Prerequisites,Corequisites,"
    "Strict-Corequisites,Credit Hours,Institution,Canonical Name\n"
)


def rels(p: pathgraph.Pathway) -> set[tuple[str, str, str, bool]]:
    return {
        (r.kind, r.source, r.target, getattr(r, "strict", False))
        for r in p.relations
        if r.kind in ("prerequisite_of", "corequisite_of")
    }


def test_mapping_to_the_model() -> None:
    text = (
        HEAD
        + "CIP,51.1501\nCourses\n"
        + COLS
        + "1,Intro,BHS,101,,,,3,,Intro to BH\n"
        + "2,Lab,BHS,101L,,,1,1,,\n"
        + "3,Practice,BHS,201,1,2,,4.5,Tucson,\n"
    )
    p = loads_curriculum(text)
    assert p.title == "Tiny"
    prog = p.node("tiny")
    assert prog.kind == "program" and prog.cip == "51.1501"
    assert prog.tags == ["system:semester"]
    cred = p.node("tiny-degree")
    assert cred.credential_type == "associate" and cred.tags == ["degree:AAS"]
    assert p.node("pima-cc").kind == "provider"
    c3 = p.node("3")
    assert (c3.label, c3.prefix, c3.number, c3.credits) == (
        "Practice",
        "BHS",
        "201",
        4.5,
    )
    assert c3.tags == ["institution:Tucson"]
    assert p.node("1").canonical_name == "Intro to BH"
    assert rels(p) == {
        ("corequisite_of", "1", "2", True),
        ("prerequisite_of", "1", "3", False),
        ("corequisite_of", "2", "3", False),
    }
    assert p.counts()["relation:part_of"] == 3
    assert loads_curriculum(dumps_curriculum(p)) == p


def test_messy_file_is_repaired_with_warnings() -> None:
    text = (
        "\ufeffCurriculum,Messy,,,,\n"
        "Institution,X U,,,\n"
        "\n"
        "Degree Type,BS\n"
        "System Type,semster,,\n"
        "CIP,11.07\n"
        ",,,,,,\n"
        "Courses,,,,\n"
        "Course_ID,Course Name,Prefix,Number,Prerequisites,Strict-Corequistes,"
        "Credit Hours,,\n"
        '1,"Calculus, I",MATH,151,,,4,,\n'
        "\n"
        "2,Calculus II,MATH,152, Calculus; I ,,4\n"  # unambiguous by-name? no
    )
    with pytest.raises(FormatError, match=r"<string>:12: requisite 'Calculus'"):
        loads_curriculum(text)
    text = text.replace(" Calculus; I ", " MATH 151 ; 1 ")
    text += "3,Physics,PHYS,201,2 ; Calculus II,2.0,3,,\n4,Lab,PHYS,201L,,3,?\n"
    with pytest.warns(CurriculumRepairWarning) as record:
        p = loads_curriculum(text)
    message = str(record[0].message)
    for part in (
        "byte-order mark",
        "'semster' read as 'semester'",
        "'Course_ID'",
        "'Strict-Corequistes'",
        "requisite 'MATH 151' read as Course ID '1'",
        "requisite '1' of '2' listed twice",
        "requisite 'Calculus II' read as Course ID '2'",
        "credit hours '?'",
    ):
        assert part in message, part
    assert p.node("1").label == "Calculus, I"
    assert p.node("4").credits is None
    assert p.node("messy").tags == ["system:semester"]
    assert rels(p) == {
        ("prerequisite_of", "1", "2", False),
        ("prerequisite_of", "2", "3", False),
        ("corequisite_of", "2", "3", True),
        ("corequisite_of", "3", "4", True),
    }


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("", "empty file"),
        ("SendInstitution,SendCourse1CourseCode\nX,Y\n", "transfer articulation"),
        ("Name,Term,Prerequisites\nENGL 111,1,\n", "course list by name"),
        ("Curriculum,X\nCIP,11\n", "no 'Courses' row"),
        ("Curriculum,X\nCourses\nName,Term\n", ":3: the row after 'Courses'"),
        ("Curriculum,X\nCourses\n" + COLS, "course table is empty"),
        (
            "Curriculum,X\nCourses\nCourse ID,Course Name\n1,A\n1,B\n",
            r":5: Course ID '1' used twice \(also on line 4\)",
        ),
        (
            "Curriculum,X\nCourses\nCourse ID,Course Name,Prerequisites\n1,A,9\n",
            ":4: requisite '9' of course '1': no course",
        ),
        (
            "Curriculum,X\nCourses\nCourse ID,Course Name,Term\n1,A,first\n",
            ":4: Term 'first'",
        ),
        (
            "Curriculum,X\nSystem Type,trimester\nCourses\nCourse ID\n1\n",
            ":2: unknown System Type 'trimester'",
        ),
        (
            "Curriculum,X\nCourses\nCourse ID,Course Name\n1,A,extra,cells\n",
            ":4: 4 cells but only 2 columns",
        ),
        (
            "Curriculum,X\nCourses\nCourse ID,Course Name,Prerequisites\n"
            "1,Same,\n2,Same,\n3,C,Same\n",
            "several courses match",
        ),
    ],
)
def test_refusals_name_file_line_and_reason(text: str, pattern: str) -> None:
    with pytest.raises(FormatError, match=pattern) as info:
        loads_curriculum(text, "bad.csv")
    assert "bad.csv" in str(info.value)


def test_degree_plan_terms_and_additional_courses(tmp_path: Path) -> None:
    text = (
        "Curriculum,Plan\nDegree Plan,Four years\nSystem Type,Quarter\nCourses\n"
        + COLS.rstrip("\n")
        + ",Term\n"
        + "1,A,,,,,,3,,,1\n2,B,,,1;9,,,4,,,2\n"
        + "Additional Courses\n9,Precalc,,,,,,5,,\n"
    )
    with pytest.warns(CurriculumRepairWarning, match="'Quarter' read as 'quarter'"):
        p = loads_curriculum(text)
    assert p.node("9").term is None and p.node("2").term == 2
    assert p.node("plan").tags == ["system:quarter", "plan:Four years"]
    m = curricular_metrics(p)
    assert m.terms == {1: 3, 2: 4} and m.system == "quarter"
    out = dumps_curriculum(p)
    assert "\nAdditional Courses,,,,,,,,,,\n9,Precalc," in out
    assert "Degree Plan,Four years" in out
    assert loads_curriculum(out) == p
    path = tmp_path / "plan.csv"
    pathgraph.write(p, path)
    assert pathgraph.read(path) == p


def test_writer_refuses_ambiguous_program() -> None:
    a = loads_curriculum("Curriculum,A\nCourses\nCourse ID,Course Name\na1,X\n")
    b = loads_curriculum("Curriculum,B\nCourses\nCourse ID,Course Name\nb1,Y\n")
    both = pathgraph.Pathway(
        title="AB", nodes=a.nodes + b.nodes, relations=a.relations + b.relations
    )
    with pytest.raises(FormatError, match="2 programs have courses"):
        dumps_curriculum(both)
    assert loads_curriculum(dumps_curriculum(both, "b")) == b


def test_write_is_atomic_and_refuses_semicolon_ids(tmp_path: Path) -> None:
    p = pathgraph.Pathway(
        title="T",
        nodes=[{"kind": "course", "id": "a;b", "label": "X"}],
    )
    out = tmp_path / "t.csv"
    with pytest.raises(FormatError, match="cannot contain ';'"):
        write_curriculum(p, out)
    assert not out.exists()


# ------------------------------------------------------------------ round trip

ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9 _.-]{0,6}[A-Za-z0-9]\Z|\A[0-9]\Z")
text_cells = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and s)


@st.composite
def curricula_text(draw: st.DrawFn) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Curriculum", draw(text_cells)])
    if draw(st.booleans()):
        w.writerow(["Institution", draw(text_cells)])
    if draw(st.booleans()):
        w.writerow(["Degree Type", draw(st.sampled_from(["BS", "BA", "AAS", "MS"]))])
    if draw(st.booleans()):
        w.writerow(["System Type", draw(st.sampled_from(["semester", "quarter"]))])
    if draw(st.booleans()):
        w.writerow(["CIP", draw(st.sampled_from(["11.0701", "51", "bad cip"]))])
    plan = draw(st.booleans())
    if plan and draw(st.booleans()):
        w.writerow(["Degree Plan", draw(text_cells)])
    w.writerow(["Courses"])
    cols = [
        "Course ID",
        "Course Name",
        "Prefix",
        "Number",
        "Prerequisites",
        "Corequisites",
        "Strict-Corequisites",
        "Credit Hours",
        "Institution",
        "Canonical Name",
    ] + (["Term"] if plan else [])
    w.writerow(cols)
    names = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    for j, cid in enumerate(names):
        earlier = names[:j]
        reqs = [
            ";".join(draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)))
            if earlier
            else ""
            for _ in range(3)
        ]
        pre = set(reqs[0].split(";"))
        co = [r for r in reqs[1].split(";") if r not in reqs[2].split(";")]
        row = [
            cid,
            draw(text_cells),
            draw(st.sampled_from(["", "MATH", "CS"])),
            draw(st.sampled_from(["", "101", "2A"])),
            ";".join(sorted(pre - {""})),
            ";".join(co),
            reqs[2],
            draw(st.sampled_from(["", "3", "4.5", "0"])),
            draw(st.sampled_from(["", "Elsewhere"])),
            draw(st.sampled_from(["", "Canon"])),
        ]
        if plan:
            row.append(draw(st.sampled_from(["1", "2", "7"])))
        w.writerow(row)
    return buf.getvalue()


@given(curricula_text())
@settings(max_examples=100)
def test_round_trip(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p = loads_curriculum(text)
    again = dumps_curriculum(p)
    assert loads_curriculum(again) == p
    assert dumps_curriculum(loads_curriculum(again)) == again  # stable bytes


# ------------------------------------------------------------------ real data


@pytest.mark.data
def test_plans_read_and_write_back(shared_data: Path, tmp_path: Path) -> None:
    for path in sorted((shared_data / "curricula" / "plans").glob("*.csv")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = read_curriculum(path)
        out = tmp_path / path.name
        write_curriculum(p, out)
        assert read_curriculum(out) == p, path.name


#: Outcome of every CSV of the CA-Notebooks corpus (900 files, 674 distinct).
CORPUS_OUTCOMES = {
    "metrics": 702,
    "not a curriculum: course list by name (degree-plan optimizer input)": 66,
    "not a curriculum: other": 30,
    "not a curriculum: transfer articulation table": 30,
    "empty file": 20,
    "prerequisite cycle": 19,
    "not a curriculum: prerequisite table": 18,
    "unknown requisite": 12,
    "duplicate Course ID": 3,
}


def _reason(message: str) -> str:
    table = [
        (
            "course list by name",
            "not a curriculum: course list by name (degree-plan optimizer input)",
        ),
        ("(a transfer articulation", "not a curriculum: transfer articulation table"),
        ("(a prerequisite table)", "not a curriculum: prerequisite table"),
        ("(not a curriculum)", "not a curriculum: other"),
        ("empty file", "empty file"),
        ("prerequisite cycle", "prerequisite cycle"),
        ("no course has this id", "unknown requisite"),
        ("used twice", "duplicate Course ID"),
    ]
    for needle, reason in table:
        if needle in message:
            return reason
    return message


@pytest.mark.data
def test_whole_ca_notebooks_corpus(shared_data: Path) -> None:
    files = sorted((shared_data / "curricula" / "ca-notebooks").rglob("*.csv"))
    assert len(files) == 900
    outcomes: collections.Counter[str] = collections.Counter()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            try:
                m = curricular_metrics(read_curriculum(path))
            except PathgraphError as exc:
                text = str(exc)
                if "cycle" not in text:  # reader errors name the file and line
                    assert re.search(re.escape(str(path)), text), text
                outcomes[_reason(text)] += 1
            else:
                assert m.totals["courses"] > 0
                outcomes["metrics"] += 1
    elapsed = time.perf_counter() - start
    assert dict(outcomes) == CORPUS_OUTCOMES
    assert elapsed < 60


def test_requisites_as_written_are_kept_in_the_description() -> None:
    """The '(Text)' columns were dropped without a word (issue #14: what software
    cannot evaluate is kept and shown)."""
    text = (
        "Curriculum,Tiny\nCourses\n"
        "Course ID,Course Name,Prerequisites,Prerequisites (Text),Corequisites,"
        "Corequisites (Text),Credit Hours\n"
        "1,Algebra,,,,,3\n"
        '2,Calculus,1,"C or better in 1, or a 670 SAT Math score",,,4\n'
        "3,Physics,,,2,Calculus (may be taken together),4\n"
    )
    p = loads_curriculum(text)
    by = {n.id: n for n in p.nodes}
    assert by["1"].description is None
    assert by["2"].description == (
        "Prerequisites (as written): C or better in 1, or a 670 SAT Math score"
    )
    assert by["3"].description == (
        "Corequisites (as written): Calculus (may be taken together)"
    )
