"""Issue 15, points 1-3: the wage forms a standard allows, each standard's own words for its
wage, and the floor paid in whole øre (Serviceloven § 105; BEK nr. 483 af 19/05/2011 § 1).

Each test names the passage of the standard (docs/standards) or of the law it follows."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from bb103.cases.engine.letter_facts import letter_facts
from bb103.cases.errors import CaseError
from bb103.cases.models import WageAgreement
from bb103.cases.selectors.settlement import settlement_page_of
from bb103.cases.services import settlement_run
from bb103.cases.settlement_export import COLUMNS, csv_bytes
from bb103.letters import plain
from tests.cases.settlement_world import attend, rate_wage, tax_card, weekdays_of
from tests.cases.test_provider_work import _wage, active, worker

pytestmark = pytest.mark.django_db

D = Decimal


# --- point 1: a standard silent on a form, or "efter gældende regler", allows every form ----
def test_ballerup_allows_arbejdsdusoer_its_wage_is_agreed_efter_gaeldende_regler(
    ballerup, vejen, citizen_of
):
    """Ballerup, serviceniveau: Særlige bemærkninger: "Din løn aftales med den enkelte
    arbejdsplads efter gældende regler" restricts no form of BEK nr. 483 § 1, so an
    arbejdsdusør (and an hourly wage after a work assessment) may be agreed, as Ballerup's
    letters promise. Vejen, beside it, still allows only its own wage."""
    placement = active(ballerup, citizen_of)
    staff = worker(ballerup)
    _wage(staff, placement, basis="arbejdsdusoer", hourly_amount=D("7.00"))
    _wage(staff, placement, valid_from=date(2025, 7, 1), basis="hourly_wage", hourly_amount=D(20))
    assert [w.basis for w in placement.wages.all()] == ["arbejdsdusoer", "hourly_wage"]
    other = active(vejen, citizen_of)
    with pytest.raises(CaseError) as info:
        _wage(worker(vejen), other, basis="arbejdsdusoer", rate_pct=D(5))
    assert info.value.field == "basis"


def test_roskilde_allows_hourly_wage_its_standard_does_not_bar_it(roskilde, citizen_of):
    """Roskilde, kvalitetsstandard: Løn: "Lønnen fastsættes i videst muligt omfang ud fra
    arbejdsindsats … kan der fastsættes en arbejdsdusør" names two forms but bars none: an
    hourly wage after a work assessment (BEK nr. 483 § 1) may be set too."""
    placement = active(roskilde, citizen_of)
    _wage(worker(roskilde), placement, basis="hourly_wage", hourly_amount=D("18.50"))
    assert WageAgreement.objects.get(placement=placement).basis == "hourly_wage"


# --- point 2: each standard's words for its wage ------------------------------------------
def test_vejen_refusal_names_vejens_wage_in_its_words(vejen, citizen_of):
    """Vejen, kvalitetsstandard afsnit 3 Aflønning: "Der er 2 lønsatser: 5 % … 10 % af
    overenskomstmæssig mindsteløn": the allowed form is named as Vejen names it."""
    placement = active(vejen, citizen_of)
    with pytest.raises(CaseError) as info:
        _wage(worker(vejen), placement, basis="arbejdsdusoer", rate_pct=D(5))
    assert "løn efter Vejen Kommunes lønsatser (5 % eller 10 % af overenskomstmæssig " in (
        info.value.message
    )
    assert "afsnit 3 Aflønning" in info.value.message


def test_vejen_wage_page_speaks_of_its_rates_not_of_arbejdsdusoer(vejen, citizen_of):
    """Vejen, kvalitetsstandard afsnit 3 Aflønning: Vejen calls its wage "løn" at its two
    "lønsatser" and never "arbejdsdusør"; the form's header and its choices say the same,
    and a form the standard does not allow is not offered."""
    placement = active(vejen, citizen_of)
    client = Client()
    client.force_login(worker(vejen))
    page = client.get(f"/mit-tilbud/borger/{placement.pk}/loen/").content.decode()
    name = "Løn efter Vejen Kommunes lønsatser (5 % eller 10 % af overenskomstmæssig mindsteløn)"
    assert name in page
    assert "dusør" not in page.lower()
    assert 'value="hourly_wage"' not in page and 'value="arbejdsdusoer"' not in page
    response = client.post(
        f"/mit-tilbud/borger/{placement.pk}/loen/",
        {"valid_from": "2025-05-01", "basis": "by_effort", "rate_pct": "5"},
    )
    assert response.status_code == 302
    order = client.get(f"/mit-tilbud/borger/{placement.pk}/").content.decode()
    assert name in order and "dusør" not in order.lower()


def test_ballerup_wage_page_offers_every_form_of_the_law(ballerup, citizen_of):
    """Ballerup, serviceniveau: Særlige bemærkninger ("efter gældende regler"): the form
    offers the law's three forms (BEK nr. 483 § 1), the arbejdsdusør among them."""
    placement = active(ballerup, citizen_of)
    client = Client()
    client.force_login(worker(ballerup))
    page = client.get(f"/mit-tilbud/borger/{placement.pk}/loen/").content.decode()
    for form in ("by_effort", "hourly_wage", "arbejdsdusoer"):
        assert f'value="{form}"' in page
    assert "også en arbejdsdusør" in page


def test_vejen_grant_letter_names_its_rates_and_promises_no_dusoer(vejen, ballerup, citizen_of):
    """Vejen, kvalitetsstandard afsnit 3 Aflønning: the letter names Vejen's wage as the
    provider's screen does. Ballerup, serviceniveau: Særlige bemærkninger: its letter's
    promise of a dusør of at least 5 % now matches what its providers may set."""
    v = active(vejen, citizen_of)
    lines = plain.wage_lines(letter_facts(v.case, as_of=date(2025, 6, 1)))
    assert (
        "Du får løn efter Vejen Kommunes lønsatser: 5 % eller 10 % af den laveste løn i faget."
        in lines
    )
    assert not any("dusør" in line for line in lines)
    b = active(ballerup, citizen_of)
    lines = plain.wage_lines(letter_facts(b.case, as_of=date(2025, 6, 1)))
    assert any("dusør" in line and "5 %" in line for line in lines)


# --- point 3: the floor in whole øre ------------------------------------------------------
def test_wage_just_below_the_exact_floor_is_refused(ballerup, vejen, citizen_of):
    """BEK nr. 483 af 19/05/2011 § 1 ("mindst 5 %"): 5 % of 139,85 kr. is 6,9925 kr.; 6,99
    kr. is 4,998 % and refused, 7,00 kr. (the floor rounded up to whole øre) is the lowest
    wage allowed. A wage in parts of an øre is refused, not rounded away unseen."""
    placement = active(ballerup, citizen_of)
    staff = worker(ballerup)
    with pytest.raises(CaseError) as info:
        _wage(staff, placement, hourly_amount=D("6.99"))
    assert info.value.field == "hourly_amount"
    assert "7,00 kr." in info.value.message and "6,9925" in info.value.message
    with pytest.raises(CaseError, match="hele øre"):
        _wage(staff, placement, hourly_amount=D("6.995"))
    _wage(staff, placement, hourly_amount=D("7.00"))
    assert not WageAgreement.objects.filter(placement__case__municipality=vejen.municipality)


def test_pay_is_hours_times_the_rate_shown(vejen, ballerup, citizen_of):
    """BEK nr. 483 af 19/05/2011 § 1; Vejen afsnit 3 Aflønning (5 % of overenskomstmæssig
    mindsteløn): 5 % of 143,35 kr. = 7,1675 kr. is paid as 7,17 kr., and March 2026 (Monday
    to Thursday: 18 days × 6 h = 108 h) is 108 × 7,17 = 774,36 kr., not 774,09. The export
    shows that same 7,17."""
    p = active(vejen, citizen_of)
    rate_wage(p, vejen.caseworker, "5")
    tax_card(p, "0")
    attend(p, vejen.caseworker, weekdays_of(date(2026, 3, 1), date(2026, 3, 31)))
    settlement_run(user=vejen.caseworker, municipality=vejen.municipality, month=date(2026, 3, 1))
    [line] = p.settlement_lines.all()
    assert (line.hours, line.hourly_wage, line.gross_wage) == (D(108), D("7.17"), D("774.36"))
    assert line.hours * line.hourly_wage == line.gross_wage
    raw = csv_bytes(settlement_page_of(vejen.municipality, date(2026, 3, 1)))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    column = [c[0] for c in COLUMNS].index("Timeløn")
    assert rows[1][column] == "7,17"
    # Ballerup's settlement is its own: nothing of Vejen's is in it.
    assert not settlement_page_of(ballerup.municipality, date(2026, 3, 1)).lines


def test_a_rate_at_the_floor_is_paid_from_the_floor_rounded_up(vejen, citizen_of):
    """BEK nr. 483 af 19/05/2011 § 1 and Vejen afsnit 3 Aflønning (startløn 5 %): 5 % of
    139,85 kr. (February 2026) = 6,9925 kr. is paid as 7,00 kr., never 6,99."""
    p = active(vejen, citizen_of)
    rate_wage(p, vejen.caseworker, "5")
    tax_card(p, "0")
    attend(p, vejen.caseworker, weekdays_of(date(2026, 2, 1), date(2026, 2, 28)))
    settlement_run(user=vejen.caseworker, municipality=vejen.municipality, month=date(2026, 2, 1))
    [line] = p.settlement_lines.all()
    assert line.hourly_wage == D("7.00")
    assert line.gross_wage == line.hours * D("7.00")
