"""The words maps draw themselves (legend, node details), in the map's language.

A map of a pathway read with :meth:`pathgraph.Pathway.in_language` carries
``G.graph["lang"]``; :func:`dot_language` sets it while a map is drawn and
:func:`tr` gives each of the renderer's own English phrases in that language, when
it has one (Spanish; else English). Records' labels come from the records.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["SPANISH", "dot_language", "tr"]

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
