"""The readiness scorecard as one self-contained, print-friendly HTML page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from pathgraph.readiness.registry import SCORE_TEXT, SCORES

if TYPE_CHECKING:
    from pathgraph.readiness.report import Assessment

__all__ = ["scorecard"]

_CSS = """
:root { --met: #1a7f37; --partly: #9a6700; --not_met: #cf222e;
  --needs_answer: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2328; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 2px solid #d0d7de;
  padding-bottom: .25rem; display: flex; justify-content: space-between; gap: 1rem; }
h2 .points { font-weight: normal; color: #59636e; font-size: .9rem;
  white-space: nowrap; }
.lede { color: #59636e; margin: 0 0 1rem; }
.totals { display: flex; gap: .5rem; flex-wrap: wrap; margin: 0 0 1rem; padding: 0;
  list-style: none; }
.totals li { border: 1px solid #d0d7de; border-radius: 6px; padding: .35rem .7rem; }
.totals b { font-size: 1.2rem; margin-right: .3rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td { vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #eaeef2; }
td.code { width: 3rem; color: #59636e; }
td.score { width: 9.5rem; }
.badge { display: inline-block; border-radius: 1rem; padding: .1rem .6rem;
  font-size: .8rem; font-weight: 600; color: #fff; white-space: nowrap; }
.met { background: var(--met); } .partly { background: var(--partly); }
.not_met { background: var(--not_met); }
.needs_answer { background: var(--needs_answer); }
.title { font-weight: 600; }
.summary { margin: .15rem 0; }
ul.evidence { margin: .2rem 0 0; padding-left: 1.1rem; color: #424a53;
  font-size: .85rem; overflow-wrap: anywhere; }
.question { margin: .3rem 0 0; font-style: italic; }
.answer { border-bottom: 1px dotted #8c959f; min-height: 1.4rem; margin-top: .3rem; }
footer { margin-top: 1.5rem; color: #59636e; font-size: .8rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


def scorecard(assessment: Assessment) -> str:
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
    a = assessment
    counts = a.counts
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Readiness scorecard: {escape(a.title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
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
            f'<span class="points">{points}</span></h2>'
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
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
