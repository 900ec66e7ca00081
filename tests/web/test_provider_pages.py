"""The provider staff's pages (issue 6 point 2): the attendance week grid, the order page,
the forms for plan, deviation and wage, and where provider staff land after login."""

from datetime import date
from decimal import Decimal

import pytest

from bb103.cases import services
from bb103.cases.models import Attendance, Role, WageAgreement
from tests.cases.factories import make_user
from tests.cases.test_provider_work import active

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 5, 5)


@pytest.fixture
def workshop(ballerup, citizen_of):
    """Three citizens Monday to Thursday at Ballerup's offer, and its provider's staff."""
    placements = [active(ballerup, citizen_of) for _ in range(3)]
    staff = make_user("ballerup-vaerkstedet", ballerup.municipality, Role.PROVIDER_STAFF,
                      ballerup.offer.provider)  # fmt: skip
    return placements, staff


def grid_url(offer, monday=MONDAY) -> str:
    return f"/mit-tilbud/vaerksted/{offer.pk}/fremmoede/?uge={monday.isoformat()}"


def test_provider_staff_land_on_their_start_page(client_for, workshop):
    """After login the work list (the municipality's) sends provider staff to their page."""
    placements, staff = workshop
    client = client_for(staff)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/mit-tilbud/"
    page = client.get("/mit-tilbud/").content.decode()
    assert all(str(p.case.citizen) in page for p in placements)
    assert "Registrér fremmøde for ugen" in page


def test_a_normal_week_is_one_click(client_for, ballerup, workshop):
    """Issue 6: every cell defaults to "Mødt", so "Gem ugen" alone saves the week."""
    _placements, staff = workshop
    client = client_for(staff)
    page = client.get(grid_url(ballerup.offer)).content.decode()
    assert page.count('<option value="present" selected>') == 12
    assert "Gem ugen" in page and "Forrige uge" in page and "Næste uge" in page
    response = client.post(grid_url(ballerup.offer), {})
    assert response.status_code == 302 and response["Location"].endswith("?uge=2025-05-05")
    assert Attendance.objects.filter(status="present").count() == 12
    page = client.get(grid_url(ballerup.offer)).content.decode()
    assert "Ugen er gemt: 12 dage for 3 borgere." in page


def test_registered_days_are_prefilled_and_changes_are_kept(client_for, ballerup, workshop):
    placements, staff = workshop
    client = client_for(staff)
    sick = f"a-{placements[0].pk}-2025-05-06"
    hours = f"t-{placements[1].pk}-2025-05-07"
    client.post(grid_url(ballerup.offer), {sick: "sick", hours: "4,5"})
    assert Attendance.objects.get(placement=placements[0], day=date(2025, 5, 6)).status == "sick"
    assert Attendance.objects.get(placement=placements[1], day=date(2025, 5, 7)).hours == Decimal(
        "4.5"
    )
    page = client.get(grid_url(ballerup.offer)).content.decode()
    assert '<option value="sick" selected>' in page and 'value="4,5"' in page


def test_holidays_and_unplanned_days_are_greyed(client_for, ballerup, workshop):
    """Kristi himmelfartsdag (29 May 2025) and Fridays (weekdays 1234) have no select."""
    placements, staff = workshop
    page = client_for(staff).get(grid_url(ballerup.offer, date(2025, 5, 26))).content.decode()
    pk = placements[0].pk
    assert f'name="a-{pk}-2025-05-28"' in page
    assert f'name="a-{pk}-2025-05-29"' not in page and f'name="a-{pk}-2025-05-30"' not in page
    assert "Lukket" in page


def test_a_refused_cell_is_shown_and_nothing_saved(client_for, ballerup, workshop):
    placements, staff = workshop
    cell = f"t-{placements[2].pk}-2025-05-05"
    response = client_for(staff).post(grid_url(ballerup.offer), {cell: "30"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "over 0 og højst 24" in page and 'class="has-error"' in page
    assert Attendance.objects.count() == 0


def test_a_caseworker_may_read_the_week_but_not_register_it(client_for, ballerup, workshop):
    """The municipality's caseworker follows attendance (Ballerup) but the provider
    registers it (permissions.STEPS: attendance_record)."""
    client = client_for(ballerup.caseworker)
    assert client.get(grid_url(ballerup.offer)).status_code == 200
    assert client.post(grid_url(ballerup.offer), {}).status_code == 403
    assert Attendance.objects.count() == 0


def test_order_page_shows_what_the_provider_needs(client_for, vejen, citizen_of):
    """The order: days, hours, contact person, start, wage rule and Vejen's renegotiation
    dates (3 months after the start, then yearly); no assessment or complaints."""
    placement = active(vejen, citizen_of)
    staff = make_user("vejen-platform", vejen.municipality, Role.PROVIDER_STAFF,
                      vejen.offer.provider)  # fmt: skip
    page = client_for(staff).get(f"/mit-tilbud/borger/{placement.pk}/").content.decode()
    assert "Kirsten Kontakt" in page and "man, tir, ons, tor" in page
    assert "1. august" in page  # the next renegotiation date
    assert "afsnit 3 Aflønning" in page
    assert "VUM" not in page and "Klage" not in page


def test_wage_form_sets_the_start_rate_and_refuses_another(client_for, vejen, citizen_of):
    placement = active(vejen, citizen_of)
    staff = make_user("vejen-elmegade", vejen.municipality, Role.PROVIDER_STAFF,
                      vejen.offer.provider)  # fmt: skip
    client = client_for(staff)
    url = f"/mit-tilbud/borger/{placement.pk}/loen/"
    assert "5 %" in client.get(url).content.decode()
    form = {"valid_from": "2025-05-01", "basis": "by_effort", "rate_pct": "7"}
    response = client.post(url, form)
    assert response.status_code == 200 and "5 % eller 10 %" in response.content.decode()
    response = client.post(url, {**form, "rate_pct": "5"})
    assert response.status_code == 302
    assert WageAgreement.objects.get(placement=placement).rate_pct == Decimal(5)


def test_plan_and_deviation_forms(client_for, ballerup, workshop):
    placements, staff = workshop
    client = client_for(staff)
    base = f"/mit-tilbud/borger/{placements[0].pk}"
    plan = {"goals": "Stabilt fremmøde", "methods": "Faste opgaver", "work_tasks": ""}
    assert client.post(f"{base}/paedagogisk-plan/", plan).status_code == 302
    deviation = {"observed_on": "2025-06-02", "text": "Borgeren udebliver fra pakkeopgaverne."}
    assert client.post(f"{base}/afvigelse/", deviation).status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert "Stabilt fremmøde" in page and "udebliver fra pakkeopgaverne" in page
    # Writing the plan is the provider's: a caseworker is refused before the form.
    assert client_for(ballerup.caseworker).get(f"{base}/paedagogisk-plan/").status_code == 403
    assert services  # the services module is what the views call
