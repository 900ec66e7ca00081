"""The approved month's finance posting file (issue 18, item 5): columns and sums against a
hand-computed month in two municipalities with two providers each; made exactly once, at
approval, and never changed; only for approved months; scoped to the municipality's
settlement readers; the provider's CVR number checked by modulus 11; no CPR number."""

import csv
import hashlib
import io
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from bb103.cases import selectors, services
from bb103.cases.errors import AccessDenied, CaseError, NotFound
from bb103.cases.finance_posting import COLUMNS, posting_text
from bb103.cases.models import (
    AuditEntry,
    FinanceFile,
    Provider,
    ProviderKind,
    SettlementMonth,
    SettlementStatus,
)
from bb103.cases.services import settlement_approve, settlement_run
from bb103.cases.services.validation import cvr_number, cvr_valid, fictitious_cvr
from bb103.rules.policy.model import PROVIDER_POSTINGS
from tests.cases.factories import make_offer, running_placement
from tests.cases.settlement_world import (
    attend,
    hourly_wage,
    per_km,
    placement_for,
    price,
    tax_card,
    weekdays_of,
)

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2025, 9, 1)
# Monday to Thursday in September 2025: 18 planned days, no holiday.
SEPT_DAYS = weekdays_of(date(2025, 9, 1), date(2025, 9, 30))
APPROVED_AT = datetime(2025, 10, 3, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture
def world(ballerup, vejen, citizen_of):
    """Two municipalities, two providers each, hand-computed:

    Ballerup (no transport account in its data):
      - its own workshop, 500 kr. a day, two placements × 18 planned days = 18.000,00
        (art 4.0, account 5.38.58.1.010.4.0);
      - a private provider, 12.000 kr. a month, one placement all month = 12.000,00
        (art 4.9, PSP XG-538580010-01).
    Vejen (its data posts the municipality's share of transport):
      - its own workshop, 400 kr. a day × 18 = 7.200,00 (art 4.0);
      - a private company, 300 kr. a day × 18 = 5.400,00 (art 4.9, PSP XG-538580050-02);
      - transport: 16 days × 6 h × 30,00 = 2.880,00 gross; 40 % of (2.880 − 1.000) = 752,00
        tax; net 2.128,00; 25 km × 1,50 × 16 × 2 = 1.200,00, the citizen's first 10 km
        480,00 (below the 30 % cap of 638,40): the municipality pays 720,00 (art 5.2).
    """
    b_private = make_offer(ballerup.admin, ballerup.municipality, kind="private_provider")
    v_company = make_offer(vejen.admin, vejen.municipality, kind="private_company")
    price(ballerup.offer, "day", "500")
    price(b_private, "month", "12000")
    price(vejen.offer, "day", "400")
    price(v_company, "day", "300")
    b1 = placement_for(ballerup, citizen_of)
    b2 = placement_for(ballerup, citizen_of)
    b3 = running_placement(ballerup, citizen_of, offer=b_private)
    v1 = running_placement(vejen, citizen_of)
    v2 = running_placement(vejen, citizen_of, offer=v_company)
    attend(v1, vejen.caseworker, SEPT_DAYS[:16])
    hourly_wage(v1, vejen.caseworker, "30.00")
    tax_card(v1, "40", "1000")
    per_km(v1, "25", "1.50")
    return {
        "ballerup": (ballerup, [b1, b2, b3], b_private.provider),
        "vejen": (vejen, [v1, v2], v_company.provider),
    }


def _approve(staff) -> SettlementMonth:
    s = settlement_run(user=staff.caseworker, municipality=staff.municipality, month=SEPTEMBER)
    with time_machine.travel(APPROVED_AT, tick=False):
        return settlement_approve(user=staff.manager, settlement=s)


def _rows(file: FinanceFile) -> list[dict[str, str]]:
    text = bytes(file.content).decode("utf-8")
    assert not text.startswith("\ufeff")  # no byte order mark: an importer reads it as is
    assert text.splitlines()[0] == ";".join(COLUMNS)
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_columns_and_sums_per_provider_and_account_two_municipalities(world):
    """Format version 1 (docs/settlement.md): one line per provider with the sum it is
    owed, on function 5.38.58, dranst 1, the art and account string of the provider's kind
    from the municipality's data, its cost centre, the provider's CVR; the voucher date is
    the approval date; amounts with a decimal comma."""
    ballerup, b_placements, b_private = world["ballerup"]
    vejen, v_placements, v_company = world["vejen"]
    b_file = _approve(ballerup).finance_file
    v_file = _approve(vejen).finance_file

    b_rows = {r["CVR"]: r for r in _rows(b_file)}
    assert len(b_rows) == 2
    own = b_rows[ballerup.offer.provider.cvr]
    assert own["Beløb"] == "18000,00" and own["Placeringer"] == "2"
    assert (own["Funktion"], own["Dranst"], own["Art"]) == ("5.38.58", "1", "4.0")
    assert own["Kontostreng"] == "5.38.58.1.010.4.0" and own["PSP-element"] == ""
    assert own["Sager"] == " ".join(
        str(p.case_id) for p in sorted(b_placements[:2], key=lambda p: p.case_id)
    )
    private = b_rows[b_private.cvr]
    assert private["Beløb"] == "12000,00" and private["Art"] == "4.9"
    assert private["PSP-element"] == "XG-538580010-01"
    assert private["Modtager"] == b_private.name and private["Modtagertype"] == "Leverandør"
    for row in b_rows.values():
        assert row["Bilag"] == "BB103-ballerup-2025-09"
        assert row["Bilagsdato"] == "2025-10-03" and row["Periode"] == "2025-09"
        assert row["Omkostningssted"] == "51100"
        assert (
            row["Tekst"]
            == posting_text(SEPTEMBER)
            == "Beskyttet beskæftigelse § 103, september 2025"
        )
    assert sorted(r["Linje"] for r in b_rows.values()) == ["1", "2"]
    assert b_file.lines == 2 and b_file.total == Decimal("30000.00")

    v_rows = _rows(v_file)
    assert [r["Beløb"] for r in v_rows if r["Modtagertype"] == "Leverandør"] != []
    by_cvr = {r["CVR"]: r for r in v_rows}
    assert by_cvr[vejen.offer.provider.cvr]["Beløb"] == "7200,00"
    assert by_cvr[v_company.cvr]["Beløb"] == "5400,00"
    assert by_cvr[v_company.cvr]["PSP-element"] == "XG-538580050-02"
    transport = by_cvr[""]
    assert transport["Modtagertype"] == "Borgere" and transport["Art"] == "5.2"
    assert transport["Beløb"] == "720,00" and transport["Sager"] == str(v_placements[0].case_id)
    assert transport["Kontostreng"] == "5.38.58.1.050.5.2"
    assert {r["Omkostningssted"] for r in v_rows} == {"VK5038"}
    assert v_file.lines == 3 and v_file.total == Decimal("13320.00")


def test_made_exactly_once_at_approval_and_never_changed(world):
    """Generated once: approval makes it in its transaction; reading it again, running the
    approved month again or asking the service again gives the same row and bytes; an
    update through the model is refused."""
    ballerup = world["ballerup"][0]
    approved = _approve(ballerup)
    file = FinanceFile.objects.get()
    content = bytes(file.content)
    assert file.sha256 == hashlib.sha256(content).hexdigest()
    assert file.generated_by == ballerup.manager and file.format_version == 1
    assert AuditEntry.objects.filter(action="finance_file_created").count() == 1

    settlement_run(user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER)
    again = services.finance_file_create(settlement=approved, actor=ballerup.caseworker)
    read = selectors.finance_file_for_user(
        user=ballerup.caseworker, municipality_id="ballerup", month=SEPTEMBER
    )
    assert again.pk == read.pk == file.pk and bytes(read.content) == content
    assert FinanceFile.objects.count() == 1
    assert AuditEntry.objects.filter(action="finance_file_created").count() == 1
    with pytest.raises(CaseError):
        settlement_approve(user=ballerup.manager, settlement=approved)
    read.content = b"changed"
    with pytest.raises(ValueError, match="kan ikke ændres"):
        read.save()
    with pytest.raises(ValueError, match="kan ikke slettes"):
        read.delete()
    assert bytes(FinanceFile.objects.get().content) == content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_trigger_refuses_update_and_delete(world):
    """Migration 0027: on PostgreSQL the database itself refuses UPDATE and DELETE of a
    finance file, past the model (a queryset update, raw SQL)."""
    _approve(world["ballerup"][0])
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        FinanceFile.objects.update(sha256="0" * 64)
    with (
        pytest.raises(DatabaseError, match="never changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM cases_financefile")
    assert FinanceFile.objects.get().sha256 != "0" * 64


def test_only_an_approved_month_has_a_file(world):
    """An open month (run, not approved) has none, and asking for it says why."""
    ballerup = world["ballerup"][0]
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    assert s.status == SettlementStatus.OPEN
    with pytest.raises(CaseError, match="godkendt og låst"):
        selectors.finance_file_for_user(
            user=ballerup.manager, municipality_id="ballerup", month=SEPTEMBER
        )
    with pytest.raises(CaseError):
        services.finance_file_create(settlement=s, actor=ballerup.manager)
    assert not FinanceFile.objects.exists()


def test_another_municipalitys_user_gets_not_found(world):
    """Scoping: Vejen's caseworker and manager, and Ballerup's own committee member and
    administrator (not settlement readers), get "not found" for Ballerup's file."""
    ballerup, vejen = world["ballerup"][0], world["vejen"][0]
    _approve(ballerup)
    for user in (vejen.caseworker, vejen.manager, ballerup.committee, ballerup.admin):
        with pytest.raises(NotFound):
            selectors.finance_file_for_user(user=user, municipality_id="ballerup", month=SEPTEMBER)
    assert not AuditEntry.objects.filter(action="finance_file_exported").exists()


def test_fetching_the_file_is_logged_for_each_case_it_names(world):
    """A read (like settlement_exported): one entry per citizen whose case number is in it."""
    ballerup, placements, _ = world["ballerup"]
    _approve(ballerup)
    selectors.finance_file_for_user(
        user=ballerup.caseworker, municipality_id="ballerup", month=SEPTEMBER
    )
    logged = AuditEntry.objects.filter(action="finance_file_exported", kind="read")
    assert sorted(logged.values_list("case_id", flat=True)) == sorted(p.case_id for p in placements)


def test_no_cpr_number_in_the_file(world):
    """No CPR number: the file names cases by their number, never a person."""
    for staff, placements, _ in world.values():
        content = bytes(_approve(staff).finance_file.content).decode("utf-8")
        for p in placements:
            cpr = p.case.citizen.cpr
            assert cpr not in content and f"{cpr[:6]}-{cpr[6:]}" not in content
            assert p.case.citizen.last_name not in content
        assert not re.search(r"\b\d{6}-?\d{4}\b", content)


def test_approval_refused_while_a_provider_owed_money_has_no_cvr(world):
    """The file is made once and never changed, so never without the provider's CVR: the
    approval is refused, naming the provider, and the month stays open."""
    ballerup, _, private = world["ballerup"]
    Provider.objects.filter(pk=private.pk).update(cvr="")
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    with pytest.raises(CaseError, match=re.escape(private.name)) as info:
        settlement_approve(user=ballerup.manager, settlement=s)
    assert info.value.field == "cvr"
    s.refresh_from_db()
    assert s.status == SettlementStatus.OPEN and not FinanceFile.objects.exists()


def test_a_month_approved_before_finance_files_gets_its_file_once_on_first_request(world):
    """Migration 0027 makes no files (the providers had no CVR numbers then): a month
    approved before it gets its file on the first request, from its approved lines, and
    the same file ever after."""
    ballerup = world["ballerup"][0]
    s = settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    # Approved the way it was before this feature: no file.
    SettlementMonth.objects.filter(pk=s.pk).update(
        status=SettlementStatus.APPROVED, approved_at=APPROVED_AT, approved_by=ballerup.manager
    )
    first = selectors.finance_file_for_user(
        user=ballerup.caseworker, municipality_id="ballerup", month=SEPTEMBER
    )
    assert first.generated_by == ballerup.caseworker
    assert {r["Bilagsdato"] for r in _rows(first)} == {"2025-10-03"}
    second = selectors.finance_file_for_user(
        user=ballerup.manager, municipality_id="ballerup", month=SEPTEMBER
    )
    assert second.pk == first.pk and bytes(second.content) == bytes(first.content)


# --- the provider's CVR number ----------------------------------------------------------------
def test_cvr_modulus_11():
    """CVR: eight digits, weights 2 7 6 5 4 3 2 1, the sum divisible by 11."""
    # 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 = 106; 106 + 4 = 110 = 10 × 11.
    assert cvr_valid("12345674")
    assert not cvr_valid("12345675")
    assert not cvr_valid("1234567") and not cvr_valid("123456740") and not cvr_valid("0234567x")
    assert cvr_number(" DK 1234 5674 ") == "12345674"
    assert all(cvr_valid(fictitious_cvr(n)) for n in range(500))


@pytest.mark.parametrize("bad", ["12345675", "1234567", "12a45674", "02345678"])
def test_provider_cvr_that_fails_modulus_11_is_refused_naming_the_field(ballerup, bad):
    with pytest.raises(CaseError, match="modulus 11") as info:
        services.provider_register(
            user=ballerup.admin,
            municipality=ballerup.municipality,
            name="Værksted med tastefejl",
            kind=ProviderKind.PRIVATE_PROVIDER,
            cvr=bad,
        )
    assert info.value.field == "cvr"
    with pytest.raises(CaseError) as info:
        services.provider_cvr_set(user=ballerup.admin, provider=ballerup.offer.provider, cvr=bad)
    assert info.value.field == "cvr"


def test_provider_cvr_set_by_the_administrator_audited(ballerup, vejen):
    provider = ballerup.offer.provider
    with pytest.raises(CaseError, match="udfyldes") as info:
        services.provider_cvr_set(user=ballerup.admin, provider=provider, cvr=" ")
    assert info.value.field == "cvr"
    for user in (ballerup.caseworker, vejen.admin):
        with pytest.raises(AccessDenied):
            services.provider_cvr_set(user=user, provider=provider, cvr="12345674")
    services.provider_cvr_set(user=ballerup.admin, provider=provider, cvr="12345674")
    provider.refresh_from_db()
    assert provider.cvr == "12345674"
    assert AuditEntry.objects.filter(action="provider_cvr_set").count() == 1


def test_every_provider_kind_has_a_posting_account():
    """The finance data's provider accounts are exactly the kinds of provider there are."""
    assert set(PROVIDER_POSTINGS) == set(ProviderKind.values)
