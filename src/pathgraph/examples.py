"""The example pathways that ship with pathgraph.

* ``"bht"``: the Tucson Indian Center Behavioral Health Technician pathway, from
  Adult Basic Education to an associate degree.
* ``"manufacturing"``: a Michigan-style advanced manufacturing system with two
  pathways and a materials handling and packaging sub-pathway.
* ``"it-support"``: IT support and networking: GED tests and CompTIA exams
  (assessments), a certificate earned by nested course requirements with a credit
  total, and a degree reached by stacking.

``bht`` and ``manufacturing`` each contain one deliberate, realistic flaw that
``pathgraph check`` finds (the file's header comment says which).
"""

from __future__ import annotations

from pathlib import Path

from pathgraph.errors import ArgumentError, MissingDependencyError
from pathgraph.model import Pathway

__all__ = ["EXAMPLES", "example_path", "load_example"]

#: Example names and what they show.
EXAMPLES: dict[str, str] = {
    "bht": "Behavioral Health Technician pathway (Tucson, AZ): ABE to an AAS",
    "manufacturing": "Advanced manufacturing pathways (West Michigan, illustrative)",
    "it-support": "IT support and networking: exams, nested course requirements",
}


def example_path(name: str) -> Path:
    """The path of an example's YAML file.

    Looks inside the installed package first (wheels carry the examples in
    ``pathgraph/examples/``), then in the source tree's ``examples/`` folder.

    Raises
    ------
    pathgraph.ArgumentError
        For an unknown name.
    pathgraph.MissingDependencyError
        When the example's file is missing from the installation.
    """
    if name not in EXAMPLES:
        raise ArgumentError(
            f"unknown example {name!r}; choose one of {', '.join(EXAMPLES)}"
        )
    here = Path(__file__).resolve().parent
    for folder in (here / "examples", here.parents[1] / "examples"):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    raise MissingDependencyError(  # pragma: no cover - a broken installation
        f"example {name!r} is missing from this installation; reinstall pathgraph"
    )


def load_example(name: str = "bht") -> Pathway:
    """Load one of the example pathways (see :data:`EXAMPLES`).

    Examples
    --------
    >>> import pathgraph
    >>> p = pathgraph.load_example("bht")
    >>> p.node("bht-assoc").credential_type
    'associate'
    >>> pathgraph.load_example("nursing")
    Traceback (most recent call last):
    ...
    pathgraph.errors.ArgumentError: unknown example 'nursing'; choose one of bht, ...
    """
    # lazy: start-up time; `import pathgraph` does not load the readers
    from pathgraph.io import read

    return read(example_path(name))
