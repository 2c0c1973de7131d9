"""A fuzzer over the readers: byte and structure mutations of the examples (as
YAML and as native JSON) and of two CTDL files. Reading either succeeds or raises
the library's own :class:`pathgraph.PathgraphError`, never any other exception,
and never takes long (each read is time-boxed). Bounded: at most 60 examples a
test, the file in well under 30 s."""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.io.native import dumps_json
from tests.conftest import EXAMPLES, SHARED_DATA

#: Seconds one read may take (the slowest seed reads in well under 1 s).
TIME_BOX = 10.0

CTDL_FILES = (
    "Bakersfield_AS_CS_pathway-CSU_transfer-v2.json",
    "CompTIA-IT_Networking_Specialist.jsonld",
)


def _seeds() -> dict[str, tuple[str, bytes]]:
    """name -> (suffix, content): the examples as YAML and native JSON, and the
    CTDL files when the shared data is there."""
    seeds: dict[str, tuple[str, bytes]] = {}
    for name in ("bht", "manufacturing", "it-support"):
        raw = (EXAMPLES / f"{name}.yaml").read_bytes()
        seeds[f"{name}.yaml"] = (".yaml", raw)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pathway = pathgraph.read(EXAMPLES / f"{name}.yaml")
        seeds[f"{name}.json"] = (".json", dumps_json(pathway).encode("utf-8"))
    for name in CTDL_FILES:
        path = SHARED_DATA / "ctdl" / name
        if path.is_file():
            seeds[name] = (path.suffix, path.read_bytes())
    return seeds


SEEDS = _seeds()
NAMES = sorted(SEEDS)
FUZZ = settings(
    max_examples=56,  # and the explicit examples: 60 in all
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure reproduces
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _read(suffix: str, content: bytes) -> None:
    """Write ``content`` to a file and read it; only PathgraphError may escape."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(content)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # repaired input warns: fine
            with contextlib.suppress(pathgraph.PathgraphError):
                pathgraph.read(path)
        took = time.perf_counter() - start
        assert took < TIME_BOX, f"reading took {took:.1f} s"


# ----------------------------------------------------------------- byte mutations

#: Bytes known to trouble readers: control characters, broken UTF-8, YAML
#: anchors, aliases, merge keys and tags, brackets (5,000 deep), a number of
#: 5,000 digits.
INSERTS = [
    *[b"\x00", b"\x0b", b"\x1b]0;x\x07", b"\xff\xfe", b"\xc3", b"{", b"[", b'"'],
    *[b"&a", b"*a", b"<<: *a", b"!!python/object:os.system", b"\t", b"\r"],
    *[b": ", b"- ", b"\n  ", b"\\u0000", b"\\ud800", b"1e400", b"NaN"],
    *[b"[" * 5_000, b"{" * 3_000, b"1" * 5_000, b"-" * 3_000],
]

_byte_edit = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 64)),
    st.tuples(
        st.just("insert"),
        st.floats(0, 1),
        st.sampled_from(INSERTS),
    ),
)


def _mutate_bytes(content: bytes, edits: list[tuple[str, float, Any]]) -> bytes:
    data = bytearray(content)
    for op, where, arg in edits:
        i = min(int(where * len(data)), max(len(data) - 1, 0))
        if op == "flip" and data:
            data[i] ^= arg
        elif op == "insert":
            data[i:i] = arg
        elif op == "delete":
            del data[i : i + arg]
    return bytes(data)


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    edits=st.lists(_byte_edit, min_size=1, max_size=6),
)
def test_byte_mutations_give_only_library_errors(
    name: str, edits: list[tuple[str, float, Any]]
) -> None:
    suffix, content = SEEDS[name]
    _read(suffix, _mutate_bytes(content, edits))


# ------------------------------------------------------------ structure mutations


def _containers(value: Any, out: list[Any], depth: int = 0) -> list[Any]:
    """Every dict and list in ``value`` (iteratively shallow: documents are small)."""
    if depth > 40:
        return out
    if isinstance(value, dict):
        out.append(value)
        for v in value.values():
            _containers(v, out, depth + 1)
    elif isinstance(value, list):
        out.append(value)
        for v in value:
            _containers(v, out, depth + 1)
    return out


def _deep(depth: int) -> Any:
    value: Any = "bottom"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


WRONG_VALUES: list[Callable[[], Any]] = [
    lambda: None,
    lambda: True,
    lambda: -1,
    lambda: 0,
    lambda: 2.5,
    lambda: 10**30,
    lambda: 10**400,
    lambda: float("inf"),
    lambda: float("nan"),
    lambda: "",
    lambda: "x" * 20_000,
    lambda: "\x0bvertical\x00tab",
    lambda: "@context",
    lambda: "ceterms:Credential",
    lambda: [],
    lambda: {},
    lambda: [1, "a", None],
    lambda: {"@id": "_:b0"},
    lambda: {"@type": "ceterms:ConditionProfile"},
    lambda: _deep(150),
    lambda: DEEP_MARK,  # replaced by 5,000 levels of brackets once dumped
]
DEEP_MARK = "deep-nesting-goes-here"
DEEP_TEXT = "[" * 5_000 + "]" * 5_000

_structure_edit = st.tuples(
    st.sampled_from(["drop", "replace", "duplicate", "wrap"]),
    st.floats(0, 1),  # which container
    st.floats(0, 1),  # which key or item
    st.integers(0, len(WRONG_VALUES) - 1),
)


def _parse(name: str) -> Any:
    suffix, content = SEEDS[name]
    text = content.decode("utf-8")
    return yaml.safe_load(text) if suffix == ".yaml" else json.loads(text)


def _mutate_structure(doc: Any, edits: list[tuple[str, float, float, int]]) -> Any:
    for op, which, where, value in edits:
        containers = _containers(doc, [])
        if not containers:
            return WRONG_VALUES[value]()
        target = containers[min(int(which * len(containers)), len(containers) - 1)]
        keys = (
            list(target.keys())
            if isinstance(target, dict)
            else list(range(len(target)))
        )
        if not keys:
            continue
        key = keys[min(int(where * len(keys)), len(keys) - 1)]
        if op == "drop":
            del target[key]
        elif op == "replace":
            target[key] = WRONG_VALUES[value]()
        elif op == "duplicate" and isinstance(target, list):
            target.append(target[key])
        elif op == "wrap":
            target[key] = [target[key]] if value % 2 else {"value": target[key]}
    return doc


def _dump(doc: Any, suffix: str) -> bytes | None:
    """The mutated document as text of the seed's format (None if it cannot be
    written, as a 400-digit integer beyond Python's own printing limit)."""
    try:
        if suffix == ".yaml":
            text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        else:
            text = json.dumps(doc, ensure_ascii=False)
    except (ValueError, RecursionError, yaml.YAMLError):
        return None
    text = text.replace(f'"{DEEP_MARK}"', DEEP_TEXT).replace(DEEP_MARK, DEEP_TEXT)
    return text.encode("utf-8", "surrogatepass")


_DEEP = len(WRONG_VALUES) - 1  # index of DEEP_MARK
_CTDL_SEED = CTDL_FILES[0] if CTDL_FILES[0] in SEEDS else "it-support.json"


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    edits=st.lists(_structure_edit, min_size=1, max_size=4),
)
# the classes of issue #17, always tried: deep nesting in native JSON and YAML
# (RecursionError in JSON), and in CTDL; a 400-digit integer; a key dropped
@example(name="bht.json", edits=[("replace", 0.5, 0.5, _DEEP)])
@example(name="bht.yaml", edits=[("replace", 0.5, 0.5, _DEEP)])
@example(name=_CTDL_SEED, edits=[("replace", 0.3, 0.5, _DEEP)])
@example(name="manufacturing.yaml", edits=[("replace", 0.4, 0.5, 6), ("drop", 0, 0, 0)])
def test_structure_mutations_give_only_library_errors(
    name: str, edits: list[tuple[str, float, float, int]]
) -> None:
    suffix = SEEDS[name][0]
    content = _dump(_mutate_structure(_parse(name), edits), suffix)
    if content is not None:
        _read(suffix, content)


@pytest.mark.parametrize("name", NAMES)
def test_every_seed_reads(name: str) -> None:
    """The seeds themselves read (else the mutations test little)."""
    suffix, content = SEEDS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"seed{suffix}"
            path.write_bytes(content)
            assert pathgraph.read(path).nodes


def test_the_ctdl_seeds_are_there(shared_data: Path) -> None:
    """Without the shared data the fuzzer runs on the examples alone: skipped
    here on a developer machine, an error in CI (the ``shared_data`` fixture)."""
    assert all(name in SEEDS for name in CTDL_FILES)
