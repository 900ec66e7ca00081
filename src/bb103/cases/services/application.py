"""A new case: the application is registered and the decision deadline starts to run."""

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from bb103.cases.actions import action
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.policy import policy_in_force
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Applicant,
    Application,
    Case,
    CaseStatus,
    Channel,
    Citizen,
    Outcome,
    Representative,
    User,
)
from bb103.cases.permissions import require_step_for
from bb103.cases.services.audit import audit_write
from bb103.cases.services.deadlines import deadlines_recompute
from bb103.cases.services.validation import choice, not_before, not_future


def application_register(
    *,
    user: User,
    citizen: Citizen,
    received_on: date,
    channel: str,
    applicant: str = Applicant.CITIZEN,
    representative: Representative | None = None,
    receipt_sent_on: date | None = None,
    description: str = "",
    information_consent: bool | None = None,
) -> Case:
    """Register the application; the decision deadline runs from ``received_on``. Staff
    register what came by any channel, and the case is theirs; the citizen in Min sag (or a
    representative who may act) applies digitally, today, and the case waits unassigned on
    the caseworkers' work list (a citizen is never anyone's caseworker). ``information_consent``:
    the answer to whether the municipality may gather information (Retssikkerhedsloven
    § 11 c), where it was asked (None: not recorded)."""
    require_step_for(user, "application_register", citizen)
    by_staff = action("application_register").may(user, citizen.municipality_id)
    today = timezone.localdate()
    choice(channel, Channel, field="channel", label="Kanal")
    if not by_staff and (channel != Channel.DIGITAL or received_on != today):
        # Min sag sends the application as it is made: a login cannot date it back.
        raise CaseError("En ansøgning fra Min sag er digital og modtaget i dag.", field="channel")
    choice(applicant, Applicant, field="applicant", label="Ansøger")
    not_future(received_on, today, field="received_on", label="Modtagelsesdatoen")
    if receipt_sent_on is not None:
        not_before(
            receipt_sent_on,
            received_on,
            field="receipt_sent_on",
            label="Kvitteringen",
            earlier="ansøgningen blev modtaget",
        )
        not_future(receipt_sent_on, today, field="receipt_sent_on", label="Kvitteringen")
    _check_applicant(citizen, applicant, representative, received_on)
    if not policy_in_force(citizen.municipality_id, received_on):
        raise CaseError(
            f"{citizen.municipality} har ingen kvalitetsstandard i kraft "
            f"{danish_date(received_on)}.",
            field="received_on",
        )
    with transaction.atomic():
        # Lock the citizen so two registrations at once cannot open two cases.
        Citizen.objects.select_for_update().get(pk=citizen.pk)
        open_case = open_cases().filter(citizen=citizen).first()
        if open_case is not None:
            raise CaseError(
                f"Borgeren har allerede en åben sag (sag {open_case.pk}). "
                "Registrér ansøgningen på den."
                if by_staff
                else f"Der er allerede en åben sag hos {citizen.municipality} "
                f"(sag {open_case.pk}). Du kan ikke søge igen, mens den er åben. "
                "Ring til rådgiveren, hvis noget har ændret sig.",
                field="citizen",
            )
        case = Case.objects.create(
            municipality_id=citizen.municipality_id,
            citizen=citizen,
            status=CaseStatus.RECEIVED,
            caseworker=user if by_staff else None,
        )
        Application.objects.create(
            case=case,
            applicant=applicant,
            representative=representative,
            channel=channel,
            received_on=received_on,
            receipt_sent_on=receipt_sent_on,
            description=description.strip(),
            information_consent=information_consent,
        )
        deadlines_recompute(case=case, today=today)
        audit_write(
            actor=user,
            municipality_id=case.municipality_id,
            action="application_register",
            case=case,
            details={
                "received_on": received_on,
                "channel": channel,
                "applicant": applicant,
                **(
                    {"information_consent": information_consent}
                    if information_consent is not None
                    else {}
                ),
            },
        )
    return case


def open_cases() -> QuerySet[Case]:
    """The cases on which a new application is registered instead of opening another: all
    but those ended, closed or refused (a refused citizen may apply again)."""
    return Case.objects.exclude(status__in=(CaseStatus.TERMINATED, CaseStatus.CLOSED)).exclude(
        status=CaseStatus.DECIDED, decision__outcome=Outcome.REFUSAL
    )


def _check_applicant(
    citizen: Citizen, applicant: str, representative: Representative | None, on: date
) -> None:
    if applicant == Applicant.CITIZEN:
        if representative is not None:
            raise CaseError(
                "Vælg »En anden med borgerens samtykke«, når ansøgningen kommer fra en "
                "repræsentant.",
                field="applicant",
            )
        return
    if representative is None:
        raise CaseError("Angiv, hvem der har søgt på borgerens vegne.", field="representative")
    if representative.citizen_id != citizen.pk:
        raise CaseError("Repræsentanten er ikke registreret for borgeren.", field="representative")
    if not representative.has_consent_on(on):
        raise CaseError(
            f"{representative.name} kan kun søge på borgerens vegne med borgerens samtykke, "
            f"og der er ikke registreret et gyldigt samtykke {danish_date(on)}.",
            field="representative",
        )
