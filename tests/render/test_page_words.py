"""The interactive map speaks the page's language: every word it writes itself (its
headings, buttons, hints, screen-reader labels, cards, summary boxes and the
sentences its script builds) comes from :data:`pathgraph.render.words.PAGE_WORDS`,
and ``<html lang>`` says which language the page is in.

The Spanish page is read as a reader meets it: the visible text and the attributes
a screen reader speaks (parsed from the HTML), the texts the script draws and
inserts (the data block, and the string literals of the page's own script), with
the pathway's own texts (records' labels, descriptions: data) taken out. No
English word of the table may remain; the same reading of the English page finds
them (so the check can fail).
"""

from __future__ import annotations

import html
import json
import re
import string
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import pathgraph
from pathgraph import render
from pathgraph.cli import main
from pathgraph.render.conditions import rule_words
from pathgraph.render.html import js_words, rule_code, rule_sentence, template
from pathgraph.render.words import PAGE_WORDS, page_words, words_language
from tests.render.test_html import CHROMIUM, FLAGS

BHT = Path(__file__).parents[2] / "examples" / "bht.yaml"


def _fields(text: str) -> Counter[str]:
    return Counter(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


def test_every_word_in_english_and_spanish_with_the_same_fields() -> None:
    english, spanish = PAGE_WORDS["en"], PAGE_WORDS["es"]
    assert set(english) == set(spanish)
    for key, word in english.items():
        assert word.strip() and spanish[key].strip(), key
        assert _fields(word) == _fields(spanish[key]), key
    # every kind the map draws is named, one and several
    for kind in render.style.NODE_STYLE:
        assert f"kind.{kind}" in english and f"kinds.{kind}" in english


def test_language_choice() -> None:
    assert words_language("es-MX") == "es-MX" and words_language("fr") == "en"
    assert page_words("es-MX") == PAGE_WORDS["es"]
    assert page_words("fr") == page_words(None) == PAGE_WORDS["en"]


# --- the rule of a condition, in words -------------------------------------------


def _rules(options: int) -> list[str]:
    """Every rule :func:`rule_text` can draw for ``options`` options."""
    counts = ["", "all", "any"] + [f"{k} of {options}" for k in range(2, options)]
    out = ["open"] if options == 0 else []
    for count in counts if options else []:
        for cr in ("", "6 cr", "1.5 cr"):
            if count and cr:
                out.append(f"{count} · {cr}")
            elif count or cr:
                out.append(count or cr)
    return out


@pytest.mark.parametrize("options", range(6))
def test_rule_sentences_in_english_are_the_cards_words(options: int) -> None:
    """Oracle: in English the page says what rule_words says."""
    for rule in _rules(options):
        assert rule_sentence(rule, options, PAGE_WORDS["en"]) == rule_words(
            rule, options
        ), rule
        assert rule_code(rule, PAGE_WORDS["en"]) == rule


def test_rule_sentences_in_spanish() -> None:
    es = PAGE_WORDS["es"]
    # hand-worked: 2 needed of 3 options; 6 credits of 4 options; 1 of 1
    assert rule_sentence("2 of 3", 3, es) == "2 de 3 opciones"
    assert rule_sentence("6 cr", 4, es) == "opciones que sumen 6 créditos (de 4)"
    assert rule_sentence("all · 6 cr", 2, es) == "las 2 opciones, que sumen 6 créditos"
    assert rule_sentence("any", 1, es) == "1 de 1 opción, cualquiera"
    assert rule_sentence("all", 1, es) == "la única opción"
    assert rule_sentence("open", 0, es) == "abierta a todos"
    assert rule_code("all · 6 cr", es) == "todos · 6 cr"


def test_script_words_are_javascript_expressions() -> None:
    assert js_words("Column {n}", n="(lv + 1)") == '"Column " + (lv + 1)'
    assert js_words("{n} grupos", n="k") == 'k + " grupos"'
    assert js_words("a </script> b") == '"a \\u003c/script\\u003e b"'
    # the English page's script is the one written by hand before the words moved
    page = render.to_html(pathgraph.load_example("bht"), fold_above=10)
    for code in (
        'lv < 0 ? "Other records" : "Column " + (lv + 1)',
        'n.card.title + " (" + n.kind + ")"',
        'el("button", "Open all groups (" + folds.groups.length + ")")',
        'done.length > 3 ? done.length + " groups" :',
    ):
        assert code in page
    assert "$" not in template("map.js").replace("$other_records", "").replace(
        "$column", ""
    ).replace("$kind_name", "")


# --- reading a page as its reader does --------------------------------------------


class _Reader(HTMLParser):
    """The visible text and the spoken attributes of a page; its inline scripts."""

    SPOKEN = ("aria-label", "title", "placeholder", "alt", "value")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.langs: list[tuple[str, str | None]] = []
        self._in: list[str] = []
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "lang" in found:
            self.langs.append((tag, found["lang"]))
        self.texts += [v for k, v in attrs if k in self.SPOKEN and v]
        if tag in ("script", "style", "title"):
            self._in.append(tag)
            self._attrs = found

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts.append((self._attrs, data))
        elif not self._in or self._in[-1] == "title":
            self.texts.append(data)


def _strings(value: Any, keys: tuple[str, ...]) -> list[str]:
    """Every string under ``keys`` in the page's data (recursively)."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in keys:
                out += _all_strings(v)
            else:
                out += _strings(v, keys)
    elif isinstance(value, list):
        for v in value:
            out += _strings(v, keys)
    return out


def _all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _all_strings(v)]
    return []


_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def read_page(page: str) -> tuple[list[str], _Reader]:
    """What the reader of ``page`` meets (see the module's docstring)."""
    reader = _Reader()
    reader.feed(page)
    texts = list(reader.texts)
    for attrs, code in reader.scripts:
        if attrs.get("type") == "application/json":
            data = json.loads(code)
            texts += _strings(data, ("label", "card", "title", "contents"))
        elif "pathgraph-data" in code:  # the page's own script, not vis-network's
            code = re.sub(r"^\s*//.*$", "", code, flags=re.M)  # comments: unseen
            for literal in _LITERAL.findall(code):
                text = json.loads(f'"{literal}"')
                if " " in text.strip() or text[:1].isupper():  # words, not names
                    texts.append(text)
    return texts, reader


def _without_data(texts: list[str], G: nx.MultiDiGraph) -> str:
    """The texts with the pathway's own strings taken out (they are data)."""
    data = {str(n) for n in G} | {
        str(v) for _, attrs in G.nodes(data=True) for v in attrs.values()
    }
    data |= {str(G.graph.get("title", ""))}
    long_first = sorted((d for d in data if len(d) > 2), key=len, reverse=True)
    joined = "\n".join(texts)
    for d in long_first:
        joined = joined.replace(d, "\n")
    return joined


def english_left(page: str, G: nx.MultiDiGraph) -> list[str]:
    """The English words of :data:`PAGE_WORDS` (those Spanish says otherwise) that
    ``page`` still shows its reader."""
    texts, _ = read_page(page)
    seen = _without_data(texts, G)
    left = []
    for key, word in PAGE_WORDS["en"].items():
        if word == PAGE_WORDS["es"][key]:
            continue
        for literal, _, _, _ in string.Formatter().parse(word):
            piece = literal.strip(" .,;:()▸") if literal else ""
            if len(piece) >= 3 and re.search(
                rf"(?<![\w-]){re.escape(piece)}(?![\w-])", seen
            ):
                left.append(f"{key}: {piece}")
    return left


@pytest.fixture(scope="module")
def spanish() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.load_example("bht").in_language("es"))


@pytest.mark.parametrize("fold_above", [None, 10])
def test_the_spanish_map_has_no_english_word_of_its_own(
    spanish: nx.MultiDiGraph, fold_above: int | None
) -> None:
    page = render.to_html(spanish, fold_above=fold_above)
    assert english_left(page, spanish) == []
    texts, reader = read_page(page)
    seen = "\n".join(texts)
    es = PAGE_WORDS["es"]
    for key in ("map label", "card hint", "outline", "outline hint", "show all"):
        assert es[key] in seen, key
    for literal in ("Otros registros", "Columna "):
        assert json.dumps(literal, ensure_ascii=False) in page
    assert "tipo" in seen and "credencial" in seen and "programa" in seen
    # the page is in Spanish, and so is every part marked with a language
    assert reader.langs[0] == ("html", "es")
    assert {lang for _, lang in reader.langs} == {"es"}
    if fold_above is not None:
        assert es["folded groups"] in seen
        assert "registros plegados" in seen and "clic para abrir" in seen
        assert "Abrir todos los grupos (" in page and "Se abrió: " in page
        assert "en el nivel" in seen or "Salud conductual" in seen
        assert '" grupos"' in page


@pytest.mark.parametrize("fold_above", [None, 10])
def test_the_english_map_is_read_the_same_way(fold_above: int | None) -> None:
    """The check above can fail: on the English page it finds the table's words."""
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    left = english_left(render.to_html(G, fold_above=fold_above), G)
    for key in ("map label", "card hint", "outline", "show all", "other records"):
        assert any(found.startswith(key + ":") for found in left), key
    if fold_above is not None:
        assert any(found.startswith("open all:") for found in left)
        assert any(found.startswith("records folded:") for found in left)


def test_a_condition_and_its_card_in_spanish(spanish: nx.MultiDiGraph) -> None:
    G = spanish.copy()
    G.add_node("c", kind="condition", need=2, to_confirm=["nota C"])
    for o in ("bht-tier1-course", "bht-tier2-course", "bht-tier3-course"):
        G.add_edge(o, "c", kind="requires")
    G.add_edge("c", "bht-advanced", kind="awards")
    page = render.to_html(G, fold_above=None)
    data = json.loads(
        re.search(r'id="pathgraph-data">(.*?)</script>', page, re.S).group(1)
    )
    node = next(n for n in data["nodes"] if n["id"] == "c")
    assert node["label"].splitlines()[0] == "2 de 3"
    assert "✎ por confirmar" in node["label"]
    rows = dict(map(tuple, node["card"]["rows"]))
    assert rows["tipo"] == "condición"
    assert rows["regla"] == "2 de 3 opciones"
    assert rows["por confirmar"] == "nota C"
    assert english_left(page, G) == []


def test_true_and_vocabulary_values_on_the_card(spanish: nx.MultiDiGraph) -> None:
    G = spanish.copy()
    G.nodes["abe-ged"].update(iet=True, modality="work_based", schedule=["weekend"])
    page = render.to_html(G, fold_above=None)
    data = json.loads(
        re.search(r'id="pathgraph-data">(.*?)</script>', page, re.S).group(1)
    )
    rows = dict(
        map(
            tuple,
            next(n for n in data["nodes"] if n["id"] == "abe-ged")["card"]["rows"],
        )
    )
    assert rows["IET"] == "sí"
    assert rows["modalidad"] == "en el trabajo"
    assert rows["horario"] == "fin de semana"


def test_a_language_without_words_keeps_english_marked_english() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht").in_language("fr"))
    page = render.to_html(G, fold_above=None)
    assert '<html lang="fr">' in page
    assert '<header lang="en">' in page and "Pathway outline" in page


def test_lang_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    assert main(["--lang", "es", "render", str(BHT), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="es">' in page and "Índice de la ruta" in page
    assert main(["render", str(BHT), "-o", str(out)]) == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


# --- in the browser ---------------------------------------------------------------

PROBE = """
<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var out = {};
    var buttons = document.querySelectorAll("#outline button[data-node]");
    buttons[0].focus();  // what Tab does
    out.card = document.getElementById("card").innerText;
    out.outline = document.getElementById("outline").innerText;
    out.header = document.querySelector("header").innerText;
    var all = document.querySelector("#fold-buttons button");
    if (all) { all.click(); out.status = document.getElementById("fold-status").textContent; }
    var pre = document.createElement("pre"); pre.id = "probe";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 500);
});
</script>
"""


def _run_probe(page: str, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "map.html"
    path.write_text(page.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    dom = subprocess.run(
        [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'p'}",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    result: dict[str, str] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (CI installs it)")
def test_tabbing_to_a_record_shows_a_spanish_card(
    spanish: nx.MultiDiGraph, tmp_path: Path
) -> None:
    got = _run_probe(render.to_html(spanish, fold_above=None), tmp_path)
    card = got["card"]
    assert "tipo" in card and ("programa" in card or "credencial" in card), card
    assert "kind" not in card and "Point at" not in card
    assert "Columna 1" in got["outline"]
    assert not re.search(r"\bColumn\b", got["outline"])
    assert "(programa)" in got["outline"] and "(program)" not in got["outline"]
    assert "ocupación" in got["header"] and "occupation" not in got["header"]
    (tmp_path / "f").mkdir()
    folded = _run_probe(render.to_html(spanish, fold_above=10), tmp_path / "f")
    assert (
        folded["status"].startswith("Se abrió: ") and "Opened" not in folded["status"]
    )
    assert "Abrir todos los grupos (1)" in folded["header"]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (CI installs it)")
@pytest.mark.parametrize("fold_above", [None, 10])
def test_the_spanish_map_passes_axe(
    spanish: nx.MultiDiGraph, fold_above: int | None, tmp_path: Path
) -> None:
    """Its language marks included (axe checks that ``lang`` is a valid code)."""
    from tests.render.test_accessibility import AXE, serious

    if AXE is None:
        pytest.skip("needs axe-playwright-python (dev extra)")
    page = render.to_html(spanish, fold_above=fold_above)
    assert serious(page, tmp_path) == []


def test_static_folded_map_speaks_spanish() -> None:
    """The DOT map of a Spanish pathway: fold note, summary boxes, course counts
    and "to confirm" in Spanish; the English map is unchanged (compared with the
    words written out)."""
    from pathgraph.render.graphviz import tooltip
    from pathgraph.render.marking import NodeMark
    from pathgraph.render.words import dot_language

    es = render.to_dot(pathgraph.load_example("bht").in_language("es"), fold_above=5)
    assert "14 registros plegados:" in es and "registros están plegados" in es
    assert "records folded" not in es and "are folded" not in es
    en = render.to_dot(pathgraph.load_example("bht"), fold_above=5)
    assert "14 records folded:" in en
    m = NodeMark("c", "condition", "A", 0, "", rule="all", to_confirm=("grade C",))
    with dot_language("es"):
        assert tooltip(m) == "A\npor confirmar: grade C"
    assert tooltip(m) == "A\nto confirm: grade C"
