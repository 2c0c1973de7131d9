"""JSON Schema of the native pathway file, built from the models.

Editors use it to complete and check pathway files as they are typed, e.g. with the
YAML language server: put ``# yaml-language-server: $schema=pathway.schema.json`` at
the top of a file after ``pathgraph schema > pathway.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from pathgraph.io.native import (
    _TARGET_SIDE,
    FORMAT_VERSION,
    SECTIONS,
    _allowed_relation_keys,
)
from pathgraph.model import NODE_TYPES, RELATION_TYPES, Pathway

__all__ = ["file_schema", "file_schema_json"]

_ID_LIST_ITEM = {"type": "string", "minLength": 1, "description": "A record id."}


def _relation_item(rel_kind: str, defs: dict[str, Any]) -> dict[str, Any]:
    schema = RELATION_TYPES[rel_kind].model_json_schema(ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    props = {
        k: v
        for k, v in schema["properties"].items()
        if k not in ("source", "target", "kind")
    }
    if not props or set(props) == {"note"}:
        props = {"note": props.get("note", {"type": "string"})}
    return {
        "anyOf": [
            _ID_LIST_ITEM,
            {
                "type": "object",
                "properties": {"to": _ID_LIST_ITEM, **props},
                "required": ["to"],
                "additionalProperties": False,
            },
        ]
    }


_OPTIONS = {
    "type": "array",
    "items": {"$ref": "#/$defs/requirement"},
    "description": "Options: record ids, or nested requirements.",
}
#: One requirement: an id, or an expression whose options are ids or expressions
#: (see pathgraph.io._conditions).
_REQUIREMENT: dict[str, Any] = {
    "anyOf": [
        {**_ID_LIST_ITEM, "description": "A record that must be held."},
        {
            "type": "object",
            "description": (
                "any of, all of, need N of, or credits N of the options; nested "
                "requirements, credits, to_confirm, id, label or description make a "
                "condition record"
            ),
            "properties": {
                "any": _OPTIONS,
                "all": _OPTIONS,
                "of": _OPTIONS,
                "need": {"type": "integer", "minimum": 1},
                "credits": {"type": "number", "minimum": 0},
                "to_confirm": {"type": "array", "items": {"type": "string"}},
                "id": {"type": "string", "minLength": 1},
                "label": {"type": "string", "minLength": 1},
                "description": {"type": "string"},
                "group": {"type": "string", "minLength": 1},
                "note": {"type": "string"},
            },
            "oneOf": [
                {"required": ["any"]},
                {"required": ["all"]},
                {
                    "required": ["of"],
                    "anyOf": [{"required": ["need"]}, {"required": ["credits"]}],
                },
            ],
            "additionalProperties": False,
        },
    ]
}
_OWN_KEYS: dict[str, tuple[str, dict[str, Any]]] = {
    "credential": (
        "earned_by",
        {
            "anyOf": [_OPTIONS, {"$ref": "#/$defs/requirement"}],
            "description": "Meeting this earns the credential (a list: all of it).",
        },
    ),
    "condition": ("of", _OPTIONS),
}


#: A language map: {BCP 47 code: non-empty text}.
_LANGUAGE_MAP: dict[str, Any] = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
    "additionalProperties": {"type": "string", "minLength": 1},
}


def file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a native pathway file.

    Examples
    --------
    >>> from pathgraph.io.schema import file_schema
    >>> schema = file_schema()
    >>> sorted(schema["properties"])[:4]
    ['agreements', 'assessments', 'conditions', 'courses']
    """
    defs: dict[str, Any] = {"requirement": _REQUIREMENT}
    props: dict[str, Any] = {
        "pathgraph": {"const": FORMAT_VERSION, "description": "File format version."}
    }
    meta = Pathway.model_json_schema()["properties"]
    for key in ("title", "description", "region", "sector", "version", "sources"):
        props[key] = meta[key]
    props["title"] = {"anyOf": [meta["title"], _LANGUAGE_MAP]}
    for kind, section in SECTIONS.items():
        schema = NODE_TYPES[kind].model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        record_props = dict(schema["properties"])
        record_props["kind"] = {"const": kind}
        # label and description: text, or a language map ({en: ..., es: ...})
        for key in ("label", "description", "lane"):
            one = record_props[key]
            record_props[key] = {
                "anyOf": [one, _LANGUAGE_MAP]
                if "anyOf" not in one
                else [*one["anyOf"], _LANGUAGE_MAP],
                **{k: v for k, v in one.items() if k in ("title", "description")},
            }
        record_props.pop("labels", None)
        record_props.pop("descriptions", None)
        record_props.pop("lanes", None)
        reverse = {v: k for k, v in _TARGET_SIDE.items()}
        if kind in _OWN_KEYS:
            own, own_schema = _OWN_KEYS[kind]
            record_props[own] = own_schema
        for key in _allowed_relation_keys(kind):
            if key == "requires" and kind == "condition":
                continue  # its options are under "of"
            if key == "requires":
                item = {"$ref": "#/$defs/requirement"}
            else:
                item = _relation_item(reverse.get(key, key), defs)
            record_props[key] = {"type": "array", "items": item}
        defs[f"{kind}_record"] = {
            "type": "object",
            "title": schema.get("title", kind),
            "description": schema.get("description", ""),
            "properties": record_props,
            "required": ["id", "label"],
            "additionalProperties": False,
        }
        props[section] = {"type": "array", "items": {"$ref": f"#/$defs/{kind}_record"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pathgraph.readthedocs.io/schema/pathway-1.json",
        "title": "pathgraph pathway file",
        "type": "object",
        "properties": props,
        "required": ["title"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def file_schema_json() -> str:
    """:func:`file_schema` as deterministic JSON text."""
    return (
        json.dumps(file_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
