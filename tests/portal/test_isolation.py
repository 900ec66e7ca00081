"""Every Min sag URL × who may knock (issue 19, point 7): two citizens, a representative of
one, staff and nobody. The routes are read from the URL configuration, so a new page is
checked the day it is added (an unknown path parameter fails here until taught)."""

from datetime import date

from django.test import Client
from django.urls import URLPattern, get_resolver

from bb103.cases import services
from bb103.cases.models import PortalAccess, Relation, Representative
from tests.cases.factories import open_case

# The pages anyone may open: logging in (and out).
PUBLIC = {"portal-login", "portal-dev-login", "portal-logout", "portal-nemlogin",
          "portal-nemlogin-callback"}  # fmt: skip


def portal_patterns() -> list[tuple[str, URLPattern]]:
    found = []

    def walk(resolver, prefix: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                walk(pattern, route)
            elif route.startswith("min-sag/"):
                found.append((route, pattern))

    walk(get_resolver(), "")
    assert found, "no /min-sag/ in the URL configuration"
    return found


def portal_path(route: str, values: dict) -> str:
    path = "/" + route
    for name, value in values.items():
        for kind in ("int", "str", "slug"):
            path = path.replace(f"<{kind}:{name}>", str(value))
    assert "<" not in path, f"teach this test the parameter of {route}"
    return path


def test_every_portal_page_of_one_citizen_is_closed_to_the_other_and_to_staff(
    ballerup, roskilde, citizen_of, portal_login
):
    anne, bent = citizen_of(ballerup), citizen_of(roskilde)
    annes_case = open_case(ballerup.caseworker, anne)
    receipt = services.letter_send(user=ballerup.caseworker, case=annes_case, kind="receipt")
    values = {"case_id": annes_case.pk, "citizen_id": anne.pk, "letter_id": receipt.pk}
    bent_portal = portal_login(bent)
    staff = Client()
    staff.force_login(ballerup.caseworker)
    checked = 0
    for route, pattern in portal_patterns():
        path = portal_path(route, values)
        for who, client in (("Bent", bent_portal), ("staff", staff), ("nobody", Client())):
            response = client.get(path)
            where = f"GET {path} as {who}"
            assert response.status_code < 500, where
            assert anne.cpr not in response.content.decode(), where
            assert anne.last_name not in response.content.decode() or pattern.name in PUBLIC, where
            if pattern.name not in PUBLIC and "<" in route:
                # Another citizen's case: not found; staff and nobody: to the login page.
                assert response.status_code in (302, 404), where
            checked += 1
    assert checked >= 3 * 4


def _represents(person, citizen, access: str) -> None:
    """``person`` (a citizen record of their own, so the development login knows them) is
    recorded on ``citizen`` as værge with ``access`` to Min sag."""
    Representative.objects.create(
        citizen=citizen,
        name=f"{person.first_name} {person.last_name}",
        relation=Relation.GUARDIAN,
        consent_given_on=date(2025, 1, 1),
        cpr_key=person.cpr_key,
        portal_access=access,
    )


def test_a_representative_reaches_only_the_citizen_they_represent_and_only_as_recorded(
    ballerup, roskilde, citizen_of, portal_login
):
    """Point 6 and 7: Bent's værge gets nothing of Anne's; Anne's værge with access "read"
    sees her pages but may not act (403 on every act's page, in plain Danish)."""
    anne, bent = citizen_of(ballerup), citizen_of(roskilde)
    carl, dora = citizen_of(roskilde), citizen_of(ballerup)
    _represents(carl, bent, PortalAccess.ACT)
    _represents(dora, anne, PortalAccess.READ)
    annes_case = open_case(ballerup.caseworker, anne)
    receipt = services.letter_send(user=ballerup.caseworker, case=annes_case, kind="receipt")
    values = {"case_id": annes_case.pk, "citizen_id": anne.pk, "letter_id": receipt.pk}
    bents_helper, annes_reader = portal_login(carl), portal_login(dora)
    for route, pattern in portal_patterns():
        if pattern.name in PUBLIC or "<" not in route:
            continue
        path = portal_path(route, values)
        other = bents_helper.get(path)
        assert other.status_code == 404, f"GET {path} as Bent's værge"
        reader = annes_reader.get(path)
        assert reader.status_code in (200, 302, 403), f"GET {path} as Anne's reader"
        if reader.status_code == 403:
            assert (
                "må ikke" in reader.content.decode().lower() or "adgang" in reader.content.decode()
            )
        post = annes_reader.post(path, {"text": "x", "grounds": "x", "kind": "other"})
        assert post.status_code in (403, 405, 302, 200), f"POST {path} as Anne's reader"
    from bb103.cases.models import Complaint, HearingAnswer

    assert not HearingAnswer.objects.exists() and not Complaint.objects.exists()
