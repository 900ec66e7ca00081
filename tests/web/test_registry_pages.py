"""The registry's screens (issue 6, point 1): the catalogue, the administrator's offer and
price forms, and the case's transport and tax card block with its forms."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases import services
from bb103.cases.models import Offer, Role
from tests.cases.factories import make_user

pytestmark = pytest.mark.django_db


def test_catalogue_shows_registry_data_prices_and_the_age_warning(client_for, ballerup, world):
    """Issue 6: the catalogue per municipality with § 103 registration, target groups, work
    types, occupancy, takst and price history; a clear warning when the registry data is
    older than a year."""
    offer = ballerup.offer
    offer.registry_checked_on = timezone.localdate() - timedelta(days=400)
    offer.work_types = ["Montage", "Pakning"]
    offer.save()
    for valid_from, amount in ((date(2024, 1, 1), "580.00"), (date(2025, 1, 1), "1600.50")):
        services.offer_price_set(
            user=ballerup.admin, offer=offer, valid_from=valid_from, unit="day",
            amount=Decimal(amount),
        )  # fmt: skip
    page = client_for(ballerup.caseworker).get(reverse("providers")).text
    assert "Ballerup Kommune" in page and "Vejen" not in page
    assert "registreret som § 103-tilbud" in page and "Handicap" in page
    assert "Montage, Pakning" in page
    assert "1 af" not in page and "1 i beskæftigelse" in page  # no fixed places
    assert "1.600,50 kr. pr. dag" in page and "Takster over tid (2)" in page
    assert "Advarsel:" in page and "for mere end et år siden" in page
    # Only the administrator gets the buttons to change the catalogue.
    assert reverse("offer-update", args=[offer.pk]) not in page
    admin_page = client_for(ballerup.admin).get(reverse("providers")).text
    assert reverse("offer-update", args=[offer.pk]) in admin_page
    assert reverse("offer-price", args=[offer.pk]) in admin_page
    manager_page = client_for(ballerup.manager).get(reverse("providers")).text
    assert reverse("offer-price", args=[offer.pk]) in manager_page
    assert reverse("offer-update", args=[offer.pk]) not in manager_page


def test_administrator_adds_an_offer_and_a_price_through_the_forms(client_for, ballerup, world):
    client = client_for(ballerup.admin)
    url = reverse("offer-create")
    assert 'id="trinformular"' in client.get(url).text
    data = {
        "provider": ballerup.offer.provider_id,
        "name": "Gartneriet",
        "tilbudsportalen_id": "TP-77",
        "section_103": "on",
        "registry_checked_on": timezone.localdate().isoformat(),
        "work_types": "Havearbejde\nPedelopgaver\n",
        "collective_agreement": "industriens_overenskomst",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Vælg mindst én målgruppe" in response.text
    response = client.post(url, {**data, "target_groups": ["socialpsykiatri"], "places": "6"})
    assert response.status_code == 302
    offer = Offer.objects.get(name="Gartneriet")
    assert offer.work_types == ["Havearbejde", "Pedelopgaver"] and offer.places == 6
    price_url = reverse("offer-price", args=[offer.pk])
    response = client.post(price_url, {"valid_from": "2025-01-01", "unit": "month",
                                       "amount": "12.900,00"})  # fmt: skip
    assert response.status_code == 200  # a thousands point is not read: shown again
    response = client.post(price_url, {"valid_from": "2025-01-01", "unit": "month",
                                       "amount": "12900,50"})  # fmt: skip
    assert response.status_code == 302
    assert str(offer.prices.get().amount) == "12900.50"
    response = client.post(price_url, {"valid_from": "2025-01-01", "unit": "month",
                                       "amount": "13000"})  # fmt: skip
    assert 'id="id_valid_from_error"' in response.text  # a takst is never edited
    update = reverse("offer-update", args=[offer.pk])
    form = client.get(update).text
    assert "Havearbejde\nPedelopgaver" in form
    response = client.post(update, {**data, "name": "Gartneriet Nord",
                                     "target_groups": ["handicap"]})  # fmt: skip
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.name == "Gartneriet Nord" and offer.target_groups == ["handicap"]


def test_only_the_roles_may_open_the_catalogue_forms(client_for, ballerup, world):
    offer = ballerup.offer
    caseworker = client_for(ballerup.caseworker)
    assert caseworker.get(reverse("offer-create")).status_code == 403
    assert caseworker.get(reverse("offer-update", args=[offer.pk])).status_code == 403
    assert caseworker.get(reverse("offer-price", args=[offer.pk])).status_code == 403
    manager = client_for(ballerup.manager)
    assert manager.get(reverse("offer-price", args=[offer.pk])).status_code == 200
    assert manager.get(reverse("offer-update", args=[offer.pk])).status_code == 403


def test_placement_warning_is_shown_as_a_message(client_for, ballerup, citizen_of):
    """The one-year warning reaches the caseworker with the success message."""
    from tests.cases.factories import assess, grant, heard, open_case

    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    client = client_for(ballerup.caseworker)
    response = client.post(
        reverse("case-step", args=[case.pk, "placering"]),
        {"offer": ballerup.offer.pk, "start_on": timezone.localdate().isoformat(),
         "weekdays": ["1", "3"], "hours_per_day": "6", "contact_person": "K"},
        follow=True,
    )  # fmt: skip
    assert 'class="warning"' in response.text and "aldrig blevet kontrolleret" in response.text
    assert case.placements.get().weekdays == "13"


def test_transport_and_tax_card_through_the_case_page(client_for, ballerup, world):
    """The caseworker reaches the block from the case page (htmx loads it; without
    JavaScript a link), registers transport and a tax card, and sees current and earlier
    rows. Errors stand next to their field."""
    case = world[0]
    client = client_for(ballerup.caseworker)
    economy = reverse("case-economy", args=[case.pk])
    assert economy in client.get(reverse("case", args=[case.pk])).text
    transport = reverse("transport-create", args=[case.pk])
    response = client.post(transport, {"valid_from": "2025-05-01", "mode": "per_km",
                                       "one_way_km": "14"})  # fmt: skip
    assert 'id="id_price_per_km_error"' in response.text and "Pris pr. km skal udfyldes" in (
        response.text
    )
    response = client.post(transport, {"valid_from": "2025-05-01", "mode": "per_km",
                                       "one_way_km": "14", "price_per_km": "1,95"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == economy
    client.post(transport, {"valid_from": timezone.localdate().isoformat(),
                            "mode": "monthly_fare", "monthly_fare_total": "700",
                            "monthly_fare_first_10km": "480", "means": "Bus"})  # fmt: skip
    tax = reverse("tax-card-create", args=[case.pk])
    response = client.post(tax, {"valid_from": "2025-05-01", "kind": "secondary",
                                 "withholding_pct": "38", "monthly_deduction": "100"})  # fmt: skip
    assert 'id="id_monthly_deduction_error"' in response.text and "bikort" in response.text
    response = client.post(tax, {"valid_from": "2025-05-01", "kind": "secondary",
                                 "withholding_pct": "38", "monthly_deduction": "0"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(economy).text
    assert "Gælder nu" in page and "Tidligere" in page and "Bikort" in page
    assert "700,00 kr. pr. måned, heraf de første 10 km 480,00 kr." in page
    partial = client.get(economy, HTTP_HX_REQUEST="true").text
    assert partial.lstrip().startswith('<div id="oekonomi">')


def test_provider_staff_see_no_tax_card_or_transport(client_for, ballerup, world):
    case, _, staff = world
    client = client_for(staff)
    assert (
        reverse("case-economy", args=[case.pk])
        not in client.get(reverse("case", args=[case.pk])).text
    )
    for name in ("case-economy", "transport-create", "tax-card-create"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 404


def test_transport_form_without_a_placement_says_so(client_for, ballerup, citizen_of):
    from tests.cases.factories import open_case

    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    page = client_for(ballerup.caseworker).get(reverse("transport-create", args=[case.pk]))
    assert page.status_code == 200 and "ingen beskæftigelse endnu" in page.text


def test_waiting_names_only_to_readers_of_the_case(client_for, ballerup, world):
    case = world[0]
    other = services.offer_register(
        user=ballerup.admin, provider=ballerup.offer.provider, name="Køkkenet",
        tilbudsportalen_id="TP-88",
    )  # fmt: skip
    services.waiting_list_add(
        user=ballerup.caseworker, case=case, offer=other, since=timezone.localdate()
    )
    staff = make_user("vaerkstedsleder", ballerup.municipality, Role.PROVIDER_STAFF,
                      ballerup.offer.provider)  # fmt: skip
    # Not even their provider's own placed citizen is named: who waits for which offer is
    # the municipality's case file, not the provider's (issue 14, GDPR art. 5(1)(c)).
    assert str(case.citizen) not in client_for(staff).get(reverse("providers")).text
    assert str(case.citizen) not in client_for(ballerup.admin).get(reverse("providers")).text
    assert "1 venter" in client_for(ballerup.admin).get(reverse("providers")).text


def test_administrator_registers_a_provider_with_its_cvr_number(client_for, ballerup, vejen):
    """Issue 18, item 5: the provider form takes the CVR number, checked by modulus 11
    next to the field; an existing provider's number is set on its own form."""
    from bb103.cases.models import Provider

    client = client_for(ballerup.admin)
    url = reverse("provider-create")
    data = {"municipality": "ballerup", "name": "Cykelværkstedet", "kind": "private_provider"}
    response = client.post(url, {**data, "cvr": "12345675"})
    assert response.status_code == 200 and "modulus 11" in response.text
    assert 'id="id_cvr_error"' in response.text
    # Only the administrator's own municipality is offered.
    assert client.post(url, {**data, "municipality": "vejen", "cvr": "12345674"}).status_code == 200
    assert client.post(url, {**data, "cvr": "DK 12345674"}).status_code == 302
    provider = Provider.objects.get(name="Cykelværkstedet")
    assert provider.municipality_id == "ballerup" and provider.cvr == "12345674"
    assert "CVR 12345674" in client.get(reverse("providers")).text

    cvr_url = reverse("provider-cvr", args=[ballerup.offer.provider_id])
    assert client.post(cvr_url, {"cvr": ""}).status_code == 200
    assert client.post(cvr_url, {"cvr": "12345674"}).status_code == 302
    assert client_for(ballerup.caseworker).get(cvr_url).status_code == 403
    assert client_for(vejen.admin).get(cvr_url).status_code == 404
    assert client_for(ballerup.caseworker).get(url).status_code == 403
