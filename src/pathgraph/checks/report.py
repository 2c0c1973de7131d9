"""What :func:`pathgraph.check` returns: a :class:`Report` of findings."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pathgraph._optional import import_pandas  # pandas itself is imported on use
from pathgraph.errors import Location

__all__ = ["Finding", "Report"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem a rule found.

    Attributes
    ----------
    code, rule, severity : str
        The rule's code (``PG101``), slug (``dead-end``) and severity.
    node : str or None
        The record it is about (None for findings about the whole pathway).
    message : str
        What is wrong, naming the record.
    fix : str
        How to fix it.
    label : str
        The record's label.
    location : Location or None
        Where the record stands in the file it was read from, when known.
    """

    code: str
    rule: str
    severity: str
    node: str | None
    message: str
    fix: str = ""
    label: str = ""
    location: Location | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; ``file``, ``line`` and ``column`` when the location is known."""
        out: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "node": self.node,
            "label": self.label,
            "message": self.message,
            "fix": self.fix,
        }
        if self.location is not None:
            out.update(self.location.to_dict())
        return out


@dataclass(frozen=True)
class Report:
    """The findings of :func:`check`, sorted by severity, code and node.

    ``exit_code`` is 1 when any finding is an error, else 0 (the CLI's exit code).
    """

    findings: tuple[Finding, ...] = ()
    title: str = ""
    rules_run: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Error-level findings."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Warning-level findings."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error-level finding."""
        return not self.errors

    @property
    def exit_code(self) -> int:
        """1 when any finding is an error, else 0."""
        return 0 if self.ok else 1

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    def by_node(self) -> dict[str, list[Finding]]:
        """Findings grouped by node id (whole-pathway findings under ``""``)."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.node or "", []).append(f)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``pathgraph check --format json`` (see docs/rules.md)."""
        return {
            "title": self.title,
            "summary": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_frame(self) -> Any:
        """The findings as a pandas DataFrame."""
        pd = import_pandas()
        columns = ["code", "rule", "severity", "node", "label", "message", "fix"]
        return pd.DataFrame([f.to_dict() for f in self.findings], columns=columns)

    def format(self, locations: Mapping[str, object] | None = None) -> str:
        """The text report, grouped by severity.

        Each finding shows where its record stands: its own ``location`` (known
        when :func:`check` was given a Pathway read from a file), else
        ``locations[node]`` when given.
        """
        locations = locations or {}
        c = self.counts()
        head = self.title or "pathway"
        lines = [
            f"{head}: {c['error']} error{'s' * (c['error'] != 1)}, "
            f"{c['warning']} warning{'s' * (c['warning'] != 1)}, "
            f"{c['info']} note{'s' * (c['info'] != 1)}"
        ]
        for severity, title in (
            ("error", "Errors"),
            ("warning", "Warnings"),
            ("info", "Notes"),
        ):
            group = [f for f in self.findings if f.severity == severity]
            if not group:
                continue
            lines.append("")
            lines.append(f"{title}:")
            for f in group:
                where = str(f.location or locations.get(f.node or "", ""))
                who = f"{f.label} ({f.node})" if f.node and f.label else (f.node or "")
                lines.append(
                    f"  {f.code} {f.rule}"
                    + (f"  {where}" if where else "")
                    + (f"  {who}" if who else "")
                )
                lines.append(f"      {f.message}")
                if f.fix:
                    lines.append(f"      fix: {f.fix}")
        if not self.findings:
            lines.append("No problems found.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v or ''))}</td>"
                for v in (f.severity, f.code, f.rule, f.node, f.message, f.fix)
            )
            + "</tr>"
            for f in self.findings
        )
        c = self.counts()
        return (
            f"<p><b>{html.escape(self.title or 'pathway')}</b>: {c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} notes</p>"
            "<table><thead><tr><th>severity</th><th>code</th><th>rule</th>"
            "<th>node</th><th>message</th><th>fix</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
