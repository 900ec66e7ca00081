"""The screens: every page renders in Danish, forms post through the services, a service's
error lands next to its field, and the 403/404 rules hold."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases.models import Case, CaseStatus, Role
from tests.cases.factories import assess, draft, make_user, open_case

pytestmark = pytest.mark.django_db


def test_every_page_needs_login(client, world):
    b_case = world[0]
    for url in ("/", reverse("case", args=[b_case.pk]), "/borgere/", "/tilbud/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/log-ind/?next=")


def test_login_page_is_danish_and_logs_in(client, ballerup):
    page = client.get("/log-ind/")
    assert page.status_code == 200
    assert '<html lang="da">' in page.text and "Adgangskode" in page.text
    ballerup.caseworker.set_password("hemmelig-demo")
    ballerup.caseworker.save()
    wrong = client.post("/log-ind/", {"username": ballerup.caseworker.username, "password": "x"})
    # Our own plain message, not Django's "versalfølsomme" (issue 16, point 9).
    assert "Brugernavn eller adgangskode er forkert." in wrong.text
    ok = client.post(
        "/log-ind/", {"username": ballerup.caseworker.username, "password": "hemmelig-demo"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/"
    assert client.post("/log-ud/").status_code == 302
    assert client.get("/").status_code == 302


def test_worklist_shows_own_cases_with_coloured_deadlines(client_for, ballerup, world):
    b_case = world[0]
    page = client_for(ballerup.caseworker).get("/")
    assert page.status_code == 200
    assert f"/sager/{b_case.pk}/" in page.text
    assert b_case.citizen.cpr not in page.text  # masked in lists
    assert b_case.citizen.cpr[:6] + "-xxxx" in page.text
    # Follow-up due a year after the start on 1 May 2025: overdue today.
    assert 'class="deadline overdue"' in page.text and "Opfølgning" in page.text
    assert "Overskredet med" in page.text


def test_worklist_other_caseworkers_cases_only_on_request(client_for, ballerup, world):
    other = make_user("ballerup-raadgiver2", ballerup.municipality, Role.CASEWORKER)
    client = client_for(other)
    assert f"/sager/{world[0].pk}/" not in client.get("/").text
    assert f"/sager/{world[0].pk}/" in client.get("/?alle=1").text
    partial = client.get("/?alle=1", headers={"HX-Request": "true"})
    assert "<html" not in partial.text and f"/sager/{world[0].pk}/" in partial.text


def test_case_page_shows_facts_deadlines_explanation_timeline_and_actions(
    client_for, ballerup, world
):
    b_case = world[0]
    page = client_for(ballerup.caseworker).get(reverse("case", args=[b_case.pk]))
    assert page.status_code == 200
    text = page.text
    assert "I beskyttet beskæftigelse" in text
    # The engine's explanation, frozen at the decision, with its sources.
    assert "Regelmotorens vurdering" in text and "Serviceloven § 103, stk. 1" in text
    assert "version v1" in text
    # Deadlines with the engine's explanation: Ballerup's 30 working days.
    assert "30 arbejdsdage" in text
    # The timeline from the audit entries.
    for title in ("Ansøgning registreret", "Sendt i partshøring", "Beskæftigelsen startet"):
        assert title in text
    # The next actions of an active case.
    for slug in ("opfoelgning", "handleplan", "ophoer"):
        assert reverse("case-step", args=[b_case.pk, slug]) in text
    assert reverse("case-step", args=[b_case.pk, "udredning"]) not in text


def test_vejen_case_page_shows_the_committee_step_to_the_committee_only(
    client_for, vejen, citizen_of
):
    case = open_case(vejen.caseworker, citizen_of(vejen), received_on=date(2025, 3, 12))
    assess(vejen.caseworker, case)
    url = reverse("case", args=[case.pk])
    committee_step = reverse("case-step", args=[case.pk, "visitationsudvalg"])
    assert committee_step in client_for(vejen.committee).get(url).text
    caseworker_page = client_for(vejen.caseworker).get(url).text
    assert committee_step not in caseworker_page
    assert "6 uger" in caseworker_page  # Vejen's decision deadline
    assert "Afventer visitationsudvalget" in caseworker_page
    client_for(vejen.committee).post(
        committee_step, {"reviewed_on": "2025-03-20", "recommendation": "supports"}
    )
    assert "Udvalget støtter matchet" in client_for(vejen.caseworker).get(url).text
    assert client_for(vejen.caseworker).get(committee_step).status_code == 403


def _today() -> str:
    return timezone.localdate().isoformat()


def test_the_main_journey_through_the_forms(client_for, ballerup, citizen_of):
    """Ballerup: application → assessment → draft → partshøring → decision → placement,
    each through its form and its service."""
    citizen = citizen_of(ballerup)
    client = client_for(ballerup.caseworker)
    today = _today()
    response = client.post(
        reverse("application-create", args=[citizen.pk]),
        {"received_on": today, "channel": "phone", "applicant": "citizen"},
    )
    assert response.status_code == 302
    case = Case.objects.get(citizen=citizen)
    assert response["Location"] == reverse("case", args=[case.pk])

    def step(slug, **data):
        r = client.post(reverse("case-step", args=[case.pk, slug]), data)
        assert r.status_code == 302, r.text
        case.refresh_from_db()

    facts = {
        "significant_reduced_function": "ja",
        "can_work_on_normal_terms": "nej",
        "other_legislation_exhausted": "ja",
    }
    step("udredning", assessed_on=today, vum_level="3", **facts)
    assert case.status == CaseStatus.ASSESSED
    step("udkast", created_on=today, proposed_outcome="grant", offer=ballerup.offer.pk)
    step("partshoering", sent_on=today)
    assert case.status == CaseStatus.HEARING
    step("partshoering-afslut", closed_on=today, comments="Enig.")
    step("afgoerelse", outcome="grant", decided_on=today, offer=ballerup.offer.pk,
         days_per_week="4", with_klagevejledning="on")  # fmt: skip
    assert case.status == CaseStatus.DECIDED
    form = client.get(reverse("case-step", args=[case.pk, "placering"])).text
    assert f'<option value="{ballerup.offer.pk}" selected>' in form  # the decision's offer
    step("placering", offer=ballerup.offer.pk, start_on=today, weekdays=["1", "2", "3", "4"],
         hours_per_day="6,5", contact_person="Karen Kontakt")  # fmt: skip
    assert case.status == CaseStatus.ACTIVE
    page = client.get(reverse("case", args=[case.pk])).text
    assert "Bevilling" in page and "4 dage om ugen (man, tir, ons, tor), 6,50 timer" in page


def test_a_service_error_is_shown_next_to_its_field(client_for, ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    url = reverse("case-step", args=[case.pk, "udredning"])
    response = client_for(ballerup.caseworker).post(url, {"assessed_on": tomorrow})
    assert response.status_code == 200
    assert 'id="id_assessed_on_error"' in response.text
    assert "kan ikke ligge efter i dag" in response.text
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_a_refused_step_names_the_rule_above_the_form(client_for, ballerup, citizen_of):
    """Ballerup always sends the draft (10 days): no decision before partshøring."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    draft(ballerup.caseworker, case)
    response = client_for(ballerup.caseworker).post(
        reverse("case-step", args=[case.pk, "afgoerelse"]),
        {
            "outcome": "grant",
            "decided_on": "2025-03-20",
            "days_per_week": "4",
            "with_klagevejledning": "on",
        },
    )
    assert response.status_code == 200
    # Above the form: in its error summary, not next to a field (issue 16).
    assert 'class="error-summary"' in response.text
    assert "sendes udkastet altid i partshøring" in response.text


def test_htmx_form_post_gets_the_form_partial_or_a_client_redirect(
    client_for, ballerup, citizen_of
):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(ballerup.caseworker)
    url = reverse("case-step", args=[case.pk, "udredning"])
    bad = client.post(url, {"assessed_on": "2025-01-01"}, headers={"HX-Request": "true"})
    assert "<html" not in bad.text and 'id="trinformular"' in bad.text
    assert "kan ikke ligge før" in bad.text
    good = client.post(url, {"assessed_on": "2025-03-17"}, headers={"HX-Request": "true"})
    assert good["HX-Redirect"] == reverse("case", args=[case.pk])


def test_roles_without_the_step_get_403(client_for, ballerup, world):
    b_case, _, staff = world
    url = reverse("case-step", args=[b_case.pk, "opfoelgning"])
    # Provider staff read no case file (issue 14), so its steps are not found either.
    assert client_for(staff).get(reverse("case", args=[b_case.pk])).status_code == 404
    assert client_for(staff).get(url).status_code == 404
    denied = client_for(ballerup.manager).post(url, {"held_on": _today()})
    assert denied.status_code == 403
    assert "kræver rollen rådgiver" in denied.text
    assert client_for(ballerup.admin).get(reverse("case", args=[b_case.pk])).status_code == 404
    assert client_for(staff).get(reverse("citizen-create")).status_code == 403


def test_provider_staff_see_only_their_placements(client_for, ballerup, world, citizen_of):
    b_case, _, staff = world
    waiting = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(staff)
    cpr = b_case.citizen.cpr
    # Issue 14: not the case page or the citizen page of their own citizen either.
    for url in (reverse("case", args=[b_case.pk]), reverse("citizen", args=[b_case.citizen_id])):
        assert client.get(url).status_code == 404
    assert cpr in client_for(ballerup.caseworker).get(reverse("case", args=[b_case.pk])).text
    # Provider staff land on their own start page (issue 6), which lists their placements.
    assert client.get("/")["Location"] == "/mit-tilbud/"
    placement = b_case.placements.get()
    start = client.get("/mit-tilbud/").text
    assert f"/mit-tilbud/borger/{placement.pk}/" in start and str(b_case.citizen) in start
    assert client.get(reverse("case", args=[waiting.pk])).status_code == 404
    assert client.get(reverse("citizen", args=[waiting.citizen_id])).status_code == 404
    providers = client.get("/tilbud/").text
    assert ballerup.offer.provider.name in providers


def test_search_by_name_and_cpr_masks_the_cpr(client_for, ballerup, vejen, world):
    """Issue 7, CPR handling: searched by the whole number only (its keyed hash), posted so
    it is never in a URL, and masked in the list."""
    b_case, v_case, _ = world
    client = client_for(ballerup.caseworker)
    citizen = b_case.citizen
    by_name = client.post("/borgere/", {"q": citizen.last_name})
    assert reverse("citizen", args=[citizen.pk]) in by_name.text
    assert citizen.cpr not in by_name.text and citizen.cpr[:6] + "-xxxx" in by_name.text
    by_cpr = client.post("/borgere/", {"q": citizen.cpr.replace("-", "")})
    assert reverse("citizen", args=[citizen.pk]) in by_cpr.text
    assert citizen.cpr not in by_cpr.text
    other = client.post("/borgere/", {"q": v_case.citizen.cpr})
    assert reverse("citizen", args=[v_case.citizen_id]) not in other.text
    assert "Ingen borgere fundet" in other.text
    birth_date = client.post("/borgere/", {"q": citizen.cpr[:6]})
    assert reverse("citizen", args=[citizen.pk]) not in birth_date.text
    assert "Skriv hele CPR-nummeret" in birth_date.text
    in_url = client.get("/borgere/", {"q": citizen.last_name})
    assert reverse("citizen", args=[citizen.pk]) not in in_url.text
    partial = client.post("/borgere/", {"q": citizen.last_name}, headers={"HX-Request": "true"})
    assert "<html" not in partial.text and "<table" in partial.text


def test_the_cpr_search_is_one_index_lookup(world, ballerup):
    """Issue 7, CPR handling: an exact match on the indexed keyed hash, not a scan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bb103.cases import selectors
    from bb103.cases.cpr_index import cpr_search_key

    citizen = world[0].citizen
    assert citizen.cpr_key == cpr_search_key(citizen.cpr) and len(citizen.cpr_key) == 64
    assert citizen.cpr.replace("-", "") not in citizen.cpr_key
    with CaptureQueriesContext(connection) as queries:
        found = selectors.citizen_search_for_user(user=ballerup.caseworker, query=citizen.cpr)
    assert found == [citizen]
    # The first query on citizens (before it: the user's roles, may they search at all).
    first = next(q["sql"] for q in queries.captured_queries if "cases_citizen" in q["sql"])
    assert "cpr_key" in first and "LIKE" not in first.upper()


def test_citizen_page_shows_vum_levels_over_time(client_for, ballerup, world):
    b_case = world[0]
    client = client_for(ballerup.caseworker)
    client.post(
        reverse("case-step", args=[b_case.pk, "opfoelgning"]),
        {"held_on": "2026-04-30", "vum_level": "2", "participants": "Borger og rådgiver"},
    )
    page = client.get(reverse("citizen", args=[b_case.citizen_id])).text
    assert "VUM-niveau over tid" in page
    assert page.index("17. marts 2025") < page.index("30. april 2026")  # in date order
    assert "Opfølgning" in page and "Udredning" in page


def test_provider_list_shows_offers_and_occupancy(client_for, ballerup, vejen, world):
    page = client_for(ballerup.caseworker).get("/tilbud/").text
    assert ballerup.offer.name in page and "1 i beskæftigelse" in page
    assert vejen.offer.provider.name not in page


def test_register_citizen_representative_and_application(client_for, ballerup):
    client = client_for(ballerup.caseworker)
    assert client.get(reverse("citizen-create")).status_code == 200
    bad = client.post(
        reverse("citizen-create"), {"cpr": "320190-1234", "first_name": "A", "last_name": "B"}
    )
    assert 'id="id_cpr_error"' in bad.text and "ikke gyldigt" in bad.text
    created = client.post(
        reverse("citizen-create"),
        {"cpr": "0101901234", "first_name": "Asta", "last_name": "Prøvesen",
         "living_situation": "own_home"},
    )  # fmt: skip
    citizen_url = created["Location"]
    citizen_id = int(citizen_url.strip("/").split("/")[-1])
    rep = client.post(
        reverse("representative-create", args=[citizen_id]),
        {"name": "Bo Bisidder", "relation": "relative", "consent_given_on": "2025-01-02"},
    )
    assert rep.status_code == 302
    form = client.get(reverse("application-create", args=[citizen_id])).text
    assert "Bo Bisidder" in form
    for url in ("citizen-search", "providers", "worklist"):
        assert client.get(reverse(url)).status_code == 200
