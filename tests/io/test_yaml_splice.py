"""Writing over a file with comments record by record gives the text that writing
over the whole file with ruamel.yaml gives, and reads with ruamel only what changed."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathgraph.io import _yaml_splice
from pathgraph.io._yaml_layout import dump_over, load_document
from pathgraph.io._yaml_read import parse_yaml
from pathgraph.io._yaml_splice import dump_spliced, read_plain
from pathgraph.io._yaml_write import WIDTH
from pathgraph.io.native import (
    _REL_KEYS,
    _TOP_KEYS,
    SECTIONS,
    dumps_yaml,
    loads_yaml,
    to_document,
)
from tests.strategies import HOSTILE, pathways

SECTION_KEYS = tuple(SECTIONS.values())


def _both(text: str, new: dict[str, Any]) -> tuple[str | None, str | None]:
    """(record by record, whole file) for ``new`` written over ``text``."""
    width = max(WIDTH, *map(len, text.splitlines()))
    values = read_plain(text)
    assert values is not None
    spliced = dump_spliced(
        text, values, copy.deepcopy(new), width, _REL_KEYS, SECTION_KEYS
    )
    whole = dump_over(load_document(text), copy.deepcopy(new), width, _REL_KEYS)
    return spliced, whole


def _unordered(value: Any, key: str = "") -> Any:
    """Values as read back, the lists whose order means nothing sorted."""
    if isinstance(value, dict):
        return {str(k): _unordered(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_unordered(v) for v in value]
        if key in _REL_KEYS:
            items.sort(key=lambda v: json.dumps(v, sort_keys=True, default=str))
        return items
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def _reads_back(text: str, new: dict[str, Any]) -> bool:
    return _unordered(parse_yaml(text, "f").data) == _unordered(new)


#: An end-of-line comment after an empty inline list or mapping.
_EMPTY_WITH_COMMENT = re.compile(r"(\[\]|\{\})[ \t]+#")


def _same_as_ruamel(text: str, new: dict[str, Any]) -> None:
    """Record by record: ``None``, or ruamel's text; where ruamel's text does not
    read back (``None``: it writes ``of: []  # note`` as ``of:  # note`` and
    ``[]`` on the next line), ``None`` or a text that reads back."""
    spliced, whole = _both(text, new)
    if whole is None:  # only ruamel's known break makes it give up
        assert _EMPTY_WITH_COMMENT.search(text)
    if spliced is None:
        return
    assert _reads_back(spliced, new)
    if whole is not None:
        assert spliced == whole


def _with_comments(text: str, data: st.DataObject) -> str:
    """``text`` with comment lines, blank lines and end-of-line comments added at
    random where they leave its values as they were."""
    values = parse_yaml(text, "f").data
    lines = text.splitlines(keepends=True)
    for n in range(data.draw(st.integers(0, 12), label="comments")):
        at = data.draw(st.integers(0, len(lines)), label="line")
        kind = data.draw(st.sampled_from(["line", "eol", "blank", "long"]))
        tried = list(lines)
        if kind == "eol" and at < len(lines):
            tried[at] = tried[at][:-1] + f"  # note {n}\n"
        else:
            indent = data.draw(st.sampled_from(["", "  ", "    ", "      "]))
            comment = {
                "line": f"{indent}# note {n}\n",
                "blank": "\n",
                "eol": f"{indent}# note {n}\n",
                "long": f"{indent}# {'a long note ' * 10}{n}\n",
            }[kind]
            tried.insert(at, comment)
        candidate = "".join(tried)
        try:
            same = parse_yaml(candidate, "f").data == values
        except Exception:
            same = False
        if same:
            lines = tried
    return "".join(lines)


def _changed(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """``document`` with records changed, added, removed and moved at random, and
    top-level keys added."""
    new = copy.deepcopy(document)
    sections = [key for key in SECTION_KEYS if new.get(key)]
    for n in range(data.draw(st.integers(0, 6), label="changes")):
        if not sections:
            break
        key = data.draw(st.sampled_from(sections), label="section")
        records = new[key]
        if not records:
            continue
        i = data.draw(st.integers(0, len(records) - 1), label="record")
        change = data.draw(
            st.sampled_from(["label", "field", "remove", "add", "move", "relations"])
        )
        if change == "label":
            records[i]["label"] = data.draw(st.sampled_from([*HOSTILE, "New name"]))
        elif change == "field":
            records[i]["note"] = f"added {n}"
        elif change == "remove" and len(records) > 1:
            del records[i]
        elif change == "add":
            records.insert(i, {"id": f"new-{n}", "label": f"New record {n}"})
        elif change == "move":
            records.append(records.pop(i))
        elif change == "relations":
            for rel in _REL_KEYS:
                if isinstance(records[i].get(rel), list) and len(records[i][rel]) > 1:
                    records[i][rel].reverse()
                    break
    if "title" in new and data.draw(st.booleans(), label="new title"):
        new["title"] = "A new title"
    if data.draw(st.booleans(), label="new keys"):
        new.setdefault("region", "Kern County")
        new.setdefault("sources", ["https://example.org/a", "https://example.org/b"])
    return {key: new[key] for key in _TOP_KEYS if key in new}


@given(pathways(), st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_record_by_record_is_what_ruamel_writes_over_the_whole_file(
    p: Any, data: st.DataObject
) -> None:
    text = dumps_yaml(p)
    if data.draw(st.booleans(), label="a file without 'pathgraph: 1'"):
        text = text.replace("pathgraph: 1\n", "", 1)
    if data.draw(st.booleans(), label="dates written by hand, unquoted"):
        text = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", text)
    text = _with_comments(text, data)
    document = json.loads(json.dumps(to_document(p)))
    _same_as_ruamel(text, _changed(document, data))


@given(pathways(), st.data())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_file_with_comments_and_nothing_changed_is_written_as_it_was(
    p: Any, data: st.DataObject
) -> None:
    text = _with_comments(dumps_yaml(p), data)
    document = json.loads(json.dumps(to_document(p)))
    assert read_plain(text) is not None
    _same_as_ruamel(text, document)


COMMENTED = """\
# Our pathway.
pathgraph: 1
title: Tiny  # shown on maps
programs:
  # Programs first.
  - id: a
    label: Program A  # the first
    months: 6

  # The second program.
  - id: b
    label: Program B
    months: 12
  - id: c
    label: Program C
# Credentials next.
credentials:
  - id: cert
    label: Certificate
"""


def test_a_hand_made_example() -> None:
    new = parse_yaml(COMMENTED, "f").data
    new["programs"][1]["months"] = 9  # changed
    del new["programs"][2]  # removed: the comment after it stays at the end
    new["programs"].append({"id": "d", "label": "Program D"})  # added
    spliced, whole = _both(COMMENTED, new)
    assert spliced == whole
    assert spliced == COMMENTED.replace("months: 12", "months: 9").replace(
        "  - id: c\n    label: Program C\n", "  - id: d\n    label: Program D\n"
    )


def test_ruamel_reads_only_the_records_that_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []

    def spy(text: str) -> Any:
        read.append(text)
        return load_document(text)

    monkeypatch.setattr(_yaml_splice, "load_document", spy)
    p = loads_yaml(COMMENTED)
    out = dumps_yaml(_renamed(p, "b", "Renamed"), comments_from=p)
    assert out == COMMENTED.replace("label: Program B", "label: Renamed")
    # "# The second program." is written with program a, before b
    assert read == [
        "programs:\n  - id: b\n    label: Program B\n    months: 12\n  - id: end\n"
    ]


def test_shapes_it_does_not_cut_go_to_ruamel_whole() -> None:
    """A removed record with comments after it, a top-level key removed, or a
    file that does not start with a key or a comment: ``None``, and the caller
    writes over the whole file with ruamel (same text as before this module)."""
    new = parse_yaml(COMMENTED, "f").data
    new_removed = copy.deepcopy(new)
    del new_removed["programs"][0]  # "# The second program." follows it
    assert _both(COMMENTED, new_removed)[0] is None
    del new["title"]
    assert _both(COMMENTED, new)[0] is None
    new["title"] = "Tiny"
    assert _both("---\n" + COMMENTED, new)[0] is None


def _renamed(p: Any, ident: str, label: str) -> Any:
    return p.model_copy(
        update={
            "nodes": [
                n.model_copy(update={"label": label}) if n.id == ident else n
                for n in p.nodes
            ]
        }
    )


def test_an_empty_list_with_a_comment_is_never_written_broken() -> None:
    """ruamel breaks ``tags: []  # none yet`` when it writes the record: such a
    record is copied as it is while it is unchanged, and where it changed the
    file is written without comments, with a warning, never broken."""
    text = COMMENTED.replace("    months: 6\n", "    months: 6\n    tags: []  # none\n")
    p = loads_yaml(text)
    other = _renamed(p, "b", "Renamed")  # the record with the comment is unchanged
    assert dumps_yaml(other, comments_from=p) == text.replace(
        "label: Program B", "label: Renamed"
    )
    changed = _renamed(p, "a", "Renamed")
    with pytest.warns(UserWarning, match="could not be kept"):
        out = dumps_yaml(changed, comments_from=p)
    assert "#" not in out
    assert loads_yaml(out) == changed


FLOW_END = """\
programs:
  - id: a
    label: A
    serves: [esl]
  # About b.
  - id: b
    label: B
"""


@pytest.mark.parametrize(
    "edit",
    [
        lambda rs: rs.insert(1, {"id": "n", "label": "N"}),  # between a and b
        lambda rs: rs.pop(1),  # b removed
        lambda rs: rs.reverse(),  # b before a
    ],
)
def test_comment_lines_between_records_that_part_go_to_ruamel(edit: Any) -> None:
    """After a record ending in an inline list, ruamel attaches the comment lines
    to the next record, after a block value to the record before: where the two
    part, only ruamel knows where the comment goes."""
    new = parse_yaml(FLOW_END, "f").data
    edit(new["programs"])
    spliced, whole = _both(FLOW_END, new)
    assert spliced is None or spliced == whole
    assert whole is not None


def test_a_date_in_a_record_ruamel_rewrites_keeps_the_comments() -> None:
    """ruamel's text is read back and compared with what it wrote: a date it kept
    must compare equal to the date read back (else every file with a date would
    lose its comments)."""
    text = (
        "# c\npathgraph: 1\ntitle: T\nagreements:\n  - id: a\n    label: A  # note\n"
        "    agreement_type: articulation\n    effective: 2024-01-01\n"
    )
    p = loads_yaml(text)
    assert dumps_yaml(p) == text  # unchanged: copied (its date written as read)
    changed = _renamed(p, "a", "B")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert dumps_yaml(changed, comments_from=p) == text.replace("A  #", "B  #")
    new = parse_yaml(text, "f").data
    new["title"] = "U"
    spliced, whole = _both(text, new)
    assert whole is not None and spliced == whole
