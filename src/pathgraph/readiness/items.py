"""The readiness items, grouped by the toolkit element each cites.

Each function reads the :class:`~pathgraph.readiness.context.Context` and returns
its :class:`~pathgraph.readiness.registry.Evidence`. An item the data cannot decide
returns ``needs_answer``; the registry's ``question`` says what to answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from pathgraph.analysis._core import held, on_ramp, sorted_ids
from pathgraph.analysis.ramps import WORKER_FRIENDLY
from pathgraph.readiness.context import Context
from pathgraph.readiness.registry import Evidence, ItemFn, Score, item
from pathgraph.requirements import ENTRY_PRESETS

__all__ = ["CORE_ROLES", "CPL_SOURCES", "EVIDENCE_LIMIT", "LMI_WORDS"]

#: The partner roles a career pathway system brings together (toolkit element 1).
CORE_ROLES: tuple[str, ...] = (
    "employer",
    "workforce_board",
    "abe_provider",
    "postsecondary",
    "human_services",
    "economic_development",
)

#: Credential types whose credit toward a program is credit for prior learning.
CPL_SOURCES: frozenset[str] = frozenset(
    {"industry_certification", "apprenticeship", "license", "badge"}
)

#: Words that mark a ``sources`` entry as labour-market data.
LMI_WORDS = re.compile(
    r"\b(BLS|OEWS|OES|O\*NET|wages?|employment|projections?|labou?r market|LMI)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


#: At most this many ids in one evidence line, and lines of one kind in an item
#: (the rest are counted: "and 12 more"); ``records`` and ``counts`` keep them all.
EVIDENCE_LIMIT = 20


def _ids(ids: list[str] | tuple[str, ...] | set[str]) -> str:
    """Sorted ids, comma-separated (``none`` when empty), at most EVIDENCE_LIMIT."""
    if not ids:
        return "none"
    shown = sorted(ids)
    more = len(shown) - EVIDENCE_LIMIT
    text = ", ".join(shown[:EVIDENCE_LIMIT])
    return f"{text} (and {more} more)" if more > 0 else text


def _capped(lines: list[str], noun: str) -> list[str]:
    """At most EVIDENCE_LIMIT ``lines``, then one line counting the rest."""
    more = len(lines) - EVIDENCE_LIMIT
    if more <= 0:
        return lines
    return [*lines[:EVIDENCE_LIMIT], f"... and {more} more {noun}"]


def _agreement_type(ctx: Context, agreement: str) -> str:
    """An agreement's type (the model's default, articulation, when not stored)."""
    return str(ctx.attr(agreement, "agreement_type", "articulation"))


def _in(ctx: Context, sector: str) -> str:
    """The prefix naming ``sector`` on an evidence line (none with one sector)."""
    return f"{sector}: " if len(ctx.sectors) > 1 else ""


def _needs_records(kind: str, what: str) -> Callable[[ItemFn], ItemFn]:
    """An item that reads records of ``kind``: when the pathway has none, it needs
    your answer (a file that models no partners or services says nothing about
    them); its counts stay."""

    def wrap(fn: ItemFn) -> ItemFn:
        @functools.wraps(fn)
        def run(ctx: Context) -> Evidence:
            ev = fn(ctx)
            if ctx.of_kind(kind):
                return ev
            return Evidence(
                "needs_answer", f"the pathway records no {what}", counts=ev.counts
            )

        return run

    return wrap


def _share(part: int, whole: int) -> Score:
    """met when all, partly when some, not met when none (of a non-empty whole)."""
    if whole and part == whole:
        return "met"
    return "partly" if part else "not_met"


# -- 1. Build cross-agency partnerships and clarify roles ---------------------


@item(
    "1.1",
    "partner-roles",
    title="Partners in every core role, in each sector: employer, workforce "
    "board, ABE provider, postsecondary, human services, economic development",
    scoring="providers' `roles`, per sector (pathway or occupation `sector`): met "
    "when every sector has all six roles, partly when some, not met when none"
    "; needs your answer when the pathway records no provider",
    question="Which partners fill the missing roles, and are they at the table?",
)
@_needs_records("provider", "partners (providers)")
def _partner_roles(ctx: Context) -> Evidence:
    details: list[str] = []
    records: set[str] = set()
    present_total = 0
    for sector in ctx.sectors:
        providers = ctx.providers_in(sector)
        missing = []
        for role in CORE_ROLES:
            holders = [p for p in providers if role in ctx.roles(p)]
            records.update(holders)
            if holders:
                present_total += 1
            else:
                missing.append(role)
            details.append(f"{_in(ctx, sector)}{role}: {_ids(holders)}")
        if missing:
            details.append(f"{_in(ctx, sector)}missing roles: {', '.join(missing)}")
    expected = len(CORE_ROLES) * len(ctx.sectors)
    return Evidence(
        _share(present_total, expected),
        f"{present_total} of {expected} core roles filled "
        f"({len(ctx.sectors)} sector{'s' * (len(ctx.sectors) != 1)})",
        tuple(details),
        tuple(sorted(records)),
        {"roles_filled": present_total, "roles_expected": expected},
    )


@item(
    "1.2",
    "partnership-agreement",
    title="A partnership agreement (MOU) signed by the partners",
    scoring="agreements of type `mou` and their `party_to` providers: met when an "
    "MOU has two or more parties, partly when an MOU has fewer, not met when none"
    "; needs your answer when the pathway records no provider",
    question="Is the partnership written down and signed?",
)
@_needs_records("provider", "partners (providers)")
def _partnership_agreement(ctx: Context) -> Evidence:
    mous = [
        a
        for a in ctx.of_kind("agreement")
        if ctx.attr(a, "agreement_type", "articulation") == "mou"
    ]
    details = []
    parties_max = 0
    records: set[str] = set(mous)
    for a in mous:
        parties = ctx.into(a, "party_to")
        records.update(parties)
        parties_max = max(parties_max, len(parties))
        word = "party" if len(parties) == 1 else "parties"
        details.append(f"{a}: {len(parties)} {word}: {_ids(parties)}")
    outside = [p for p in ctx.of_kind("provider") if not ctx.out(p, "party_to")]
    if outside:
        details.append(f"providers party to no agreement: {_ids(outside)}")
    score: Score = "met" if parties_max >= 2 else "partly" if mous else "not_met"
    return Evidence(
        score,
        f"{len(mous)} MOU{'s' * (len(mous) != 1)}, most parties {parties_max}",
        tuple(details),
        tuple(sorted(records)),
        {"mous": len(mous), "most_parties": parties_max, "outside": len(outside)},
    )


@item(
    "1.3",
    "roles-recorded",
    title="Every partner's role is recorded",
    scoring="providers' `roles`: met when every provider has a role other than "
    "`other`, partly when some, not met when none"
    "; needs your answer when the pathway records no provider",
    question="What does each partner do, and who has agreed to it?",
)
@_needs_records("provider", "partners (providers)")
def _roles_recorded(ctx: Context) -> Evidence:
    providers = ctx.of_kind("provider")
    vague = [p for p in providers if not set(ctx.roles(p)) - {"other"}]
    clear = len(providers) - len(vague)
    details = [f"no role but 'other': {_ids(vague)}"] if vague else []
    return Evidence(
        _share(clear, len(providers)),
        f"{clear} of {len(providers)} providers have a role recorded",
        tuple(details),
        tuple(vague),
        {"providers": len(providers), "with_role": clear},
    )


@item(
    "1.4",
    "shared-governance",
    title="A leadership team with a shared vision meets and makes decisions",
    scoring="needs your answer: the pathway data records no governance",
    question="Who sits on the leadership team, how often does it meet, and what "
    "has it decided?",
)
def _shared_governance(ctx: Context) -> Evidence:
    return Evidence("needs_answer", "the pathway data records no governance")


# -- 2. Identify industry sectors and engage employers ------------------------


@item(
    "2.1",
    "sector-named",
    title="The target industry sector is named",
    scoring="the pathway's `sector` or occupations' `sector`: met when recorded, "
    "not met otherwise",
    question="Which industry sector does the pathway serve, and why that one?",
)
def _sector_named(ctx: Context) -> Evidence:
    named = [s for s in ctx.sectors if s != "(sector not recorded)"]
    return Evidence(
        "met" if named else "not_met",
        f"{len(named)} sector{'s' * (len(named) != 1)} named",
        tuple(f"sector: {s}" for s in named),
        (),
        {"sectors": len(named)},
    )


@item(
    "2.2",
    "employer-engaged",
    title="An employer is engaged in each sector",
    scoring="providers with role `employer` per sector, engaged when party to an "
    "agreement or offering a program or service: met when every sector has an "
    "engaged employer, partly when some or when its employers are not engaged, "
    "not met when no employer"
    "; needs your answer when the pathway records no provider",
    question="Which employers commit to what (hiring, curriculum, work-based "
    "learning)?",
)
@_needs_records("provider", "partners (providers)")
def _employer_engaged(ctx: Context) -> Evidence:
    details = []
    records: set[str] = set()
    engaged_sectors = 0
    with_employer = 0
    offered = {v for _, v, _ in ctx.edges("offered_by")}
    for sector in ctx.sectors:
        employers = [p for p in ctx.providers_in(sector) if "employer" in ctx.roles(p)]
        engaged = [p for p in employers if ctx.out(p, "party_to") or p in offered]
        records.update(employers)
        with_employer += bool(employers)
        engaged_sectors += bool(engaged)
        lines = []
        for p in engaged:
            ways = []
            if ctx.out(p, "party_to"):
                ways.append(f"party to {_ids(ctx.out(p, 'party_to'))}")
            if ctx.into(p, "offered_by"):
                ways.append(f"offers {_ids(ctx.into(p, 'offered_by'))}")
            lines.append(f"{_in(ctx, sector)}{p}: {'; '.join(ways)}")
        for p in sorted(set(employers) - set(engaged)):
            lines.append(f"{_in(ctx, sector)}{p}: no agreement, offers nothing")
        details += _capped(lines, "employers")
        if not employers:
            details.append(f"{_in(ctx, sector)}no employer")
    n = len(ctx.sectors)
    score: Score = (
        "met" if engaged_sectors == n else "partly" if with_employer else "not_met"
    )
    return Evidence(
        score,
        f"{engaged_sectors} of {n} sector{'s' * (n != 1)} with an engaged employer",
        tuple(details),
        tuple(sorted(records)),
        {"sectors": n, "with_employer": with_employer, "engaged": engaged_sectors},
    )


@item(
    "2.3",
    "labour-market-data",
    title="Labour-market data is attached to the occupations (wages, openings) "
    "and dated",
    scoring="occupations' `wage_median` and `openings`; the year from `sources`: "
    "met when every occupation has both, partly when some data, not met when none",
    question="Where does the labour-market data come from, and how recent is it?",
)
def _labour_market_data(ctx: Context) -> Evidence:
    occupations = ctx.of_kind("occupation")
    wages = [o for o in occupations if ctx.attr(o, "wage_median") is not None]
    openings = [o for o in occupations if ctx.attr(o, "openings") is not None]
    sources = [str(s) for s in ctx.G.graph.get("sources") or ()]
    lmi = [s for s in sources if LMI_WORDS.search(s)]
    years = sorted({m.group(0) for s in lmi for m in _YEAR.finditer(s)})
    details = [
        f"wage_median missing: {_ids(set(occupations) - set(wages))}",
        f"openings missing: {_ids(set(occupations) - set(openings))}",
    ]
    details += [f"source: {s}" for s in lmi]
    details.append(f"data year: {', '.join(years) if years else 'not recorded'}")
    n = len(occupations)
    full = len(set(wages) & set(openings))
    score: Score = (
        "met" if n and full == n else "partly" if wages or openings else "not_met"
    )
    return Evidence(
        score,
        f"{len(wages)} of {n} occupations have wages, {len(openings)} of {n} "
        f"openings; data year {', '.join(years) if years else 'not recorded'}",
        tuple(details),
        (),
        {
            "occupations": n,
            "with_wage": len(wages),
            "with_openings": len(openings),
            "latest_year": int(years[-1]) if years else 0,
        },
    )


@item(
    "2.4",
    "employer-commitment",
    title="Employers help design the training and commit to hiring its graduates",
    scoring="needs your answer: the pathway data records no commitments",
    question="What have employers committed to: curriculum review, work-based "
    "learning, interviews, hiring targets?",
)
def _employer_commitment(ctx: Context) -> Evidence:
    return Evidence("needs_answer", "the pathway data records no commitments")


# -- 3. Design education and training programs --------------------------------


@item(
    "3.1",
    "on-ramps",
    title="On-ramps for adults in basic education, English learners, diploma "
    "holders and incumbent workers",
    scoring="programs a person at each entry preset can enter (`on_ramps`; for "
    "esl: serves esl or iet, as check rule PG201; for incumbent workers: an "
    "evening, weekend, online, hybrid, work-based or paid schedule): met when every "
    "level has one, partly when some, not met when none",
    question="Who is the pathway for, and how do they get on?",
)
def _on_ramps(ctx: Context) -> Evidence:
    programs = set(ctx.of_kind("program"))
    details = []
    records: set[str] = set()
    served = 0
    for preset in ENTRY_PRESETS:
        ix = ctx.index
        ramps = [
            p for p in sorted_ids(ix, on_ramp(ix, held(ix, preset))) if p in programs
        ]
        if preset == "esl":
            ramps = [
                p
                for p in ramps
                if ctx.attr(p, "iet") or "esl" in (ctx.attr(p, "serves") or ())
            ]
        if preset == "incumbent":
            ramps = [p for p in ramps if _worker_friendly(ctx, p)]
        served += bool(ramps)
        records.update(ramps)
        details.append(f"{preset}: {_ids(ramps)}")
    n = len(ENTRY_PRESETS)
    return Evidence(
        _share(served, n),
        f"{served} of {n} entry levels have an on-ramp",
        tuple(details),
        tuple(sorted(records)),
        {"levels": n, "with_on_ramp": served},
    )


def _worker_friendly(ctx: Context, program: str) -> bool:
    ways = {str(s) for s in ctx.attr(program, "schedule") or ()}
    ways.add(str(ctx.attr(program, "modality")))
    return bool(ways & WORKER_FRIENDLY) or bool(
        ctx.attr(program, "earn_while_learning")
    )


@item(
    "3.2",
    "stackable-credentials",
    title="Credentials stack: each leads on to the next",
    scoring="stack steps (`stackable_chains`, up to 20 chains listed): met when a "
    "chain has two or more credentials, not met otherwise",
    question="How does each credential count toward the next?",
)
def _stackable(ctx: Context) -> Evidence:
    chains = [c for c in ctx.chains if len(c) >= 2]
    shown = chains[: ctx.CHAINS_SHOWN]
    lines = [" -> ".join(chain) for chain in shown]
    if len(chains) > len(shown):
        lines.append("... and more chains")
    many = f"more than {len(shown)}" if len(chains) > len(shown) else str(len(chains))
    return Evidence(
        "met" if ctx.stack_levels else "not_met",
        f"{many} chain{'s' * (len(chains) != 1)} of two or more credentials",
        tuple(lines),
        tuple(ctx.stack_levels),
        {
            "chains_listed": len(shown),
            "levels": len(ctx.stack_levels),
            "longest_listed": max((len(c) for c in shown), default=0),
        },
    )


@item(
    "3.3",
    "off-ramps",
    title="An off-ramp to a job at every level of every stack",
    scoring="`off_ramps` (`qualifies_for`) of each credential in a stackable "
    "chain: met when every "
    "level qualifies for an occupation, partly when some, not met when none",
    question="What job can a learner get after each credential?",
)
def _off_ramps(ctx: Context) -> Evidence:
    levels = ctx.stack_levels
    ramps = {c: ctx.out(c, "qualifies_for") for c in levels}
    without = [c for c in levels if not ramps[c]]
    details = _capped([f"{c}: {_ids(ramps[c])}" for c in levels], "levels")
    return Evidence(
        _share(len(levels) - len(without), len(levels)),
        f"{len(levels) - len(without)} of {len(levels)} stack levels have an off-ramp"
        + (f"; none at {_ids(without)}" if without else ""),
        tuple(details),
        tuple(without),
        {"levels": len(levels), "with_off_ramp": len(levels) - len(without)},
    )


@item(
    "3.4",
    "support-services",
    title="Support services at each transition (each level of programs)",
    scoring="services other than tuition aid with `supports` edges to programs, "
    "programs grouped by map level (their `level`, else their step along the "
    "pathway, as `render` draws them): met when every level has a supported "
    "program, partly when some, not met when none; needs your answer when the "
    "pathway records no service",
    question="What help (navigation, childcare, transport, tutoring) do learners "
    "get at each step?",
)
@_needs_records("service", "services")
def _support_services(ctx: Context) -> Evidence:
    supported: dict[str, list[str]] = {}
    for s in ctx.of_kind("service"):
        if ctx.attr(s, "service_type", "other") == "tuition_aid":
            continue
        for p in ctx.out(s, "supports"):
            supported.setdefault(p, []).append(s)
    by_level: dict[int, list[str]] = {}
    for p in ctx.of_kind("program"):
        by_level.setdefault(ctx.levels[p], []).append(p)
    details = []
    covered = 0
    records: set[str] = set()
    for level, programs in sorted(by_level.items()):
        helped = [p for p in programs if p in supported]
        covered += bool(helped)
        details.append(
            f"level {level}: supported {_ids(helped)}; "
            f"unsupported {_ids(set(programs) - set(helped))}"
        )
        for p in helped:
            records.update(supported[p])
    return Evidence(
        _share(covered, len(by_level)),
        f"{covered} of {len(by_level)} levels have a supported program",
        tuple(details),
        tuple(sorted(records)),
        {"levels": len(by_level), "with_support": covered},
    )


# -- 4. Identify funding needs and sources -------------------------------------


@item(
    "4.1",
    "costs-recorded",
    title="What each program costs is recorded",
    scoring="programs' `cost`: met when every program has one, partly when some, "
    "not met when none",
    question="What does each program cost, and who pays?",
)
def _costs_recorded(ctx: Context) -> Evidence:
    programs = ctx.of_kind("program")
    missing = [p for p in programs if ctx.attr(p, "cost") is None]
    total = sum(float(ctx.attr(p, "cost") or 0) for p in programs)
    return Evidence(
        _share(len(programs) - len(missing), len(programs)),
        f"{len(programs) - len(missing)} of {len(programs)} programs have a cost; "
        f"${total:,.0f} in all",
        (f"cost missing: {_ids(missing)}",) if missing else (),
        tuple(missing),
        {"programs": len(programs), "with_cost": len(programs) - len(missing)},
    )


@item(
    "4.2",
    "funding-sources",
    title="A funding source for every program that charges tuition",
    scoring="`tuition_aid` services supporting each program with a cost above 0 "
    "(or unknown): met when every one has one, partly when some; needs your answer "
    "when the pathway records no tuition aid (the data cannot say)",
    question="Which funds (Pell, WIOA, TANF, employer, state) pay for each program?",
)
def _funding_sources(ctx: Context) -> Evidence:
    aid = [
        s
        for s in ctx.of_kind("service")
        if ctx.attr(s, "service_type", "other") == "tuition_aid"
    ]
    funded: dict[str, list[str]] = {}
    for s in aid:
        for p in ctx.out(s, "supports"):
            funded.setdefault(p, []).append(s)
    programs = ctx.of_kind("program")
    free = [p for p in programs if ctx.attr(p, "cost") == 0]
    charged = [p for p in programs if ctx.attr(p, "cost") != 0]
    paid = [p for p in charged if p in funded]
    details = _capped([f"{p}: {_ids(funded[p])}" for p in paid], "funded programs")
    details.append(f"no funding source recorded: {_ids(set(charged) - set(paid))}")
    details.append(f"free to the learner: {_ids(free)}")
    counts = {"charged": len(charged), "funded": len(paid), "aid_services": len(aid)}
    if not aid:
        return Evidence(
            "needs_answer",
            "no tuition aid recorded; the data cannot say how programs are funded",
            tuple(details),
            (),
            counts,
        )
    return Evidence(
        _share(len(paid), len(charged)) if charged else "met",
        f"{len(paid)} of {len(charged)} programs that charge have a funding source",
        tuple(details),
        tuple(sorted(aid)),
        counts,
    )


@item(
    "4.3",
    "sustained-funding",
    title="Funding that outlasts start-up grants",
    scoring="needs your answer: the pathway data records no budgets",
    question="Which budgets keep the system running when the grants end?",
)
def _sustained_funding(ctx: Context) -> Evidence:
    return Evidence("needs_answer", "the pathway data records no budgets")


# -- 5. Align policies and programs ---------------------------------------------


@item(
    "5.1",
    "articulation",
    title="Articulation agreements: credit carries into the next program",
    scoring="`articulates_to` edges and the `agreement` each names: met when every "
    "edge names a recorded agreement, partly when some edges or only agreements, "
    "not met when neither",
    question="Which credits transfer, and where is that written down?",
)
def _articulation(ctx: Context) -> Evidence:
    agreements = set(ctx.of_kind("agreement"))
    edges = ctx.edges("articulates_to")
    backed = [e for e in edges if e[2].get("agreement") in agreements]
    details = _capped(
        [
            f"{u} -> {v}: {d.get('credits') or 0:g} credits, "
            f"agreement {d.get('agreement') or 'not named'}"
            for u, v, d in edges
        ],
        "articulations",
    )
    written = sorted(a for a in agreements if _agreement_type(ctx, a) == "articulation")
    details.append(f"articulation agreements: {_ids(written)}")
    score: Score
    if edges and len(backed) == len(edges):
        score = "met"
    elif edges or written:
        score = "partly"
    else:
        score = "not_met"
    return Evidence(
        score,
        f"{len(edges)} articulation{'s' * (len(edges) != 1)}, "
        f"{len(backed)} backed by an agreement",
        tuple(details),
        tuple(sorted({e[0] for e in edges} | set(written))),
        {
            "articulations": len(edges),
            "backed": len(backed),
            "agreements": len(written),
        },
    )


@item(
    "5.2",
    "prior-learning",
    title="Credit for prior learning (industry certifications, apprenticeships, exams)",
    scoring="`articulates_to` from an industry certification, apprenticeship, "
    "license, badge or assessment, or an assessment with `credits`: met when "
    "found; needs your answer otherwise (a policy may exist outside the data)",
    question="Does the college grant credit for prior learning (exams, "
    "portfolios, industry certifications, military training)?",
)
def _prior_learning(ctx: Context) -> Evidence:
    sources = []
    for u, v, _ in ctx.edges("articulates_to"):
        kind = ctx.attr(u, "kind")
        if kind == "assessment" or (
            kind == "credential"
            and ctx.attr(u, "credential_type", "other") in CPL_SOURCES
        ):
            sources.append(f"{u} -> {v}")
    for a in ctx.of_kind("assessment"):
        if ctx.attr(a, "credits"):
            sources.append(f"{a}: {float(ctx.attr(a, 'credits')):g} credits by exam")
    sources = sorted(set(sources))
    if not sources:
        return Evidence(
            "needs_answer",
            "no credit for prior learning recorded",
            (),
            (),
            {"found": 0},
        )
    return Evidence(
        "met",
        f"{len(sources)} way{'s' * (len(sources) != 1)} to earn credit for prior "
        "learning",
        tuple(_capped(sources, "ways")),
        tuple(sorted({s.split(" ")[0].rstrip(":") for s in sources})),
        {"found": len(sources)},
    )


@item(
    "5.3",
    "policy-alignment",
    title="Partners' policies are aligned (WIOA plans, adult education, financial "
    "aid, admissions)",
    scoring="needs your answer: the pathway data records no policies",
    question="Which policies were changed to let learners move between partners?",
)
def _policy_alignment(ctx: Context) -> Evidence:
    return Evidence("needs_answer", "the pathway data records no policies")


# -- 6. Measure system change and performance ----------------------------------


@item(
    "6.1",
    "completers-recorded",
    title="Outcomes are recorded: completers per program",
    scoring="programs' `completers`: met when every program has them, partly when "
    "some; needs your answer when none (the data may simply not carry them)",
    question="How many learners complete each program a year?",
)
def _completers(ctx: Context) -> Evidence:
    programs = ctx.of_kind("program")
    counted = [p for p in programs if ctx.attr(p, "completers") is not None]
    details = _capped(
        [f"{p}: {float(ctx.attr(p, 'completers')):g}" for p in counted], "programs"
    )
    details.append(f"not recorded: {_ids(set(programs) - set(counted))}")
    counts = {"programs": len(programs), "with_completers": len(counted)}
    if not counted:
        return Evidence(
            "needs_answer", "no program records completers", tuple(details), (), counts
        )
    return Evidence(
        _share(len(counted), len(programs)),
        f"{len(counted)} of {len(programs)} programs record completers",
        tuple(details),
        tuple(counted),
        counts,
    )


@item(
    "6.2",
    "measures-defined",
    title="Shared measures with baselines and targets (e.g. the WIOA indicators)",
    scoring="needs your answer: the pathway data records no measures or targets",
    question="Which measures do the partners share, with what baselines and "
    "targets, and who collects the data?",
)
def _measures_defined(ctx: Context) -> Evidence:
    return Evidence("needs_answer", "the pathway data records no measures")
