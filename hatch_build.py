"""Hatchling build hook: compile pathgraph's optional C accelerator.

``src/pathgraph/_speedups.c`` speeds up the one per-edge pass of the graph index
(:mod:`pathgraph.analysis._core`). It is optional: when no C compiler is found,
or when ``PATHGRAPH_NO_EXTENSION=1`` is set, the build warns and the wheel is the
pure-Python package, which gives the same results more slowly.

The compiler is driven by setuptools' ``build_ext`` (it knows each platform's
compiler and flags). A regular wheel gets the compiled module and a platform tag;
an editable install (``pip install -e .``) gets it next to the sources, in
``src/pathgraph/``, where the editable path finds it (rebuild after editing the C
file: ``pip install -e .`` again).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

EXTENSION = "pathgraph._speedups"
SOURCE = Path("src", "pathgraph", "_speedups.c")


class SpeedupsBuildHook(BuildHookInterface):
    """Compile ``pathgraph._speedups`` into the wheel (or next to the sources)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        if os.environ.get("PATHGRAPH_NO_EXTENSION", "") not in ("", "0"):
            self.app.display_info("pathgraph: PATHGRAPH_NO_EXTENSION set, pure Python")
            return
        root = Path(self.root)
        work = Path(tempfile.mkdtemp(prefix="pathgraph-build-"))
        try:
            built = _compile(root, work)
        except Exception as exc:  # any failure means: no usable compiler
            shutil.rmtree(work, ignore_errors=True)
            self.app.display_warning(
                f"pathgraph: the C accelerator was not built ({exc}); "
                "the pure-Python index is used (same results, slower)"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version == "editable":
            target = root / "src" / "pathgraph" / built.name
            shutil.copyfile(built, target)
            shutil.rmtree(work, ignore_errors=True)
        else:
            build_data["force_include"][str(built)] = f"pathgraph/{built.name}"
            self._work = work  # removed in finalize, after the wheel is written

    def finalize(
        self, version: str, build_data: dict[str, Any], artifact_path: str
    ) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _compile(root: Path, work: Path) -> Path:
    """Compile the extension in ``work``; the path of the compiled module."""
    # Imported here: only wheel builds need setuptools.
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extension = Extension(EXTENSION, [str(root / SOURCE)])
    command = build_ext(Distribution({"name": "pathgraph", "ext_modules": [extension]}))
    command.build_lib = str(work / "lib")
    command.build_temp = str(work / "temp")
    command.ensure_finalized()
    command.run()
    return Path(command.get_ext_fullpath(EXTENSION))
