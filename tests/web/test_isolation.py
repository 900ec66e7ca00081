"""No URL lets one municipality reach another's case or citizen (style guide point 6).

The URL patterns are enumerated from the URLconf, so a new URL with a case or citizen in
it is tested without being listed here; a URL taking any other kind of id fails the test
until it is added."""

from datetime import date

import pytest
from django.urls import URLPattern, get_resolver, reverse

from bb103.cases.models import Task, TaskKind, TaskStatus
from bb103.web.steps import STEP_SPECS

pytestmark = pytest.mark.django_db

# URL parameters this test knows how to fill with another municipality's rows.
KNOWN_PARAMETERS = {"case_id", "citizen_id", "step", "task_id"}


def _patterns() -> list[URLPattern]:
    found = []
    for pattern in get_resolver().url_patterns:
        found += getattr(pattern, "url_patterns", [pattern])
    return found


def _task_on(case) -> Task:
    """A task of the case's caseworker, as the daily sweep makes it."""
    return Task.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        kind=TaskKind.DEADLINE_SOON,
        source="decision",
        due_on=date(2025, 4, 23),
        title="Fristen for afgørelsen udløber snart",
        legal_source="Retssikkerhedsloven § 3, stk. 2",
        assigned_to=case.caseworker,
        created_on=date(2025, 4, 16),
    )


def _urls_for(case, citizen, task) -> list[str]:
    urls = []
    for pattern in _patterns():
        params = set(pattern.pattern.regex.groupindex)
        assert params <= KNOWN_PARAMETERS, f"{pattern.name}: teach this test {params}"
        if not params:
            continue
        steps = [s.slug for s in STEP_SPECS] if "step" in params else [None]
        for step in steps:
            values = {
                "case_id": case.pk,
                "citizen_id": citizen.pk,
                "step": step,
                "task_id": task.pk,
            }
            kwargs = {k: values[k] for k in params}
            urls.append(reverse(pattern.name, kwargs=kwargs) if pattern.name else None)
    assert None not in urls, "every URL pattern needs a name"
    return urls


def test_every_url_of_another_municipalitys_case_is_404(client_for, ballerup, vejen, world):
    _, v_case, staff = world
    task = _task_on(v_case)
    urls = _urls_for(v_case, v_case.citizen, task)
    assert len(urls) >= len(STEP_SPECS) + 5
    for user in (ballerup.caseworker, ballerup.committee, ballerup.manager, ballerup.admin, staff):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
            assert client.post(url, {}).status_code == 404, (user.username, url)
    # The same URLs are reachable in the case's own municipality (so 404 above means
    # "not yours", not "broken").
    own = client_for(vejen.caseworker)
    assert [u for u in urls if own.get(u).status_code == 404] == []
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN  # none of the other municipality's posts did it


def test_unknown_step_is_404(client_for, ballerup, world):
    assert client_for(ballerup.caseworker).get(f"/sager/{world[0].pk}/ukendt/").status_code == 404
