"""The overview's figures as a reader gets them (issue 20, point 3): each with a title, a
plain Danish sentence with its key numbers, its data as a table (the same rows the CSV and
XLSX downloads hold) and, where a picture helps, the series a chart draws.

One module for every channel: the overview page draws the charts from these, the
downloads write the tables, and the annual report can print both. No query: everything is
read from an :class:`~bb103.cases.selectors.overview.Overview`.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bb103.cases.engine.formatting import danish_months
from bb103.cases.models import AnkeOutcome, CaseStatus
from bb103.cases.selectors.overview import Overview

# The Danish month names the engine's dates use, through the engine's adapter.
MONTHS = danish_months
SHORT_MONTHS = [m[:3] for m in MONTHS]


@dataclass(frozen=True)
class Chart:
    """Bars side by side per category (never stacked: each bar carries its own value
    label). ``columns``: vertical, for months; ``bars``: horizontal, for long names."""

    kind: str  # "columns" or "bars"
    categories: list[str]
    series: list[tuple[str, list[float]]]
    unit: str = ""  # "kr." for money: value labels are then rounded to whole kroner


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    summary: str
    headers: list[str]
    rows: list[list[Any]]
    # One per column: "text", "int", "money", "number"
    kinds: list[str]
    chart: Chart | None = None
    note: str = ""


def figures(overview: Overview) -> list[Figure]:
    return [
        _deadlines(overview),
        _days(overview),
        _states(overview),
        _caseload(overview),
        _offers(overview),
        _costs(overview),
        _complaints(overview),
        _appeals(overview),
    ]


def figure(overview: Overview, slug: str) -> Figure | None:
    return next((f for f in figures(overview) if f.slug == slug), None)


SLUGS = (
    "frister",
    "sagsbehandlingstid",
    "sager",
    "sagsbelastning",
    "tilbud",
    "udgifter",
    "klager",
    "ankestyrelsen",
)


def pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def kroner(amount: Decimal | None) -> str:
    """Whole kroner with a thousands dot, as Danish readers write money in a sentence."""
    if amount is None:
        return "–"
    return f"{round(amount):,} kr.".replace(",", ".")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _deadlines(o: Overview) -> Figure:
    rules = "; ".join(
        f"{r.municipality}: {r.label} ({r.source})" if r.label else f"{r.municipality}: ingen frist"
        for r in o.rules
    )
    total = o.on_time + o.late
    if total:
        summary = (
            f"I {o.year} nåede {o.on_time} af {_plural(total, 'afgørelse', 'afgørelser')} "
            f"({pct(o.on_time, total)}) borgeren inden for kvalitetsstandardens frist, "
            f"og {o.late} kom efter fristen."
        )
        worst = max(o.deadlines, key=lambda m: (m.late, -m.month))
        if worst.late:
            summary += f" Flest efter fristen i {MONTHS[worst.month - 1]} ({worst.late})."
    else:
        summary = f"Ingen afgørelser nåede borgeren i {o.year}."
    rows: list[list[Any]] = [[MONTHS[m.month - 1], m.on_time, m.late, m.total] for m in o.deadlines]
    rows.append(["I alt", o.on_time, o.late, total])
    return Figure(
        "frister",
        "Afgørelser inden for og efter fristen",
        summary,
        ["Måned", "Inden for fristen", "Efter fristen", "I alt"],
        rows,
        ["text", "int", "int", "int"],
        Chart(
            "columns",
            SHORT_MONTHS,
            [
                ("Inden for fristen", [m.on_time for m in o.deadlines]),
                ("Efter fristen", [m.late for m in o.deadlines]),
            ],
        ),
        note=(
            "Fristen er kvalitetsstandardens egen, beregnet for hver sag fra ansøgningen "
            f"({rules}). Den er overholdt, når afgørelsen er nået frem til borgeren; "
            "afgørelsen tælles i den måned, den nåede frem."
        ),
    )


def _days(o: Overview) -> Figure:
    n = len(o.days_to_decision)
    median = o.median_days
    if n:
        median_text = f"{median:g}".replace(".", ",")
        summary = (
            f"Fra ansøgningen blev modtaget til afgørelsen gik der i {o.year} i midten "
            f"(median) {median_text} dage, og 90 % af afgørelserne blev truffet inden for "
            f"{o.p90_days} dage ({_plural(n, 'afgørelse', 'afgørelser')})."
        )
    else:
        summary = f"Ingen første afgørelser på en ansøgning i {o.year}."
    return Figure(
        "sagsbehandlingstid",
        "Dage fra ansøgning til afgørelse",
        summary,
        ["Mål", "Dage"],
        [
            ["Afgørelser", n],
            ["Median", median],
            ["90 %-fraktil", o.p90_days],
            ["Korteste", min(o.days_to_decision, default=None)],
            ["Længste", max(o.days_to_decision, default=None)],
        ],
        ["text", "number"],
        note=(
            "Kalenderdage fra ansøgningen blev modtaget til kommunens første afgørelse på "
            "den. 90 %-fraktilen er den mindste værdi, som 90 % af afgørelserne ligger på "
            "eller under."
        ),
    )


def _states(o: Overview) -> Figure:
    rows = [[CaseStatus(s).label, n] for s, n in o.cases_by_state.items()]
    total = sum(o.cases_by_state.values())
    most = max(rows, key=lambda r: r[1]) if total else None
    summary = f"Der er {_plural(total, 'sag', 'sager')} i alt" + (
        f"; flest har status «{most[0]}» ({most[1]})." if most else "."
    )
    return Figure(
        "sager",
        "Sager efter status i dag",
        summary,
        ["Status", "Sager"],
        [*rows, ["I alt", total]],
        ["text", "int"],
        Chart("bars", [r[0] for r in rows], [("Sager", [r[1] for r in rows])]),
    )


def _caseload(o: Overview) -> Figure:
    rows = [[r.caseworker, r.open_cases, r.open_tasks, r.overdue_tasks] for r in o.caseload]
    overdue = sum(r.overdue_tasks for r in o.caseload)
    if rows:
        top = o.caseload[0]
        summary = (
            f"{_plural(len(rows), 'rådgiver har', 'rådgivere har')} åbne sager eller "
            f"opgaver; flest sager har {top.caseworker} ({top.open_cases}). "
            f"{_plural(overdue, 'opgave er', 'opgaver er')} overskredet i alt."
        )
    else:
        summary = "Ingen rådgiver har åbne sager eller opgaver."
    return Figure(
        "sagsbelastning",
        "Sager og opgaver pr. rådgiver",
        summary,
        ["Rådgiver", "Åbne sager", "Åbne opgaver", "Overskredne opgaver"],
        rows,
        ["text", "int", "int", "int"],
        Chart(
            "bars",
            [r[0] for r in rows],
            [
                ("Åbne sager", [r[1] for r in rows]),
                ("Overskredne opgaver", [r[3] for r in rows]),
            ],
        )
        if rows
        else None,
    )


def _offers(o: Overview) -> Figure:
    rows = [
        [r.municipality, r.provider, r.offer, r.places, r.running, r.occupancy_pct, r.waiting]
        for r in o.offers
    ]
    waiting = sum(r.waiting for r in o.offers)
    full = [r for r in o.offers if r.places and r.running >= r.places]
    summary = (
        f"{_plural(len(o.offers), 'tilbud', 'tilbud')}; {len(full)} er fuldt belagt, og "
        f"{_plural(waiting, 'borger venter', 'borgere venter')} på en plads."
    )
    labels = [f"{r.offer} ({r.provider})" for r in o.offers]
    return Figure(
        "tilbud",
        "Belægning og venteliste pr. tilbud i dag",
        summary,
        ["Kommune", "Leverandør", "Tilbud", "Pladser", "I tilbuddet", "Belægning %", "Venteliste"],
        rows,
        ["text", "text", "text", "int", "int", "int", "int"],
        Chart(
            "bars",
            labels,
            [
                ("Pladser", [r.places or 0 for r in o.offers]),
                ("I tilbuddet", [r.running for r in o.offers]),
                ("På venteliste", [r.waiting for r in o.offers]),
            ],
        )
        if rows
        else None,
        note="Belægning: borgere med en løbende placering i dag i forhold til tilbuddets pladser.",
    )


def _costs(o: Overview) -> Figure:
    rows: list[list[Any]] = []
    this_year, last_year = Decimal(0), Decimal(0)
    for c in o.costs:
        change = (
            None if c.total is None or c.last_year_total is None else c.total - c.last_year_total
        )
        rows.append(
            [MONTHS[c.month - 1], c.wages, c.transport, c.takst, c.total, c.last_year_total, change]
        )
        if c.total is not None:
            this_year += c.total
            # Last year's same months only: the comparison is month for month.
            last_year += c.last_year_total or 0
    approved = [c for c in o.costs if c.total is not None]
    if approved:
        summary = (
            f"De {_plural(len(approved), 'godkendte måned', 'godkendte måneder')} i {o.year} "
            f"kostede {kroner(this_year)} (løn, befordring og takst) mod {kroner(last_year)} "
            f"i de samme måneder i {o.year - 1}."
        )
    else:
        summary = f"Ingen godkendte månedsafregninger i {o.year}."
    return Figure(
        "udgifter",
        "Udgifter pr. måned mod samme måned sidste år",
        summary,
        [
            "Måned",
            "Løn (brutto)",
            "Befordring (kommunens andel)",
            "Takst til leverandører",
            f"I alt {o.year}",
            f"I alt {o.year - 1}",
            "Forskel",
        ],
        rows,
        ["text", "money", "money", "money", "money", "money", "money"],
        Chart(
            "columns",
            SHORT_MONTHS,
            [
                (str(o.year), [float(c.total or 0) for c in o.costs]),
                (str(o.year - 1), [float(c.last_year_total or 0) for c in o.costs]),
            ],
            unit="kr.",
        ),
        note="Kun godkendte og låste månedsafregninger; en måned uden godkendt afregning er tom.",
    )


def _complaints(o: Overview) -> Figure:
    c = o.complaints
    rows: list[list[Any]] = [
        ["Modtaget", c.received],
        ["Ændret ved genvurderingen", c.changed_at_reassessment],
        ["Sendt til Ankestyrelsen", c.forwarded],
    ]
    rows += [[f"Ankestyrelsen: {AnkeOutcome(k).label}", n] for k, n in c.outcomes.items()]
    decided = sum(c.outcomes.values())
    upheld = c.outcomes.get(AnkeOutcome.UPHELD, 0)
    summary = (
        f"I {o.year} modtog kommunen {_plural(c.received, 'klage', 'klager')}, ændrede "
        f"{c.changed_at_reassessment} ved genvurderingen og sendte {c.forwarded} til "
        f"Ankestyrelsen. Ankestyrelsen traf {_plural(decided, 'afgørelse', 'afgørelser')}; "
        f"{upheld} blev stadfæstet."
    )
    return Figure(
        "klager",
        "Klager og Ankestyrelsens afgørelser",
        summary,
        ["Trin", "Antal"],
        rows,
        ["text", "int"],
        Chart("bars", [r[0] for r in rows], [("Antal", [r[1] for r in rows])]),
        note="Hvert trin tælles i det år, det skete.",
    )


def _appeals(o: Overview) -> Figure:
    outcomes = list(AnkeOutcome)
    rows: list[list[Any]] = []
    for g in o.appeal_grounds:
        where = {"legal": "Loven", "municipal": "Kvalitetsstandarden"}.get(g.kind, "")
        rows.append([g.label, where, g.source, *(g.outcomes.get(k, 0) for k in outcomes), g.total])
    total = sum(o.appeal_totals.values())
    rows.append(["I alt (hver afgørelse én gang)", "", "", *o.appeal_totals.values(), total])
    criteria = [g for g in o.appeal_grounds if g.kind != "other" and g.not_upheld]
    if criteria:
        worst = criteria[0]
        summary = (
            f"Af afslagene, Ankestyrelsen afgjorde i {o.year}, holdt flest ikke på "
            f"«{worst.label}»: {worst.not_upheld} af {worst.total} blev ændret, hjemvist "
            "eller ophævet."
        )
    elif total:
        summary = (
            f"Ankestyrelsen traf {_plural(total, 'afgørelse', 'afgørelser')} i {o.year}; "
            "ingen afslag på et kriterie blev ændret, hjemvist eller ophævet."
        )
    else:
        summary = f"Ankestyrelsen traf ingen afgørelser i kommunens sager i {o.year}."
    grounds = o.appeal_grounds
    return Figure(
        "ankestyrelsen",
        "Hvilke regler holder ikke i Ankestyrelsen",
        summary,
        ["Afslaget hvilede på", "Regel fra", "Kilde", *(k.label for k in outcomes), "I alt"],
        rows,
        ["text", "text", "text", *("int" for _ in outcomes), "int"],
        Chart(
            "bars",
            [g.label for g in grounds],
            [(k.label, [g.outcomes.get(k, 0) for g in grounds]) for k in outcomes],
        )
        if grounds
        else None,
        note=(
            "Grunden er det kriterie, der ikke var opfyldt i afgørelsen, som den blev truffet "
            "(regelmotorens vurdering gemt på afgørelsesdagen), ikke kvalitetsstandarden i "
            "dag. Et afslag på flere kriterier tælles under hvert af dem; rækken «I alt» "
            "tæller hver af Ankestyrelsens afgørelser én gang."
        ),
    )
