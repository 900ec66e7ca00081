"""Issue 20, point 4: the administration screens. Each is open to the administrator of its
municipality, "not found" to another municipality's administrator and forbidden to the
municipality's other roles; every change is audited; a new key, password or enrolment code
is shown once, in the POST's own answer, never cached and never shown again."""

import pytest
from django.test import Client
from django.urls import reverse

from bb103.cases import services
from bb103.cases.models import ApiClient, AuditEntry, Membership, Role, User
from bb103.cases.services.api_clients import api_key_authenticate

PASSWORD_FIELD = "Første adgangskode"


def _urls(staff, *, client: ApiClient, member: User) -> list[str]:
    m = staff.municipality.pk
    return [
        reverse("admin-user-create", args=[m]),
        reverse("admin-user", args=[m, member.pk]),
        reverse("admin-user-role-add", args=[m, member.pk]),
        reverse("admin-user-role-remove", args=[m, member.pk]),
        reverse("admin-user-deactivate", args=[m, member.pk]),
        reverse("admin-user-reactivate", args=[m, member.pk]),
        reverse("admin-user-second-factor", args=[m, member.pk]),
        reverse("admin-client-create", args=[m]),
        reverse("admin-client-rotate", args=[m, client.pk]),
        reverse("admin-client-revoke", args=[m, client.pk]),
        reverse("admin-contact", args=[m]),
    ]


@pytest.fixture
def api_client(ballerup):
    return services.api_client_register(
        user=ballerup.admin,
        municipality=ballerup.municipality,
        name="Ballerups fagsystem",
        roles=[Role.CASEWORKER],
    ).client


def test_every_screen_is_the_administrators_of_its_own_municipality_only(
    client_for, ballerup, vejen, api_client
):
    urls = _urls(ballerup, client=api_client, member=ballerup.caseworker)
    own = client_for(ballerup.admin)
    assert [u for u in urls if own.get(u).status_code != 200] == []
    other = client_for(vejen.admin)
    for url in urls:
        assert other.get(url).status_code == 404, url
        assert other.post(url, {"role": Role.CASEWORKER}).status_code == 404, url
    for role in ("caseworker", "manager", "committee"):
        forbidden = client_for(getattr(ballerup, role))
        for url in urls:
            assert forbidden.get(url).status_code == 403, (role, url)
            assert forbidden.post(url, {}).status_code == 403, (role, url)
        assert forbidden.get(reverse("administration")).status_code == 404
    # Provider staff work at a provider: the municipality's administration is not theirs.
    from tests.cases.factories import make_user

    staff = client_for(
        make_user("ballerup-tilbud", ballerup.municipality, Role.PROVIDER_STAFF,
                  ballerup.offer.provider)
    )  # fmt: skip
    assert [u for u in urls if staff.get(u).status_code != 404] == []
    assert not AuditEntry.objects.exclude(action="api_client_register").exists()
    ballerup.caseworker.refresh_from_db()
    assert ballerup.caseworker.is_active


def test_the_page_lists_the_own_municipalitys_users_and_the_menu_links_it(
    client_for, ballerup, vejen
):
    page = client_for(ballerup.admin).get(reverse("administration"))
    assert page.status_code == 200
    text = page.text
    assert ballerup.caseworker.username in text
    assert vejen.caseworker.username not in text
    assert 'href="/administration/"' in text
    assert "Administration" not in client_for(ballerup.caseworker).get("/").text


def test_a_user_of_another_municipality_is_not_found_under_the_own(client_for, ballerup, vejen):
    url = reverse("admin-user", args=[ballerup.municipality.pk, vejen.caseworker.pk])
    assert client_for(ballerup.admin).get(url).status_code == 404


def test_created_user_sees_password_and_code_once_and_can_log_in_and_enrol(
    client_for, ballerup, settings
):
    admin = client_for(ballerup.admin)
    response = admin.post(
        reverse("admin-user-create", args=[ballerup.municipality.pk]),
        {
            "username": "bl-nyraadgiver",
            "first_name": "Nanna",
            "last_name": "Nygaard",
            "email": "",
            "roles": [Role.CASEWORKER],
            "provider": "",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["secrets"][1][1]
    code = response.context["secrets"][2][1]
    assert "Vises kun denne ene gang" in response.text and password in response.text
    user = User.objects.get(username="bl-nyraadgiver")
    entry = AuditEntry.objects.get(action="user_create")
    assert password not in str(entry.details) and code not in str(entry.details)
    # Never again: the user's page and the list do not show them.
    for url in (reverse("administration"), reverse("admin-user", args=["ballerup", user.pk])):
        page = admin.get(url).text
        assert password not in page and code not in page
    # The user logs in with the password and enrols an app with the code.
    settings.BB103_REQUIRE_OTP = True
    fresh = Client()
    logged = fresh.post(reverse("login"), {"username": user.username, "password": password})
    assert logged.status_code == 302
    enrolled = fresh.post(reverse("second-factor-setup"), {"enrolment_code": code, "next": "/"})
    assert enrolled.status_code == 302


def test_a_deactivated_user_cannot_log_in(client_for, ballerup):
    cw = ballerup.caseworker
    cw.set_password("en-lang-nok-adgangskode")
    cw.save()
    session = client_for(cw)
    response = client_for(ballerup.admin).post(
        reverse("admin-user-deactivate", args=["ballerup", cw.pk]), {}
    )
    assert response.status_code == 302
    cw.refresh_from_db()
    assert cw.is_active is False
    # The session they had ends, and the password no longer logs in.
    assert session.get("/").status_code == 302
    login = Client().post(
        reverse("login"), {"username": cw.username, "password": "en-lang-nok-adgangskode"}
    )
    assert login.status_code == 200 and "_auth_user_id" not in login.client.session
    assert AuditEntry.objects.filter(action="user_deactivate", actor=ballerup.admin).count() == 1


def test_a_deactivated_user_is_reactivated_from_their_page_and_logs_in_again(client_for, ballerup):
    """A deactivation by mistake is undone on the screen, not in a shell; audited."""
    cw = ballerup.caseworker
    cw.set_password("en-lang-nok-adgangskode")
    cw.is_active = False
    cw.save()
    admin = client_for(ballerup.admin)
    page = admin.get(reverse("admin-user", args=["ballerup", cw.pk]))
    assert "Genaktivér brugeren" in page.text and "Deaktivér brugeren" not in page.text
    response = admin.post(reverse("admin-user-reactivate", args=["ballerup", cw.pk]), {})
    assert response.status_code == 302
    cw.refresh_from_db()
    assert cw.is_active is True
    login = Client().post(
        reverse("login"), {"username": cw.username, "password": "en-lang-nok-adgangskode"}
    )
    assert login.status_code == 302
    assert AuditEntry.objects.filter(action="user_reactivate", actor=ballerup.admin).count() == 1


def test_the_administrator_cannot_deactivate_themself_and_is_told_why(client_for, ballerup):
    admin = client_for(ballerup.admin)
    response = admin.post(reverse("admin-user-deactivate", args=["ballerup", ballerup.admin.pk]))
    assert response.status_code == 200
    assert "Du kan ikke deaktivere dig selv" in response.text
    removing = admin.post(
        reverse("admin-user-role-remove", args=["ballerup", ballerup.admin.pk]),
        {"role": Role.ADMINISTRATOR},
    )
    assert "din egen rolle som administrator" in removing.text
    assert Membership.objects.filter(user=ballerup.admin, role=Role.ADMINISTRATOR).exists()


def test_second_factor_reset_shows_a_code_once_that_enrols_the_user(client_for, ballerup, settings):
    response = client_for(ballerup.admin).post(
        reverse("admin-user-second-factor", args=["ballerup", ballerup.caseworker.pk]), {}
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    code = response.context["secrets"][0][1]
    settings.BB103_REQUIRE_OTP = True
    user_client = client_for(ballerup.caseworker)
    enrolled = user_client.post(
        reverse("second-factor-setup"), {"enrolment_code": code, "next": "/"}
    )
    assert enrolled.status_code == 302
    assert AuditEntry.objects.filter(action="second_factor_reset").count() == 1


def test_roles_added_and_removed_on_the_users_page(client_for, ballerup):
    admin = client_for(ballerup.admin)
    cw = ballerup.caseworker
    added = admin.post(
        reverse("admin-user-role-add", args=["ballerup", cw.pk]),
        {"role": Role.PROVIDER_STAFF, "provider": ballerup.offer.provider_id},
    )
    assert added.status_code == 302
    assert cw.memberships.filter(role=Role.PROVIDER_STAFF).exists()
    removed = admin.post(
        reverse("admin-user-role-remove", args=["ballerup", cw.pk]), {"role": Role.CASEWORKER}
    )
    assert removed.status_code == 302
    assert set(cw.memberships.values_list("role", flat=True)) == {Role.PROVIDER_STAFF}
    missing = admin.post(
        reverse("admin-user-role-add", args=["ballerup", cw.pk]), {"role": Role.PROVIDER_STAFF}
    )
    assert "Leverandør" in missing.text or "leverandør" in missing.text


def test_system_client_key_is_shown_once_works_and_rotates(client_for, ballerup):
    """Issue 18 point 2 through the screens: the key in the POST's answer only."""
    admin = client_for(ballerup.admin)
    response = admin.post(
        reverse("admin-client-create", args=["ballerup"]),
        {"name": "Ydelsessystem", "roles": [Role.CASEWORKER], "rate_per_minute": 60},
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = response.context["secrets"][0][1]
    client = api_key_authenticate(key)
    assert client is not None and client.municipality_id == "ballerup"
    assert key not in admin.get(reverse("administration")).text
    rotated = admin.post(
        reverse("admin-client-rotate", args=["ballerup", client.pk]), {"grace_hours": 0}
    )
    new_key = rotated.context["secrets"][0][1]
    assert api_key_authenticate(new_key) is not None
    assert api_key_authenticate(key) is None  # no grace asked for
    admin.post(reverse("admin-client-revoke", args=["ballerup", client.pk]), {})
    assert api_key_authenticate(new_key) is None
    assert list(
        AuditEntry.objects.filter(action__startswith="api_").values_list("action", flat=True)
    ) == ["api_client_register", "api_key_rotate", "api_client_revoke"]


def test_contact_data_changed_on_the_screen_reach_the_public_statement(client_for, ballerup):
    admin = client_for(ballerup.admin)
    response = admin.post(
        reverse("admin-contact", args=["ballerup"]),
        {"unit": "", "address": "", "phone": "44 77 12 34", "email": "", "hours": "", "web": ""},
    )
    assert response.status_code == 302
    assert "44 77 12 34" in Client().get(reverse("accessibility-statement")).text
    assert "44 77 12 34" in admin.get(reverse("administration")).text
    bad = admin.post(reverse("admin-contact", args=["ballerup"]), {"web": "kommune.dk"})
    assert "Hjemmesiden skal begynde med https://" in bad.text


def test_the_administration_page_costs_the_same_queries_as_users_grow(
    client_for, ballerup, api_client
):
    """Zulip's rule for list pages: the queries per page do not grow with the rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.cases.factories import make_user

    admin = client_for(ballerup.admin)
    admin.get(reverse("administration"))  # the session and the policy data are warm

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(reverse("administration")).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        make_user(f"ballerup-ekstra-{n}", ballerup.municipality, Role.CASEWORKER)
        services.api_client_register(
            user=ballerup.admin,
            municipality=ballerup.municipality,
            name=f"System {n}",
            roles=[Role.MANAGER],
        )
    assert count() == before
