"""The provider registry (issue 6, point 1): § 103 registration, the registry's age, dated
prices, the waiting list and the placement's weekdays."""

from datetime import date
from decimal import Decimal

import pytest

from bb103.cases import selectors, services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import AuditEntry, OfferPrice, Role
from bb103.cases.selectors import offer_price_in_force
from tests.cases.factories import assess, grant, heard, make_offer, make_user, open_case, placed

pytestmark = pytest.mark.django_db


def _granted(staff, citizen_of, offer=None):
    case = open_case(staff.caseworker, citizen_of(staff))
    assess(staff.caseworker, case)
    # 14 days for comments: no shorter than any standard's own period (Ballerup: 10).
    heard(staff.caseworker, case, days=14)
    grant(staff.caseworker, case, offer=offer or staff.offer)
    return case


def _offer(staff, **kwargs):
    return make_offer(staff.admin, staff.municipality, **kwargs)


# Serviceloven § 14, stk. 2: only offers on Tilbudsportalen registered for § 103.


def test_offer_not_registered_for_section_103_is_refused(ballerup, citizen_of):
    """Serviceloven § 14, stk. 2: an offer on Tilbudsportalen but not registered as a
    § 103 offer (say a § 104 day offer) cannot be used for the placement."""
    offer = _offer(ballerup)
    services.offer_update(
        user=ballerup.admin, offer=offer, name=offer.name, tilbudsportalen_id="TP-1",
        socialtilsyn_approved=False, places=None, description="", target_groups=["handicap"],
        work_types=[], section_103=False, registry_checked_on=date(2025, 4, 1),
        collective_agreement="industriens_overenskomst",
    )  # fmt: skip
    case = _granted(ballerup, citizen_of)
    with pytest.raises(CaseError) as err:
        placed(ballerup.caseworker, case, offer)
    assert err.value.field == "offer"
    assert "§ 103" in err.value.message and "Serviceloven § 14, stk. 2" in err.value.message


def test_private_company_is_the_exception(lejre, citizen_of):
    """Serviceloven § 14, stk. 2 with Lejre's exception: a placement in a private company
    needs neither Tilbudsportalen, a § 103 registration nor socialtilsyn approval."""
    company = make_offer(
        lejre.admin, lejre.municipality, kind="private_company", tilbudsportalen_id=""
    )
    services.offer_update(
        user=lejre.admin, offer=company, name=company.name, tilbudsportalen_id="",
        socialtilsyn_approved=False, places=None, description="",
        target_groups=["handicap", "socialpsykiatri"], work_types=["Lager"],
        section_103=False, registry_checked_on=None,
        collective_agreement="industriens_overenskomst",
    )  # fmt: skip
    case = _granted(lejre, citizen_of, offer=company)
    placement = placed(lejre.caseworker, case, company)
    assert placement.offer == company
    assert placement.warnings == []  # not on Tilbudsportalen: nothing to check


# The registry's age: a warning, not a refusal.


@pytest.mark.parametrize(
    ("checked_on", "warns"),
    [
        (date(2024, 5, 1), False),  # exactly a year before the start (1 May 2025)
        (date(2024, 4, 30), True),  # a year and a day
        (None, True),  # never checked
        (date(2025, 3, 1), False),
    ],
)
def test_registry_data_older_than_a_year_warns(ballerup, citizen_of, checked_on, warns):
    """Issue 6: a warning when the offer's registry data is older than a year on the start
    day; the placement is made all the same, and the warning is in its audit entry."""
    offer = ballerup.offer
    offer.registry_checked_on = checked_on
    offer.save()
    case = _granted(ballerup, citizen_of)
    placement = placed(ballerup.caseworker, case, offer)  # starts 1 May 2025
    assert bool(placement.warnings) is warns
    if warns:
        assert "Tilbudsportalen" in placement.warnings[0]
        assert ("aldrig" in placement.warnings[0]) is (checked_on is None)
    audit = AuditEntry.objects.get(case=case, action="placement_start")
    assert ("warnings" in audit.details) is warns


# The offer's registry data.


def test_offer_register_checks_target_groups_and_collective_agreement(ballerup):
    provider = ballerup.offer.provider
    admin = ballerup.admin
    with pytest.raises(CaseError) as err:
        services.offer_register(user=admin, provider=provider, name="X", target_groups=[])
    assert err.value.field == "target_groups" and "mindst én målgruppe" in err.value.message
    with pytest.raises(CaseError) as err:
        services.offer_register(user=admin, provider=provider, name="X", target_groups=["børn"])
    assert err.value.field == "target_groups"
    with pytest.raises(CaseError) as err:
        services.offer_register(
            user=admin, provider=provider, name="X", collective_agreement="ukendt"
        )
    assert err.value.field == "collective_agreement" and "Industriens" in err.value.message
    offer = services.offer_register(
        user=admin, provider=provider, name="Gartneri",
        target_groups=["socialpsykiatri", "handicap", "handicap"],
        work_types=[" Havearbejde ", "", "Pedelopgaver"], registry_checked_on=date(2025, 1, 2),
    )  # fmt: skip
    assert offer.target_groups == ["handicap", "socialpsykiatri"]
    assert offer.work_types == ["Havearbejde", "Pedelopgaver"]


def test_offer_update_is_the_administrators_and_audited(ballerup, vejen):
    offer = ballerup.offer
    fields = dict(
        name="Montage og pakkeri", tilbudsportalen_id="TP-1001", socialtilsyn_approved=False,
        places=8, description="", target_groups=["handicap"], work_types=["Montage"],
        section_103=True, registry_checked_on=date(2025, 6, 1),
        collective_agreement="industriens_overenskomst",
    )  # fmt: skip
    for user in (ballerup.caseworker, ballerup.manager, vejen.admin):
        with pytest.raises(AccessDenied):
            services.offer_update(user=user, offer=offer, **fields)
    services.offer_update(user=ballerup.admin, offer=offer, **fields)
    offer.refresh_from_db()
    assert offer.places == 8 and offer.work_types == ["Montage"]
    entry = AuditEntry.objects.get(action="offer_update")
    assert entry.details["changed"]["places"] == [None, 8]


# Dated prices (takst).


def test_price_in_force_on_a_day(ballerup):
    """A takst is dated: the one in force on a day is the latest from that day or before;
    a new price is a new row and earlier ones stay."""
    offer = ballerup.offer
    for valid_from, amount in ((date(2025, 1, 1), "600.00"), (date(2025, 7, 1), "618.00")):
        services.offer_price_set(
            user=ballerup.admin, offer=offer, valid_from=valid_from, unit="day",
            amount=Decimal(amount),
        )  # fmt: skip
    prices = list(offer.prices.all())
    assert offer_price_in_force(prices, date(2024, 12, 31)) is None
    assert offer_price_in_force(prices, date(2025, 6, 30)).amount == Decimal("600.00")
    assert offer_price_in_force(prices, date(2025, 7, 1)).amount == Decimal("618.00")
    price = selectors.offer_price_on(user=ballerup.manager, offer_id=offer.pk, on=date(2025, 8, 1))
    assert price.amount == Decimal("618.00")
    with pytest.raises(CaseError) as err:
        services.offer_price_set(
            user=ballerup.admin, offer=offer, valid_from=date(2025, 7, 1), unit="day",
            amount=Decimal("620.00"),
        )  # fmt: skip
    assert err.value.field == "valid_from"
    assert OfferPrice.objects.get(offer=offer, valid_from=date(2025, 7, 1)).amount == 618


def test_price_must_be_positive_and_set_by_administrator_or_manager(ballerup, vejen):
    offer = ballerup.offer
    for amount in ("0", "-5", "10.005"):
        with pytest.raises(CaseError) as err:
            services.offer_price_set(
                user=ballerup.admin, offer=offer, valid_from=date(2025, 1, 1), unit="day",
                amount=Decimal(amount),
            )  # fmt: skip
        assert err.value.field == "amount"
    with pytest.raises(CaseError) as err:
        services.offer_price_set(
            user=ballerup.admin, offer=offer, valid_from=date(2025, 1, 1), unit="week",
            amount=Decimal("1"),
        )  # fmt: skip
    assert err.value.field == "unit"
    for user in (ballerup.caseworker, vejen.admin, vejen.manager):
        with pytest.raises(AccessDenied):
            services.offer_price_set(
                user=user, offer=offer, valid_from=date(2025, 1, 1), unit="day",
                amount=Decimal("1"),
            )  # fmt: skip
    services.offer_price_set(
        user=ballerup.manager, offer=offer, valid_from=date(2025, 1, 1), unit="month",
        amount=Decimal("12900"), note="Købt plads",
    )  # fmt: skip
    assert offer.prices.get().unit == "month"


# The waiting list.


def test_full_offer_waiting_list_and_placement_closes_the_entry(ballerup, citizen_of):
    """Issue 6: occupancy and a waiting list. A full offer refuses the placement and points
    to the waiting list; the placement at the offer, once a place is free, ends the entry."""
    offer = _offer(ballerup, places=1)
    first = _granted(ballerup, citizen_of, offer=offer)
    placed(ballerup.caseworker, first, offer)
    second = _granted(ballerup, citizen_of, offer=offer)
    with pytest.raises(CaseError) as err:
        placed(ballerup.caseworker, second, offer)
    assert "ingen ledige pladser" in err.value.message and "venteliste" in err.value.message
    entry = services.waiting_list_add(
        user=ballerup.caseworker, case=second, offer=offer, since=date(2025, 4, 2), note="Haster"
    )
    with pytest.raises(CaseError) as err:
        services.waiting_list_add(
            user=ballerup.caseworker, case=second, offer=offer, since=date(2025, 4, 3)
        )
    assert "allerede på venteliste" in err.value.message
    catalogue = selectors.catalogue_for_user(user=ballerup.caseworker, today=date(2025, 5, 2))
    row = next(
        o
        for _, providers in catalogue.municipalities
        for p in providers
        for o in p.offers
        if o.offer == offer
    )
    assert (row.occupied, row.waiting, row.free) == (1, 1, 0)
    assert [e.case for e in row.waiting_named] == [second]
    services.case_terminate(
        user=ballerup.caseworker, case=first, reason="citizen_wish", terminated_on=date(2025, 6, 30)
    )
    placed(ballerup.caseworker, second, offer, on=date(2025, 7, 1))
    entry.refresh_from_db()
    assert entry.left_on == date(2025, 7, 1)


def test_waiting_list_names_only_for_readers_of_the_case(ballerup, citizen_of):
    """Tavshedspligt: the administrator and another provider's staff see how many wait,
    not who."""
    offer = _offer(ballerup, places=1)
    case = _granted(ballerup, citizen_of, offer=offer)
    services.waiting_list_add(
        user=ballerup.caseworker, case=case, offer=offer, since=date(2025, 4, 2)
    )
    staff = make_user("andet-vaerksted", ballerup.municipality, Role.PROVIDER_STAFF, offer.provider)
    for user in (ballerup.admin, staff):
        catalogue = selectors.catalogue_for_user(user=user, today=date(2025, 5, 2))
        rows = [o for _, ps in catalogue.municipalities for p in ps for o in p.offers]
        row = next(o for o in rows if o.offer == offer)
        assert row.waiting == 1 and row.waiting_named == []


def test_waiting_list_leave_and_only_granted_cases(ballerup, citizen_of):
    offer = _offer(ballerup)
    not_granted = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(CaseError):
        services.waiting_list_add(
            user=ballerup.caseworker, case=not_granted, offer=offer, since=date(2025, 4, 2)
        )
    case = _granted(ballerup, citizen_of)
    with pytest.raises(CaseError) as err:
        services.waiting_list_add(
            user=ballerup.caseworker, case=case, offer=offer, since=date(2025, 3, 1)
        )
    assert err.value.field == "since"
    services.waiting_list_add(
        user=ballerup.caseworker, case=case, offer=offer, since=date(2025, 4, 2)
    )
    with pytest.raises(CaseError) as err:
        services.waiting_list_leave(
            user=ballerup.caseworker, case=case, offer=offer, left_on=date(2025, 4, 1)
        )
    assert err.value.field == "left_on"
    entry = services.waiting_list_leave(
        user=ballerup.caseworker, case=case, offer=offer, left_on=date(2025, 4, 20)
    )
    assert entry.left_on == date(2025, 4, 20)
    with pytest.raises(CaseError):
        services.waiting_list_leave(
            user=ballerup.caseworker, case=case, offer=offer, left_on=date(2025, 4, 21)
        )


# The placement's weekdays and hours.


def test_placement_on_fixed_weekdays(ballerup, citizen_of):
    """Issue 6: the placement's planned weekdays; the days per week are their number and
    must still lie in the standard's range (Ballerup: own home 1-4 days)."""
    case = _granted(ballerup, citizen_of)
    worker = ballerup.caseworker
    base = dict(user=worker, case=case, offer=ballerup.offer, start_on=date(2025, 5, 1),
                contact_person="K")  # fmt: skip
    for weekdays, field in (("", "weekdays"), ("1236", "weekdays"), ("12345", "days_per_week")):
        with pytest.raises(CaseError) as err:
            services.placement_start(**base, weekdays=weekdays)
        assert err.value.field == field, weekdays
    with pytest.raises(CaseError) as err:
        services.placement_start(**base, weekdays="135", days_per_week=2)
    assert err.value.field == "weekdays"
    for hours in ("0", "12.5", "6.125"):
        with pytest.raises(CaseError) as err:
            services.placement_start(**base, weekdays="135", hours_per_day=Decimal(hours))
        assert err.value.field == "hours_per_day"
    placement = services.placement_start(**base, weekdays="531", hours_per_day=Decimal("5.5"))
    assert (placement.weekdays, placement.days_per_week) == ("135", 3)
    assert placement.hours_per_day == Decimal("5.5")


def test_days_per_week_alone_gives_the_first_weekdays(ballerup, citizen_of):
    """Callers from before weekdays (days_per_week only) get Monday onwards."""
    case = _granted(ballerup, citizen_of)
    placement = placed(ballerup.caseworker, case, ballerup.offer, days=3)
    assert placement.weekdays == "123"


def test_termination_ends_the_waiting(ballerup, citizen_of):
    """An ended effort (serviceloven § 103 ophør) waits for no place."""
    offer = _offer(ballerup)
    case = _granted(ballerup, citizen_of)
    entry = services.waiting_list_add(
        user=ballerup.caseworker, case=case, offer=offer, since=date(2025, 4, 2)
    )
    services.case_terminate(
        user=ballerup.caseworker, case=case, reason="citizen_wish", terminated_on=date(2025, 4, 9)
    )
    entry.refresh_from_db()
    assert entry.left_on == date(2025, 4, 9)
