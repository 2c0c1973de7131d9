"""The package's import graph flows one way: no circle, no upward import.

Read from the source with :mod:`ast`, lazy (function-level) imports included, so
import order cannot hide a circle. ``if TYPE_CHECKING:`` blocks are left out: they
never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parent.parent / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "pathgraph").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(sub) for sub in ast.walk(node))
    return skip


def _function_nodes(tree: ast.AST) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(sub) for sub in ast.walk(node) if sub is not node)
    return inside


def import_graph() -> nx.DiGraph:
    """Edges ``a -> b``: module ``a`` imports ``b`` (attribute ``lazy``, ``line``).

    ``from pathgraph.x import name`` points at ``pathgraph.x.name`` when that is a
    module, else at ``pathgraph.x``. A parent package is not counted as imported
    by its submodules (Python runs it first, but it is not a dependency of theirs).
    """
    mods = _modules()
    G = nx.DiGraph()
    G.add_nodes_from(mods)
    for name, path in mods.items():
        tree = ast.parse(path.read_text(), str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        skip = _type_checking_nodes(tree)
        lazy = _function_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[
                        : len(package.split(".")) - node.level + 1
                    ]
                    base = ".".join([*parts, base] if base else parts)
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base
                    for a in node.names
                ]
            for target in targets:
                if not target.startswith("pathgraph"):
                    continue
                while target not in mods:
                    target = target.rpartition(".")[0]
                if target != name:
                    G.add_edge(name, target, lazy=id(node) in lazy, line=node.lineno)
    return G


def test_no_import_circle() -> None:
    G = import_graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert not circles, f"import circles among pathgraph modules: {circles}"


def test_the_oracle_finds_a_circle() -> None:
    """The check itself can fail: a lazy import back up closes a circle."""
    G = import_graph()
    G.add_edge("pathgraph.model.pathway", "pathgraph.graph", lazy=True, line=0)
    assert any(len(c) > 1 for c in nx.strongly_connected_components(G))


def test_model_imports_nothing_above_it() -> None:
    G = import_graph()
    allowed = {"pathgraph.errors", "pathgraph._gc"}
    for module in [m for m in G if m.startswith("pathgraph.model")]:
        above = {t for t in G.successors(module) if not t.startswith("pathgraph.model")}
        assert above <= allowed, f"{module} imports {sorted(above - allowed)}"


def test_lazy_imports_are_needed() -> None:
    """A function-level import of a module the file already imports at the top
    does nothing; each remaining lazy import is there for start-up time or an
    optional dependency."""
    useless = []
    for path in _modules().values():
        tree = ast.parse(path.read_text(), str(path))
        lazy = _function_nodes(tree)
        top = {
            node.module
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module
        } | {
            a.name
            for node in tree.body
            if isinstance(node, ast.Import)
            for a in node.names
        }
        for node in ast.walk(tree):
            if id(node) not in lazy or not isinstance(node, ast.ImportFrom):
                continue
            if node.module in top:
                useless.append(f"{path.name}:{node.lineno} {node.module}")
    assert not useless, useless


def _lazy_import_blocks(paths: list[Path]) -> list[tuple[Path, int, bool]]:
    """Each function-level import: (file, line, whether its block says why).

    A block is a run of import lines (blank lines and a ``try:`` line may stand in
    it); it says why when a line of it, or of the comment lines just above it,
    holds ``# lazy:``.
    """
    out = []
    for path in paths:
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines), str(path))
        lazy = _function_nodes(tree)
        for node in ast.walk(tree):
            if id(node) not in lazy or not isinstance(
                node, ast.Import | ast.ImportFrom
            ):
                continue
            first = node.lineno - 1
            while first > 0 and (
                not lines[first - 1].strip()
                or lines[first - 1].strip().startswith(("import ", "from ", "try:"))
            ):
                first -= 1
            while first > 0 and lines[first - 1].strip().startswith("#"):
                first -= 1
            block = lines[first : node.end_lineno or node.lineno]
            said = any("# lazy:" in line for line in block)
            out.append((path, node.lineno, said))
    return out


def test_lazy_imports_say_why() -> None:
    """Every remaining lazy import is commented with its reason (start-up time, an
    optional dependency), so the next reader does not move it to the top."""
    silent = [
        f"{path.relative_to(SRC)}:{line}"
        for path, line, said in _lazy_import_blocks(list(_modules().values()))
        if not said
    ]
    assert not silent, f"lazy imports without a '# lazy: <reason>' comment: {silent}"


def test_the_lazy_import_lock_can_fail(tmp_path: Path) -> None:
    silent = tmp_path / "silent.py"
    silent.write_text("def f():\n    import json\n    return json\n")
    said = tmp_path / "said.py"
    said.write_text(
        "def f():\n    # lazy: start-up time\n    import json\n"
        "    from os import path\n    return json, path\n"
    )
    found = {(p.name, line): ok for p, line, ok in _lazy_import_blocks([silent, said])}
    assert found == {
        ("silent.py", 2): False,
        ("said.py", 3): True,
        ("said.py", 4): True,
    }
