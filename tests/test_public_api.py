"""The public API is locked: what is exported is exactly what is documented."""

from __future__ import annotations

from pathlib import Path

import pathgraph

#: The public names, written out: adding or removing one is a decision, made here.
PUBLIC = [
    "Agreement",
    "ArgumentError",
    "Assessment",
    "Audit",
    "AuditCell",
    "BUILTIN_POPULATIONS",
    "Chain",
    "Condition",
    "Course",
    "Credential",
    "CurricularMetrics",
    "Diff",
    "ENTRY_PRESETS",
    "ElementScore",
    "EnrichReport",
    "Finding",
    "FormatError",
    "GapAnalysis",
    "GraphContractError",
    "ItemResult",
    "Location",
    "Measures",
    "MissingDependencyError",
    "NoRouteError",
    "Node",
    "Occupation",
    "Outcome",
    "PathgraphError",
    "Pathway",
    "Population",
    "Problem",
    "Program",
    "Provider",
    "RULES",
    "ReEntry",
    "Readiness",
    "Relation",
    "RenderError",
    "Report",
    "RequirementGroup",
    "Route",
    "Rule",
    "SearchLimitError",
    "Service",
    "Step",
    "StepMeasures",
    "Summary",
    "UnfeasibleError",
    "UnknownNodeError",
    "ValidationError",
    "WageProgression",
    "__version__",
    "assess",
    "audit",
    "best_earnings",
    "check",
    "curricular_metrics",
    "dead_ends",
    "destinations",
    "diff",
    "enrich",
    "from_graph",
    "gap_analysis",
    "load_example",
    "measure",
    "nodes_of_kind",
    "off_ramps",
    "on_ramps",
    "pareto_routes",
    "parse_populations",
    "preset_holdings",
    "progression_view",
    "re_entry_points",
    "read",
    "read_outcomes",
    "read_populations",
    "render",
    "requirement_groups",
    "requirements_met",
    "route",
    "route_earnings",
    "routes",
    "stackable_chains",
    "summary",
    "synthetic_outcomes",
    "to_graph",
    "unreachable",
    "validate_graph",
    "wage_progression",
    "write",
]


def test_public_names_are_the_snapshot() -> None:
    assert sorted(pathgraph.__all__) == PUBLIC
    assert sorted(dir(pathgraph)) == PUBLIC


def test_all_names_exist_and_are_unique() -> None:
    for name in pathgraph.__all__:
        assert hasattr(pathgraph, name), name
    assert len(set(pathgraph.__all__)) == len(pathgraph.__all__)


def _documented() -> set[str]:
    """Objects docs/api.md renders: ``::: a.b`` and ``members: [...]`` entries,
    resolved to the public name each one documents."""
    text = Path("docs/api.md").read_text()
    out: set[str] = set()
    current = ""
    for line in text.splitlines():
        if line.startswith("::: "):
            current = line[4:].strip()
            out.add(current)
        elif line.strip().startswith("members:") and current:
            inner = line.split("[", 1)[1].rsplit("]", 1)[0]
            out.update(f"{current}.{m.strip()}" for m in inner.split(","))
    return out


def test_every_public_name_is_in_the_api_reference() -> None:
    documented = _documented()
    missing = []
    for name in pathgraph.__all__:
        if name == "__version__":
            continue
        obj = getattr(pathgraph, name)
        home = getattr(obj, "__module__", None)
        candidates = {f"pathgraph.{name}"}
        if isinstance(home, str) and home.startswith("pathgraph"):
            candidates.add(f"{home}.{name}")
        # a module-level constant: find the module that defines it by name
        candidates |= {d for d in documented if d.endswith(f".{name}")}
        if not candidates & documented:
            missing.append(name)
    assert not missing, f"not rendered by docs/api.md: {missing}"


def test_every_api_entry_exists() -> None:
    """Each ``:::`` entry names a real object (a renamed function fails here)."""
    import importlib

    for entry in sorted(_documented()):
        module, _, attr = entry.rpartition(".")
        try:
            obj = importlib.import_module(entry)
        except ImportError:
            obj = getattr(importlib.import_module(module), attr, None)
        assert obj is not None, f"docs/api.md names {entry}, which does not exist"


def test_changelog_page_renders_the_changelog() -> None:
    """docs/changelog.md includes CHANGELOG.md with a snippet line; the snippets
    extension must be on, or the built page shows the literal line."""
    import markdown
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *a: None)
    config = yaml.load(Path("mkdocs.yml").read_text(), Loader=_Loader)
    extensions = {}
    for item in config["markdown_extensions"]:
        name, options = (
            next(iter(item.items())) if isinstance(item, dict) else (item, {})
        )
        if name.startswith("pymdownx.snippets"):
            extensions[name] = options
    assert "pymdownx.snippets" in extensions, "mkdocs.yml lacks pymdownx.snippets"
    html = markdown.markdown(
        Path("docs/changelog.md").read_text(),
        extensions=["pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": dict(extensions["pymdownx.snippets"] or {})
        },
    )
    assert "--8&lt;--" not in html and "--8<--" not in html
    first = Path("CHANGELOG.md").read_text().splitlines()[0].lstrip("# ").strip()
    assert first in html


def test_every_public_callable_has_a_docstring() -> None:
    for name in pathgraph.__all__:
        obj = getattr(pathgraph, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


def test_no_public_function_shadows_a_module() -> None:
    """``import pathgraph.x as m`` gives what ``pathgraph.x`` names: no public
    function shares its name with a module or package of pathgraph (the
    ``from pathgraph.x import x`` in ``__init__`` would hide the module)."""
    import importlib
    import importlib.util
    import types

    shadowed = []
    for name in pathgraph.__all__:
        obj = getattr(pathgraph, name)
        if isinstance(obj, types.ModuleType):
            assert obj is importlib.import_module(f"pathgraph.{name}"), name
            continue
        if importlib.util.find_spec(f"pathgraph.{name}") is not None:
            shadowed.append(name)
    assert not shadowed, f"public names that are also modules: {shadowed}"
