"""Registering citizens and the people who may act for them."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.engine.facts import birth_date
from bb103.cases.engine.formatting import danish_date, masked_cpr
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Citizen,
    LivingSituation,
    Municipality,
    PortalAccess,
    Relation,
    Representative,
    User,
)
from bb103.cases.permissions import require_step, require_step_for_self
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice, not_future, required_text

# Older than this at registration is possible but rare enough to ask the caseworker to
# check the number (issue 17, item 1: 010100-1234 reads as born 1900).
PLAUSIBLE_AGE = 100


@sensitive_variables("raw", "digits", "cpr")
def normalise_cpr(raw: str, *, today: date | None = None) -> str:
    """``0101901234`` or ``010190-1234`` -> ``010190-1234``; raises CaseError if invalid:
    not 10 digits, no date, or a birth date after ``today`` (the 7th digit and the year
    give the century: 010130-4000 is born in 2030, CPR-kontoret's rule)."""
    digits = raw.strip().replace("-", "").replace(" ", "")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        raise CaseError("CPR-nummeret skal være 10 cifre (DDMMÅÅ-XXXX).", field="cpr")
    cpr = f"{digits[:6]}-{digits[6:]}"
    born = birth_date(cpr)
    if born > (today or timezone.localdate()):
        raise CaseError(
            f"CPR-nummeret {masked_cpr(cpr)} betyder, at borgeren er født {danish_date(born)}, "
            "og den dag er ikke kommet endnu. Tjek cifrene: det 7. ciffer og årstallet "
            "afgør, hvilket århundrede borgeren er født i.",
            field="cpr",
        )
    return cpr


@sensitive_variables("cpr")
def cpr_warnings(cpr: str, *, today: date | None = None) -> list[str]:
    """What the caseworker should check about a valid CPR number: an age that is possible
    but hardly plausible (a mistyped 7th digit moves the birth a century back)."""
    born = birth_date(cpr)
    age = age_on(born, today or timezone.localdate())
    if age <= PLAUSIBLE_AGE:
        return []
    return [
        f"Efter CPR-nummeret er borgeren født {danish_date(born)} og altså {age} år. "
        "Tjek, at CPR-nummeret er skrevet rigtigt; ret det ellers under »Ret oplysninger«."
    ]


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


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
    digital_post_exempt: bool = False,
) -> Citizen:
    """The citizen registered; ``citizen.warnings`` says what the caseworker should check
    (an implausible age), shown beside the success message. A Min sag login registers only
    the person it logged in as (applying for themself, issue 19): any other CPR number is
    refused as a step it may not take."""
    require_step_for_self(user, "citizen_register", municipality.id, _key_or_blank(cpr))
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
            digital_post_exempt=bool(digital_post_exempt),
        )
        # The CPR number is not written to the audit trail: the trail is read more widely.
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="citizen_register",
            details={"citizen": citizen.pk},
        )
    citizen.warnings = cpr_warnings(cpr)  # type: ignore[attr-defined]
    return citizen


@sensitive_variables("cpr")
def _key_or_blank(cpr: str) -> str:
    """The search key of a valid CPR number, else "" (the role is asked before the number
    is checked, so a login without the role learns nothing of it)."""
    try:
        return cpr_search_key(normalise_cpr(cpr))
    except CaseError:
        return ""


@sensitive_variables("cpr")
def representative_register(
    *,
    user: User,
    citizen: Citizen,
    name: str,
    relation: str,
    contact: str = "",
    consent_given_on: date | None = None,
    consent_scope: str = "",
    receives_letters: bool = False,
    cpr: str = "",
    portal_access: str = PortalAccess.NONE,
) -> Representative:
    """For a værge (appointed, not chosen by the citizen) ``consent_given_on`` is the day
    of the appointment: from then on they act, and get copies of the letters if asked.
    ``cpr``: the representative's own CPR number, for their MitID login to Min sag; only
    its keyed search hash is kept (never the number), and ``portal_access`` says what
    they may do there (issue 19, point 6)."""
    require_step(user, "representative_register", citizen.municipality_id)
    choice(relation, Relation, field="relation", label="Relation")
    if consent_given_on is not None:
        not_future(
            consent_given_on, timezone.localdate(), field="consent_given_on", label="Samtykket"
        )
    cpr_key = representative_portal_key(
        cpr=cpr, portal_access=portal_access, consent_given_on=consent_given_on
    )
    with transaction.atomic():
        representative = Representative.objects.create(
            citizen=citizen,
            name=required_text(name, field="name", label="Navn"),
            relation=relation,
            contact=contact.strip(),
            consent_given_on=consent_given_on,
            consent_scope=consent_scope.strip(),
            receives_letters=bool(receives_letters),
            cpr_key=cpr_key,
            portal_access=portal_access,
        )
        # Neither the CPR number nor its key goes to the audit trail; only that one is set.
        audit_write(
            actor=user,
            municipality_id=citizen.municipality_id,
            action="representative_register",
            details={
                "citizen": citizen.pk,
                "representative": representative.pk,
                "portal_access": portal_access,
                "portal_cpr": bool(cpr_key),
            },
        )
    return representative


@sensitive_variables("cpr")
def representative_portal_key(
    *, cpr: str, portal_access: str, consent_given_on: date | None, current_key: str = ""
) -> str:
    """The search key of a representative's CPR number for Min sag (``current_key`` when
    none is typed), checked with the access asked for: access needs a recorded consent
    (for a værge, the appointment) and a CPR number to log in by."""
    choice(portal_access, PortalAccess, field="portal_access", label="Adgang til Min sag")
    key = cpr_search_key(normalise_cpr(cpr)) if cpr.strip() else current_key
    if portal_access != PortalAccess.NONE:
        if consent_given_on is None:
            raise CaseError(
                "Adgang til Min sag kræver et samtykke fra borgeren (for en værge: dagen "
                "for beskikkelsen). Udfyld, hvornår samtykket blev givet.",
                field="portal_access",
            )
        if not key:
            raise CaseError(
                "Skriv repræsentantens CPR-nummer, så de kan logge ind på Min sag med MitID.",
                field="cpr",
            )
    return key
