"""The words pathgraph's pages and maps write themselves, in the page's language.

:data:`WORDS` holds the route sheet's words by key, in each language it speaks;
:data:`PAGE_WORDS` the interactive map page's; :data:`SPANISH` the map renderer's
English phrases in Spanish.

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

__all__ = [
    "PAGE_WORDS",
    "SPANISH",
    "WORDS",
    "dot_language",
    "kind_word",
    "page_lang",
    "page_words",
    "sheet_word",
    "tr",
    "words_language",
]

#: The renderer's phrases in Spanish.
SPANISH: dict[str, str] = {
    "to confirm": "por confirmar",
    "open to anyone": "abierta a todos",
    "{n} records folded:": "{n} registros plegados:",
    "{n} courses": "{n} cursos",
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
    "related to": "relacionado con",
    "entry": "inicial",
    "middle": "intermedio",
    "advanced": "avanzado",
    "career navigation": "orientación profesional",
    "coaching": "acompañamiento",
    "case management": "gestión de casos",
    "childcare": "cuidado infantil",
    "transportation": "transporte",
    "tuition aid": "ayuda para la matrícula",
    "tutoring": "tutorías",
    "job placement": "colocación laboral",
    "intermediary": "intermediario",
    "abe provider": "proveedor de educación básica",
    "secondary": "secundaria",
    "postsecondary": "postsecundaria",
    "employer": "empleador",
    "workforce board": "junta de desarrollo laboral",
    "economic development": "desarrollo económico",
    "community based": "organización comunitaria",
    "human services": "servicios sociales",
    "state agency": "agencia estatal",
    "foundation": "fundación",
    "labor organization": "organización sindical",
    "tribal government": "gobierno tribal",
    "other": "otro",
    "added": "añadido",
    "changed": "cambiado",
    "removed": "eliminado",
    "pathway": "ruta",
    "changes": "cambios",
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
        "pathway": "Pathway",
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
        "pathway": "Ruta formativa",
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


#: The interactive map's own words (:func:`pathgraph.render.to_html`): its headings,
#: buttons, hints and screen-reader labels, its cards' row names, its summary boxes
#: and the sentences its script builds, in each language it speaks. ``{n}``-style
#: fields are filled in by the page (every language of a key has the same fields);
#: ``kind.*`` / ``kinds.*`` name one / several records of a kind.
PAGE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "map title": "Pathway map",
        "map label": "Pathway map: the outline below lists every record",
        "card hint": "Point at a step, or pick one in the outline below, to see its "
        "details.",
        "outline": "Pathway outline",
        "outline hint": "Every record of the map, column by column from the "
        "on-ramps; pick one (Tab, then Enter) to see its details and find it on "
        "the map.",
        "show all": "Show the whole map",
        "other records": "Other records",
        "column": "Column {n}",
        "folded groups": "Folded groups: press a button to open one",
        "open all": "Open all groups ({n})",
        "opened": "Opened {groups}.",
        "groups": "{n} groups",
        "id": "id",
        "kind": "kind",
        "soc": "soc",
        "wage_median": "wage median",
        "wage_p25": "wage p25",
        "wage_p75": "wage p75",
        "openings": "openings",
        "job_zone": "job zone",
        "career_level": "career level",
        "credential_type": "credential type",
        "industry_recognized": "industry recognized",
        "issuer": "issuer",
        "credits": "credits",
        "months": "months",
        "cost": "cost",
        "modality": "modality",
        "schedule": "schedule",
        "cip": "cip",
        "iet": "iet",
        "bridge": "bridge",
        "earn_while_learning": "earn while learning",
        "completers": "completers",
        "roles": "roles",
        "service_type": "service type",
        "url": "url",
        "description": "description",
        "supports": "supports",
        "rule": "rule",
        "options": "options",
        "to confirm": "to confirm",
        # a flag that is set, as English cards have always shown it
        "yes": "True",
        "folded": "folded",
        "inside": "inside",
        "findings": "findings",
        "open": "open",
        "records folded": "{n} records folded:",
        "records": "{n} records",
        "click to open": "▸ click to open",
        "how to open": "click the box, or its button above the map",
        "at level": "{kinds} at level {level}",
        "at levels": "{kinds} at levels {first}–{last}",
        "fold note": "{folded} of {records} records are folded into {boxes} "
        "({parts}) so that the map stays readable",
        "fold above": " (maps of more than {n} records are folded)",
        "fold how": "{text}. Click a box, or its button here, to open it; to draw "
        "every record: pathgraph render --no-fold (Python: fold_above=None).",
        "fold how static": "{text}. The .html map opens a box when you click it; "
        "to draw every record: pathgraph render --no-fold (Python: "
        "fold_above=None).",
        "box": "{n} box",
        "boxes": "{n} boxes",
        "lane": "{n} lane",
        "lanes": "{n} lanes",
        "kind group": "{n} group of one kind per level",
        "kind groups": "{n} groups of one kind per level",
        "and": " and ",
        "rule all": "all",
        "rule any": "any",
        "rule of": "{need} of {n}",
        "rule open": "open",
        "open to anyone": "open to anyone",
        "the option": "the 1 option",
        "all options": "all {n} options",
        "any option": "any 1 of {n} option",
        "any options": "any 1 of {n} options",
        "need option": "{need} option",
        "need options": "{need} options",
        "with credits": "{words}, worth {credits} credits together",
        "credits of": "options worth {credits} credits together (of {n})",
        "kind.program": "program",
        "kind.credential": "credential",
        "kind.occupation": "occupation",
        "kind.course": "course",
        "kind.assessment": "assessment",
        "kind.condition": "condition",
        "kind.provider": "provider",
        "kind.service": "support service",
        "kind.agreement": "agreement",
        "kind.group": "group",
        "kinds.program": "programs",
        "kinds.credential": "credentials",
        "kinds.occupation": "occupations",
        "kinds.course": "courses",
        "kinds.assessment": "assessments",
        "kinds.condition": "conditions",
        "kinds.provider": "providers",
        "kinds.service": "support services",
        "kinds.agreement": "agreements",
        "kinds.group": "groups",
    },
    "es": {
        "map title": "Mapa de la ruta",
        "map label": "Mapa de la ruta: el índice de abajo enumera cada registro",
        "card hint": "Señale un paso, o elija uno en el índice de abajo, para ver "
        "sus detalles.",
        "outline": "Índice de la ruta",
        "outline hint": "Cada registro del mapa, columna por columna desde los "
        "puntos de entrada; elija uno (Tab y luego Intro) para ver sus detalles y "
        "encontrarlo en el mapa.",
        "show all": "Mostrar todo el mapa",
        "other records": "Otros registros",
        "column": "Columna {n}",
        "folded groups": "Grupos plegados: pulse un botón para abrir uno",
        "open all": "Abrir todos los grupos ({n})",
        "opened": "Se abrió: {groups}.",
        "groups": "{n} grupos",
        "id": "id",
        "kind": "tipo",
        "soc": "código SOC",
        "wage_median": "salario mediano",
        "wage_p25": "salario p25",
        "wage_p75": "salario p75",
        "openings": "vacantes",
        "job_zone": "zona de empleo",
        "career_level": "nivel profesional",
        "credential_type": "tipo de credencial",
        "industry_recognized": "reconocida por la industria",
        "issuer": "emisor",
        "credits": "créditos",
        "months": "meses",
        "cost": "costo",
        "modality": "modalidad",
        "schedule": "horario",
        "cip": "código CIP",
        "iet": "IET",
        "bridge": "programa puente",
        "earn_while_learning": "gana mientras aprende",
        "completers": "egresados",
        "roles": "funciones",
        "service_type": "tipo de servicio",
        "url": "dirección web",
        "description": "descripción",
        "supports": "apoya",
        "rule": "regla",
        "options": "opciones",
        "to confirm": "por confirmar",
        "yes": "sí",
        "folded": "plegados",
        "inside": "contiene",
        "findings": "hallazgos",
        "open": "abrir",
        "records folded": "{n} registros plegados:",
        "records": "{n} registros",
        "click to open": "▸ clic para abrir",
        "how to open": "haga clic en el cuadro, o en su botón encima del mapa",
        "at level": "{kinds} en el nivel {level}",
        "at levels": "{kinds} en los niveles {first}–{last}",
        "fold note": "{folded} de {records} registros están plegados en {boxes} "
        "({parts}) para que el mapa siga siendo legible",
        "fold above": " (se pliegan los mapas de más de {n} registros)",
        "fold how": "{text}. Haga clic en un cuadro, o en su botón aquí, para "
        "abrirlo; para dibujar todos los registros: pathgraph render --no-fold "
        "(Python: fold_above=None).",
        "fold how static": "{text}. El mapa .html abre un cuadro al hacer clic en "
        "él; para dibujar todos los registros: pathgraph render --no-fold (Python: "
        "fold_above=None).",
        "box": "{n} cuadro",
        "boxes": "{n} cuadros",
        "lane": "{n} carril",
        "lanes": "{n} carriles",
        "kind group": "{n} grupo de un solo tipo por nivel",
        "kind groups": "{n} grupos de un solo tipo por nivel",
        "and": " y ",
        "rule all": "todos",
        "rule any": "alguno",
        "rule of": "{need} de {n}",
        "rule open": "abierta",
        "open to anyone": "abierta a todos",
        "the option": "la única opción",
        "all options": "las {n} opciones",
        "any option": "1 de {n} opción, cualquiera",
        "any options": "1 de {n} opciones, cualquiera",
        "need option": "{need} opción",
        "need options": "{need} opciones",
        "with credits": "{words}, que sumen {credits} créditos",
        "credits of": "opciones que sumen {credits} créditos (de {n})",
        "kind.program": "programa",
        "kind.credential": "credencial",
        "kind.occupation": "ocupación",
        "kind.course": "curso",
        "kind.assessment": "evaluación",
        "kind.condition": "condición",
        "kind.provider": "proveedor",
        "kind.service": "servicio de apoyo",
        "kind.agreement": "acuerdo",
        "kind.group": "grupo",
        "kinds.program": "programas",
        "kinds.credential": "credenciales",
        "kinds.occupation": "ocupaciones",
        "kinds.course": "cursos",
        "kinds.assessment": "evaluaciones",
        "kinds.condition": "condiciones",
        "kinds.provider": "proveedores",
        "kinds.service": "servicios de apoyo",
        "kinds.agreement": "acuerdos",
        "kinds.group": "grupos",
    },
}


def words_language(lang: object) -> str:
    """The language the page's own words are written in for a page in ``lang``:
    ``lang`` when :data:`PAGE_WORDS` speaks it (or its base language, ``es`` for
    ``es-MX``), else English.

    Examples
    --------
    >>> words_language("es-MX"), words_language("fr"), words_language(None)
    ('es-MX', 'en', 'en')
    """
    if isinstance(lang, str) and lang.split("-")[0] in PAGE_WORDS:
        return lang
    return "en"


def page_words(lang: object) -> dict[str, str]:
    """The interactive map's words for a page in ``lang`` (English when the
    language is not one :data:`PAGE_WORDS` speaks; English for a missing key).

    Examples
    --------
    >>> page_words("es")["show all"], page_words("fr")["show all"]
    ('Mostrar todo el mapa', 'Show the whole map')
    >>> page_words("es-MX")["column"].format(n=2)
    'Columna 2'
    """
    base = words_language(lang).split("-")[0]
    return {**PAGE_WORDS["en"], **PAGE_WORDS[base]}


def kind_word(words: dict[str, str], kind: str, n: int = 1) -> str:
    """A record kind's name in ``words`` (:func:`page_words`), for ``n`` records
    (the kind itself for a kind the table does not name).

    Examples
    --------
    >>> kind_word(page_words("es"), "service", 2), kind_word(page_words("en"), "x")
    ('servicios de apoyo', 'x')
    """
    if n == 1:
        return words.get("kind." + kind, kind)
    return words.get("kinds." + kind, kind + "s")
