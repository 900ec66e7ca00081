"""Every API route × every role of another municipality (issue 18, point 2 and 3): no
route gives a system client of Roskilde anything of Ballerup's, and 401/403/404 do not tell
that Ballerup's rows exist. The routes are read from the URL configuration, so a new route
is checked the day it is added (and an unknown path parameter fails here until taught)."""

from datetime import date

import pytest
from django.urls import URLPattern, get_resolver

from bb103.cases.models import Letter, Provider, ProviderKind, Role, Task, TaskKind
from tests.cases.factories import on_day, running_placement, tell

OPEN = {"api-schema", "api-docs"}  # the schema and its page: no data


def _api_patterns() -> list[tuple[str, URLPattern]]:
    for top in get_resolver().url_patterns:
        if str(top.pattern) == "api/v1/":
            return [(str(p.pattern), p) for p in top.url_patterns if p.name not in OPEN]
    raise AssertionError("no /api/v1/ in the URL configuration")


@pytest.fixture
def ballerups_world(ballerup, roskilde, citizen_of):
    placement = running_placement(ballerup, citizen_of)
    case = placement.case
    with on_day(date(2025, 6, 2)):
        tell(ballerup.caseworker, case, on=date(2025, 6, 2))
    task = Task.objects.create(
        municipality_id="ballerup",
        case=case,
        kind=TaskKind.DEADLINE_SOON,
        source="decision",
        due_on=date(2025, 6, 20),
        created_on=date(2025, 6, 2),
        title="Fristen udløber snart",
        legal_source="Retssikkerhedsloven § 3, stk. 2",
    )
    return {
        "case_id": case.pk,
        "citizen_id": case.citizen_id,
        "letter_id": Letter.objects.filter(case=case).values_list("pk", flat=True).first(),
        "offer_id": ballerup.offer.pk,
        "provider_id": ballerup.offer.provider_id,
        "placement_id": placement.pk,
        "task_id": task.pk,
        "municipality": "ballerup",
        "month": "2025-06",
        "week": "2025-06-02",
        "cpr": case.citizen.cpr,
    }


def _path(route: str, values: dict) -> str:
    path = "/api/v1/" + route
    for name, value in values.items():
        for kind in ("int", "str"):
            path = path.replace(f"<{kind}:{name}>", str(value))
    assert "<" not in path, f"teach this test the parameter of {route}"
    return path


def test_every_api_route_and_role_of_another_municipality_reaches_nothing(
    ballerups_world, roskilde, register_client
):
    """Roskilde's systems in every role a client can have: a route naming a Ballerup row
    answers 403, 404 or 405 (never its data), and a list holds none of Ballerup's rows."""
    provider = Provider.objects.create(
        municipality=roskilde.municipality,
        name="Roskilde Værksted",
        kind=ProviderKind.OWN_MUNICIPAL,
    )
    callers = {
        role: register_client(
            roskilde, role, provider=provider if role == Role.PROVIDER_STAFF else None
        )
        for role in (Role.CASEWORKER, Role.MANAGER, Role.COMMITTEE_MEMBER, Role.PROVIDER_STAFF)
    }
    checked = 0
    for route, pattern in _api_patterns():
        path = _path(route, ballerups_world)
        names_a_row = "<" in route
        methods = [m for m in ("get", "post") if hasattr(pattern.callback.cls, m)]
        for role, caller in callers.items():
            for method in methods:
                response = getattr(caller, method)(path)
                body = response.content.decode("utf-8", "replace")
                where = f"{method.upper()} {path} as Roskilde's {role}"
                assert response.status_code < 500, where
                assert ballerups_world["cpr"] not in body, where
                assert '"municipality":"ballerup"' not in body, where
                if names_a_row and route != "evaluate":
                    assert response.status_code in (403, 404, 405), where
                checked += 1
    assert checked >= 4 * 40


def test_another_municipalitys_case_is_not_found_word_for_word_as_a_missing_one(
    ballerups_world, roskilde, register_client
):
    """401/403/404 must not tell that an id exists elsewhere (issue 18, point 3)."""
    caller = register_client(roskilde, Role.CASEWORKER)
    theirs = caller.get(f"/api/v1/cases/{ballerups_world['case_id']}")
    missing = caller.get("/api/v1/cases/999999")
    assert theirs.status_code == missing.status_code == 404
    strip = lambda r: {k: v for k, v in r.json().items() if k != "instance"}  # noqa: E731
    assert strip(theirs) == strip(missing)
    step = caller.post(f"/api/v1/cases/{ballerups_world['case_id']}/actions/journal_note_add")
    assert step.status_code == 404 and strip(step) == strip(missing)


def test_without_a_valid_key_every_route_is_401(ballerups_world):
    """No key, an unknown key: 401 with WWW-Authenticate, before anything is looked up."""
    from django.test import Client

    anonymous = Client()
    for route, _pattern in _api_patterns():
        path = _path(route, ballerups_world)
        for headers in ({}, {"Authorization": "Bearer bb103_000000000000_nope"}):
            response = anonymous.get(path, headers=headers)
            assert response.status_code == 401, path
            assert response["WWW-Authenticate"].startswith("Bearer")
            assert response["Content-Type"] == "application/problem+json"
