"""Registering citizens and the people who may act for them."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.engine.facts import birth_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Citizen,
    LivingSituation,
    Municipality,
    Relation,
    Representative,
    User,
)
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice, not_future, required_text


@sensitive_variables("raw", "digits", "cpr")
def normalise_cpr(raw: str) -> str:
    """``0101901234`` or ``010190-1234`` -> ``010190-1234``; raises CaseError if invalid."""
    digits = raw.strip().replace("-", "").replace(" ", "")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        raise CaseError("CPR-nummeret skal være 10 cifre (DDMMÅÅ-XXXX).", field="cpr")
    cpr = f"{digits[:6]}-{digits[6:]}"
    birth_date(cpr)
    return cpr


@sensitive_variables("cpr")
def citizen_register(
    *,
    user: User,
    municipality: Municipality,
    cpr: str,
    first_name: str,
    last_name: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    living_situation: str = "",
) -> Citizen:
    require_step(user, "citizen_register", municipality.id)
    cpr = normalise_cpr(cpr)
    if living_situation:
        choice(living_situation, LivingSituation, field="living_situation", label="Boform")
    with transaction.atomic():
        if Citizen.objects.filter(municipality=municipality, cpr_key=cpr_search_key(cpr)).exists():
            raise CaseError("Der findes allerede en borger med dette CPR-nummer.", field="cpr")
        citizen = Citizen.objects.create(
            municipality=municipality,
            cpr=cpr,
            cpr_key=cpr_search_key(cpr),
            first_name=required_text(first_name, field="first_name", label="Fornavn"),
            last_name=required_text(last_name, field="last_name", label="Efternavn"),
            address=address.strip(),
            phone=phone.strip(),
            email=email.strip(),
            living_situation=living_situation,
        )
        # The CPR number is not written to the audit trail: the trail is read more widely.
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="citizen_register",
            details={"citizen": citizen.pk},
        )
    return citizen


def representative_register(
    *,
    user: User,
    citizen: Citizen,
    name: str,
    relation: str,
    contact: str = "",
    consent_given_on: date | None = None,
    consent_scope: str = "",
) -> Representative:
    require_step(user, "representative_register", citizen.municipality_id)
    choice(relation, Relation, field="relation", label="Relation")
    if consent_given_on is not None:
        not_future(
            consent_given_on, timezone.localdate(), field="consent_given_on", label="Samtykket"
        )
    with transaction.atomic():
        representative = Representative.objects.create(
            citizen=citizen,
            name=required_text(name, field="name", label="Navn"),
            relation=relation,
            contact=contact.strip(),
            consent_given_on=consent_given_on,
            consent_scope=consent_scope.strip(),
        )
        audit_write(
            actor=user,
            municipality_id=citizen.municipality_id,
            action="representative_register",
            details={"citizen": citizen.pk, "representative": representative.pk},
        )
    return representative
