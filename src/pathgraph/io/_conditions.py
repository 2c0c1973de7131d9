"""The requirement shorthand of the native format: nested conditions in one entry.

Reading
-------
An entry of a record's ``requires`` list is an id, or an *expression*: a mapping with
exactly one of ``any: [...]``, ``all: [...]`` or ``of: [...]`` (``of`` with ``need:
N`` and/or ``credits: N``), whose options are ids or expressions again. An expression
whose options are all ids and that has no ``credits``, ``to_confirm``, ``id``,
``label`` or ``description`` is a plain requirement group (``requires`` edges sharing
a ``group``), as before conditions existed. Any other expression is a
:class:`~pathgraph.Condition` record with ``requires`` edges from its options into
it, and one ``requires`` edge from it into the owner.

A credential's ``earned_by`` is one expression (a list means ``all`` of it): a
condition that ``awards`` the credential. A record of the ``conditions`` section lists
its options under ``of`` (ids or expressions).

Generated ids
-------------
A condition written inline without ``id`` gets one from where it is written: the k-th
such entry in the ``requires`` of record ``R`` is ``R:k``; the k-th nested one among
the options of condition ``C`` is ``C.k``; a credential ``R``'s ``earned_by`` is
``R:earn``. Its label, unless given, is made from its rule and the labels of its
options (:func:`generated_label`). The writer inlines exactly the conditions whose id
is the one reading would give them there (and that have one owner and no other
field), so a file read and written again is the same file, and a pathway written and
read again is the same pathway.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "EXPRESSION_KEYS",
    "INLINE_FIELDS",
    "Expression",
    "generated_label",
    "is_group_entry",
    "parse_expression",
    "rule_text",
]

#: Keys an expression may have.
EXPRESSION_KEYS = frozenset(
    {
        "any",
        "all",
        "of",
        "need",
        "credits",
        "to_confirm",
        "id",
        "label",
        "description",
        "group",
        "note",
    }
)
#: Condition fields an inline expression can carry (a condition with any other field
#: set is written in the ``conditions`` section).
INLINE_FIELDS = frozenset(
    {"id", "label", "kind", "need", "credits", "to_confirm", "description"}
)
_CONDITION_ONLY = ("credits", "to_confirm", "id", "label", "description")
#: Longest generated label.
LABEL_LIMIT = 160

FIX = (
    "an entry is an id or a mapping with one of any: [...], all: [...], "
    "of: [...] (with need: N and/or credits: N); options are ids or such mappings"
)


@dataclass
class Expression:
    """A parsed expression: its form, rule and options (ids or expressions)."""

    form: str
    need: int | None
    credits: float | None
    options: list[str | Expression]
    fields: dict[str, Any] = field(default_factory=dict)
    path: tuple[Any, ...] = ()
    option_paths: list[tuple[Any, ...]] = field(default_factory=list)


def is_group_entry(item: Mapping[str, Any]) -> bool:
    """Whether a ``requires`` mapping is a plain group (no condition needed)."""
    options = item.get("any", item.get("all", item.get("of")))
    return (
        isinstance(options, list)
        and all(isinstance(o, str) for o in options)
        and not any(k in item for k in _CONDITION_ONLY)
    )


def parse_expression(
    item: Any,
    path: tuple[Any, ...],
    problem: Callable[[tuple[Any, ...], str, str], None],
    depth: int = 0,
    *,
    listed: bool = False,
) -> Expression | None:
    """Parse one expression, reporting every problem through ``problem(path, message,
    fix)``; None when it cannot be read. ``listed``: ``item`` is ``{"all": list}``
    made from a list written at ``path`` (its options are at ``path + (j,)``)."""
    if not isinstance(item, Mapping):
        problem(path, f"unreadable requirement {item!r}", FIX)
        return None
    if depth > 50:
        problem(path, "requirements nested more than 50 deep", "flatten the nesting")
        return None
    unknown = sorted(set(item) - EXPRESSION_KEYS)
    forms = [k for k in ("any", "all", "of") if k in item]
    if unknown or len(forms) != 1:
        problem(
            path,
            "a requirement needs exactly one of any/all/of"
            + (f"; unknown keys {unknown}" if unknown else ""),
            FIX,
        )
        return None
    form = forms[0]
    need, credits = item.get("need"), item.get("credits")
    if form == "of" and need is None and credits is None:
        problem(path, "'of' needs 'need: N' or 'credits: N'", FIX)
        return None
    if form != "of" and (need is not None or credits is not None):
        problem(path, "'need' and 'credits' go with 'of'", FIX)
        return None
    if need is not None and (not isinstance(need, int) or isinstance(need, bool)):
        problem(path, f"need must be a whole number, not {need!r}", FIX)
        return None
    raw = item[form]
    if not isinstance(raw, list):
        problem((*path, form), f"{form} must be a list", FIX)
        return None
    ids = [o for o in raw if isinstance(o, str)]
    if len(set(ids)) != len(ids):
        problem((*path, form), "an option is listed twice", "list each option once")
        return None
    options: list[str | Expression] = []
    option_paths: list[tuple[Any, ...]] = []
    base = path if listed else (*path, form)
    for j, option in enumerate(raw):
        opath = (*base, j)
        if isinstance(option, str):
            options.append(option)
        else:
            sub = parse_expression(option, opath, problem, depth + 1)
            if sub is None:
                return None
            options.append(sub)
        option_paths.append(opath)
    fields = {k: item[k] for k in (*_CONDITION_ONLY, "group", "note") if k in item}
    return Expression(
        form,
        1 if form == "any" else need,
        credits,
        options,
        fields,
        path,
        option_paths,
    )


def rule_text(need: int | None, credits: float | None, count: int) -> str:
    """How a condition's rule reads: ``all of``, ``any of``, ``2 of``, ``6 credits
    of``, ``2 (6 credits) of``."""
    if credits is not None:
        cr = f"{float(credits):g} credits"
        return f"{need} ({cr}) of" if need else f"{cr} of"
    if need is None or (need == count and count > 1):
        return "all of"
    if need == 1:
        return "any of"
    return f"{need} of"


def generated_label(
    need: int | None,
    credits: float | None,
    options: Sequence[str],
    label_of: Callable[[str], str],
) -> str:
    """The label of a condition written without one: its rule and its options'
    labels (by option id, so that it does not depend on the order written), cut at
    :data:`LABEL_LIMIT` characters.

    Examples
    --------
    >>> from pathgraph.io._conditions import generated_label
    >>> generated_label(1, None, ["os1", "net1"], {"net1": "Networking I",
    ...     "os1": "Operating Systems"}.get)
    'any of: Networking I; Operating Systems'
    """
    labels = [label_of(o) or o for o in sorted(options)]
    names = "; ".join(f"({x})" if "; " in x else x for x in labels)
    text = f"{rule_text(need, credits, len(options))}: {names}"
    if not options:
        text = "open (no options)"
    if len(text) > LABEL_LIMIT:
        text = text[: LABEL_LIMIT - 1].rstrip() + "\u2026"
    return text
