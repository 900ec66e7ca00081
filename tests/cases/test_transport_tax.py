"""The caseworker's inputs to the monthly settlement: transport at the cheapest means
(BEK nr. 483 af 19/05/2011 § 2) and the citizen's tax card (net earnings for the 30 %
cap). Each is a new dated row; the messages name the field."""

from datetime import date
from decimal import Decimal

import pytest

from bb103.cases import selectors, services
from bb103.cases.errors import AccessDenied, CaseError, NotFound
from bb103.cases.models import AuditEntry, Role
from tests.cases.factories import (
    make_user,
    running_placement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(ballerup, citizen_of):
    return running_placement(ballerup, citizen_of)  # from 1 May 2025


def _transport(user, placement, **kwargs):
    return services.transport_set(
        user=user, placement=placement, valid_from=kwargs.pop("valid_from", date(2025, 5, 1)),
        **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        (dict(mode="per_km", price_per_km=Decimal("1.95")), "one_way_km", "Afstand én vej"),
        (dict(mode="per_km", one_way_km=Decimal("12")), "price_per_km", "Pris pr. km"),
        (
            dict(mode="per_km", one_way_km=Decimal("0"), price_per_km=Decimal("1.95")),
            "one_way_km",
            "større end 0",
        ),
        (
            dict(mode="monthly_fare", monthly_fare_first_10km=Decimal("480")),
            "monthly_fare_total",
            "Pris for hele turen",
        ),
        (
            dict(mode="monthly_fare", monthly_fare_total=Decimal("700")),
            "monthly_fare_first_10km",
            "Pris for de første 10 km",
        ),
        (
            dict(
                mode="monthly_fare",
                monthly_fare_total=Decimal("400"),
                monthly_fare_first_10km=Decimal("480"),
            ),
            "monthly_fare_first_10km",
            "kan ikke være større end",
        ),
        (dict(mode="taxa"), "mode", "Befordringen skal være en af"),
    ],
)
def test_transport_is_validated_per_mode(ballerup, placement, kwargs, field, words):
    """BEK 483 § 2: per km needs the one-way distance and the price at the cheapest means;
    a monthly fare needs the month's price whole and for the first 10 km (the citizen's
    part), which cannot exceed the whole."""
    with pytest.raises(CaseError) as err:
        _transport(ballerup.caseworker, placement, **kwargs)
    assert err.value.field == field
    assert words in err.value.message


def test_transport_rows_are_dated_and_never_edited(ballerup, placement):
    """A change of transport is a new row from its date; months settled keep theirs."""
    first = _transport(
        ballerup.caseworker, placement, mode="per_km", means="Bus",
        one_way_km=Decimal("14"), price_per_km=Decimal("1.95"),
        monthly_fare_total=Decimal("999"),  # not the mode's: not kept
    )  # fmt: skip
    assert first.monthly_fare_total is None
    with pytest.raises(CaseError) as err:
        _transport(ballerup.caseworker, placement, mode="none")
    assert err.value.field == "valid_from"
    with pytest.raises(CaseError) as err:
        _transport(ballerup.caseworker, placement, mode="none", valid_from=date(2025, 4, 30))
    assert err.value.field == "valid_from" and "start" in err.value.message
    _transport(
        ballerup.caseworker, placement, mode="monthly_fare", valid_from=date(2025, 8, 1),
        monthly_fare_total=Decimal("700"), monthly_fare_first_10km=Decimal("0"),
    )  # fmt: skip
    assert [t.mode for t in placement.transport.order_by("valid_from")] == [
        "per_km",
        "monthly_fare",
    ]
    assert AuditEntry.objects.filter(action="transport_set", case=placement.case).count() == 2
    economy = selectors.case_economy_for_user(
        user=ballerup.manager, case_id=placement.case_id, today=date(2025, 7, 31)
    )
    assert economy.transport_now == first


def test_transport_only_by_the_case_municipalitys_caseworker(ballerup, vejen, placement):
    for user in (vejen.caseworker, ballerup.manager, ballerup.admin):
        with pytest.raises(AccessDenied):
            _transport(user, placement, mode="none")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(kind="main", withholding_pct=Decimal("100.5")), "withholding_pct"),
        (dict(kind="main", withholding_pct=Decimal("-1")), "withholding_pct"),
        (
            dict(kind="main", withholding_pct=Decimal("37"), monthly_deduction=Decimal("-1")),
            "monthly_deduction",
        ),
        (
            dict(kind="secondary", withholding_pct=Decimal("38"), monthly_deduction=Decimal("1")),
            "monthly_deduction",
        ),
        (dict(kind="frikort", withholding_pct=Decimal("0")), "kind"),
    ],
)
def test_tax_card_is_validated(ballerup, placement, kwargs, field):
    """The tax card: withholding 0-100 %, a deduction of 0 or more, none on a bikort."""
    with pytest.raises(CaseError) as err:
        services.tax_card_record(
            user=ballerup.caseworker, citizen=placement.case.citizen,
            valid_from=date(2025, 5, 1), **kwargs,
        )  # fmt: skip
    assert err.value.field == field


def test_tax_cards_are_dated(ballerup, vejen, placement):
    citizen = placement.case.citizen
    services.tax_card_record(
        user=ballerup.caseworker, citizen=citizen, valid_from=date(2025, 1, 1), kind="main",
        withholding_pct=Decimal("37"), monthly_deduction=Decimal("4200"),
    )  # fmt: skip
    with pytest.raises(CaseError) as err:
        services.tax_card_record(
            user=ballerup.caseworker, citizen=citizen, valid_from=date(2025, 1, 1),
            kind="secondary", withholding_pct=Decimal("38"),
        )  # fmt: skip
    assert err.value.field == "valid_from"
    later = services.tax_card_record(
        user=ballerup.caseworker, citizen=citizen, valid_from=date(2025, 9, 1),
        kind="secondary", withholding_pct=Decimal("38"),
    )  # fmt: skip
    for user in (vejen.caseworker, ballerup.manager):
        with pytest.raises(AccessDenied):
            services.tax_card_record(
                user=user, citizen=citizen, valid_from=date(2025, 10, 1), kind="main",
                withholding_pct=Decimal("37"),
            )  # fmt: skip
    economy = selectors.case_economy_for_user(
        user=ballerup.caseworker, case_id=placement.case_id, today=date(2025, 9, 1)
    )
    assert economy.tax_card_now == later and len(economy.tax_cards) == 2


def test_economy_is_for_the_municipalitys_readers_only(ballerup, vejen, placement):
    """Tavshedspligt: another municipality, the provider's staff and the administrator
    do not read the citizen's tax card or transport (NotFound, 404)."""
    staff = make_user(
        "ballerup-kontakt", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    for user in (vejen.caseworker, vejen.manager, staff, ballerup.admin):
        with pytest.raises(NotFound):
            selectors.case_economy_for_user(
                user=user, case_id=placement.case_id, today=date(2025, 6, 1)
            )
