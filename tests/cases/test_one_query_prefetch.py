"""Issue 21, point 5: the case page reads the case's rows in one statement
(selectors/one_query_prefetch.py). The rows must be the very ones Django's own prefetch
gives, field for field and with their select_related rows, so the case actions read the
same state either way; and the work list's reads together the same as one by one."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Model, prefetch_related_objects
from django.test.utils import CaptureQueriesContext

from bb103.cases import services
from bb103.cases.actions.state import case_state_prefetches
from bb103.cases.models import Case, Decision, Task
from bb103.cases.selectors.one_query_prefetch import prefetch_in_one_query, read_in_one_query
from bb103.cases.selectors.pages import _case_page_prefetches
from tests.cases.factories import assess, grant, heard, open_case, placed

pytestmark = pytest.mark.django_db


def _values(obj: Model, depth: int = 0) -> tuple:
    """Every loaded field of ``obj`` and of the rows selected with it."""
    loaded = obj.get_deferred_fields()
    own = tuple(
        (f.attname, getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.attname not in loaded
    )
    related = tuple(
        (name, None if rel is None else _values(rel, depth + 1))
        for name, rel in sorted(obj._state.fields_cache.items())
        if depth < 2 and name != "case"
    )
    extra = tuple(
        (k, v) for k, v in sorted(vars(obj).items()) if k in ("correction_id", "correction_reason")
    )
    return (type(obj).__name__, own, related, extra)


def _read(case: Case, lookups, one: bool) -> dict[str, list]:
    if one:
        prefetch_in_one_query(case, lookups)
    else:
        prefetch_related_objects([case], *lookups)
    found = {}
    for lookup in lookups:
        rows = (
            getattr(case, lookup.to_attr)
            if lookup.to_attr
            else list(getattr(case, lookup.prefetch_through).all())
        )
        found[lookup.prefetch_through] = [
            (_values(r), [_values(h) for h in r.hearings.all()])
            if hasattr(r, "hearings")
            else (_values(r), [])
            for r in rows
        ]
    return found


def test_case_rows_in_one_statement_are_those_of_djangos_prefetch(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup), received_on=date(2025, 3, 10))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    placed(ballerup.caseworker, case, ballerup.offer)
    services.letter_send(user=ballerup.caseworker, case=case, kind="decision_grant")
    lookups = [*case_state_prefetches(), *_case_page_prefetches()]
    by_django = _read(Case.objects.get(pk=case.pk), lookups, one=False)
    with CaptureQueriesContext(connection) as queries:
        together = _read(Case.objects.get(pk=case.pk), lookups, one=True)
    assert len(queries.captured_queries) == 2  # the case, and its rows
    assert together == by_django
    assert together["drafts"][0][1], "the draft's hearings come along"
    assert together["letters"] and together["assessments"] and together["decisions"]


def test_reads_together_give_what_each_read_gives(ballerup, roskilde, citizen_of):
    for staff in (ballerup, roskilde):
        case = open_case(staff.caseworker, citizen_of(staff))
        assess(staff.caseworker, case)
        heard(staff.caseworker, case, days=14)
        grant(staff.caseworker, case, offer=staff.offer)
    decisions = Decision.objects.select_related("case__citizen", "offer").order_by("-id")
    names = Case.objects.order_by("id").values_list("id", "citizen__last_name")
    empty = Task.objects.filter(pk__in=[])
    with CaptureQueriesContext(connection) as queries:
        got_decisions, got_names, got_empty = read_in_one_query(decisions, names, empty)
    assert len(queries.captured_queries) == 1
    assert [_values(d) for d in got_decisions] == [_values(d) for d in decisions]
    assert got_names == list(names)
    assert got_empty == []
