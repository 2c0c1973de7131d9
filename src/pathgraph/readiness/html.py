"""The readiness scorecard as one self-contained, print-friendly HTML page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from pathgraph.readiness.registry import SCORE_TEXT, SCORES

if TYPE_CHECKING:
    from pathgraph.readiness.report import Readiness

__all__ = ["fragment", "scorecard"]

_CSS = """
.pg-scorecard { --met: #1a7f37; --partly: #9a6700; --not_met: #cf222e;
  --needs_answer: #0969da; color: #1f2328; max-width: 60rem; margin: 0 auto;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.pg-scorecard * { box-sizing: border-box; }
.pg-scorecard h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.pg-scorecard h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; display: flex;
  justify-content: space-between; gap: 1rem; padding-bottom: .25rem;
  border-bottom: 2px solid #d0d7de; }
.pg-scorecard h2 .points { font-weight: normal; color: #59636e; font-size: .8em;
  white-space: nowrap; }
.pg-scorecard .lede { color: #59636e; margin: 0 0 1rem; }
.pg-scorecard .totals { display: flex; gap: .5rem; flex-wrap: wrap; padding: 0;
  margin: 0 0 1rem; list-style: none; }
.pg-scorecard .totals li { border: 1px solid #d0d7de; border-radius: 6px;
  padding: .35rem .7rem; }
.pg-scorecard .totals b { font-size: 1.2rem; margin-right: .3rem; }
.pg-scorecard table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.pg-scorecard td { vertical-align: top; padding: .45rem .5rem; text-align: left;
  border-bottom: 1px solid #eaeef2; }
.pg-scorecard td.code { width: 3rem; color: #59636e; }
.pg-scorecard td.score { width: 10.5rem; }
.pg-scorecard .badge { display: inline-block; border-radius: 1rem; color: #fff;
  padding: .1rem .6rem; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.pg-scorecard .met { background: var(--met); }
.pg-scorecard .partly { background: var(--partly); }
.pg-scorecard .not_met { background: var(--not_met); }
.pg-scorecard .needs_answer { background: var(--needs_answer); }
.pg-scorecard .title { font-weight: 600; }
.pg-scorecard .summary { margin: .15rem 0; }
.pg-scorecard ul.evidence { margin: .2rem 0 0; padding-left: 1.1rem; color: #424a53;
  font-size: .85rem; overflow-wrap: anywhere; }
.pg-scorecard .question { margin: .3rem 0 0; font-style: italic; }
.pg-scorecard .answer { border-bottom: 1px dotted #8c959f; min-height: 1.4rem;
  margin-top: .3rem; }
.pg-scorecard footer { margin-top: 1.5rem; color: #59636e; font-size: .8rem; }
@page { margin: 1cm; }
@media print {
  body { margin: 0; padding: 0 !important; }
  .pg-scorecard { max-width: none; font-size: 8pt; line-height: 1.25; }
  .pg-scorecard h1 { font-size: 13pt; }
  .pg-scorecard .lede { display: none; }
  .pg-scorecard .totals { margin: 0 0 .3rem; }
  .pg-scorecard h2 { font-size: 10pt; margin: .5rem 0 .15rem; break-after: avoid; }
  .pg-scorecard td { padding: .12rem .3rem; }
  .pg-scorecard td.score { width: 8.5rem; }
  .pg-scorecard ul.evidence { font-size: 7pt; margin: 0; columns: 2; column-gap: 1rem; }
  .pg-scorecard ul.evidence li { break-inside: avoid; }
  .pg-scorecard .summary, .pg-scorecard .question { margin: 0; }
  .pg-scorecard .answer { min-height: .9rem; margin-top: 0; }
  .pg-scorecard tr { break-inside: avoid; }
  .pg-scorecard .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact;
    font-size: 7pt; }
}
""".strip()


def scorecard(assessment: Readiness) -> str:
    """The scorecard page: totals, then per element its score and items.

    Every piece of pathway text (title, evidence naming records) is escaped; the
    page loads nothing (no script, no external style or font).

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.readiness import assess
    >>> page = assess(pathgraph.load_example("bht")).to_html()
    >>> page.startswith("<!DOCTYPE html>"), '<html lang="en">' in page
    (True, True)
    """
    title = escape(assessment.title)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Readiness scorecard: {title}</title>",
        "</head>",
        '<body style="margin: 0; padding: 1.5rem">',
    ]
    return "\n".join([*head, fragment(assessment), "</body>", "</html>"]) + "\n"


def fragment(assessment: Readiness) -> str:
    """The scorecard as an HTML fragment (for Jupyter): its style is scoped to it.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.readiness import assess
    >>> html = assess(pathgraph.load_example("bht"))._repr_html_()
    >>> html.startswith("<style>"), "<html" in html
    (True, False)
    """
    a = assessment
    counts = a.counts
    out = [
        f"<style>\n{_CSS}\n</style>",
        '<div class="pg-scorecard">',
        "<header>",
        f"<h1>Readiness scorecard: {escape(a.title)}</h1>",
        '<p class="lede">A self-assessment of the career pathway system, by the six '
        "key elements of the US DOL Career Pathways Toolkit. Scores come from the "
        "pathway's records; items marked <em>needs your answer</em> are for the "
        "partners to answer.</p>",
        '<ul class="totals">',
    ]
    out += [
        f'<li><b>{counts[s]}</b><span class="badge {s}">{SCORE_TEXT[s]}</span></li>'
        for s in SCORES
    ]
    out += ["</ul>", "</header>", "<main>"]
    for e in a.elements:
        out.append(f'<section aria-labelledby="element-{e.element}">')
        points = f"{e.points}/{e.possible} points" if e.possible else "no item decided"
        out.append(
            f'<h2 id="element-{e.element}"><span>{e.element}. {escape(e.name)}</span>'
            f'<span class="points">{escape(points)}</span></h2>'
        )
        out.append("<table>")
        for it in a.items:
            if it.element != e.element:
                continue
            out.append("<tr>")
            out.append(f'<td class="code">{escape(it.code)}</td>')
            out.append(
                f'<td class="score"><span class="badge {it.score}">'
                f"{escape(it.score_text)}</span></td>"
            )
            cell = [
                f'<div class="title">{escape(it.title)}</div>',
                f'<div class="summary">{escape(it.summary)}</div>',
            ]
            if it.evidence:
                cell.append('<ul class="evidence">')
                cell += [f"<li>{escape(line)}</li>" for line in it.evidence]
                cell.append("</ul>")
            if it.score == "needs_answer":
                cell.append(f'<p class="question">{escape(it.question)}</p>')
                cell.append('<div class="answer"></div>')
            out.append(f"<td>{''.join(cell)}</td>")
            out.append("</tr>")
        out.append("</table>")
        out.append("</section>")
    out += [
        "</main>",
        "<footer>Points: 2 per item met, 1 per item partly met, of 2 per item the "
        "data decides. Generated by pathgraph assess.</footer>",
        "</div>",
    ]
    return "\n".join(out) + "\n"
