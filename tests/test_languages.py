"""Labels, descriptions and titles in several languages; pages in the client's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.io.native import dumps_json, dumps_yaml, loads_json, loads_yaml
from pathgraph.model.nodes import pick_language
from pathgraph.render.route_map import route_page
from pathgraph.render.words import WORDS

BHT = Path(__file__).resolve().parents[1] / "examples" / "bht.yaml"

TEXT = """title: {en: Languages, es: Idiomas}
programs:
  - id: cna-course
    label: {en: Nursing assistant course, es: Curso de auxiliar de enfermería}
    description: {en: Eight weeks, es: Ocho semanas}
    awards: [cna]
credentials:
  - {id: cna, label: {es: Certificado de CNA, en: CNA certificate}, qualifies_for: [job]}
occupations:
  - {id: job, label: Nursing assistant}
"""


def test_a_language_map_is_read_kept_and_written_back() -> None:
    p = loads_yaml(TEXT, "l.yaml")
    course = p.node("cna-course")
    assert course.label == "Nursing assistant course"  # English by default
    assert course.labels == {
        "en": "Nursing assistant course",
        "es": "Curso de auxiliar de enfermería",
    }
    assert course.description == "Eight weeks"
    assert p.title == "Languages" and p.titles["es"] == "Idiomas"
    for text in (dumps_yaml(p), dumps_json(p)):
        back = loads_yaml(text, "x.yaml") if text[0] != "{" else loads_json(text)
        assert back == p
    # a fresh file writes every map sorted by language code
    fresh = dumps_yaml(pathgraph.Pathway.model_validate(p.model_dump()))
    assert (
        "    label:\n      en: CNA certificate\n      es: Certificado de CNA\n" in fresh
    )


def test_in_language_picks_each_record_s_text() -> None:
    p = loads_yaml(TEXT, "l.yaml").in_language("es-MX")  # base language es
    assert p.title == "Idiomas"
    assert p.node("cna-course").label == "Curso de auxiliar de enfermería"
    assert p.node("cna-course").description == "Ocho semanas"
    assert p.node("job").label == "Nursing assistant"  # no Spanish: kept
    assert p.node("cna").labels["en"] == "CNA certificate"  # the map is kept
    G = pathgraph.to_graph(p)
    assert G.graph["lang"] == "es-MX"
    assert G.nodes["cna"]["label"] == "Certificado de CNA"
    with pytest.raises(pathgraph.ArgumentError, match="language code"):
        p.in_language("Spanish")


@pytest.mark.parametrize(
    ("texts", "lang", "want"),
    [
        ({"fr": "b", "de": "a"}, None, "a"),  # no English: the first by code
        ({"fr": "b", "en": "e"}, "zh", "e"),  # missing: English
        ({"pt-BR": "p", "en": "e"}, "pt-BR", "p"),
    ],
)
def test_pick_language(texts: dict[str, str], lang: str | None, want: str) -> None:
    assert pick_language(texts, lang) == want


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("label: {Spanish: Curso}", "'Spanish' is not a language code"),
        ("label: {es: ''}", "non-empty text"),
        ("label: {}", "label"),
    ],
)
def test_bad_language_maps_are_refused(bad: str, message: str) -> None:
    text = f"title: T\nprograms:\n  - id: p\n    {bad}\n"
    with pytest.raises(pathgraph.FormatError, match=message) as info:
        loads_yaml(text, "bad.yaml")
    assert "bad.yaml:4:" in str(info.value)


def test_the_spanish_route_sheet_has_no_english_word_of_its_own() -> None:
    """Every word the sheet writes itself is Spanish; the records' words come
    from bht.yaml's Spanish labels (proper names, such as the college's, stay)."""
    G = pathgraph.to_graph(pathgraph.read(BHT).in_language("es"))
    r = pathgraph.routes(G, "bht-assoc", entry="abe", k=2)[1]
    page = route_page(G, r)
    assert '<html lang="es">' in page
    assert (
        "<h1>Ruta hacia Título asociado (AAS) de Técnico en Salud Conductual</h1>"
        in (page)
    )
    assert "Auxiliar psiquiátrico [psychiatric-aide]: salario mediano $41,590" in page
    assert "$1,988 después de $3,000 de ayuda" in page
    english = WORDS["en"]
    spanish = WORDS["es"]
    assert set(english) == set(spanish)
    visible = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
    for key, word in english.items():
        if word != spanish[key] and len(word) > 3:
            assert not re.search(rf"\b{re.escape(word)}\b", visible), (key, word)
    G_en = pathgraph.to_graph(pathgraph.read(BHT))
    assert '<html lang="en">' in route_page(G_en, r)


def test_lang_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["--lang", "es", "route", str(BHT), "--goal", "bht-assoc", "--entry", "abe"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Educación básica para adultos y preparación para el GED" in out
    assert main(["route", str(BHT), "--goal", "bht-assoc", "--entry", "abe"]) == 0
    assert "Adult Basic Education and GED preparation" in capsys.readouterr().out
    assert main(["--lang", "Spanish", "stats", str(BHT)]) == 2
    assert "not a language code" in capsys.readouterr().err


def test_ctdl_carries_language_maps() -> None:
    """CTDL's name and description are language maps: every language is written
    and read back (a single language is still a plain label)."""
    import json
    import warnings

    from pathgraph.io.ctdl import dumps_ctdl, loads_ctdl

    p = loads_yaml(TEXT, "l.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = dumps_ctdl(p)
    graph = json.loads(text)["@graph"]
    names = {o["@id"].rsplit("/", 1)[-1]: o["ceterms:name"] for o in graph}
    assert names["cna-course"] == {
        "en": "Nursing assistant course",
        "es": "Curso de auxiliar de enfermería",
    }
    assert names["job"] == {"en-US": "Nursing assistant"}
    back = loads_ctdl(text, "l.jsonld")
    assert back == p
    assert back.in_language("es").title == "Idiomas"


def test_an_edited_label_is_written_into_its_language() -> None:
    """label wins over its map: edited in English (or in the Spanish copy), the
    map written back carries the edit in that language and keeps the other."""
    p = loads_yaml(TEXT, "l.yaml")
    course = p.node("cna-course")
    edited = type(course).model_validate({**course.model_dump(), "label": "CNA prep"})
    assert edited.labels == {"en": "CNA prep", "es": "Curso de auxiliar de enfermería"}
    es = p.in_language("es")
    es.node("cna-course").label = "Curso de CNA"
    back = loads_yaml(dumps_yaml(es), "x.yaml")
    assert back.node("cna-course").labels == {
        "en": "Nursing assistant course",
        "es": "Curso de CNA",
    }


def test_the_spanish_map_in_the_sheet_speaks_spanish() -> None:
    """The map drawn in the route sheet: legend, node details and lanes."""
    from pathgraph.render.graphviz import dot_source
    from pathgraph.render.marking import mark

    G = pathgraph.to_graph(pathgraph.read(BHT).in_language("es"))
    r = pathgraph.route(G, "bht-assoc", entry="abe")
    dot = dot_source(mark(G, route=r))
    for word in (
        "Leyenda",
        "la ruta, pasos numerados",
        "4 meses · gratis",
        "Salud conductual",
        "Fundamentos",
        "certificado",
        "al año",
    ):
        assert word in dot, word
    for word in ("Legend", "months", "free", "Behavioral health", "a year"):
        assert word not in dot, word
    english = dot_source(mark(pathgraph.to_graph(pathgraph.read(BHT)), route=r))
    assert "Legend" in english and "4 months · free" in english
