"""The municipality's administrator sets up its users (issue 20, point 4): creates a user
with roles, adds and removes a role, deactivates and reactivates a user, and resets a
user's second factor with a new enrolment code; and keeps the municipality's contact data.

Every function checks the action's role in the municipality (:mod:`.actions.roles`) and
writes its audit entry in the same transaction as the change. A user may hold roles in
several municipalities: an administrator changes only the memberships of their own, and
what reaches further than that (deactivating the user, who then can log in nowhere) only
where every role the user holds is in a municipality they administer. Nothing secret
(a password, a code) and no CPR number goes into an audit entry."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.models import (
    EnrolmentCode,
    Membership,
    Municipality,
    MunicipalityContact,
    Provider,
    Role,
    User,
)
from bb103.cases.models.limits import limit_of
from bb103.cases.permissions import require_step
from bb103.cases.selectors.scope import scope_forget
from bb103.cases.services.audit import audit_write
from bb103.cases.services.second_factor import IssuedCode, enrolment_code_issue
from bb103.cases.services.validation import printable, required_text, text_within

# The roles a person can be given here; "citizen" is nobody's membership (Min sag finds it).
STAFF_ROLES = tuple(r for r in Role if r != Role.CITIZEN)
# As the enrolment codes: letters and digits that cannot be mistaken for one another.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class CreatedUser:
    """A new user, with the first password and the enrolment code to be shown once."""

    user: User
    password: str
    code: IssuedCode


def _limited(value: str, model: type, field: str, *, label: str) -> str:
    text = printable(value.strip(), field=field, label=label)
    limit = limit_of(model._meta.get_field(field))
    assert limit is not None
    return text_within(text, limit, field=field, label=label)


def _roles(roles: Iterable[str]) -> list[str]:
    chosen = sorted(set(roles))
    for role in chosen:
        if role not in STAFF_ROLES:
            raise CaseError(f"»{role}« er ikke en rolle, en bruger kan få.", field="roles")
    return chosen


def _provider_for(
    roles: list[str], provider: Provider | None, municipality: Municipality, field: str
) -> Provider | None:
    if Role.PROVIDER_STAFF not in roles:
        if provider is not None:
            raise CaseError("Vælg kun et tilbud for en medarbejder hos tilbud.", field="provider")
        return None
    if provider is None:
        raise CaseError(
            "En medarbejder hos tilbud skal knyttes til sin leverandør. Vælg leverandøren.",
            field="provider",
        )
    if provider.municipality_id != municipality.id:
        raise CaseError("Leverandøren hører ikke til kommunen.", field="provider")
    return provider


def _role_label(role: str) -> str:
    return str(Role(role).label)


def user_create(
    *,
    user: User,
    municipality: Municipality,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    roles: Iterable[str],
    provider: Provider | None = None,
) -> CreatedUser:
    """A new user with ``roles`` in ``municipality``, a first password and an enrolment
    code for their authenticator app, both to be handed over once (they are never shown
    again: only their hashes are kept)."""
    require_step(user, "user_create", municipality.id)
    username = required_text(username, field="username", label="Brugernavn")
    username = _limited(username, User, "username", label="Brugernavn")
    try:
        User.username_validator(username)
    except ValidationError:
        raise CaseError(
            "Brugernavnet må kun indeholde bogstaver, tal og tegnene @ . + - _ (ingen mellemrum).",
            field="username",
        ) from None
    first_name = _limited(
        required_text(first_name, field="first_name", label="Fornavn"),
        User,
        "first_name",
        label="Fornavn",
    )
    last_name = _limited(
        required_text(last_name, field="last_name", label="Efternavn"),
        User,
        "last_name",
        label="Efternavn",
    )
    email = _limited(email, User, "email", label="E-mail")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise CaseError(
                "E-mailadressen er ikke gyldig, fx navn@kommune.dk.", field="email"
            ) from None
    chosen = _roles(roles)
    if not chosen:
        raise CaseError("Vælg mindst én rolle til brugeren.", field="roles")
    provider = _provider_for(chosen, provider, municipality, "provider")
    if User.objects.filter(username__iexact=username).exists():
        raise CaseError(
            f"Brugernavnet »{username}« er allerede i brug. Vælg et andet.", field="username"
        )
    password = "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(4))
    with transaction.atomic():
        new = User(username=username, first_name=first_name, last_name=last_name, email=email)
        new.set_password(password)
        try:
            with transaction.atomic():
                new.save()
        except IntegrityError:
            # Taken between the check and the save, by another administrator.
            raise CaseError(
                f"Brugernavnet »{username}« er allerede i brug. Vælg et andet.",
                field="username",
            ) from None
        Membership.objects.bulk_create(
            Membership(
                user=new,
                municipality=municipality,
                role=role,
                provider=provider if role == Role.PROVIDER_STAFF else None,
            )
            for role in chosen
        )
        scope_forget()
        code = enrolment_code_issue(user=new)
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="user_create",
            details={
                "user": new.pk,
                "username": username,
                "roles": chosen,
                "provider": None if provider is None else provider.pk,
            },
        )
    return CreatedUser(new, password, code)


def user_role_add(
    *,
    user: User,
    municipality: Municipality,
    target: User,
    role: str,
    provider: Provider | None = None,
) -> Membership:
    """Give ``target`` the role ``role`` in ``municipality`` (provider staff: at
    ``provider``)."""
    require_step(user, "user_role_add", municipality.id)
    [role] = _roles([role]) or [""]
    if not role:
        raise CaseError("Vælg en rolle.", field="role")
    provider = _provider_for([role], provider, municipality, "provider")
    if not target.is_active:
        raise CaseError(
            "Brugeren er deaktiveret og kan ikke logge ind. En deaktiveret bruger får ikke "
            "nye roller.",
            field="role",
        )
    with transaction.atomic():
        if Membership.objects.filter(user=target, municipality=municipality, role=role).exists():
            raise CaseError(
                f"Brugeren har allerede rollen {_role_label(role).lower()} i {municipality.name}.",
                field="role",
            )
        membership = Membership.objects.create(
            user=target, municipality=municipality, role=role, provider=provider
        )
        scope_forget()
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="user_role_add",
            details={
                "user": target.pk,
                "role": role,
                "provider": None if provider is None else provider.pk,
            },
        )
    return membership


def user_role_remove(*, user: User, municipality: Municipality, target: User, role: str) -> None:
    """Take the role ``role`` in ``municipality`` from ``target``. An administrator keeps
    their own administrator role: removing it would lock the municipality's
    administration out of itself (another administrator removes it)."""
    require_step(user, "user_role_remove", municipality.id)
    if target.pk == user.pk and role == Role.ADMINISTRATOR:
        raise CaseError(
            "Du kan ikke fjerne din egen rolle som administrator: så kunne du ikke længere "
            "rette det, hvis det var en fejl. Bed en anden administrator i kommunen om det.",
            field="role",
        )
    with transaction.atomic():
        deleted, _ = Membership.objects.filter(
            user=target, municipality=municipality, role=role
        ).delete()
        if not deleted:
            raise CaseError("Brugeren har ikke den rolle i kommunen.", field="role")
        scope_forget()
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="user_role_remove",
            details={"user": target.pk, "role": role},
        )


def user_deactivate(*, user: User, municipality: Municipality, target: User) -> User:
    """Deactivate ``target``: they can no longer log in (a session they have ends at their
    next request), and their unused enrolment codes are void. The user is never deleted:
    the audit trail and the cases name them. Their roles stay, so it is seen what they
    had."""
    require_step(user, "user_deactivate", municipality.id)
    if target.pk == user.pk:
        raise CaseError(
            "Du kan ikke deaktivere dig selv: så kunne ingen rette det, hvis det var en fejl. "
            "Bed en anden administrator i kommunen om det.",
            field="user",
        )
    _refuse_if_held_elsewhere(
        user,
        target,
        "deaktiveres herfra: så kunne brugeren heller ikke logge ind dér. Fjern i stedet "
        "brugerens roller i din kommune.",
    )
    with transaction.atomic():
        if _set_active(user, municipality, target, active=False):
            EnrolmentCode.objects.filter(user=target, used_at__isnull=True).delete()
    return target


def user_reactivate(*, user: User, municipality: Municipality, target: User) -> User:
    """Let a deactivated user log in again (a deactivation by mistake, or someone back
    from leave) with their password and authenticator app as before; a lost one is reset
    with :func:`second_factor_reset`. Like deactivating, only where every role the user
    holds is in a municipality the administrator administers: a login reaches them all."""
    require_step(user, "user_reactivate", municipality.id)
    _refuse_if_held_elsewhere(
        user,
        target,
        "genaktiveres herfra: så kunne brugeren også logge ind dér. Bed en administrator "
        "dér om det.",
    )
    with transaction.atomic():
        _set_active(user, municipality, target, active=True)
    return target


def _set_active(user: User, municipality: Municipality, target: User, *, active: bool) -> bool:
    """Deactivate or reactivate, audited; False (and nothing written) where it already is."""
    if target.is_active == active:
        return False
    target.is_active = active
    target.save(update_fields=["is_active"])
    audit_write(
        actor=user,
        municipality_id=municipality.id,
        action="user_reactivate" if active else "user_deactivate",
        details={"user": target.pk, "username": target.username},
    )
    return True


def _refuse_if_held_elsewhere(admin: User, target: User, consequence: str) -> None:
    """A login reaches every municipality where the user holds a role: refused (saying
    ``consequence``) where one of them is not the administrator's."""
    elsewhere = _held_elsewhere(admin, target)
    if elsewhere:
        raise CaseError(
            f"Brugeren har også roller i {', '.join(elsewhere)}, og kan derfor ikke " + consequence,
            field="user",
        )


def _held_elsewhere(admin: User, target: User) -> list[str]:
    """The municipalities (by name) where ``target`` holds a role and ``admin`` is not an
    administrator."""
    administered = Membership.objects.filter(user=admin, role=Role.ADMINISTRATOR).values(
        "municipality_id"
    )
    return sorted(
        set(
            Membership.objects.filter(user=target)
            .exclude(municipality_id__in=administered)
            .values_list("municipality__name", flat=True)
        )
    )


def second_factor_reset(*, user: User, municipality: Municipality, target: User) -> IssuedCode:
    """Remove ``target``'s authenticator apps (a lost or replaced phone) and issue a new
    enrolment code, to be handed over once; the user enrols a new app at their next
    login."""
    require_step(user, "second_factor_reset", municipality.id)
    if not target.is_active:
        raise CaseError(
            "Brugeren er deaktiveret og kan ikke logge ind, så en kode kan ikke bruges.",
            field="user",
        )
    with transaction.atomic():
        issued = enrolment_code_issue(user=target, reset=True)
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="second_factor_reset",
            details={"user": target.pk, "expires_at": issued.expires_at.isoformat()},
        )
    return issued


CONTACT_LABELS = {
    "unit": "Afdeling",
    "address": "Adresse",
    "phone": "Telefon",
    "email": "E-mail",
    "hours": "Telefontid og åbningstid",
    "web": "Hjemmeside",
}


def municipality_contact_set(
    *, user: User, municipality: Municipality, **values: str
) -> MunicipalityContact:
    """Set the municipality's own contact data: each field filled in replaces the one its
    standard gives, on letters, in Min sag and in the accessibility statement; a blank
    field falls back to the standard's. The audit entry names each field changed, with
    its old and new value (contact data of an office, no personal data)."""
    require_step(user, "municipality_contact_set", municipality.id)
    unknown = set(values) - set(CONTACT_LABELS)
    if unknown:
        raise ValueError(f"unknown contact fields: {sorted(unknown)}")
    cleaned = {}
    for name, label in CONTACT_LABELS.items():
        text = values.get(name, "") or ""
        if name == "address":
            text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        cleaned[name] = _limited(text, MunicipalityContact, name, label=label)
    if cleaned["email"]:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            raise CaseError(
                "E-mailadressen er ikke gyldig, fx handicap@kommune.dk.", field="email"
            ) from None
    web = cleaned["web"]
    if web and not web.startswith(("https://", "http://")):
        raise CaseError("Hjemmesiden skal begynde med https://.", field="web")
    with transaction.atomic():
        row = (
            MunicipalityContact.objects.select_for_update()
            .filter(municipality=municipality)
            .first()
        )
        before = (
            {name: "" for name in CONTACT_LABELS}
            if row is None
            else {name: getattr(row, name) for name in CONTACT_LABELS}
        )
        changed = {
            name: {"før": before[name], "nu": cleaned[name]}
            for name in CONTACT_LABELS
            if before[name] != cleaned[name]
        }
        if row is None:
            row = MunicipalityContact(municipality=municipality, updated_by=user)
        for name, value in cleaned.items():
            setattr(row, name, value)
        if not changed and not row._state.adding:
            return row
        row.updated_by = user
        row.updated_at = timezone.now()
        row.save()
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="municipality_contact_set",
            details={"changed": changed},
        )
    return row
