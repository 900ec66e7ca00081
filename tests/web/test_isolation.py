"""No URL lets one municipality reach another's case or citizen (style guide point 6).

The URL patterns are enumerated from the URLconf, so a new URL with a case or citizen in
it is tested without being listed here; a URL taking any other kind of id fails the test
until it is added. The public URLs (the published quality standards, no login) are listed
by name here, and only they may be reached without logging in."""

from datetime import date

import pytest
from django.urls import URLPattern, get_resolver, reverse

from bb103.cases import services
from bb103.cases.models import Offer, Task, TaskKind, TaskStatus
from bb103.web.letters import LETTER_SPECS
from bb103.web.steps import STEP_SPECS

pytestmark = pytest.mark.django_db

# URL parameters this test knows how to fill with another municipality's rows.
KNOWN_PARAMETERS = {"case_id", "citizen_id", "step", "kind", "letter_id", "task_id", "offer_id"}
# The monthly settlement's URLs: the case's municipality and a month.
KNOWN_PARAMETERS |= {"municipality", "month"}
# Open to anyone, without login: the published quality standards. They read the policy
# data only (tests/web/test_standards.py proves it: no database query at all).
PUBLIC = {"standards", "standard", "standard-pdf", "standard-compare"}
OPEN = PUBLIC | {"login"}


def _patterns(resolver=None) -> list[URLPattern]:
    """Every URL pattern, however deeply included."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            found += _patterns(pattern)
        else:
            found.append(pattern)
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


def _urls_for(case, citizen, letter, task) -> list[str]:
    urls = []
    for pattern in _patterns():
        assert pattern.name, f"every URL pattern needs a name: {pattern.pattern}"
        if pattern.name in PUBLIC:
            continue
        params = set(pattern.pattern.regex.groupindex)
        assert params <= KNOWN_PARAMETERS, f"{pattern.name}: teach this test {params}"
        if not params:
            continue
        steps = [s.slug for s in STEP_SPECS] if "step" in params else [None]
        kinds = [s.slug for s in LETTER_SPECS] if "kind" in params else [None]
        for step in steps:
            for kind in kinds:
                values = {
                    "case_id": case.pk,
                    "citizen_id": citizen.pk,
                    "step": step,
                    "kind": kind,
                    "letter_id": letter.pk,
                    "task_id": task.pk,
                    "municipality": case.municipality_id,
                    "month": "2025-09",
                    "offer_id": _offer_of(case).pk,
                }
                urls.append(reverse(pattern.name, kwargs={k: values[k] for k in params}))
    return urls


def test_every_url_of_another_municipalitys_case_is_404(client_for, ballerup, vejen, world):
    _, v_case, staff = world
    letter = services.letter_send(user=vejen.caseworker, case=v_case, kind="receipt")
    task = _task_on(v_case)
    urls = _urls_for(v_case, v_case.citizen, letter, task)
    assert len(urls) >= len(STEP_SPECS) + len(LETTER_SPECS) + 5
    assert f"/sager/{v_case.pk}/breve/{letter.pk}/pdf/" in urls
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


def test_another_municipalitys_letter_under_an_own_case_is_404(client_for, ballerup, vejen, world):
    """The letter is found through its case: an own case's id does not open another
    municipality's letter."""
    b_case, v_case, _ = world
    letter = services.letter_send(user=vejen.caseworker, case=v_case, kind="receipt")
    client = client_for(ballerup.caseworker)
    assert client.get(f"/sager/{b_case.pk}/breve/{letter.pk}/pdf/").status_code == 404


def test_only_the_listed_urls_are_public(client, world):
    """Without login every URL sends to the login page, except the public ones, which the
    views mark login_not_required: the list here and the code must agree."""
    marked = {p.name for p in _patterns() if getattr(p.callback, "login_required", True) is False}
    assert marked == OPEN
    b_case = world[0]
    letter = services.letter_send(user=b_case.caseworker, case=b_case, kind="decision_grant")
    urls = _urls_for(b_case, b_case.citizen, letter, _task_on(b_case))
    for url in [*urls, "/", "/borgere/", "/tilbud/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/log-ind/?next="), url


def _offer_of(case) -> Offer:
    """An offer in the case's municipality's catalogue (the offer URLs take one)."""
    return Offer.objects.filter(provider__municipality_id=case.municipality_id).first()
