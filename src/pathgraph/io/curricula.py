"""The Curricular Analytics CSV format: curricula and degree plans.

A file has a header block (``Curriculum``, ``Institution``, ``Degree Type``,
``System Type``, ``CIP``, and for degree plans ``Degree Plan``), a ``Courses`` row,
a table whose first row names the columns (``Course ID``, ``Course Name``, ``Prefix``,
``Number``, ``Prerequisites``, ``Corequisites``, ``Strict-Corequisites``,
``Credit Hours``, ``Institution``, ``Canonical Name``, optional ``Term``), and for
degree plans an optional ``Additional Courses`` section (courses outside the plan's
terms). Requisites are ``;``-separated Course IDs.

Mapping to the model:

* each row -> a :class:`~pathgraph.Course` (id = the Course ID as given, label =
  Course Name, prefix, number, credits, canonical_name, term; a non-empty row
  Institution is kept as tag ``institution:<name>``);
* the curriculum -> one :class:`~pathgraph.Program` (id = a slug of the curriculum
  name, label = the name, ``cip`` when well formed, else tag ``cip:<raw>``; tags
  ``system:<semester|quarter>`` and ``plan:<degree plan name>``); every course is
  ``part_of`` it;
* the Degree Type -> a :class:`~pathgraph.Credential` the program ``awards`` (type
  bachelor for BS/BA/B*, associate for AS/AA/AAS/A*, else other; tag
  ``degree:<type>``);
* the header Institution -> a :class:`~pathgraph.Provider` the program is
  ``offered_by``;
* prerequisites -> ``prerequisite_of`` (requisite -> course); corequisites ->
  ``corequisite_of``; strict corequisites -> ``corequisite_of`` with ``strict``;
* the catalogue's wording of requisites (``Prerequisites (Text)``, ``Corequisites
  (Text)``, ``CoPrerequisites (Text)``: minimum grades, test scores, "or" clauses the
  id lists cannot say) -> the course's ``description``, one line per column
  ("Prerequisites (as written): ..."), so it is shown, never dropped. The writer
  does not write it back (the format has no column for a description).

Repairs (each announced with a :class:`CurriculumRepairWarning`): a BOM, blank lines,
trailing empty cells, misspelt column or system names (``semster``,
``Strict-Corequistes``, ``Course_ID``), missing optional columns, spaces around ids,
a requisite named by course name or ``PREFIX NUMBER`` instead of id when exactly one
course matches, a requisite listed twice or naming its own course, unreadable credit
hours. Everything else is refused with a :class:`~pathgraph.FormatError` naming the
file, the line and the reason.

Spreadsheets: the writer puts an apostrophe before every text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP's rule against CSV
formula injection; numbers are written as they are), and the reader takes it off
again, so a pathway round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathgraph._files import (
    atomic_write,
    read_bytes,
    spreadsheet_cell,
    spreadsheet_text,
)
from pathgraph._gc import no_gc
from pathgraph.errors import FormatError, Location, Problem, ValidationError
from pathgraph.model import Pathway

__all__ = [
    "CurriculumRepairWarning",
    "dumps_curriculum",
    "loads_curriculum",
    "read_curriculum",
    "write_curriculum",
]


class CurriculumRepairWarning(UserWarning):
    """A curriculum file had a fault the reader repaired (the message says which)."""


# Column names, normalised (lower case, letters and digits only) -> field.
_COLUMNS: dict[str, str] = {
    "courseid": "id",
    "coursename": "name",
    "prefix": "prefix",
    "number": "number",
    "prerequisites": "pre",
    "corequisites": "co",
    "strictcorequisites": "strict",
    "credithours": "credits",
    "institution": "institution",
    "canonicalname": "canonical",
    "term": "term",
    "coprerequisites": "co",
}
_MISSPELT: dict[str, str] = {
    "strictcorequistes": "strict",
    "strictcorequisite": "strict",
    "prerequisite": "pre",
    "corequisite": "co",
    "credits": "credits",
    "semester": "term",
}
#: Requisites as the catalogue words them ("C or better in MAC 1114 or a 670 SAT
#: Math score"): kept, in this order, in the course's ``description``.
_TEXT_COLUMNS = {
    "prerequisitestext": "Prerequisites (as written)",
    "corequisitestext": "Corequisites (as written)",
    "coprerequisitestext": "Co-prerequisites (as written)",
}
_HEADER_KEYS = {
    "curriculum": "curriculum",
    "institution": "institution",
    "degreetype": "degree",
    "systemtype": "system",
    "cip": "cip",
    "degreeplan": "plan",
}
_SECTION_STARTS = {"addit", "learn", "curri", "cours"}
_SYSTEMS = {"semester": "semester", "semster": "semester", "quarter": "quarter"}
_CIP = re.compile(r"^\d{2}(\.\d{2,4})?$")
_WRITE_COLUMNS = [
    "Course ID",
    "Course Name",
    "Prefix",
    "Number",
    "Prerequisites",
    "Corequisites",
    "Strict-Corequisites",
    "Credit Hours",
    "Institution",
    "Canonical Name",
]


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
#: Requisite columns: (row key, relation kind, strict).
_REQUISITE_COLUMNS = (
    ("pre", "prerequisite_of", False),
    ("co", "corequisite_of", False),
    ("strict", "corequisite_of", True),
)


def _norm(cell: str) -> str:
    return _NOT_ALNUM.sub("", cell.lower())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "curriculum"


def credential_type(degree: str) -> str:
    """The pathgraph credential type of a Curricular Analytics Degree Type.

    BS, BA and other names starting with B -> ``bachelor``; AS, AA, AAS and other
    names starting with A -> ``associate``; anything else -> ``other``.

    Examples
    --------
    >>> credential_type("BSME"), credential_type("AAS"), credential_type("MS")
    ('bachelor', 'associate', 'other')
    """
    d = degree.strip().upper()
    if d.startswith("B"):
        return "bachelor"
    if d.startswith("A"):
        return "associate"
    return "other"


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    additional: bool
    refs: dict[str, list[str]] = field(default_factory=dict)


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.repairs: list[str] = []
        self.header_lines: dict[str, int] = {}

    def fail(self, line: int | None, message: str, fix: str = "") -> FormatError:
        where = f"{self.source}:{line}" if line else self.source
        return FormatError([Problem(where, message, fix)], source=self.source)

    def repaired(self, line: int | None, message: str) -> None:
        where = f"line {line}: " if line else ""
        self.repairs.append(where + message)

    def rows(self) -> list[tuple[int, list[str]]]:
        text = self.text
        if text.startswith("\ufeff"):
            text = text[1:]
            self.repaired(1, "removed a byte-order mark")
        out: list[tuple[int, list[str]]] = []
        reader = csv.reader(io.StringIO(text))
        line = 1
        try:
            for cells in reader:
                cells = [spreadsheet_text(c.strip()) for c in cells]
                while cells and cells[-1] == "":
                    cells.pop()
                if cells:
                    out.append((line, cells))
                    if len(out) == 1 and _norm(cells[0]) != "curriculum":
                        break  # not a curriculum: parse() refuses it from this row
                line = reader.line_num + 1
        except csv.Error as exc:
            raise self.fail(reader.line_num, f"not readable as CSV: {exc}") from None
        return out

    def parse(self) -> Pathway:
        rows = self.rows()
        if not rows:
            raise self.fail(
                None, "empty file", "a curriculum starts 'Curriculum,<name>'"
            )
        first_line, first = rows[0]
        if _norm(first[0]) != "curriculum":
            raise self.fail(first_line, _not_curriculum(first))
        header: dict[str, str] = {}
        i = 0
        while i < len(rows) and _norm(rows[i][1][0]) != "courses":
            line, cells = rows[i]
            key = _HEADER_KEYS.get(_norm(cells[0]))
            if key is None:
                self.repaired(line, f"ignored unknown header row {cells[0]!r}")
            else:
                header[key] = cells[1] if len(cells) > 1 else ""
                self.header_lines[key] = line
            i += 1
        if i >= len(rows):
            raise self.fail(
                None, "no 'Courses' row", "put a row 'Courses' before the course table"
            )
        i += 1
        if i >= len(rows) or _norm(rows[i][1][0]) not in ("courseid",):
            at = rows[i][0] if i < len(rows) else None
            raise self.fail(
                at,
                "the row after 'Courses' must name the columns, starting 'Course ID'",
            )
        columns = self.columns(*rows[i])
        named = [(j, name) for j, name in enumerate(columns) if name]
        courses: list[_Row] = []
        additional = False
        for line, cells in rows[i + 1 :]:
            # Only a section or column row can start with these words.
            head = cells[0][:5].lower()
            key = (
                _norm(cells[0])
                if head in _SECTION_STARTS or not head[:1].isalnum()
                else ""
            )
            if key == "additionalcourses" and len(cells) == 1:
                additional = True
                continue
            if (
                key in ("learningoutcomes", "curriculumlearningoutcomes")
                and len(cells) == 1
            ):
                self.repaired(line, "ignored the learning outcomes section")
                break
            if key == "courseid":
                continue  # a repeated column row (after Additional Courses)
            if len(cells) > len(columns) and any(cells[len(columns) :]):
                raise self.fail(
                    line,
                    f"{len(cells)} cells but only {len(columns)} columns",
                    "quote cells that contain commas",
                )
            width = len(cells)
            row = {name: cells[j] for j, name in named if j < width and cells[j]}
            courses.append(_Row(line, row, additional))
        if not courses:
            raise self.fail(rows[i][0], "the course table is empty")
        return self.build(header, courses, "term" in columns)

    def columns(self, line: int, cells: list[str]) -> list[str]:
        names: list[str] = []
        for cell in cells:
            key = _norm(cell)
            if key in _COLUMNS:
                name = _COLUMNS[key]
                if key == "coprerequisites":
                    self.repaired(line, "read column 'CoPrerequisites' as corequisites")
                if cell not in [*_WRITE_COLUMNS, "Term"] and key != "coprerequisites":
                    self.repaired(line, f"read column {cell!r} as {name!r}")
            elif key in _MISSPELT:
                name = _MISSPELT[key]
                self.repaired(line, f"read misspelt column {cell!r} as {name!r}")
            elif key in _TEXT_COLUMNS:
                name = key
            elif key == "":
                name = ""
            else:
                self.repaired(line, f"ignored unknown column {cell!r}")
                name = ""
            if name and name in names and name != "co":
                raise self.fail(line, f"column {cell!r} appears twice")
            names.append(name)
        if "id" not in names:
            raise self.fail(line, "no 'Course ID' column")
        return names

    def build(self, header: dict[str, str], rows: list[_Row], plan: bool) -> Pathway:
        """The pathway of a file's header and course rows, located by line."""
        title = header.get("curriculum", "")
        if not title:
            title = Path(self.source).stem or "curriculum"
            self.repaired(None, f"no curriculum name; used {title!r}")
        ids = self.course_ids(rows)
        used = set(ids)

        def fresh(base: str) -> str:
            ident = base
            k = 2
            while ident in used:
                ident = f"{base}-{k}"
                k += 1
            used.add(ident)
            return ident

        nodes: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        lines: dict[str, int | None] = {}
        program = self.program(header, title, fresh(_slug(title)))
        program_id = program["id"]
        nodes.append(program)
        lines[program_id] = self.header_lines.get("curriculum")
        degree = header.get("degree", "")
        if degree:
            cred = _degree(degree, title, fresh(f"{program_id}-degree"))
            nodes.append(cred)
            lines[cred["id"]] = self.header_lines.get("degree")
            relations.append(
                {"kind": "awards", "source": program_id, "target": cred["id"]}
            )
        inst = header.get("institution", "")
        if inst:
            prov_id = fresh(_slug(inst))
            nodes.append(
                {
                    "kind": "provider",
                    "id": prov_id,
                    "label": inst,
                    "roles": ["postsecondary"],
                }
            )
            lines[prov_id] = self.header_lines.get("institution")
            relations.append(
                {"kind": "offered_by", "source": program_id, "target": prov_id}
            )
        resolve = _Requisites(self, ids)
        for cid, row in ids.items():
            nodes.append(self.course(cid, row, plan))
            lines[cid] = row.line
            relations.append({"kind": "part_of", "source": cid, "target": program_id})
            relations.extend(resolve.relations(cid, row))
        try:
            pathway = Pathway(title=title, nodes=nodes, relations=relations)
        except ValidationError as exc:
            raise FormatError(exc.problems, source=self.source) from exc
        pathway.set_locations(
            {
                ident: Location(self.source, line, 1)
                for ident, line in lines.items()
                if line is not None
            }
        )
        return pathway

    def course_ids(self, rows: list[_Row]) -> dict[str, _Row]:
        """The rows by Course ID, refusing an empty or repeated id."""
        ids: dict[str, _Row] = {}
        for row in rows:
            cid = row.cells.get("id", "")
            if not cid:
                raise self.fail(row.line, "empty Course ID", "give every course an id")
            if cid in ids:
                raise self.fail(
                    row.line,
                    f"Course ID {cid!r} used twice (also on line {ids[cid].line})",
                    "give every course its own id",
                )
            ids[cid] = row
        return ids

    def program(self, header: dict[str, str], title: str, ident: str) -> dict[str, Any]:
        """The curriculum's program record, tagged with its system, CIP and plan."""
        program: dict[str, Any] = {"kind": "program", "id": ident, "label": title}
        tags: list[str] = []
        system_raw = header.get("system", "")
        if system_raw:
            system = _SYSTEMS.get(system_raw.lower())
            if system is None:
                raise self.fail(
                    self.header_lines.get("system"),
                    f"unknown System Type {system_raw!r}",
                    "use 'semester' or 'quarter'",
                )
            if system != system_raw:
                self.repaired(
                    self.header_lines.get("system"),
                    f"System Type {system_raw!r} read as {system!r}",
                )
            tags.append(f"system:{system}")
        cip = header.get("cip", "")
        if cip:
            if _CIP.match(cip):
                program["cip"] = cip
            else:
                tags.append(f"cip:{cip}")
        if header.get("plan"):
            tags.append(f"plan:{header['plan']}")
        if tags:
            program["tags"] = tags
        return program

    def course(self, cid: str, row: _Row, plan: bool) -> dict[str, Any]:
        """The course record of a row (its cells are all non-empty)."""
        c = row.cells
        given, prefix, number, canonical, credits_text, term, where = map(
            c.get,
            ("name", "prefix", "number", "canonical", "credits", "term", "institution"),
        )
        if given:
            label = given
        else:
            label = f"{prefix or ''} {number or ''}".strip() or cid
            self.repaired(row.line, f"course {cid!r} has no name; used {label!r}")
        course: dict[str, Any] = {"kind": "course", "id": cid, "label": label}
        if prefix:
            course["prefix"] = prefix
        if number:
            course["number"] = number
        if canonical:
            course["canonical_name"] = canonical
        if credits_text:
            credits = _number(credits_text)
            if credits is None:
                self.repaired(
                    row.line,
                    f"credit hours {credits_text!r} of course {cid!r} unreadable; "
                    "left unset",
                )
            else:
                course["credits"] = credits
        if plan and not row.additional and term:
            if not term.isdigit() or int(term) < 1:
                raise self.fail(
                    row.line,
                    f"Term {term!r} of course {cid!r} is not a term number",
                    "number terms 1, 2, 3, ...",
                )
            course["term"] = int(term)
        if where:
            course["tags"] = [f"institution:{where}"]
        words = [
            f"{title}: {c[key]}" for key, title in _TEXT_COLUMNS.items() if c.get(key)
        ]
        if words:
            course["description"] = "\n".join(words)
        return course


def _degree(degree: str, title: str, ident: str) -> dict[str, Any]:
    return {
        "kind": "credential",
        "id": ident,
        "label": f"{degree} {title}",
        "credential_type": credential_type(degree),
        "tags": [f"degree:{degree}"],
        # A curriculum's goal is its degree: checks judge dead ends by it.
        "destination": True,
    }


class _Requisites:
    """A course's requisite cells as relations, each requisite resolved to an id."""

    def __init__(self, reader: _Reader, ids: dict[str, _Row]) -> None:
        self.reader = reader
        self.ids = ids
        self.by_name: dict[str, list[str]] = {}

    def relations(self, cid: str, row: _Row) -> list[dict[str, Any]]:
        reqs: dict[tuple[str, str], bool] = {}  # (kind, source) -> strict
        for col, kind, strict in _REQUISITE_COLUMNS:
            text = row.cells.get(col)
            if not text:
                continue
            for raw in text.split(";"):
                ref = raw.strip().strip('"').strip()
                if not ref:
                    continue
                src = self.resolve(ref, row)
                if src == cid:
                    self.reader.repaired(
                        row.line, f"course {cid!r} listed itself; dropped"
                    )
                    continue
                key = (kind, src)
                if key in reqs:
                    if strict and not reqs[key]:
                        reqs[key] = True
                    self.reader.repaired(
                        row.line, f"requisite {src!r} of {cid!r} listed twice"
                    )
                    continue
                reqs[key] = strict
        out: list[dict[str, Any]] = []
        for (kind, src), strict in reqs.items():
            rel: dict[str, Any] = {"kind": kind, "source": src, "target": cid}
            if strict:
                rel["strict"] = True
            out.append(rel)
        return out

    def resolve(self, ref: str, row: _Row) -> str:
        """The Course ID a requisite names: an id, or a name or prefix and number
        that exactly one course has (a repair)."""
        if ref in self.ids:
            return ref
        if re.fullmatch(r"\d+\.0+", ref) and ref.split(".")[0] in self.ids:
            fixed = ref.split(".")[0]
        else:
            if not self.by_name:
                self.index_names()
            found = self.by_name.get(ref.lower()) or self.by_name.get(
                ref.replace(" ", "").lower()
            )
            if not found or len(found) > 1:
                why = "no course has" if not found else "several courses match"
                raise self.reader.fail(
                    row.line,
                    f"requisite {ref!r} of course {row.cells['id']!r}: {why} this "
                    "id, name or prefix and number",
                    "list requisites by Course ID, separated by ';'",
                )
            fixed = found[0]
        self.reader.repaired(row.line, f"requisite {ref!r} read as Course ID {fixed!r}")
        return fixed

    def index_names(self) -> None:
        for cid, row in self.ids.items():
            keys = {row.cells.get("name", "").lower()}
            pn = f"{row.cells.get('prefix', '')} {row.cells.get('number', '')}"
            keys.add(pn.strip().lower())
            keys.add(pn.replace(" ", "").lower())
            for k in keys - {""}:
                self.by_name.setdefault(k, []).append(cid)


def _number(text: str) -> int | float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value < 0 or value in (float("inf"),):
        return None
    return int(value) if value.is_integer() else value


def _not_curriculum(first: list[str]) -> str:
    head = ",".join(first)[:60]
    keys = {_norm(c) for c in first}
    if "sendinstitution" in keys or any("receiv" in k for k in keys):
        kind = "a transfer articulation (course equivalency) table"
    elif {"name", "term"} <= keys:
        kind = "a course list by name (degree-plan optimizer input)"
    elif any(k.startswith("requisitecourse") for k in keys):
        kind = "a prerequisite table"
    else:
        kind = "not a curriculum"
    return (
        f"not a Curricular Analytics curriculum or degree plan ({kind}): the first "
        f"row must be 'Curriculum,<name>', found {head!r}"
    )


def loads_curriculum(text: str, source: str = "<string>") -> Pathway:
    """Read a curriculum or degree plan from CSV text.

    Parameters
    ----------
    text
        The file's content.
    source
        Name used in error messages and warnings.

    Warns
    -----
    CurriculumRepairWarning
        Once, listing every repair made.

    Raises
    ------
    pathgraph.FormatError
        With ``source:line`` and the reason, for anything not safely repairable.

    Examples
    --------
    >>> text = (
    ...     "Curriculum,Tiny\\nDegree Type,AS\\nSystem Type,semester\\nCourses\\n"
    ...     "Course ID,Course Name,Prefix,Number,Prerequisites,Credit Hours\\n"
    ...     "1,Algebra,MATH,101,,3\\n2,Calculus,MATH,201,1,4\\n"
    ... )
    >>> p = loads_curriculum(text)
    >>> p.title, p.node("2").label
    ('Tiny', 'Calculus')
    >>> [(r.kind, r.source, r.target) for r in p.relations if r.kind != "part_of"]
    [('awards', 'tiny', 'tiny-degree'), ('prerequisite_of', '1', '2')]
    """
    reader = _Reader(text, source)
    with no_gc():  # many small records, none garbage until the pathway is built
        pathway = reader.parse()
    if reader.repairs:
        warnings.warn(
            f"{source}: repaired: " + "; ".join(reader.repairs),
            CurriculumRepairWarning,
            stacklevel=3,
        )
    return pathway


def read_curriculum(path: str | os.PathLike[str]) -> Pathway:
    """Read a Curricular Analytics curriculum or degree plan CSV file.

    See the module documentation for the mapping to the model and the repairs made.

    Raises
    ------
    pathgraph.FormatError
        Naming the file, the line and the reason.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "tiny.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("Curriculum,T\\nCourses\\nCourse ID,Course Name\\n1,A\\n2,B")
    >>> p = read_curriculum(path)
    >>> p.title, p.counts()["node:course"]
    ('T', 2)
    """

    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")  # a byte-order mark stays, for rows() to report
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.warn(
            f"{path}: repaired: not UTF-8; read as Windows-1252",
            CurriculumRepairWarning,
            stacklevel=2,
        )
    return loads_curriculum(text, str(path))


def dumps_curriculum(pathway: Pathway, program: str | None = None) -> str:
    """A program's curriculum as Curricular Analytics CSV text.

    Parameters
    ----------
    pathway
        The pathway.
    program
        Id of the program to write; default: the one program that has courses (or,
        when there is no program, every course).

    Raises
    ------
    pathgraph.FormatError
        When the program is ambiguous or unknown or has no courses, or a Course ID
        holds a ``;``.

    Examples
    --------
    >>> p = loads_curriculum("Curriculum,Tiny\\nCourses\\nCourse ID,Course Name\\n1,A")
    >>> text = dumps_curriculum(p)
    >>> print(text.splitlines()[0])
    Curriculum,Tiny,,,,,,,,
    >>> loads_curriculum(text) == p
    True
    """
    nodes: dict[str, Any] = {n.id: n for n in pathway.nodes}
    program, course_ids = _written_courses(pathway, nodes, program)
    if not course_ids:
        raise FormatError(
            [
                Problem(
                    f"program {program!r}" if program else pathway.title,
                    "no courses to write: a curriculum file is a program's course "
                    "table (and no reader takes one without courses)",
                    "give the program courses (part_of), or write .yaml, .json or "
                    ".jsonld",
                )
            ]
        )
    prog = nodes.get(program) if program else None
    rows = _header_rows(pathway, nodes, prog)
    rows.append(["Courses"])
    reqs = _requisites_of(pathway, course_ids)
    courses = [nodes[c] for c in course_ids]
    plan = any(c.term is not None for c in courses)
    header = _WRITE_COLUMNS + (["Term"] if plan else [])
    rows.append(header)
    additional = []
    for c in courses:
        if ";" in c.id or c.id != c.id.strip():
            raise FormatError(
                [Problem(f"course {c.id!r}", "a Course ID cannot contain ';'")]
            )
        if plan and c.term is None:
            additional.append(c)
            continue
        rows.append(_course_row(c, reqs[c.id], plan))
    if additional:
        rows.append(["Additional Courses"])
        for c in additional:
            rows.append(_course_row(c, reqs[c.id], plan))
    # Pad every row to the table's width, as Curricular Analytics writes it (its
    # readers unpack at least two cells from every row).
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        padded = row + [""] * (len(header) - len(row))
        writer.writerow([spreadsheet_cell(cell) for cell in padded])
    return buf.getvalue()


def _written_courses(
    pathway: Pathway, nodes: dict[str, Any], program: str | None
) -> tuple[str | None, list[str]]:
    """The program to write (given, or the one with courses) and its courses."""
    members: dict[str, list[str]] = {}
    for r in pathway.relations:
        if r.kind == "part_of":
            members.setdefault(r.target, []).append(r.source)
    if program is None:
        with_courses = sorted(members)
        if len(with_courses) > 1:
            raise FormatError(
                [
                    Problem(
                        pathway.title,
                        f"{len(with_courses)} programs have courses: "
                        + ", ".join(with_courses),
                        "pass program= (or --program) to choose one",
                    )
                ]
            )
        program = with_courses[0] if with_courses else None
    if program is not None and getattr(nodes.get(program), "kind", "") != "program":
        raise FormatError([Problem(f"program {program!r}", "no program with this id")])
    if program is None:
        return None, [n.id for n in pathway.nodes if n.kind == "course"]
    chosen = set(members.get(program, []))
    return program, [n.id for n in pathway.nodes if n.id in chosen]


def _header_rows(
    pathway: Pathway, nodes: dict[str, Any], prog: Any | None
) -> list[list[str]]:
    """The header block: curriculum, institution, degree, system, CIP, plan."""
    tags: list[str] = list(prog.tags) if prog is not None else []

    def tag(prefix: str) -> str:
        for t in tags:
            if t.startswith(prefix + ":"):
                return t.split(":", 1)[1]
        return ""

    degree = institution = ""
    if prog is not None:
        for r in pathway.relations:
            if r.source != prog.id:
                continue
            if r.kind == "awards" and not degree:
                cred = nodes[r.target]
                degree = next(
                    (t[7:] for t in cred.tags if t.startswith("degree:")), ""
                ) or {"bachelor": "BS", "associate": "AS"}.get(cred.credential_type, "")
            elif r.kind == "offered_by" and not institution:
                institution = nodes[r.target].label
    title = prog.label if prog is not None else pathway.title
    cip = (getattr(prog, "cip", None) or tag("cip")) if prog is not None else ""
    rows = [
        ["Curriculum", title],
        ["Institution", institution],
        ["Degree Type", degree],
        ["System Type", tag("system")],
        ["CIP", cip],
    ]
    if tag("plan"):
        rows.append(["Degree Plan", tag("plan")])
    return rows


def _requisites_of(
    pathway: Pathway, course_ids: list[str]
) -> dict[str, dict[str, list[str]]]:
    """Each course's requisites by column (``pre``, ``co``, ``strict``)."""
    chosen = set(course_ids)
    reqs: dict[str, dict[str, list[str]]] = {c: {} for c in course_ids}
    for r in pathway.relations:
        if r.target in chosen and r.kind in ("prerequisite_of", "corequisite_of"):
            col = "pre" if r.kind == "prerequisite_of" else "co"
            if getattr(r, "strict", False):
                col = "strict"
            reqs[r.target].setdefault(col, []).append(r.source)
    return reqs


def _course_row(c: Any, reqs: dict[str, list[str]], plan: bool) -> list[str]:
    inst = next(
        (t.split(":", 1)[1] for t in c.tags if t.startswith("institution:")), ""
    )
    credits = "" if c.credits is None else str(c.credits)
    row = [
        c.id,
        c.label,
        c.prefix or "",
        c.number or "",
        ";".join(reqs.get("pre", [])),
        ";".join(reqs.get("co", [])),
        ";".join(reqs.get("strict", [])),
        credits,
        inst,
        c.canonical_name or "",
    ]
    if plan:
        row.append("" if c.term is None else str(c.term))
    return row


def write_curriculum(
    pathway: Pathway, path: str | os.PathLike[str], program: str | None = None
) -> None:
    """Write a program's curriculum to a Curricular Analytics CSV file, atomically.

    Examples
    --------
    >>> import pathgraph, tempfile, os
    >>> p = loads_curriculum("Curriculum,Tiny\\nCourses\\nCourse ID,Course Name\\n1,A")
    >>> out = os.path.join(tempfile.mkdtemp(), "cs.csv")
    >>> write_curriculum(p, out)
    >>> pathgraph.read(out) == p
    True
    """

    atomic_write(path, dumps_curriculum(pathway, program))
