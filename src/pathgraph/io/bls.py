"""BLS and NCES tables: employment projections, OEWS wages, the CIP-SOC crosswalk.

Each reader returns typed, frozen records keyed by the 7-character SOC code
(``29-2053``), the key every table shares (O*NET-SOC codes join on their first
7 characters). Columns are chosen by header name; the quirks of the published files
are handled by :mod:`pathgraph.io._tables` (BOM, Excel-escaped codes
``="13-2011"``, thousands separators, suppressed values ``*``, ``**``, ``#`` and
blanks read as missing, never zero).

Supported files: the BLS Employment Projections occupation table as exported from
the "Occupational projections and worker characteristics" page (2020-30 layout),
OEWS national files (``OCC_CODE`` ... ``A_PCT90``; when the file has ``AREA_TYPE``,
``I_GROUP`` / ``NAICS`` or ``O_GROUP`` columns, only national (``AREA_TYPE`` 1),
cross-industry (``I_GROUP`` ``cross-industry`` or ``NAICS`` ``000000``) rows are kept
and ``O_GROUP`` ``total`` / ``major`` / ``minor`` rows are dropped), and the NCES
CIP 2020 - SOC 2018 crosswalk.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from pathgraph.io._tables import Table, clean_code, number_cell, read_table, soc7

__all__ = [
    "BLS_EDUCATION_LEVELS",
    "CipSoc",
    "CipSocCrosswalk",
    "OewsWage",
    "Projection",
    "read_bls_projections",
    "read_cip_soc",
    "read_oews",
]

#: BLS "typical entry-level education" -> O*NET education category (1-12).
BLS_EDUCATION_LEVELS: dict[str, int] = {
    "no formal educational credential": 1,
    "high school diploma or equivalent": 2,
    "postsecondary nondegree award": 3,
    "some college, no degree": 4,
    "associate's degree": 5,
    "bachelor's degree": 6,
    "master's degree": 8,
    "doctoral or professional degree": 11,
}


def _number(table: Table, line: int, column: str, value: str) -> float | None:
    return number_cell(table, line, column, value)


def _soc(table: Table, line: int, column: str, value: str) -> str:
    code = soc7(value)
    if code is None:
        raise table.error(
            line, f"{column} {value!r} is not a SOC code", "expected like 29-2061"
        )
    return code


@dataclass(frozen=True)
class Projection:
    """One occupation of the BLS Employment Projections table.

    Attributes
    ----------
    soc : str
        7-character SOC code.
    title : str
        Title, without the alternate titles BLS appends after ``*``.
    alternate_titles : tuple of str
        Those alternate titles.
    employment, employment_projected : float or None
        Employment in the base and projection years, in jobs (the file's thousands
        multiplied by 1,000).
    openings : float or None
        Average annual occupational openings over the decade, in jobs (thousands
        multiplied by 1,000).
    wage_median : float or None
        Median annual wage in the base year; ``None`` when not available or
        top-coded (``>=208,000``).
    entry_education, work_experience, training : str or None
        BLS typical entry-level education, work experience in a related
        occupation, typical on-the-job training, as published.
    """

    soc: str
    title: str
    alternate_titles: tuple[str, ...] = ()
    employment: float | None = None
    employment_projected: float | None = None
    openings: float | None = None
    wage_median: float | None = None
    entry_education: str | None = None
    work_experience: str | None = None
    training: str | None = None

    @property
    def education_level(self) -> int | None:
        """The entry education as an O*NET category (1-12), when BLS names one."""
        if self.entry_education is None:
            return None
        return BLS_EDUCATION_LEVELS.get(self.entry_education.lower())

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return asdict(self)


_PROJ = {
    "title": "Occupation Title",
    "code": "Occupation Code",
    "employment": "Employment 2020",
    "employment_projected": "Employment 2030",
    "openings": "Occupational Openings, 2020-2030 Annual Average",
    "wage": "Median Annual Wage 2020",
    "education": "Typical Entry-Level Education",
    "experience": "Work Experience in a Related Occupation",
    "training": "Typical on-the-job Training",
}


def _text(value: str) -> str | None:
    value = value.strip()
    return value or None


def read_bls_projections(path: str | os.PathLike[str]) -> dict[str, Projection]:
    """Read the BLS Employment Projections occupation table.

    Parameters
    ----------
    path
        The CSV (2020-30 layout: ``Occupation Title``, ``Occupation Code``,
        ``Employment 2020``, ``Occupational Openings, 2020-2030 Annual Average``,
        ``Median Annual Wage 2020``, ``Typical Entry-Level Education``, ...).
        Employment and openings are published in thousands and returned in jobs.

    Returns
    -------
    dict
        7-character SOC code -> :class:`Projection`, in file order.

    Raises
    ------
    pathgraph.FormatError
        Missing column, malformed code or number, or a code listed twice (with the
        file and line).

    Examples
    --------
    >>> from pathgraph.io.bls import read_bls_projections
    >>> proj = read_bls_projections("tests/io/fixtures/projections_quirks.csv")
    >>> acc = proj["13-2011"]
    >>> acc.title, acc.openings, acc.employment, acc.wage_median
    ('Accountants and auditors', 135000.0, 1392200.0, 73560.0)
    >>> acc.alternate_titles
    ('Account Auditor', 'Accountant', 'CPA')
    >>> proj["11-1011"].wage_median is None  # top-coded >=208,000
    True
    """
    table = read_table(
        path, required=[_PROJ["title"], _PROJ["code"], _PROJ["openings"]]
    )
    out: dict[str, Projection] = {}
    cols = list(_PROJ.values())
    for line, row in table.rows(*cols):
        cell = dict(zip(_PROJ, row, strict=True))
        soc = _soc(table, line, _PROJ["code"], cell["code"])
        if soc in out:
            raise table.error(line, f"occupation {soc} listed twice")
        title, *alternates = cell["title"].split("*")

        def thousands(
            key: str, cell: dict[str, str] = cell, line: int = line
        ) -> float | None:
            value = _number(table, line, _PROJ[key], cell[key])
            return None if value is None else round(value * 1000, 6)

        out[soc] = Projection(
            soc=soc,
            title=title.strip(),
            alternate_titles=tuple(a.strip() for a in alternates if a.strip()),
            employment=thousands("employment"),
            employment_projected=thousands("employment_projected"),
            openings=thousands("openings"),
            wage_median=_number(table, line, _PROJ["wage"], cell["wage"]),
            entry_education=_text(cell["education"]),
            work_experience=_text(cell["experience"]),
            training=_text(cell["training"]),
        )
    return out


@dataclass(frozen=True)
class OewsWage:
    """One occupation's national OEWS employment and wages.

    Annual wages (``annual_*``) and hourly wages (``hourly_*``) in USD; ``None``
    where BLS suppresses or top-codes the value (a blank, ``*``, ``**`` or ``#``).
    """

    soc: str
    title: str
    employment: float | None = None
    annual_mean: float | None = None
    annual_median: float | None = None
    annual_p10: float | None = None
    annual_p25: float | None = None
    annual_p75: float | None = None
    annual_p90: float | None = None
    hourly_mean: float | None = None
    hourly_median: float | None = None
    hourly_p10: float | None = None
    hourly_p25: float | None = None
    hourly_p75: float | None = None
    hourly_p90: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return asdict(self)


_OEWS = {
    "employment": "TOT_EMP",
    "annual_mean": "A_MEAN",
    "annual_median": "A_MEDIAN",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
    "hourly_mean": "H_MEAN",
    "hourly_median": "H_MEDIAN",
    "hourly_p10": "H_PCT10",
    "hourly_p25": "H_PCT25",
    "hourly_p75": "H_PCT75",
    "hourly_p90": "H_PCT90",
}


def read_oews(path: str | os.PathLike[str]) -> dict[str, OewsWage]:
    """Read an OEWS wage file: national, cross-industry rows by SOC code.

    Parameters
    ----------
    path
        A CSV with ``OCC_CODE``, ``OCC_TITLE``, ``A_MEDIAN`` and optionally
        ``TOT_EMP``, ``A_MEAN``, ``A_PCT10`` ... ``A_PCT90``, ``H_MEAN``,
        ``H_MEDIAN``, ``H_PCT10`` ... ``H_PCT90``. Filters described in the module
        docs apply when the file has area, industry or group columns. OEWS also
        publishes some broad codes (``51-2090``) where it combines detailed
        occupations; they are kept under their own code.

    Returns
    -------
    dict
        7-character SOC code -> :class:`OewsWage`, in file order.

    Raises
    ------
    pathgraph.FormatError
        Missing column, malformed code or number, a code listed twice.

    Examples
    --------
    >>> from pathgraph.io.bls import read_oews
    >>> wages = read_oews("tests/io/fixtures/oews_quirks.csv")
    >>> w = wages["29-2053"]
    >>> w.annual_median, w.annual_p25, w.hourly_median
    (42590.0, 37170.0, 20.47)
    >>> wages["11-1011"].annual_p75 is None, wages["11-1011"].employment
    (True, 211850.0)
    """
    table = read_table(path, required=["OCC_CODE", "OCC_TITLE", "A_MEDIAN"])
    filters = ("AREA_TYPE", "I_GROUP", "NAICS", "O_GROUP")
    fields = list(_OEWS)
    out: dict[str, OewsWage] = {}
    for line, row in table.rows(
        "OCC_CODE", "OCC_TITLE", *filters, *(_OEWS[f] for f in fields)
    ):
        code, title, area, igroup, naics, ogroup, *values = row
        if table.has("AREA_TYPE") and area.strip() not in {"1", ""}:
            continue
        if table.has("I_GROUP") and igroup.strip().lower() not in {
            "cross-industry",
            "",
        }:
            continue
        if (
            not table.has("I_GROUP")
            and table.has("NAICS")
            and clean_code(naics) not in {"000000", ""}
        ):
            continue
        if ogroup.strip().lower() in {"total", "major", "minor"}:
            continue
        soc = _soc(table, line, "OCC_CODE", code)
        if soc in out:
            raise table.error(
                line,
                f"occupation {soc} listed twice",
                "pass a national cross-industry file (or one with AREA_TYPE, "
                "I_GROUP and O_GROUP columns)",
            )
        numbers = {
            f: _number(table, line, _OEWS[f], v)
            for f, v in zip(fields, values, strict=True)
        }
        out[soc] = OewsWage(soc=soc, title=title.strip(), **numbers)
    return out


@dataclass(frozen=True)
class CipSoc:
    """One program-to-occupation pair of the crosswalk."""

    cip: str
    cip_title: str
    soc: str
    soc_title: str


@dataclass(frozen=True)
class CipSocCrosswalk:
    """The CIP-SOC crosswalk: which programs prepare for which occupations.

    Attributes
    ----------
    pairs : tuple of CipSoc
        Matched pairs, in file order.
    unmatched_cip, unmatched_soc : tuple of str
        CIP codes crosswalked to ``99-9999 NO MATCH`` and SOC codes crosswalked to
        ``99.9999 NO MATCH``, dropped from ``pairs``.
    """

    pairs: tuple[CipSoc, ...]
    unmatched_cip: tuple[str, ...] = ()
    unmatched_soc: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.pairs)

    def socs_for(self, cip: str) -> tuple[str, ...]:
        """SOC codes a CIP code leads to (sorted).

        A 2- or 4-digit CIP (``51``, ``51.15``) matches every code under it.
        """
        return tuple(sorted({p.soc for p in self.pairs if p.cip.startswith(cip)}))

    def cips_for(self, soc: str) -> tuple[str, ...]:
        """CIP codes leading to a SOC or O*NET-SOC code (sorted)."""
        return tuple(sorted(self._by_soc().get(soc[:7], ())))

    def _by_soc(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for p in self.pairs:
            index[p.soc].add(p.cip)
        return index

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {
            "pairs": [asdict(p) for p in self.pairs],
            "unmatched_cip": list(self.unmatched_cip),
            "unmatched_soc": list(self.unmatched_soc),
        }

    def __repr__(self) -> str:
        return (
            f"CipSocCrosswalk(pairs={len(self.pairs)}, "
            f"unmatched_cip={len(self.unmatched_cip)}, "
            f"unmatched_soc={len(self.unmatched_soc)})"
        )


def _cip(table: Table, line: int, value: str) -> str:
    code = clean_code(value)
    head, _, tail = code.partition(".")
    if (
        not code.isascii()
        or not head.isdigit()
        or not (tail.isdigit() or tail == "")
        or len(head) > 2
    ):
        raise table.error(
            line, f"CIP code {value!r} is malformed", "expected like 51.1501"
        )
    # Excel drops the leading zero of 01.0508 and trailing zeros of 51.1500
    return f"{int(head):02d}" + (f".{tail.ljust(4, '0')}" if tail else "")


def read_cip_soc(path: str | os.PathLike[str]) -> CipSocCrosswalk:
    """Read the NCES CIP 2020 - SOC 2018 crosswalk.

    CIP codes are normalised to ``NN.NNNN`` (a spreadsheet's ``1.0508`` becomes
    ``01.0508``); ``99-9999 NO MATCH`` and ``99.9999 NO MATCH`` rows are set aside
    in ``unmatched_cip`` / ``unmatched_soc``.

    Raises
    ------
    pathgraph.FormatError
        Missing column or malformed code (with the file and line).

    Examples
    --------
    >>> from pathgraph.io.bls import read_cip_soc
    >>> cw = read_cip_soc("tests/io/fixtures/cipsoc_quirks.csv")
    >>> cw
    CipSocCrosswalk(pairs=3, unmatched_cip=1, unmatched_soc=1)
    >>> cw.socs_for("51.15")
    ('21-1011', '21-1018', '29-2053')
    >>> cw.unmatched_cip
    ('01.0508',)
    """
    table = read_table(
        path, required=["CIP2020Code", "CIP2020Title", "SOC2018Code", "SOC2018Title"]
    )
    pairs: list[CipSoc] = []
    no_cip: list[str] = []
    no_soc: list[str] = []
    seen: set[tuple[str, str]] = set()
    for line, (cip, cip_title, soc, soc_title) in table.rows(
        "CIP2020Code", "CIP2020Title", "SOC2018Code", "SOC2018Title"
    ):
        cip_code = _cip(table, line, cip)
        soc_code = _soc(table, line, "SOC2018Code", soc)
        if soc_code == "99-9999":
            no_cip.append(cip_code)
            continue
        if cip_code == "99.9999":
            no_soc.append(soc_code)
            continue
        if (cip_code, soc_code) in seen:
            continue
        seen.add((cip_code, soc_code))
        pairs.append(CipSoc(cip_code, cip_title.strip(), soc_code, soc_title.strip()))
    return CipSocCrosswalk(
        tuple(pairs), tuple(dict.fromkeys(no_cip)), tuple(dict.fromkeys(no_soc))
    )
