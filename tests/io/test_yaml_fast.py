"""The libyaml reader and the plain writer: the same pathways, locations and text as
the ruamel.yaml reader and writer they replace, and the limits that keep hostile
files from hanging or crashing the reader."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.io import _yaml_read
from pathgraph.io._yaml_read import MAX_ALIASED, MAX_DEPTH, parse_yaml
from pathgraph.io._yaml_write import dump, is_plain_text
from pathgraph.io.native import _YamlSource, dumps_yaml, loads_yaml, to_document
from tests.io import ruamel_reference as ref
from tests.strategies import HOSTILE, pathways

#: An inline-list item that starts with "?" and is not quoted.
_FLOW_QUESTION = re.compile(r"[\[,] ?\?")


def test_an_inline_item_starting_with_a_question_mark_is_quoted() -> None:
    text = dump({"sources": ["?b", "a?", "?"]})
    assert text == "sources: ['?b', a?, '?']\n"
    assert parse_yaml(text, "f").data == {"sources": ["?b", "a?", "?"]}
    assert parse_yaml("sources: [?b]\n", "f").data == {"sources": [{"b": None}]}


def _problem(text: str) -> str:
    with pytest.raises(pathgraph.FormatError) as info:
        loads_yaml(text, "f.yaml")
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


# ------------------------------------------------------------- same as ruamel


@given(pathways())
@settings(max_examples=50)
def test_reader_gives_the_pathway_and_locations_ruamel_gave(p: Any) -> None:
    theirs_text = ref.ruamel_dump(to_document(p))
    # ruamel writes an inline-list item starting with "?" plain (YAML 1.2), which
    # libyaml reads as a key (1.1): docs/format.md says so, and pathgraph's writer
    # quotes it (test above).
    skip = theirs_text if _FLOW_QUESTION.search(theirs_text) else None
    for text in (dumps_yaml(p), theirs_text):
        if text is skip:
            continue
        ours, theirs = loads_yaml(text, "f.yaml"), ref.loads_yaml(text, "f.yaml")
        assert ours == theirs == p
        assert ours.locations == theirs.locations


@pytest.mark.parametrize("name", ["bht", "manufacturing"])
def test_examples_read_as_ruamel_read_them(name: str) -> None:
    text = Path(f"examples/{name}.yaml").read_text()
    ours, theirs = loads_yaml(text, "x.yaml"), ref.loads_yaml(text, "x.yaml")
    assert ours == theirs and ours.locations == theirs.locations
    assert ref.ruamel_data(text) == parse_yaml(text, "x.yaml").data


SCALARS = [
    "1_000", "0x1F", "0o17", "017", "08", "1e3", "1.5e3", ".5", "+1", "-0", "+.5",
    "1.", "-.inf", ".inf", "1e+3", "0.1_1", "2024-01-01", "2024-1-1",
    "2024-01-01 10:00:00", "2024-01-01T10:00:00.5+05:30", "~", "", "null", "Null",
    "yes", "no", "on", "off", "y", "n", "True", "FALSE", "1:30", "0b101", "1__0",
    "_1", "1_", "0x", "a", "'quoted'", '"2"', "!!int '3'", "!!float 3", "!!bool true",
    "!!null ''", "é", "[1, a, {b: c}]", "{x: [y]}", "'a: b'", '"tab\\tx"',
]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_values_are_what_ruamel_made_of_them(scalar: str) -> None:
    text = f"k: {scalar}\nl:\n  - {scalar}\nm: [{scalar}]\n"
    assert parse_yaml(text, "f").data == ref.ruamel_data(text)


def test_block_scalars_are_what_ruamel_made_of_them() -> None:
    text = "a: |\n  block\n  text\nb: >-\n  folded\n  text\nc:\n  - |-\n    x\n"
    assert parse_yaml(text, "f").data == ref.ruamel_data(text)


def test_yaml_1_1_documents_read_as_1_1() -> None:
    text = "%YAML 1.1\n---\na: [yes, no, on, 010, 1:30, 0o7]\n"
    assert parse_yaml(text, "f").data == ref.ruamel_data(text)
    assert parse_yaml(text, "f").data == {"a": [True, False, True, 8, 90, "0o7"]}


def test_merge_keys_as_ruamel_merges_them() -> None:
    text = (
        "base: &b {months: 6, cost: 100}\nother: &o {cost: 5, credits: 3}\n"
        "p:\n  <<: [*b, *o]\n  cost: 200\nq:\n  <<: *o\n"
    )
    data = parse_yaml(text, "f").data
    assert data == ref.ruamel_data(text)
    assert list(data["p"]) == ["cost", "months", "credits"]


def _reads_back(text: str, doc: Any) -> bool:
    """Whether both readers read ``text`` as ``doc``."""
    try:
        return ref.ruamel_data(text) == doc == parse_yaml(text, "f").data
    except pathgraph.FormatError:
        return False


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(["title", "label", "note"]), st.text()))
def test_plain_writer_writes_what_ruamel_wrote(doc: dict[str, Any]) -> None:
    """Wherever ruamel's text reads back as what it wrote, the plain writer writes
    the same text. (Its emitter folds some double-quoted strings wrongly, writes
    NEL raw in single quotes, and writes ``[:a]``, which libyaml cannot read.)"""
    doc = {**doc, "list": list(doc.values()), "records": [dict(doc)]}
    theirs = ref.ruamel_dump(doc)
    ours = dump(doc)
    assert _reads_back(ours, doc)
    if _reads_back(theirs, doc):
        assert ours == theirs


@given(pathways())
@settings(max_examples=50)
def test_plain_writer_writes_pathways_as_ruamel_did(p: Any) -> None:
    document = to_document(p)
    assert dump(document) == ref.ruamel_dump(document)


@pytest.mark.parametrize("text", [*HOSTILE, "x" * 100, ("word " * 30).strip()])
def test_long_and_hostile_text_round_trips(text: str) -> None:
    doc = {"label": text, "tags": [text, "a"], "records": [{"note": text}]}
    written = dump(doc)
    assert parse_yaml(written, "f").data == doc == ref.ruamel_data(written)


def test_text_yaml_1_1_would_type_is_quoted() -> None:
    assert [is_plain_text(t) for t in ("no", "On", "1:30", "y", "nursing")] == [
        False,
        False,
        False,
        False,
        True,
    ]
    assert dump({"a": ["no", "yes"], "b": "off"}) == "a: ['no', 'yes']\nb: 'off'\n"
    assert yaml.load(dump({"a": "no"}), Loader=yaml.CSafeLoader) == {"a": "no"}


@given(pathways())
@settings(max_examples=50)
def test_rewriting_a_file_gives_the_text_ruamel_gave(p: Any) -> None:
    """A written file read and written again is its own text, by the fast path
    and by laying the pathway over ruamel's document of the file."""
    text = dumps_yaml(p)
    back = loads_yaml(text)
    assert dumps_yaml(back) == text
    source = back._source_document
    assert isinstance(source, _YamlSource)
    assert dumps_yaml(back, comments_from=back.model_copy()) == text


def test_a_file_in_an_older_layout_keeps_it() -> None:
    """A file the fast writer would write differently (here: ``no`` plain, a
    record's keys in another order) is written over, as before."""
    text = "title: T\nprograms:\n  - label: P\n    id: p\n    description: no\n"
    p = loads_yaml(text)
    assert dumps_yaml(p) == "pathgraph: 1\n" + text


# --------------------------------------------------------------- hostile input


def test_duplicate_keys_name_both_places() -> None:
    assert _problem("title: T\nprograms:\n  - id: a\n    label: A\n    id: b\n") == (
        "f.yaml:5:5: duplicate key 'id' (first at line 3, column 5) "
        "(fix: keep one of the two)"
    )
    assert "duplicate key '<<'" in _problem("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n")


@pytest.mark.parametrize(
    ("tagged", "shown"),
    [
        ("!!python/object/apply:os.system ['ls']", "!!python/object/apply:os.system"),
        ("!custom x", "!custom"),
        ("!!binary aGk=", "!!binary"),
        ("!!set {a: null}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!<tag:example.com,2024:x> y", "tag:example.com,2024:x"),
    ],
)
def test_tags_other_than_the_standard_ones_are_refused(tagged: str, shown: str) -> None:
    assert _problem(f"title: T\ndescription: {tagged}\n") == (
        f"f.yaml:2:14: tag {shown} is not allowed (fix: remove the tag: a pathway "
        "file holds text, numbers, true/false, dates)"
    )


def test_standard_tags_need_a_value_of_their_type() -> None:
    assert parse_yaml("a: !!str 1\nb: !!float 3\nc: ! 4\n", "f").data == {
        "a": "1",
        "b": 3.0,
        "c": "4",
    }
    assert _problem("title: !!int twelve\n") == (
        "f.yaml:1:8: 'twelve' is not a valid int"
    )


def test_an_alias_bomb_fails_fast_at_the_alias_cap() -> None:
    """Nine levels of ten aliases: 10**9 values if expanded. The node cap stops
    it at the first alias past MAX_ALIASED, after building a few hundred."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    message = _problem("\n".join(lines) + "\n")
    assert f"aliases expand to more than {MAX_ALIASED:,} values" in message
    assert message.startswith("f.yaml:6:")  # the level where the count passes 10**6


def test_aliases_and_anchors() -> None:
    data = parse_yaml("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n", "f").data
    assert data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}
    assert "alias *y has no anchor &y before it" in _problem("a: *y\n")
    assert "alias *r has no anchor" in _problem("a: &r [1, *r]\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "a: " + "{b: " * 5000 + "c" + "}" * 5000 + "\n",
        "".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "v\n",
    ],
)
def test_deep_nesting_is_refused_without_recursion(text: str) -> None:
    message = _problem(text)
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    data = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "f").data
    for _ in range(depth):
        data = data["a"] if isinstance(data, dict) else data[0] if data else data
    assert data == []


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x0b", "a vertical tab"), ("\x00", "a NUL character"), ("\x0c", "a form feed")],
)
def test_control_characters_are_located_errors(char: str, name: str) -> None:
    message = _problem(f"title: T\ndescription: pasted{char}from Word\n")
    code = ord(char)
    assert message.startswith(
        f"f.yaml:2:20: {name} (U+{code:04X}) is not allowed in YAML (fix: delete it"
    )


def test_syntax_errors_and_documents() -> None:
    assert _problem("title: T\n  bad: indent\n").startswith(
        "f.yaml:2:6: not valid YAML: mapping values are not allowed"
    )
    assert "more than one document" in _problem("title: T\n---\ntitle: U\n")
    assert "a key must be a single value" in _problem("? [a]\n: b\n")


def test_a_date_that_is_not_a_date_is_text() -> None:
    assert parse_yaml("a: 2024-02-30\nb: 2024-02-29\n", "f").data == {
        "a": "2024-02-30",
        "b": dt.date(2024, 2, 29),
    }


def test_without_libyaml_the_pure_parser_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = Path("examples/bht.yaml").read_text()
    fast = loads_yaml(text, "x.yaml")
    monkeypatch.setattr(_yaml_read, "_Loader", yaml.SafeLoader)
    slow = loads_yaml(text, "x.yaml")
    assert slow == fast and slow.locations == fast.locations
    assert "duplicate key" in _problem("a: 1\na: 2\n")


def test_line_separators_do_not_shift_the_lines() -> None:
    """libyaml counts U+2028 and U+2029 as line breaks; locations count lines as
    ruamel.yaml and editors do."""
    p = pathgraph.Pathway(
        title="T",
        nodes=[
            {"kind": "program", "id": "a", "label": "x\u2028y"},
            {"kind": "program", "id": "b", "label": "z\u2029w"},
            {"kind": "program", "id": "c", "label": "c"},
        ],
    )
    text = dumps_yaml(p)
    ours, theirs = loads_yaml(text, "f"), ref.loads_yaml(text, "f")
    assert ours == theirs == p and ours.locations == theirs.locations
    assert _problem(text.replace("id: c", "id: c\n    hour: 1")).startswith(
        "f.yaml:9:5"
    )
