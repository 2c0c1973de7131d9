"""The words pathgraph's pages and maps write themselves, in the page's language.

:data:`WORDS` holds the route sheet's words by key, in each language it speaks;
:data:`SPANISH` the map renderer's English phrases in Spanish.

A map of a pathway read with :meth:`pathgraph.Pathway.in_language` carries
``G.graph["lang"]``; :func:`dot_language` sets it while a map is drawn and
:func:`tr` gives each of the renderer's own English phrases in that language, when
it has one (Spanish; else English). Records' labels come from the records.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx

__all__ = ["SPANISH", "WORDS", "dot_language", "page_lang", "sheet_word", "tr"]

#: The renderer's phrases in Spanish.
SPANISH: dict[str, str] = {
    "Legend": "Leyenda",
    "month": "mes",
    "months": "meses",
    "free": "gratis",
    "a year": "al año",
    "a year (median)": "al año (mediana)",
    "credits": "créditos",
    "term": "período",
    "credential": "credencial",
    "industry-recognized": "reconocida por la industria",
    "IET": "IET",
    "bridge": "programa puente",
    "earn while learning": "gana mientras aprende",
    "in person": "presencial",
    "online": "en línea",
    "hybrid": "híbrido",
    "work based": "en el trabajo",
    "day": "de día",
    "evening": "de noche",
    "weekend": "fin de semana",
    "self paced": "a su ritmo",
    "hse": "equivalencia de secundaria",
    "diploma": "diploma",
    "certificate": "certificado",
    "industry certification": "certificación de la industria",
    "license": "licencia",
    "apprenticeship": "aprendizaje registrado",
    "associate": "título asociado",
    "bachelor": "licenciatura",
    "graduate": "posgrado",
    "badge": "insignia",
    "exam": "examen",
    "licensure exam": "examen de licencia",
    "placement test": "prueba de ubicación",
    "proficiency test": "prueba de competencia",
    "assessment": "evaluación",
    "program": "programa",
    "occupation": "ocupación",
    "course": "curso",
    "condition": "condición (todos / alguno / n de / créditos)",
    "condition (all / any / n of / cr)": "condición (todos / alguno / n de / cr)",
    "assessment (exam, licensure...)": "evaluación (examen, licencia...)",
    "provider": "proveedor",
    "support service": "servicio de apoyo",
    "agreement": "acuerdo",
    "folded group": "grupo plegado",
    "awards": "otorga",
    "is required by": "es requisito de",
    "is an option of": "es una opción de",
    "earns (when met)": "otorga (al cumplirse)",
    "qualifies for": "habilita para",
    "stacks into": "se acumula en",
    "articulates to": "se convalida en",
    "advances to": "asciende a",
    "offered by": "lo ofrece",
    "supports": "apoya",
    "party to": "firma",
    "prerequisite of": "es prerrequisito de",
    "corequisite of": "es correquisito de",
    "part of": "es parte de",
    "the route, steps numbered": "la ruta, pasos numerados",
    "to confirm (grade, score...): counted as met for planning": "por confirmar "
    "(nota, puntaje...): se cuenta como cumplido al planificar",
}

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("map_lang", default="en")


@contextmanager
def dot_language(lang: object) -> Iterator[None]:
    """Draw in ``lang`` (a language code; anything else: English) inside the block."""
    token = _LANG.set(lang if isinstance(lang, str) and lang else "en")
    try:
        yield
    finally:
        _LANG.reset(token)


def tr(text: str) -> str:
    """``text`` in the language being drawn, when the renderer has it.

    Examples
    --------
    >>> tr("free")
    'free'
    >>> with dot_language("es-MX"):
    ...     tr("free")
    'gratis'
    """
    if _LANG.get().split("-")[0] == "es":
        return SPANISH.get(text, text)
    return text


#: The route sheet's own words, in each language it speaks (``G.graph["lang"]``,
#: set by :meth:`pathgraph.Pathway.in_language`; its base language, else English).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "complete": "complete",
        "take": "take course",
        "pass": "pass",
        "meet": "earn by meeting",
        "meet requirement": "meet requirement",
        "stack": "stack",
        "hired": "get hired",
        "advance": "advance",
        "switch": "move to a related job",
        "exam": "exam",
        "licensure": "licensure exam",
        "placement": "placement test",
        "proficiency": "proficiency test",
        "assessment": "assessment",
        "Route to": "Route to",
        "the goal": "the goal",
        "months": "months",
        "after aid": "{net} after {aid} aid",
        "wage": "wage",
        "a year": "a year",
        "not optimal": "This is the best route found, not proven optimal.",
        "#": "#",
        "step": "step",
        "what": "what",
        "cost": "cost",
        "total months": "total months",
        "total cost": "total cost",
        "support services": "support services",
        "requirements met": "requirements met",
        "to confirm": "to confirm",
        "earns": "earns",
        "counts toward": "counts toward",
        "aid": "aid",
        "starts": "starts",
        "offered by": "offered by",
        "job open now": "job open now",
        "median wage": "median wage",
        "To confirm": "To confirm",
        "confirm note": "Counted as met for this plan; check each with the college "
        "or the board.",
        "Assumed": "Assumed",
        "assumed note": "The pathway does not say these; the plan takes them for "
        "granted.",
        "install graphviz": "Install Graphviz (sudo apt-get install graphviz) to "
        "draw the route on the map.",
    },
    "es": {
        "complete": "completar",
        "take": "tomar el curso",
        "pass": "aprobar",
        "meet": "obtener al cumplir",
        "meet requirement": "cumplir el requisito",
        "stack": "acumular",
        "hired": "conseguir empleo",
        "advance": "ascender",
        "switch": "pasar a un empleo relacionado",
        "exam": "el examen",
        "licensure": "el examen de licencia",
        "placement": "la prueba de ubicación",
        "proficiency": "la prueba de competencia",
        "assessment": "la evaluación",
        "Route to": "Ruta hacia",
        "the goal": "la meta",
        "months": "meses",
        "after aid": "{net} después de {aid} de ayuda",
        "wage": "salario",
        "a year": "al año",
        "not optimal": "Esta es la mejor ruta encontrada; no se ha comprobado que "
        "sea la óptima.",
        "#": "n.º",
        "step": "paso",
        "what": "qué",
        "cost": "costo",
        "total months": "meses en total",
        "total cost": "costo total",
        "support services": "servicios de apoyo",
        "requirements met": "requisitos cumplidos",
        "to confirm": "por confirmar",
        "earns": "obtiene",
        "counts toward": "cuenta para",
        "aid": "ayuda",
        "starts": "comienza",
        "offered by": "lo ofrece",
        "job open now": "empleo disponible ahora",
        "median wage": "salario mediano",
        "To confirm": "Por confirmar",
        "confirm note": "Se cuentan como cumplidos en este plan; confirme cada uno "
        "con la institución o la junta.",
        "Assumed": "Supuestos",
        "assumed note": "La ruta no lo indica; el plan lo da por hecho.",
        "install graphviz": "Instale Graphviz (sudo apt-get install graphviz) para "
        "dibujar la ruta en el mapa.",
    },
}


def page_lang(G: nx.MultiDiGraph) -> str:
    """The language of a page about ``G``: ``G.graph["lang"]`` or English."""
    lang = G.graph.get("lang")
    return lang if isinstance(lang, str) and lang else "en"


def sheet_word(G: nx.MultiDiGraph, key: str) -> str:
    """The sheet's word for ``key`` in the page's language (else English)."""
    lang = page_lang(G)
    table = WORDS.get(lang) or WORDS.get(lang.split("-")[0]) or WORDS["en"]
    return table.get(key, WORDS["en"][key])
