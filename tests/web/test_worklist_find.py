"""Issue 17, item 7: finding things on the work list: filters (caseworker, status,
deadline within N days, overdue, offer, municipality where the user has several), sorting,
and a search by name, case number, birth date or whole CPR number; every search logged,
never with the CPR number or date in the log or the address; bad input in Danish naming
the field, never a server error."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bb103.cases import selectors, services
from bb103.cases.errors import CaseError
from bb103.cases.models import AuditEntry, AuditKind, Case, Membership, Role
from bb103.cases.selectors.worklist_search import WorkListFilter, search_term_parse
from tests.cases.factories import assess, fictitious_cpr, grant, heard, open_case, placed

pytestmark = pytest.mark.django_db


def _citizen(staff, first, last, birth=date(1990, 5, 17)):
    return services.citizen_register(
        user=staff.caseworker,
        municipality=staff.municipality,
        cpr=fictitious_cpr(birth),
        first_name=first,
        last_name=last,
        living_situation="own_home",
    )


def _ids(work) -> list[int]:
    return [c.pk for c in work.cases]


def _list(user, **filters):
    return selectors.worklist_for_user(
        user=user, today=timezone.localdate(), filters=WorkListFilter(**filters)
    )


# --- the search term ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "prefix", "case_id"),
    [
        ("170590", "birth_date_or_case_number", "170590", 170590),
        ("17-05-1990", "birth_date", "170590", None),
        ("17.5.1990", "birth_date", "170590", None),
        ("17-05-90", "birth_date", "170590", None),
        ("29-02-2000", "birth_date", "290200", None),
        ("123", "case_number", "", 123),
        ("sag 123", "case_number", "", 123),
        ("#45", "case_number", "", 45),
        ("999999", "case_number", "", 999999),  # no 99th month: only a case number
    ],
)
def test_numbers_and_dates_are_read_as_case_numbers_or_birth_dates(text, kind, prefix, case_id):
    """Issue 17, item 7: a birth date as DDMMÅÅ or DD-MM-ÅÅÅÅ (six digits may also be a case
    number, so both are looked for), a case number as digits."""
    term = search_term_parse(text)
    assert (term.kind, term.birth_prefix, term.case_id) == (kind, prefix, case_id)


def test_a_name_and_a_whole_cpr_number():
    assert search_term_parse("  Ada  Prøve-Gaard ").words == ("Ada", "Prøve-Gaard")
    assert search_term_parse("") is None
    whole = search_term_parse("170590-1234")
    assert whole.kind == "cpr" and len(whole.cpr_key) == 64
    assert "170590" not in repr(whole)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31-02-1990", "findes ikke"),
        ("12345678901", "ingen sag med nummeret"),
        ("Ada 12", "hverken et navn"),
        ("x" * 101, "højst være 100 tegn"),
        ("a\x00b", "højst være 100 tegn"),
    ],
)
def test_a_term_that_is_nothing_is_refused_naming_the_field(text, words):
    with pytest.raises(CaseError) as err:
        search_term_parse(text)
    assert err.value.field == "q" and words in err.value.message


# --- the filters ---------------------------------------------------------------------------


def test_filters_by_caseworker_status_deadline_and_overdue(ballerup, citizen_of):
    """Issue 17, item 7: each filter narrows the list to the cases it names."""
    received = open_case(
        ballerup.caseworker, citizen_of(ballerup), received_on=timezone.localdate()
    )
    assessed = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, assessed)
    unassigned = open_case(ballerup.caseworker, citizen_of(ballerup))
    Case.objects.filter(pk=unassigned.pk).update(caseworker=None)
    user = ballerup.caseworker
    assert set(_ids(_list(user))) == {received.pk, assessed.pk, unassigned.pk}
    assert set(_ids(_list(user, status="assessed"))) == {assessed.pk}
    assert set(_ids(_list(user, unassigned=True))) == {unassigned.pk}
    assert set(_ids(_list(user, caseworker=user.pk))) == {received.pk, assessed.pk}
    # The old applications' decision deadlines have run out; today's has not.
    assert set(_ids(_list(user, overdue=True))) == {assessed.pk, unassigned.pk}
    within = _list(user, due_within=0)
    assert received.pk not in _ids(within) and assessed.pk in _ids(within)
    received.refresh_from_db()
    far = (received.next_due_on - timezone.localdate()).days
    assert received.pk in _ids(_list(user, due_within=far))


def test_filter_by_offer_and_a_status_that_has_ended(ballerup, citizen_of):
    active = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, active)
    heard(ballerup.caseworker, active)
    grant(ballerup.caseworker, active, offer=ballerup.offer)
    placed(ballerup.caseworker, active, ballerup.offer)
    other = open_case(ballerup.caseworker, citizen_of(ballerup))
    user = ballerup.caseworker
    assert _ids(_list(user, offer=ballerup.offer.pk)) == [active.pk]
    assert other.pk not in _ids(_list(user, offer=ballerup.offer.pk))


def test_municipality_filter_for_a_user_of_several(ballerup, vejen, citizen_of):
    """Issue 17, item 7: the municipality is a filter only for those who work in several."""
    b_case = open_case(ballerup.caseworker, citizen_of(ballerup))
    v_case = open_case(vejen.caseworker, citizen_of(vejen))
    Membership.objects.create(
        user=ballerup.manager, municipality=vejen.municipality, role=Role.MANAGER
    )
    both = _list(ballerup.manager)
    assert {b_case.pk, v_case.pk} <= set(_ids(both))
    assert [m for m, _ in both.choices.municipalities] == ["ballerup", "vejen"]
    assert _ids(_list(ballerup.manager, municipality="vejen")) == [v_case.pk]
    assert _list(ballerup.caseworker).choices.municipalities == []
    # A municipality the user does not read finds nothing, however it is asked for.
    assert _ids(_list(ballerup.caseworker, municipality="vejen")) == []


def test_sorted_by_name_and_by_received_date(ballerup, citizen_of):
    late = open_case(
        ballerup.caseworker, _citizen(ballerup, "Ada", "Aagaard"), received_on=date(2025, 3, 20)
    )
    early = open_case(
        ballerup.caseworker, _citizen(ballerup, "Bo", "Østergaard"), received_on=date(2025, 3, 1)
    )
    user = ballerup.caseworker
    assert _ids(_list(user, sort="navn")) == [late.pk, early.pk]
    assert _ids(_list(user, sort="modtaget")) == [early.pk, late.pk]


def test_filter_choices_are_the_users_municipalitys(ballerup, vejen):
    choices = _list(ballerup.caseworker).choices
    assert [k for k, _ in choices.caseworkers] == [str(ballerup.caseworker.pk)]
    assert [k for k, _ in choices.offers] == [str(ballerup.offer.pk)]


# --- the search ----------------------------------------------------------------------------


def test_search_by_name_case_number_and_birth_date(ballerup, vejen, citizen_of):
    """Issue 17, item 7: a search looks at every case the user reads (the ended too), in
    their own municipality only."""
    ada = open_case(ballerup.caseworker, _citizen(ballerup, "Ada", "Aagaard", date(1988, 2, 3)))
    Case.objects.filter(pk=ada.pk).update(caseworker=ballerup.manager)  # not on her own list
    bo = open_case(ballerup.caseworker, _citizen(ballerup, "Bo", "Berg"))
    twin = open_case(vejen.caseworker, _citizen(vejen, "Ada", "Aagaard", date(1988, 2, 3)))
    user = ballerup.caseworker
    assert ada.pk not in _ids(_list(user))
    for text in ("aagaard", "Ada Aag", "030288", "03-02-1988", str(ada.pk), f"sag {ada.pk}"):
        found = _ids(_list(user, term=search_term_parse(text)))
        assert ada.pk in found and bo.pk not in found and twin.pk not in found, text
    cpr = ada.citizen.cpr
    assert _ids(_list(user, term=search_term_parse(cpr))) == [ada.pk]


def test_every_search_is_logged_by_its_kind_never_the_number(ballerup, citizen_of):
    """Issue 17, item 7: a search is a read in the log of each citizen found, saying what
    kind of term was searched; a search that finds no one is logged too (without a
    citizen). The CPR number and the date typed are not in the log."""
    ada = open_case(ballerup.caseworker, _citizen(ballerup, "Ada", "Aagaard", date(1988, 2, 3)))
    user = ballerup.caseworker
    _list(user, term=search_term_parse("03-02-1988"))
    entry = AuditEntry.objects.get(action="worklist_searched")
    assert (entry.kind, entry.citizen_id, entry.case_id) == (AuditKind.READ, ada.citizen_id, ada.pk)
    assert entry.details == {"search": "birth_date"}
    _list(user, term=search_term_parse(ada.citizen.cpr))
    _list(user, term=search_term_parse("Zacharias"))
    nobody = AuditEntry.objects.filter(action="worklist_searched").last()
    assert nobody.citizen_id is None and nobody.municipality_id == "ballerup"
    assert nobody.details == {"search": "name"}
    logged = str(list(AuditEntry.objects.values_list("details", flat=True)))
    assert "0302" not in logged and ada.citizen.cpr not in logged and "Zacharias" not in logged


# --- the page ------------------------------------------------------------------------------


def test_the_page_filters_from_the_address_and_searches_by_post(client_for, ballerup, citizen_of):
    ada = open_case(ballerup.caseworker, _citizen(ballerup, "Ada", "Aagaard", date(1988, 2, 3)))
    bo = open_case(ballerup.caseworker, _citizen(ballerup, "Bo", "Berg"))
    assess(ballerup.caseworker, bo)
    client = client_for(ballerup.caseworker)
    page = client.get("/").text
    assert "Filtrér og sortér" in page and "Søg efter navn, sagsnummer eller fødselsdato" in page
    assert '<select name="kommune"' not in page  # one municipality: no such filter
    filtered = client.get("/", {"status": "assessed", "sortering": "navn"}).text
    assert f"/sager/{bo.pk}/" in filtered and f"/sager/{ada.pk}/" not in filtered
    assert "Filtreret." in filtered
    found = client.post("/", {"q": "030288"}).text
    assert f"/sager/{ada.pk}/" in found and f"/sager/{bo.pk}/" not in found
    assert "Søgeresultat: 1 sag" in found
    # The search keeps the filters chosen (hidden in its form) and narrows within them.
    within = client.post("/", {"q": "030288", "status": "assessed"}).text
    assert "Ingen sager passer på søgningen" in within
    # A search in the address is not made: a birth date stays out of URLs and logs.
    ignored = client.get("/", {"q": "Berg"}).text
    assert f"/sager/{ada.pk}/" in ignored


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"frist": "mange"}, "Frist inden for (dage)"),
        ({"frist": "9" * 30}, "Frist inden for (dage)"),
        ({"status": "lukket?"}, "Status: vælg en status"),
        ({"raadgiver": "x' OR 1=1"}, "Rådgiver: vælg en rådgiver"),
        ({"tilbud": "99999999999999"}, "Tilbud: vælg et tilbud"),
        ({"kommune": "../vejen"}, "Kommune: vælg en kommune"),
        ({"sortering": "cpr"}, "Sortér efter"),
    ],
)
def test_bad_filter_values_are_said_in_danish_naming_the_field(client_for, ballerup, query, words):
    response = client_for(ballerup.caseworker).get("/", query)
    assert response.status_code == 200 and words in response.text


def test_a_bad_search_is_said_on_the_form(client_for, ballerup):
    response = client_for(ballerup.caseworker).post("/", {"q": "31-02-1990"})
    assert response.status_code == 200
    assert "Datoen »31-02-1990« findes ikke" in response.text


def test_filters_and_search_do_not_add_queries(client_for, ballerup, citizen_of):
    """Issue 17, item 7 with issue 4's budget: the filter form's choices are one query in
    the list's count, and filtering or searching costs no more (a search's log entries are
    the insert the list makes anyway)."""
    for _ in range(3):
        assess(ballerup.caseworker, open_case(ballerup.caseworker, citizen_of(ballerup)))
    client = client_for(ballerup.caseworker)

    def count(method, data):
        with CaptureQueriesContext(connection) as queries:
            assert getattr(client, method)("/", data).status_code == 200
        return len(queries.captured_queries)

    plain = count("get", {})
    assert count("get", {"status": "assessed", "frist": "30", "sortering": "navn"}) == plain
    assert count("post", {"q": "Testesen"}) <= plain + 1  # the CSRF-checked post, its log
    assert plain <= 10


def test_overdue_today_boundary(ballerup, citizen_of):
    """A deadline due today is not overdue; due yesterday is."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(next_due_on=today)
    assert case.pk not in _ids(_list(ballerup.caseworker, overdue=True))
    Case.objects.filter(pk=case.pk).update(next_due_on=today - timedelta(days=1))
    assert case.pk in _ids(_list(ballerup.caseworker, overdue=True))
