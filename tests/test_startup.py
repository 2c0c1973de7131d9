"""Start-up stays fast: ``import pathgraph`` and the command line load only what
they use (benchmarks/bench_cli.py measures the time; this locks the modules).

Each probe runs in a fresh interpreter, since this test process has long since
imported everything.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import pathgraph

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

#: Heavy modules (and packages) nothing loads before it needs them:
#: the renderers and what they drive, the array and solver stack, the terminal
#: styling, DataFrames.
HEAVY = (
    "pathgraph.render",
    "graphviz",
    "pyvis",
    "jinja2",
    "numpy",
    "scipy",
    "highspy",
    "rich",
    "pandas",
)

#: Heavy modules a probe may load, and why.
ALLOWED: dict[str, set[str]] = {
    # pydantic (the model: Pathway gets its notebook display registered at import;
    # the models defer their schema build) is not in HEAVY: it is the baseline.
    "import pathgraph": set(),
    # --help lists every command: their modules are light (each imports what it
    # runs inside the command); networkx comes with the entry presets' choices.
    "pathgraph --help": set(),
    # the checks are array code over NumPy; SciPy only above 100,000 edges
    "pathgraph check": {"numpy"},
    # ids and the abe/esl presets need no array index: no NumPy; the index
    # (diploma, incumbent) and HiGHS (large shared cones) load when needed
    "pathgraph route": set(),
}

PROBE = """
import contextlib, io, json, sys
{setup}
print(json.dumps(sorted(sys.modules)))
"""
CLI = """
from pathgraph.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main({args!r})
assert code in (0, 1), code
"""


def loaded(setup: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``setup``."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    """The heavy packages among ``modules``."""
    return {h for h in HEAVY for m in modules if m == h or m.startswith(f"{h}.")}


def cli(*args: str) -> str:
    return CLI.format(args=list(args))


def test_import_pathgraph_loads_nothing_heavy() -> None:
    modules = loaded("import pathgraph")
    assert heavy(modules) == ALLOWED["import pathgraph"]
    # not even the graph library: the model and the errors only
    assert "networkx" not in modules
    assert {m for m in modules if m.startswith("pathgraph")} == {
        "pathgraph",
        "pathgraph.errors",
        "pathgraph.model",
        "pathgraph.model.nodes",
        "pathgraph.model.pathway",
        "pathgraph.model.relations",
    }


def test_help_loads_nothing_heavy() -> None:
    assert heavy(loaded(cli("--help"))) == ALLOWED["pathgraph --help"]
    assert heavy(loaded(cli("check", "--help"))) == ALLOWED["pathgraph --help"]


@pytest.mark.parametrize("example", ["bht", "manufacturing"])
def test_check_loads_only_numpy(example: str) -> None:
    modules = loaded(cli("check", f"examples/{example}.yaml"))
    assert heavy(modules) == ALLOWED["pathgraph check"]


def test_route_loads_nothing_heavy() -> None:
    args = ("route", "examples/bht.yaml", "--goal", "bht-assoc", "--entry", "abe")
    assert heavy(loaded(cli(*args))) == ALLOWED["pathgraph route"]
    # A preset that holds something reads the array index.
    args = ("route", "examples/bht.yaml", "--goal", "bht-assoc", "--entry", "diploma")
    assert heavy(loaded(cli(*args))) == {"numpy"}


def test_the_probe_catches_a_heavy_import() -> None:
    """The lock can fail: the eager imports ``pathgraph/__init__.py`` had (the
    renderers, the analysis and with it NumPy) are caught, and so is a heavy
    package under any of its submodules."""
    assert heavy(loaded("import pathgraph, pathgraph.render, pathgraph.analysis")) >= {
        "pathgraph.render",
        "numpy",
    }
    assert heavy({"numpy._core", "pathgraph"}) == {"numpy"}
    assert heavy({"richer", "numpyro"}) == set()


def test_names_resolve_on_use_and_are_kept() -> None:
    """A public name is imported on first use and then stored in the package."""
    setup = (
        "import pathgraph\n"
        "before = 'check' in vars(pathgraph)\n"
        "f = pathgraph.check\n"
        "assert not before and vars(pathgraph)['check'] is f\n"
        "from pathgraph.checks import check\n"
        "assert f is check\n"
    )
    assert "pathgraph.checks" in loaded(setup)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = pathgraph.no_such_name  # type: ignore[attr-defined]
    assert not hasattr(pathgraph, "no_such_name")


def test_version_is_read_on_use() -> None:
    from importlib.metadata import version

    setup = (
        "import pathgraph\n"
        "assert '__version__' not in vars(pathgraph)\n"
        "from importlib.metadata import version\n"
        "assert pathgraph.__version__ == version('pathgraph')\n"
    )
    loaded(setup)
    assert pathgraph.__version__ == version("pathgraph")


def test_type_checking_imports_match_the_lazy_table() -> None:
    """What mypy and IDEs see (the ``if TYPE_CHECKING:`` imports) is what
    ``__getattr__`` resolves, name by name and module by module."""
    tree = ast.parse((SRC / "pathgraph" / "__init__.py").read_text())
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    seen: dict[str, str] = {}
    for node in block.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                seen[alias.asname or alias.name] = str(node.module)
    modules = seen.pop("render")
    assert modules == "pathgraph"
    assert seen == pathgraph._LAZY
    assert set(pathgraph.__all__) == {
        *pathgraph._LAZY,
        "render",
        "__version__",
        *(n for n in pathgraph.__all__ if n.endswith("Error")),
        "Location",
        "Problem",
    }


def test_every_public_name_comes_from_its_home() -> None:
    import importlib

    for name, module in pathgraph._LAZY.items():
        assert getattr(pathgraph, name) is getattr(
            importlib.import_module(module), name
        ), name
    assert pathgraph.render is importlib.import_module("pathgraph.render")


def test_notebook_display_without_importing_render() -> None:
    """``Pathway._repr_html_`` shows the map although only ``pathgraph`` was
    imported: the hook registered at import loads the renderer on first display."""
    setup = (
        "import pathgraph\n"
        "p = pathgraph.load_example('bht')\n"
        "assert 'pathgraph.render' not in sys.modules\n"
        "html = p._repr_html_()\n"
        "from pathgraph.render.notebook import pathway_html\n"
        "assert html == pathway_html(p), html[:200]\n"
    )
    assert "pathgraph.render.notebook" in loaded(setup)


GC_PROBE = """
import atexit, gc, os, sys
def report():
    sys.stderr.write(f"GC {{gc.isenabled()}} {{gc.get_freeze_count()}} "
                     f"{{os.environ.get('OPENBLAS_NUM_THREADS')}}\\n")
atexit.register(report)
sys.argv = ["pathgraph", *{args!r}]
from pathgraph.cli import run
run()
"""


def gc_after(*args: str) -> tuple[str, int, str]:
    """How the console script leaves the collector: enabled, frozen count,
    OPENBLAS_NUM_THREADS."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env["PYTHONPATH"] = str(SRC)
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE.format(args=list(args))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("GC ")][-1]
    _, enabled, frozen, blas = line.split()
    return enabled, int(frozen), blas


def test_console_script_pauses_the_collector_only_for_start_up(
    tmp_path: Path,
) -> None:
    """``pathgraph check`` collects again once the input is read, with what
    start-up built frozen; a command that reads nothing (``--help``) ends with
    the collector still paused (it only printed), and the pause never leaks into
    a Python program that calls :func:`pathgraph.cli.main`."""
    enabled, frozen, blas = gc_after("check", "examples/bht.yaml")
    assert enabled == "True" and frozen > 10_000, (enabled, frozen)
    assert blas == "1"
    enabled, frozen, _ = gc_after(
        "convert", "examples/bht.yaml", str(tmp_path / "b.json")
    )
    assert enabled == "True" and frozen > 10_000, (enabled, frozen)
    assert gc_after("--help")[:2] == ("False", 0)


def test_main_leaves_the_collector_alone(capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    from pathgraph.cli import main

    assert main(["check", "examples/bht.yaml"]) in (0, 1)
    assert gc.isenabled() and gc.get_freeze_count() == 0
