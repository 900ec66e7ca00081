"""The monthly settlement (issue 6, point 4): hand-computed months, each worked out in its
comment, against BEK nr. 483 af 19/05/2011 § 1 (wage), § 2 (transport: the first 10 km
each way and at most 30 % of net earnings for the citizen) and the tax card."""

from datetime import date
from decimal import Decimal

import pytest

from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import (
    AuditEntry,
    Role,
    SettlementLine,
    SettlementStatus,
    WageAgreement,
)
from bb103.cases.services import settlement_approve, settlement_run
from bb103.cases.services import settlement_math as m
from bb103.cases.services.settlement_lines import figures_of
from tests.cases.factories import make_user
from tests.cases.settlement_world import (
    attend,
    hourly_wage,
    monthly_fare,
    per_km,
    placement_for,
    price,
    rate_wage,
    tax_card,
    weekdays_of,
)

pytestmark = pytest.mark.django_db

D = Decimal
SEPTEMBER = date(2025, 9, 1)
# September 2025, Monday to Thursday: Mondays 1, 8, 15, 22, 29; Tuesdays 2, 9, 16, 23, 30;
# Wednesdays 3, 10, 17, 24; Thursdays 4, 11, 18, 25: 18 planned days, no holidays.
SEPT_DAYS = weekdays_of(date(2025, 9, 1), date(2025, 9, 30))


def _line(staff, month, user=None):
    settlement = settlement_run(
        user=user or staff.caseworker, municipality=staff.municipality, month=month
    )
    lines = list(settlement.lines.all())
    assert len(lines) == 1
    return lines[0]


# --- pure arithmetic ----------------------------------------------------------------------
def test_tax_is_withholding_of_gross_less_deduction_rounded_half_up():
    """Tax card: 37 % × (1.000,05 − 0,00) = 370,0185 → 370,02; net 630,03. With a
    deduction larger than the gross no tax is withheld (never negative)."""
    terms = m.TaxTerms(D("37"), D("0"))
    assert m.tax(D("1000.05"), terms) == (D("370.02"), D("630.03"))
    assert m.tax(D("500.00"), m.TaxTerms(D("40"), D("800"))) == (D("0.00"), D("500.00"))
    assert m.tax(D("500.00"), None) == (D("0"), D("500.00"))


def test_wage_follows_the_rate_in_force_each_day_and_rounds_once():
    """Σ hours × the hourly wage that day, exact, rounded at the end: 2 days × 6 h at
    6,9925 (5 % of 139,85) + 1 day × 6 h at 7,1675 (5 % of 143,35) = 83,91 + 43,005 =
    126,915 → 126,92 (rounding each day first would give 83,91 + 43,01 = 126,92 here too,
    but 3 × 6 h at 6,9925 = 125,865 → 125,87 where per-day rounding gives 3 × 41,96 =
    125,88)."""
    old = m.HourlyRate(D("6.9925"), "gammel")
    new = m.HourlyRate(D("7.1675"), "ny")
    days = [(date(2026, 2, 26), D(6)), (date(2026, 2, 27), D(6)), (date(2026, 3, 2), D(6))]
    pay = m.wage(days, lambda d: old if d < date(2026, 3, 1) else new)
    assert (pay.hours, pay.gross) == (D(18), D("126.92"))
    assert pay.single_rate is None
    three = m.wage(days, lambda d: old)
    assert three.gross == D("125.87")


def test_provider_month_price_is_shared_by_calendar_days():
    """Month price 12.400 kr. for a placement that ran 10 of September's 30 days:
    12.400 × 10 / 30 = 4.133,333… → 4.133,33. Day price 500 for 3 planned days: 1.500."""
    month_price = m.provider_amount(
        month=SEPTEMBER,
        runs_from=date(2025, 9, 21),
        runs_to=date(2025, 9, 30),
        planned=[],
        price_on=lambda d: m.Price("month", D("12400")),
    )
    assert month_price.amount == D("4133.33")
    day_price = m.provider_amount(
        month=SEPTEMBER,
        runs_from=date(2025, 9, 1),
        runs_to=date(2025, 9, 30),
        planned=SEPT_DAYS[:3],
        price_on=lambda d: m.Price("day", D("500")),
    )
    assert day_price.amount == D("1500.00")


# --- hand-computed months -----------------------------------------------------------------
def test_under_10_km_the_30_pct_cap_bites(ballerup, citizen_of):
    """BEK 483 § 2: under 10 km the citizen would pay the whole trip, but never more than
    30 % of net earnings.

    18 planned days; 16 present, 1 sick (18 Sept), 1 not registered (25 Sept).
    Hours 16 × 6 = 96; gross 96 × 20,00 = 1.920,00. Tax 38 % × 1.920,00 = 729,60; net
    1.190,40. Transport 8 km × 2,00 kr. × 16 days × 2 = 512,00, all within the first 10 km
    (citizen base 512,00); cap 30 % × 1.190,40 = 357,12; the citizen pays 357,12 and the
    municipality 512,00 − 357,12 = 154,88. Provider: 500 kr. × 18 planned days = 9.000,00.
    """
    p = placement_for(ballerup, citizen_of)
    present = [d for d in SEPT_DAYS if d not in (date(2025, 9, 18), date(2025, 9, 25))]
    attend(p, ballerup.caseworker, present)
    attend(p, ballerup.caseworker, [date(2025, 9, 18)], "sick")
    hourly_wage(p, ballerup.caseworker, "20.00")
    tax_card(p, "38")
    per_km(p, "8", "2.00")
    price(ballerup.offer, "day", "500")
    line = _line(ballerup, SEPTEMBER)
    assert (line.planned_days, line.days_present, line.days_sick, line.days_unregistered) == (
        18,
        16,
        1,
        1,
    )
    assert line.hours == D("96")
    assert line.hourly_wage == D("20.00")
    assert (line.gross_wage, line.tax, line.net_earnings) == (D("1920"), D("729.6"), D("1190.4"))
    assert line.transport_total == D("512.00")
    assert line.transport_cap == D("357.12")
    assert (line.citizen_pays, line.municipality_pays) == (D("357.12"), D("154.88"))
    assert line.provider_amount == D("9000.00")
    assert any("1 planlagt dag uden registreret fremmøde" in w for w in line.warnings)
    transport = next(x for x in line.explanation if x["rule"] == "transport")
    assert "BEK nr. 483 af 19/05/2011 § 2" in " ".join(transport["sources"])
    assert "357,12 kr." in transport["text"]


def test_over_10_km_with_a_tax_card_deduction(ballerup, citizen_of):
    """BEK 483 § 2: over 10 km the municipality pays beyond the first 10 km each way.

    16 days present of 18 (two not registered); 96 hours × 30,00 = 2.880,00 gross. Tax card
    40 % with a monthly deduction of 1.000,00: 40 % × 1.880,00 = 752,00; net 2.128,00.
    Transport 25 km × 1,50 × 16 × 2 = 1.200,00; citizen base 10 × 1,50 × 16 × 2 = 480,00;
    cap 30 % × 2.128,00 = 638,40 does not bite: the citizen pays 480,00, the municipality
    720,00."""
    p = placement_for(ballerup, citizen_of)
    attend(p, ballerup.caseworker, SEPT_DAYS[:16])
    hourly_wage(p, ballerup.caseworker, "30.00")
    tax_card(p, "40", "1000")
    per_km(p, "25", "1.50")
    price(ballerup.offer, "day", "500")
    line = _line(ballerup, SEPTEMBER)
    assert (line.gross_wage, line.tax, line.net_earnings) == (D("2880"), D("752"), D("2128"))
    assert (line.transport_total, line.transport_cap) == (D("1200"), D("638.40"))
    assert (line.citizen_pays, line.municipality_pays) == (D("480"), D("720"))
    assert line.days_unregistered == 2


def test_no_attendance_pays_no_wage_nor_transport_but_the_place(ballerup, citizen_of):
    """No day registered: 18 planned days unregistered (warned, not counted as present);
    0 hours, gross 0, tax 0, net 0; transport 0 round trips = 0 (cap 0); the provider is
    still owed the held place: 500 × 18 = 9.000,00."""
    p = placement_for(ballerup, citizen_of)
    hourly_wage(p, ballerup.caseworker, "20.00")
    tax_card(p, "38")
    per_km(p, "8", "2.00")
    price(ballerup.offer, "day", "500")
    line = _line(ballerup, SEPTEMBER)
    assert (line.days_present, line.days_unregistered, line.hours) == (0, 18, D(0))
    assert (line.gross_wage, line.tax, line.net_earnings) == (D(0), D(0), D(0))
    assert (line.transport_total, line.citizen_pays, line.municipality_pays) == (
        D(0),
        D(0),
        D(0),
    )
    assert line.provider_amount == D("9000")
    assert any("18 planlagte dage uden registreret fremmøde" in w for w in line.warnings)


def test_december_holidays_and_closing_days_are_not_planned(ballerup, citizen_of):
    """December 2025, Monday to Thursday: 19 such days, less Christmas Eve (Wed 24, a
    closing day), Christmas Day (Thu 25) and New Year's Eve (Wed 31, a closing day): 16
    planned days. All present: 96 hours × 20,00 = 1.920,00; tax card 0 %: net 1.920,00.
    Monthly fare 600,00 (first 10 km 400,00): the citizen pays 400,00 (cap 576,00 does not
    bite), the municipality 200,00. Month price 12.000 for the whole month: 12.000,00."""
    p = placement_for(ballerup, citizen_of)
    december = weekdays_of(date(2025, 12, 1), date(2025, 12, 31))
    planned = [d for d in december if d.day not in (24, 25, 31)]
    assert len(december) == 19 and len(planned) == 16
    attend(p, ballerup.caseworker, planned)
    hourly_wage(p, ballerup.caseworker, "20.00")
    tax_card(p, "0")
    monthly_fare(p, "600", "400")
    price(ballerup.offer, "month", "12000")
    line = _line(ballerup, date(2025, 12, 1))
    assert (line.planned_days, line.days_present, line.days_unregistered) == (16, 16, 0)
    assert (line.gross_wage, line.net_earnings) == (D("1920"), D("1920"))
    assert (line.transport_total, line.transport_cap) == (D("600"), D("576"))
    assert (line.citizen_pays, line.municipality_pays) == (D("400"), D("200"))
    assert line.provider_amount == D("12000")
    assert line.warnings == []


def test_easter_days_are_not_planned(vejen, citizen_of):
    """April 2026, Monday to Friday: 22 weekdays less Skærtorsdag (2), Langfredag (3) and
    2. påskedag (6): 19 planned days (Store Bededag is abolished from 2024)."""
    placement_for(vejen, citizen_of, days=5, weekdays="12345")
    line = _line(vejen, date(2026, 4, 1))
    assert line.planned_days == 19


def test_rate_pct_follows_the_minimum_wage_change_on_1_march_2026(vejen, citizen_of):
    """Vejen's 5 % of the lowest wage of Industriens Overenskomst: 139,85 until
    28 February 2026, 143,35 from 1 March 2026 (national.toml minimum_wages).

    Paid in whole øre, rounded up (issue 15, point 3): 6,9925 -> 7,00; 7,1675 -> 7,17.
    February 2026, Monday to Friday: 20 days × 6 h = 120 h × 7,00 = 840,00.
    March 2026: 22 days × 6 h = 132 h × 7,17 = 946,44."""
    p = placement_for(vejen, citizen_of, days=5, weekdays="12345")
    rate_wage(p, vejen.caseworker, "5")
    tax_card(p, "0")
    attend(p, vejen.caseworker, weekdays_of(date(2026, 2, 1), date(2026, 3, 31), "12345"))
    feb = _line(vejen, date(2026, 2, 1))
    assert (feb.planned_days, feb.hours, feb.gross_wage) == (20, D(120), D("840.00"))
    assert feb.hourly_wage == D("7.00")  # the rate shown is the rate paid
    wage = next(x for x in feb.explanation if x["rule"] == "wage")
    assert any("1. maj 2025" in s for s in wage["sources"])
    march = _line(vejen, date(2026, 3, 1))
    assert (march.planned_days, march.hours, march.gross_wage) == (22, D(132), D("946.44"))
    assert any("1. marts 2026" in s for x in march.explanation for s in x["sources"])


def test_missing_wage_tax_card_and_transport_are_warned_not_guessed(ballerup, citizen_of):
    """No wage agreement: gross 0 with a warning. No tax card: nothing withheld, warned.
    No transport row: 0, warned. No price: 0, warned."""
    p = placement_for(ballerup, citizen_of)
    attend(p, ballerup.caseworker, SEPT_DAYS)
    line = _line(ballerup, SEPTEMBER)
    assert (line.gross_wage, line.tax, line.provider_amount) == (D(0), D(0), D(0))
    text = " ".join(line.warnings)
    for expected in ("Ingen lønaftale", "intet skattekort", "Ingen befordring", "ingen takst"):
        assert expected in text


def test_placement_ending_mid_month_pays_the_month_price_by_share(ballerup, citizen_of):
    """Ended 10 September 2025: 10 of 30 calendar days at a month price of 9.000:
    9.000 × 10 / 30 = 3.000,00. Planned days 1-4 and 8-10 September: 7."""
    p = placement_for(ballerup, citizen_of)
    p.ended_on = date(2025, 9, 10)
    p.save(update_fields=["ended_on"])
    price(ballerup.offer, "month", "9000")
    line = _line(ballerup, SEPTEMBER)
    assert (line.planned_days, line.provider_amount) == (7, D("3000"))


# --- running, approving, locking ------------------------------------------------------------
@pytest.fixture
def september(ballerup, citizen_of):
    p = placement_for(ballerup, citizen_of)
    attend(p, ballerup.caseworker, SEPT_DAYS[:10])
    hourly_wage(p, ballerup.caseworker, "20.00")
    tax_card(p, "38")
    per_km(p, "8", "2.00")
    price(ballerup.offer, "day", "500")
    return p


def test_rerunning_an_open_month_is_idempotent(ballerup, september):
    """Running an open month again with nothing changed gives the same lines."""
    first = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    before = [figures_of(x) for x in first.lines.all()]
    again = settlement_run(
        user=ballerup.manager, municipality=ballerup.municipality, month=date(2025, 9, 17)
    )
    assert again.pk == first.pk
    assert [figures_of(x) for x in again.lines.all()] == before
    assert SettlementLine.objects.filter(settlement=first).count() == 1
    assert AuditEntry.objects.filter(action="settlement_run").count() == 2


def test_open_month_picks_up_changes(ballerup, september):
    settlement_run(user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER)
    attend(september, ballerup.caseworker, SEPT_DAYS[10:12])
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    assert s.lines.get().days_present == 12


def test_an_approved_month_never_changes(ballerup, september):
    """Locking: approve, then change attendance and the wage in the database directly and
    run again: the lines stay as approved, and the run says so by the status."""
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    before = [figures_of(x) for x in s.lines.all()]
    approved = settlement_approve(user=ballerup.manager, settlement=s)
    assert approved.status == SettlementStatus.APPROVED
    assert approved.approved_by == ballerup.manager
    attend(september, ballerup.caseworker, SEPT_DAYS[10:])
    WageAgreement.objects.filter(placement=september).update(hourly_amount=D("99"))
    again = settlement_run(
        user=ballerup.manager, municipality=ballerup.municipality, month=SEPTEMBER
    )
    assert again.status == SettlementStatus.APPROVED
    assert [figures_of(x) for x in again.lines.all()] == before
    with pytest.raises(CaseError, match="allerede godkendt"):
        settlement_approve(user=ballerup.manager, settlement=again)


def test_approval_refused_when_figures_changed_since_the_run(ballerup, september):
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    attend(september, ballerup.caseworker, SEPT_DAYS[10:11])
    with pytest.raises(CaseError, match="ændret sig"):
        settlement_approve(user=ballerup.manager, settlement=s)
    s.refresh_from_db()
    assert s.status == SettlementStatus.OPEN


def test_roles_run_caseworker_or_manager_approve_manager(ballerup, vejen, september):
    """Run: caseworker or manager of the municipality. Approve: manager only. Provider
    staff and another municipality's staff may do neither."""
    staff = make_user(
        "b-kontakt", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    for user in (staff, ballerup.admin, vejen.caseworker, vejen.manager):
        with pytest.raises(AccessDenied):
            settlement_run(user=user, municipality=ballerup.municipality, month=SEPTEMBER)
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    for user in (ballerup.caseworker, vejen.manager):
        with pytest.raises(AccessDenied):
            settlement_approve(user=user, settlement=s)


def test_a_month_not_begun_cannot_be_settled(ballerup):
    with pytest.raises(CaseError, match="ikke begyndt"):
        settlement_run(
            user=ballerup.caseworker, municipality=ballerup.municipality, month=date(2099, 1, 1)
        )


def test_other_municipalities_placements_are_not_in_the_month(
    ballerup, vejen, citizen_of, september
):
    placement_for(vejen, citizen_of, days=5, weekdays="12345")
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    assert [x.placement_id for x in s.lines.all()] == [september.pk]


def test_run_reports_progress_per_placement(ballerup, citizen_of, september):
    """The progress callback (the CLI's bar) is told each placement done, ending at n of n."""
    placement_for(ballerup, citizen_of)
    calls = []
    settlement_run(
        user=ballerup.caseworker,
        municipality=ballerup.municipality,
        month=SEPTEMBER,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 2), (2, 2)]
