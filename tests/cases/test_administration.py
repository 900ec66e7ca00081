"""Issue 20, point 4: the administrator sets up the municipality's users and roles, resets a
second factor and keeps the contact data, through services that check the action's role in
the municipality and write the audit entry in the same transaction."""

import pytest

from bb103.cases import services
from bb103.cases.engine.policy import municipality_letterhead
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import AuditEntry, Membership, Role, User
from bb103.cases.services.second_factor import enrolment_code_redeem


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _create(admin, municipality, username="ny-raadgiver", **kwargs):
    values = {
        "username": username,
        "first_name": "Nina",
        "last_name": "Nybo",
        "email": "nina@example.org",
        "roles": [Role.CASEWORKER],
        **kwargs,
    }
    return services.user_create(user=admin, municipality=municipality, **values)


def test_user_create_gives_roles_a_password_and_an_enrolment_code_audited_without_secrets(
    ballerup,
):
    created = _create(ballerup.admin, ballerup.municipality)
    user = created.user
    assert user.check_password(created.password)
    assert set(user.memberships.values_list("municipality_id", "role")) == {
        ("ballerup", Role.CASEWORKER)
    }
    # The code the screen shows once enrols the user's app.
    assert enrolment_code_redeem(user=user, code=created.code.code)
    entry = AuditEntry.objects.get(action="user_create")
    assert entry.municipality_id == "ballerup" and entry.actor == ballerup.admin
    assert entry.details["roles"] == [Role.CASEWORKER]
    assert created.password not in str(entry.details)
    assert created.code.code not in str(entry.details)


@pytest.mark.parametrize("who", ["caseworker", "manager", "committee"])
def test_only_the_administrator_creates_users(ballerup, who):
    with pytest.raises(AccessDenied):
        _create(getattr(ballerup, who), ballerup.municipality)
    assert not User.objects.filter(username="ny-raadgiver").exists()


def test_another_municipalitys_administrator_can_change_nothing(ballerup, vejen):
    with pytest.raises(AccessDenied):
        _create(vejen.admin, ballerup.municipality)
    with pytest.raises(AccessDenied):
        services.user_deactivate(
            user=vejen.admin, municipality=ballerup.municipality, target=ballerup.caseworker
        )
    with pytest.raises(AccessDenied):
        services.second_factor_reset(
            user=vejen.admin, municipality=ballerup.municipality, target=ballerup.caseworker
        )
    with pytest.raises(AccessDenied):
        services.municipality_contact_set(
            user=vejen.admin, municipality=ballerup.municipality, phone="11 11 11 11"
        )
    assert not AuditEntry.objects.exists()


def test_provider_staff_need_a_provider_of_the_municipality(ballerup, vejen):
    with pytest.raises(CaseError) as missing:
        _create(ballerup.admin, ballerup.municipality, roles=[Role.PROVIDER_STAFF])
    assert missing.value.field == "provider"
    with pytest.raises(CaseError) as foreign:
        _create(
            ballerup.admin,
            ballerup.municipality,
            roles=[Role.PROVIDER_STAFF],
            provider=vejen.offer.provider,
        )
    assert foreign.value.field == "provider"
    created = _create(
        ballerup.admin,
        ballerup.municipality,
        roles=[Role.PROVIDER_STAFF],
        provider=ballerup.offer.provider,
    )
    assert created.user.memberships.get().provider == ballerup.offer.provider


def test_a_taken_username_is_refused_naming_the_field(ballerup):
    with pytest.raises(CaseError) as taken:
        _create(ballerup.admin, ballerup.municipality, username=ballerup.caseworker.username)
    assert taken.value.field == "username"


def test_roles_are_added_and_removed_only_in_the_own_municipality(ballerup, vejen):
    """A user in two municipalities: Ballerup's administrator changes only Ballerup's."""
    both = ballerup.caseworker
    Membership.objects.create(user=both, municipality=vejen.municipality, role=Role.CASEWORKER)
    services.user_role_add(
        user=ballerup.admin, municipality=ballerup.municipality, target=both, role=Role.MANAGER
    )
    services.user_role_remove(
        user=ballerup.admin, municipality=ballerup.municipality, target=both, role=Role.CASEWORKER
    )
    assert set(both.memberships.values_list("municipality_id", "role")) == {
        ("ballerup", Role.MANAGER),
        ("vejen", Role.CASEWORKER),
    }
    assert list(AuditEntry.objects.values_list("action", "municipality_id")) == [
        ("user_role_add", "ballerup"),
        ("user_role_remove", "ballerup"),
    ]


def test_the_administrator_cannot_remove_their_own_administrator_role(ballerup):
    with pytest.raises(CaseError) as refused:
        services.user_role_remove(
            user=ballerup.admin,
            municipality=ballerup.municipality,
            target=ballerup.admin,
            role=Role.ADMINISTRATOR,
        )
    assert "anden administrator" in refused.value.message
    assert ballerup.admin.memberships.filter(role=Role.ADMINISTRATOR).exists()


def test_deactivate_keeps_the_user_and_voids_their_codes(ballerup):
    code = services.second_factor_reset(
        user=ballerup.admin, municipality=ballerup.municipality, target=ballerup.caseworker
    )
    services.user_deactivate(
        user=ballerup.admin, municipality=ballerup.municipality, target=ballerup.caseworker
    )
    ballerup.caseworker.refresh_from_db()
    assert ballerup.caseworker.is_active is False
    assert not enrolment_code_redeem(user=ballerup.caseworker, code=code.code)
    assert AuditEntry.objects.filter(action="user_deactivate").count() == 1


def test_the_administrator_cannot_deactivate_themself(ballerup):
    with pytest.raises(CaseError):
        services.user_deactivate(
            user=ballerup.admin, municipality=ballerup.municipality, target=ballerup.admin
        )
    ballerup.admin.refresh_from_db()
    assert ballerup.admin.is_active


def test_a_user_with_roles_elsewhere_is_not_deactivated_from_one_municipality(ballerup, vejen):
    Membership.objects.create(
        user=ballerup.caseworker, municipality=vejen.municipality, role=Role.CASEWORKER
    )
    with pytest.raises(CaseError) as refused:
        services.user_deactivate(
            user=ballerup.admin, municipality=ballerup.municipality, target=ballerup.caseworker
        )
    assert "Vejen" in refused.value.message
    ballerup.caseworker.refresh_from_db()
    assert ballerup.caseworker.is_active


def test_reactivate_lets_the_user_in_again_once_and_is_audited(ballerup):
    target = ballerup.caseworker
    services.user_deactivate(user=ballerup.admin, municipality=ballerup.municipality, target=target)
    for _ in range(2):  # the second time changes nothing and writes nothing
        services.user_reactivate(
            user=ballerup.admin, municipality=ballerup.municipality, target=target
        )
    target.refresh_from_db()
    assert target.is_active is True
    assert AuditEntry.objects.filter(action="user_reactivate").count() == 1


def test_a_user_with_roles_elsewhere_is_not_reactivated_from_one_municipality(ballerup, vejen):
    target = ballerup.caseworker
    Membership.objects.create(user=target, municipality=vejen.municipality, role=Role.CASEWORKER)
    User.objects.filter(pk=target.pk).update(is_active=False)
    with pytest.raises(CaseError) as refused:
        services.user_reactivate(
            user=ballerup.admin, municipality=ballerup.municipality, target=target
        )
    assert "Vejen" in refused.value.message
    target.refresh_from_db()
    assert target.is_active is False


def test_only_the_administrator_reactivates(ballerup):
    with pytest.raises(AccessDenied):
        services.user_reactivate(
            user=ballerup.manager, municipality=ballerup.municipality, target=ballerup.caseworker
        )


def test_second_factor_reset_gives_a_code_that_enrols_once(ballerup):
    issued = services.second_factor_reset(
        user=ballerup.admin, municipality=ballerup.municipality, target=ballerup.caseworker
    )
    assert enrolment_code_redeem(user=ballerup.caseworker, code=issued.code)
    assert not enrolment_code_redeem(user=ballerup.caseworker, code=issued.code)
    entry = AuditEntry.objects.get(action="second_factor_reset")
    assert entry.details["user"] == ballerup.caseworker.pk
    assert issued.code not in str(entry.details)


def test_contact_data_replace_the_standards_on_letters_and_fall_back_field_by_field(ballerup):
    """Issue 20, point 4: the municipality changes its phone number without a developer;
    a field left blank shows the standard's."""
    before = municipality_letterhead("ballerup")["municipality"]
    services.municipality_contact_set(
        user=ballerup.admin,
        municipality=ballerup.municipality,
        phone="44 77 00 00",
        address="Hold-an Vej 7\n2750 Ballerup",
    )
    after = municipality_letterhead("ballerup")
    assert after["municipality"]["phone"] == "44 77 00 00"
    assert after["municipality"]["address"] == ["Hold-an Vej 7", "2750 Ballerup"]
    assert after["municipality"]["unit"] == before["unit"]
    assert after["municipality"]["email"] == before["email"]
    entry = AuditEntry.objects.get(action="municipality_contact_set")
    assert set(entry.details["changed"]) == {"phone", "address"}
    assert entry.details["changed"]["phone"] == {"før": "", "nu": "44 77 00 00"}
    # Vejen's letterhead is Vejen's own.
    assert municipality_letterhead("vejen")["municipality"]["phone"] != "44 77 00 00"


def test_contact_data_bad_email_is_refused_naming_the_field(ballerup):
    with pytest.raises(CaseError) as bad:
        services.municipality_contact_set(
            user=ballerup.admin, municipality=ballerup.municipality, email="ikke en adresse"
        )
    assert bad.value.field == "email"
