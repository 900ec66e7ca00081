"""One settlement line per placement that ran in the month: its rows read, its figures
computed by :mod:`settlement_math` and, for transport, by the engine through the adapter.

Nothing here writes; :mod:`bb103.cases.services.settlement` saves the lines it returns.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from bb103.cases.engine.calendar import planned_days
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.transport import transport_for_month, transport_terms
from bb103.cases.engine.wages import minimum_wage_on, rate_hourly
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Attendance,
    OfferPrice,
    Placement,
    SettlementLine,
    TaxCard,
    TransportArrangement,
    TransportMode,
    WageAgreement,
)
from bb103.cases.services import settlement_math as m

# The figures a line holds: what an approval compares with the stored line.
FIGURES = (
    "placement_id",
    "provider_id",
    "citizen_name",
    "planned_days",
    "days_present",
    "days_sick",
    "days_notified_absence",
    "days_unnotified_absence",
    "days_unregistered",
    "hours",
    "hourly_wage",
    "gross_wage",
    "tax",
    "net_earnings",
    "transport_total",
    "transport_cap",
    "citizen_pays",
    "municipality_pays",
    "provider_amount",
    "explanation",
    "warnings",
)

WAGE_SOURCES = ["Serviceloven § 105", "BEK nr. 483 af 19/05/2011 § 1"]
_WEEKDAYS_DA = {1: "man", 2: "tir", 3: "ons", 4: "tor", 5: "fre", 6: "lør", 7: "søn"}


def _days(n: int, adjective: str = "") -> str:
    """``1 planlagt dag``, ``2 planlagte dage``: Danish singular and plural."""
    if n == 1:
        return f"1 {adjective} dag" if adjective else "1 dag"
    return f"{n} {adjective}e dage" if adjective else f"{n} dage"


def placements_in_month(municipality_id: str, month: date) -> QuerySet[Placement]:
    """The municipality's placements that ran on at least one day of the month, with every
    row the lines need, in a fixed number of queries."""
    first, last = m.month_bounds(month)
    return (
        Placement.objects.filter(case__municipality_id=municipality_id, start_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .select_related("case__citizen", "offer__provider")
        .prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.filter(day__range=(first, last))),
            Prefetch(
                "wages",
                queryset=WageAgreement.objects.filter(valid_from__lte=last).order_by("valid_from"),
            ),
            Prefetch(
                "transport",
                queryset=TransportArrangement.objects.filter(valid_from__lte=last).order_by(
                    "valid_from"
                ),
            ),
            Prefetch(
                "offer__prices",
                queryset=OfferPrice.objects.filter(valid_from__lte=last).order_by("valid_from"),
            ),
            Prefetch(
                "case__citizen__tax_cards",
                queryset=TaxCard.objects.filter(valid_from__lte=last).order_by("valid_from"),
            ),
        )
        .order_by("case__citizen__last_name", "case__citizen__first_name", "id")
    )


def compute_lines(
    municipality_id: str,
    month: date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[SettlementLine]:
    """Unsaved lines for every placement of the month (``settlement`` not set)."""
    placements = list(placements_in_month(municipality_id, month))
    lines = []
    for done, placement in enumerate(placements, start=1):
        lines.append(SettlementLine(**line_figures(placement, month)))
        if progress is not None:
            progress(done, len(placements))
    if progress is not None and not placements:
        progress(0, 0)
    return lines


def figures_of(line: SettlementLine) -> tuple[Any, ...]:
    """A line's figures, comparable between a stored line and a recomputed one."""
    return tuple(_normal(getattr(line, name)) for name in FIGURES)


def _normal(value: Any) -> Any:
    # A stored DecimalField reads back as 12.50; a computed one may be 12.5.
    return value.quantize(m.ORE) if isinstance(value, Decimal) else value


@dataclass
class _Notes:
    explanation: list[dict[str, Any]]
    warnings: list[str]

    def explain(self, rule: str, label: str, text: str, sources: Sequence[str] = ()) -> None:
        self.explanation.append(
            {"rule": rule, "label": label, "text": text, "sources": list(sources)}
        )


def line_figures(placement: Placement, month: date) -> dict[str, Any]:
    """The month's figures for one placement (rows prefetched by placements_in_month)."""
    first, last = m.month_bounds(month)
    runs_from = max(first, placement.start_on)
    runs_to = last if placement.ended_on is None else min(last, placement.ended_on)
    citizen = placement.case.citizen
    notes = _Notes([], [])

    planned = planned_days(placement, first, last)
    records = [
        m.DayRecord(a.day, a.status, a.hours)
        for a in placement.attendance.all()
        if runs_from <= a.day <= runs_to
    ]
    counts = m.day_counts(planned, records, placement.hours_per_day)
    _explain_days(notes, placement, planned, counts, runs_from, runs_to, first, last)

    pay = _wage(notes, placement, counts)
    terms = _tax_terms(notes, placement, last)
    withheld, net = m.tax(pay.gross, terms)
    if terms is not None:
        taxable = max(m.ZERO, pay.gross - terms.monthly_deduction)
        notes.explain(
            "tax",
            "A-skat",
            f"Trækprocent {m.num(terms.withholding_pct)} % af bruttolønnen "
            f"{m.kr(pay.gross)} fratrukket månedsfradraget {m.kr(terms.monthly_deduction)}"
            f" ({m.kr(taxable)}): {m.kr(withheld)} Indtjening efter skat: {m.kr(net)}",
            [terms.source],
        )
    transport = _transport(notes, placement, counts.present, net, runs_to, last)
    owed = _provider(notes, placement, month, runs_from, runs_to, planned)
    return {
        "placement": placement,
        "provider": placement.offer.provider,
        "citizen_name": f"{citizen.first_name} {citizen.last_name}".strip(),
        "planned_days": len(planned),
        "days_present": counts.present,
        "days_sick": counts.sick,
        "days_notified_absence": counts.notified_absence,
        "days_unnotified_absence": counts.unnotified_absence,
        "days_unregistered": counts.unregistered,
        "hours": pay.hours,
        # The rate paid, already whole øre: the export shows the rate the gross is made of.
        "hourly_wage": pay.single_rate,
        "gross_wage": pay.gross,
        "tax": withheld,
        "net_earnings": net,
        "transport_total": transport.total,
        "transport_cap": transport.cap,
        "citizen_pays": transport.citizen_pays,
        "municipality_pays": transport.municipality_pays,
        "provider_amount": owed,
        "explanation": notes.explanation,
        "warnings": notes.warnings,
    }


def _explain_days(
    notes: _Notes,
    placement: Placement,
    planned: list[date],
    counts: m.DayCounts,
    runs_from: date,
    runs_to: date,
    first: date,
    last: date,
) -> None:
    weekdays = ", ".join(_WEEKDAYS_DA[int(c)] for c in sorted(placement.weekdays))
    ran = ""
    if (runs_from, runs_to) != (first, last):
        ran = f" Placeringen løb {danish_date(runs_from)}–" + (f"{danish_date(runs_to)} i måneden.")
    notes.explain(
        "days",
        "Dage",
        f"{_days(len(planned), 'planlagt')} ({weekdays}; helligdage og kommunens lukkedage "
        f"tæller ikke).{ran} Mødt {counts.present}, syg {counts.sick}, meldt afbud "
        f"{counts.notified_absence}, udeblevet {counts.unnotified_absence}, uden "
        f"registrering {counts.unregistered}.",
    )
    if counts.unregistered:
        notes.warnings.append(
            f"{_days(counts.unregistered, 'planlagt')} uden registreret fremmøde: de er hverken "
            "lønnet eller regnet som fremmøde. Bed tilbuddet registrere dem, og beregn igen."
        )
    if counts.unplanned:
        days = ", ".join(danish_date(d) for d in counts.unplanned)
        notes.warnings.append(
            f"Fremmøde registreret på dage, der ikke var planlagt ({days}); de er medregnet."
        )


def _wage(notes: _Notes, placement: Placement, counts: m.DayCounts) -> m.WageResult:
    agreements = list(placement.wages.all())
    agreement_name = placement.offer.collective_agreement
    no_minimum: list[date] = []

    def rate_on(day: date) -> m.HourlyRate | None:
        found = [w for w in agreements if w.valid_from <= day]
        if not found:
            return None
        w = found[-1]
        since = danish_date(w.valid_from)
        if w.hourly_amount is not None:
            return m.HourlyRate(w.hourly_amount, f"timeløn {m.kr(w.hourly_amount)} (fra {since})")
        minimum = minimum_wage_on(agreement_name, day)
        if minimum is None:
            no_minimum.append(day)
            return None
        assert w.rate_pct is not None
        value, source = minimum
        # Paid in whole øre at the rate the line shows (BEK 483 § 1: never below the rate):
        # 5 % of 143,35 = 7,1675 is paid as 7,17, so 108 h × 7,17 = 774,36 adds up.
        exact = w.rate_pct * value / m.HUNDRED
        paid = rate_hourly(value, w.rate_pct)
        rounded = "" if paid == exact else f"{m.num(exact)} kr., rundet op til "
        return m.HourlyRate(
            paid,
            f"{m.num(w.rate_pct)} % af mindstelønnen {m.kr(value)} = {rounded}"
            f"{m.kr(paid)} i timen (lønaftale fra {since})",
            (source,),
        )

    pay = m.wage(counts.present_hours, rate_on)
    parts = [f"{m.num(hours)} timer à {rate.text}" for rate, hours in pay.rates]
    sources = [*WAGE_SOURCES, *dict.fromkeys(s for rate, _ in pay.rates for s in rate.sources)]
    text = f"{m.num(pay.hours)} timer på {_days(counts.present)} med fremmøde."
    if parts:
        text += " " + "; ".join(parts) + "."
    text += f" Bruttoløn: {m.kr(pay.gross)}"
    notes.explain("wage", "Løn", text, sources)
    missing = [d for d in pay.days_without_wage if d not in no_minimum]
    if missing:
        notes.warnings.append(
            f"Ingen lønaftale i kraft for {_days(len(missing))} med fremmøde: lønnet med "
            "0 kr. Registrér lønaftalen, og beregn igen."
        )
    if no_minimum:
        notes.warnings.append(
            f"Overenskomsten »{agreement_name}« har ingen mindsteløn i lovdata for "
            f"{_days(len(no_minimum))} med fremmøde: lønnet med 0 kr."
        )
    return pay


def _tax_terms(notes: _Notes, placement: Placement, last: date) -> m.TaxTerms | None:
    cards = list(placement.case.citizen.tax_cards.all())
    if not cards:
        notes.explain(
            "tax",
            "A-skat",
            "Intet skattekort i kraft ved månedens udgang: der er ikke trukket A-skat, og "
            "indtjeningen efter skat er sat lig bruttolønnen.",
        )
        notes.warnings.append(
            "Borgeren har intet skattekort i kraft: der er ikke trukket skat, og loftet for "
            "befordring er regnet af bruttolønnen. Registrér skattekortet før udbetaling."
        )
        return None
    card = cards[-1]  # in force on the month's last day: prefetched up to it, in date order
    return m.TaxTerms(
        card.withholding_pct,
        card.monthly_deduction,
        f"Skattekort ({card.get_kind_display().lower()}) fra {danish_date(card.valid_from)}",
    )


@dataclass(frozen=True)
class _Transport:
    total: Decimal
    cap: Decimal | None
    citizen_pays: Decimal
    municipality_pays: Decimal


_NO_TRANSPORT = _Transport(m.ZERO, None, m.ZERO, m.ZERO)


def _transport(
    notes: _Notes, placement: Placement, days: int, net: Decimal, runs_to: date, last: date
) -> _Transport:
    """The arrangement in force on the placement's last day in the month, through the
    engine. A change during the month counts from the next month (warned)."""
    arrangements = [a for a in placement.transport.all() if a.valid_from <= runs_to]
    if not arrangements:
        notes.warnings.append(
            "Ingen befordring registreret for placeringen: befordring er sat til 0 kr."
        )
        return _NO_TRANSPORT
    arrangement = arrangements[-1]
    if arrangement.mode == TransportMode.NONE:
        notes.explain("transport", "Befordring", "Ingen befordring at betale.")
        return _NO_TRANSPORT
    first = last.replace(day=1)
    if arrangement.valid_from > first and len(arrangements) > 1:
        notes.warnings.append(
            "Befordringen er ændret i løbet af måneden: hele måneden er afregnet efter "
            f"ordningen fra {danish_date(arrangement.valid_from)}."
        )
    block: dict[str, Any] = {"net_earnings": net}
    if arrangement.mode == TransportMode.PER_KM:
        if arrangement.one_way_km is None or arrangement.price_per_km is None:
            notes.warnings.append(
                "Befordring pr. km mangler afstand eller pris pr. km: sat til 0 kr."
            )
            return _NO_TRANSPORT
        block.update(
            one_way_km=arrangement.one_way_km, price_per_km=arrangement.price_per_km, days=days
        )
    else:
        if arrangement.monthly_fare_total is None or arrangement.monthly_fare_first_10km is None:
            km = transport_terms(placement.case.municipality_id, runs_to).km_da
            notes.warnings.append(
                "Befordring med månedskort mangler prisen for hele turen eller for de første "
                f"{km}: sat til 0 kr."
            )
            return _NO_TRANSPORT
        if days == 0:
            notes.explain(
                "transport",
                "Befordring",
                "Ingen dage med fremmøde i måneden: der er ingen befordring at betale.",
            )
            return _NO_TRANSPORT
        block.update(
            period_cost_total=arrangement.monthly_fare_total,
            period_cost_first_10km=arrangement.monthly_fare_first_10km,
        )
    try:
        result = transport_for_month(placement.case.municipality_id, as_of=runs_to, transport=block)
    except CaseError as exc:
        notes.warnings.append(f"Befordringen kunne ikke beregnes: {exc.message} Sat til 0 kr.")
        return _NO_TRANSPORT
    means = f" ({arrangement.means})" if arrangement.means else ""
    notes.explain("transport", f"Befordring{means}", result.text, result.sources)
    return _Transport(result.total, result.cap, result.citizen_pays, result.municipality_pays)


def _provider(
    notes: _Notes,
    placement: Placement,
    month: date,
    runs_from: date,
    runs_to: date,
    planned: list[date],
) -> Decimal:
    prices = list(placement.offer.prices.all())

    def price_on(day: date) -> m.Price | None:
        found = [p for p in prices if p.valid_from <= day]
        return None if not found else m.Price(found[-1].unit, found[-1].amount)

    owed = m.provider_amount(
        month=month, runs_from=runs_from, runs_to=runs_to, planned=planned, price_on=price_on
    )
    parts = []
    if owed.day_price_days:
        parts.append(f"takst pr. dag for {_days(owed.day_price_days, 'planlagt')}")
    if owed.month_price_days:
        days_in_month = (m.month_bounds(month)[1] - m.month_bounds(month)[0]).days + 1
        parts.append(
            f"månedstakst for {owed.month_price_days} af månedens {days_in_month} kalenderdage"
        )
    prices_text = ", ".join(
        f"{m.kr(p.amount)} {'pr. dag' if p.unit == 'day' else 'pr. måned'}" for p in owed.prices
    )
    text = (
        f"Til {placement.offer.provider.name}: "
        + (" og ".join(parts) or "ingen takst")
        + (f" ({prices_text})" if prices_text else "")
        + f" = {m.kr(owed.amount)} Pladsen er reserveret, uanset om borgeren mødte."
    )
    notes.explain("provider", "Betaling til leverandøren", text, ["Tilbuddets takst"])
    if owed.days_without_price or not prices:
        notes.warnings.append(
            f"Tilbuddet »{placement.offer.name}« har ingen takst for hele måneden: "
            "betalingen til leverandøren mangler for de dage."
        )
    return owed.amount
