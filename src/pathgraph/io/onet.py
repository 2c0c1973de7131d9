"""O*NET database text files: occupations, job zones, typical education, related jobs.

Supported releases: the tab-separated "Text" downloads of O*NET **27.0** (August
2022) and **29.3** (May 2025); any release between them with the same headers reads
too. Columns are chosen by header name, so 29.3's extra ``Title`` / ``Related Title``
columns are simply ignored.

Files read from the release folder:

==========================================  =========  ===============================
file                                        required   columns used
==========================================  =========  ===============================
``Occupation Data.txt``                     yes        O*NET-SOC Code, Title,
                                                       Description
``Job Zones.txt``                           no         O*NET-SOC Code, Job Zone
``Related Occupations.txt``                 no         O*NET-SOC Code, Related
                                                       O*NET-SOC Code, Relatedness
                                                       Tier, Index
``Education, Training, and Experience.txt`` no         O*NET-SOC Code, Scale ID,
                                                       Category, Data Value
==========================================  =========  ===============================

**Typical education** (``education_level``): among an occupation's rows on the
"Required Level of Education" scale (``Scale ID`` = ``RL``), the category (1-12, see
:data:`pathgraph.model.EDUCATION_LEVELS`) with the largest ``Data Value`` (the share
of respondents); a tie goes to the lower category. No RL rows: unknown.

**Related occupations** become ``related_to`` relations (context only, never a
progression edge) carrying O*NET's ``tier`` and ``index`` and a ``move``:
``"advancement"`` when the related occupation is in a higher job zone,
``"lateral"`` in the same zone, ``"step_down"`` in a lower one, unset when either
job zone is unknown.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pathgraph.errors import FormatError, Problem
from pathgraph.io._tables import Table, clean_code, number_cell, read_table
from pathgraph.model import Occupation, Pathway, RelatedTo

__all__ = [
    "OnetData",
    "OnetOccupation",
    "OnetRelated",
    "load_onet",
    "move_between",
    "read_onet",
]

Move = Literal["advancement", "lateral", "step_down"]

CODE = "O*NET-SOC Code"
_FILES = {
    "occupations": "Occupation Data.txt",
    "job_zones": "Job Zones.txt",
    "related": "Related Occupations.txt",
    "education": "Education, Training, and Experience.txt",
}


@dataclass(frozen=True)
class OnetOccupation:
    """One O*NET-SOC occupation.

    Attributes
    ----------
    code : str
        O*NET-SOC code (``29-2053.00``).
    title, description : str
        As published.
    job_zone : int or None
        1 (little preparation) to 5 (extensive), when O*NET rates it.
    education_level : int or None
        Typical education category (1-12), see the module docs for the rule.
    """

    code: str
    title: str
    description: str = ""
    job_zone: int | None = None
    education_level: int | None = None

    @property
    def soc(self) -> str:
        """The 7-character SOC code."""
        return self.code[:7]


@dataclass(frozen=True)
class OnetRelated:
    """One row of "Related Occupations": ``code`` is related to ``related``."""

    code: str
    related: str
    tier: str
    index: int


@dataclass(frozen=True)
class OnetData:
    """The O*NET tables pathgraph uses, keyed by O*NET-SOC code.

    Attributes
    ----------
    folder : str
        Where they were read from.
    release : str or None
        The release named in ``Read Me.txt`` (``"27.0"``), when found.
    occupations : dict
        O*NET-SOC code -> :class:`OnetOccupation`.
    related : tuple of OnetRelated
        In file order.
    """

    folder: str
    release: str | None
    occupations: dict[str, OnetOccupation] = field(default_factory=dict)
    related: tuple[OnetRelated, ...] = ()

    def by_soc(self, soc: str) -> OnetOccupation | None:
        """The occupation for a SOC or O*NET-SOC code, matched on 7 characters.

        An exact O*NET-SOC code wins; otherwise the ``.00`` occupation, otherwise the
        first in code order.
        """
        if soc in self.occupations:
            return self.occupations[soc]
        base = soc[:7]
        if base + ".00" in self.occupations:
            return self.occupations[base + ".00"]
        for code in sorted(self.occupations):
            if code.startswith(base):
                return self.occupations[code]
        return None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {
            "folder": self.folder,
            "release": self.release,
            "occupations": [asdict(o) for o in self.occupations.values()],
            "related": [asdict(r) for r in self.related],
        }

    def __repr__(self) -> str:
        return (
            f"OnetData(release={self.release!r}, occupations={len(self.occupations)}, "
            f"related={len(self.related)})"
        )


def move_between(source_zone: int | None, target_zone: int | None) -> Move | None:
    """The kind of move from one job zone to another.

    Examples
    --------
    >>> move_between(2, 3), move_between(3, 3), move_between(4, 2)
    ('advancement', 'lateral', 'step_down')
    >>> move_between(None, 2) is None
    True
    """
    if source_zone is None or target_zone is None:
        return None
    if target_zone > source_zone:
        return "advancement"
    return "lateral" if target_zone == source_zone else "step_down"


def _int(table: Table, line: int, column: str, value: str) -> int:
    number = number_cell(table, line, column, value, whole=True)
    if number is None:
        raise table.error(line, f"{column} {value!r} is not a whole number")
    return int(number)


def _release(folder: Path) -> str | None:
    readme = folder / "Read Me.txt"
    if not readme.is_file():
        return None
    text = readme.read_text(encoding="utf-8-sig", errors="replace")
    for word in text.split()[:12]:
        if word[:1].isdigit() and "." in word:
            return word
    return None


def load_onet(folder: str | os.PathLike[str]) -> OnetData:
    """Read an O*NET release folder into typed tables (:class:`OnetData`).

    Parameters
    ----------
    folder
        The unzipped "Text" download (27.0 or 29.3 layout). Only
        ``Occupation Data.txt`` is required.

    Raises
    ------
    pathgraph.FormatError
        When the folder or a required file or column is missing, or a code, job
        zone or index is malformed (with file and line).

    Examples
    --------
    >>> data = load_onet("tests/io/fixtures/onet-mini-27")
    >>> data
    OnetData(release='27.0', occupations=5, related=5)
    >>> occ = data.occupations["31-1133.00"]
    >>> occ.title, occ.job_zone, occ.education_level
    ('Psychiatric Aides', 2, 2)
    """
    root = Path(folder)
    if not root.is_dir():
        raise FormatError(
            [Problem(str(root), "no such folder", "name the unzipped O*NET folder")]
        )
    records = _occupation_records(root / _FILES["occupations"])
    zones_path = root / _FILES["job_zones"]
    if zones_path.is_file():
        _add_job_zones(zones_path, records)
    edu_path = root / _FILES["education"]
    if edu_path.is_file():
        _add_education(edu_path, records)
    rel_path = root / _FILES["related"]
    related = _related(rel_path) if rel_path.is_file() else []
    occupations = {code: OnetOccupation(**rec) for code, rec in records.items()}
    return OnetData(str(root), _release(root), occupations, tuple(related))


def _occupation_records(path: Path) -> dict[str, dict[str, Any]]:
    """``Occupation Data.txt``: code, title and description by O*NET-SOC code."""
    table = read_table(path, required=[CODE, "Title", "Description"])
    records: dict[str, dict[str, Any]] = {}
    for line, (code, title, desc) in table.rows(CODE, "Title", "Description"):
        code = clean_code(code)
        if len(code) != 10 or code[2] != "-" or code[7] != ".":
            raise table.error(
                line, f"{code!r} is not an O*NET-SOC code", "expected like 29-2061.00"
            )
        if code in records:
            raise table.error(line, f"occupation {code} listed twice")
        records[code] = {
            "code": code,
            "title": title.strip(),
            "description": desc.strip(),
        }
    return records


def _add_job_zones(path: Path, records: dict[str, dict[str, Any]]) -> None:
    """``Job Zones.txt``: each listed occupation's job zone (1-5)."""
    zones = read_table(path, required=[CODE, "Job Zone"])
    for line, (code, zone) in zones.rows(CODE, "Job Zone"):
        code = clean_code(code)
        level = _int(zones, line, "Job Zone", zone)
        if not 1 <= level <= 5:
            raise zones.error(line, f"job zone {level} is not between 1 and 5")
        if code in records:
            records[code]["job_zone"] = level


def _add_education(path: Path, records: dict[str, dict[str, Any]]) -> None:
    """Typical education: the "RL" category with the largest share (module docs)."""
    edu = read_table(path, required=[CODE, "Scale ID", "Category", "Data Value"])
    best: dict[str, tuple[float, int]] = {}
    for line, (code, scale, cat, value) in edu.rows(
        CODE, "Scale ID", "Category", "Data Value"
    ):
        if scale.strip() != "RL":
            continue
        category = _int(edu, line, "Category", cat)
        share = number_cell(edu, line, "Data Value", value)
        if share is None:
            continue
        code = clean_code(code)
        # largest share wins; on a tie, the lower category (-category is larger)
        key = (share, -category)
        if code not in best or key > best[code]:
            best[code] = key
    for code, (_, neg) in best.items():
        if code in records:
            records[code]["education_level"] = -neg


def _related(path: Path) -> list[OnetRelated]:
    """``Related Occupations.txt``, in file order."""
    rel = read_table(
        path, required=[CODE, "Related O*NET-SOC Code", "Relatedness Tier"]
    )
    has_index = rel.has("Index")
    return [
        OnetRelated(
            clean_code(code),
            clean_code(other),
            tier.strip(),
            _int(rel, line, "Index", index) if has_index else 1,
        )
        for line, (code, other, tier, index) in rel.rows(
            CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"
        )
    ]


def read_onet(folder: str | os.PathLike[str] | OnetData) -> Pathway:
    """Read an O*NET release as a Pathway of occupations and related-job relations.

    Each occupation's id and ``soc`` are its O*NET-SOC code (``29-2053.00``); its
    label, description, ``job_zone`` and ``education_level`` come from the files
    (see the module docs for the typical-education rule). Each "Related
    Occupations" row between two listed occupations becomes a ``related_to``
    relation with ``tier``, ``index`` and ``move`` (advancement / lateral /
    step_down by job zone). Rows naming an occupation missing from
    ``Occupation Data.txt`` are skipped.

    Parameters
    ----------
    folder
        An O*NET release folder (27.0 or 29.3 layout) or tables from
        :func:`load_onet`.

    Examples
    --------
    >>> from pathgraph.io.onet import read_onet
    >>> p = read_onet("tests/io/fixtures/onet-mini-29")
    >>> len(p), p.node("29-2053.00").job_zone
    (5, 3)
    >>> [(r.source, r.target, r.move) for r in p.relations][:2]
    [('29-1141.00', '29-2053.00', 'lateral'), ('29-2053.00', '21-1018.00', None)]
    """
    data = folder if isinstance(folder, OnetData) else load_onet(folder)
    nodes = [
        Occupation(
            id=o.code,
            label=o.title or o.code,
            soc=o.code,
            description=o.description or None,
            job_zone=o.job_zone,
            education_level=o.education_level,
        )
        for o in sorted(data.occupations.values(), key=lambda o: o.code)
    ]
    occ = data.occupations
    relations = [
        RelatedTo(
            source=r.code,
            target=r.related,
            tier=r.tier or None,
            index=r.index,
            move=move_between(occ[r.code].job_zone, occ[r.related].job_zone),
        )
        for r in data.related
        if r.code in occ and r.related in occ and r.code != r.related
    ]
    release = f"O*NET {data.release}" if data.release else "O*NET"
    return Pathway(
        title=f"{release} occupations",
        sources=[f"{release} database (CC BY 4.0), {Path(data.folder).name}"],
        nodes=nodes,
        relations=relations,
    )
