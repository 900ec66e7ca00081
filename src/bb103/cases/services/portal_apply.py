"""Applying for beskyttet beskæftigelse in Min sag (issue 19, point 4).

The application is the caseworker's own registration (``application_register``) taken by
the citizen, with the channel "digital", received today. A person the municipality does
not know yet is registered first (``citizen_register``), with the CPR number their MitID
login gave (never typed) and the name and address they type. In the same transaction the
receipt is sent as the Kvitteringsskrivelse a registered application gets (it states the
decision deadline, Retssikkerhedsloven § 3, stk. 2), and the caseworkers get a task: the
case waits unassigned on their work list."""

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from bb103.cases.actions import action
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import (
    Applicant,
    Channel,
    Citizen,
    Municipality,
    PortalAccess,
    Representative,
    User,
)
from bb103.cases.models.limits import LONG_TEXT
from bb103.cases.permissions import portal_citizen_ids, portal_cpr_key
from bb103.cases.services.application import application_register
from bb103.cases.services.citizens import citizen_register, normalise_cpr
from bb103.cases.services.portal_acts import PortalReceipt, receipt_with_task
from bb103.cases.services.validation import printable, required_text, text_within
from bb103.letters.kinds import LetterKind

# The two things Vejen's standard asks an application to say (afsnit 4.2: "en beskrivelse
# af borgers udfordringer og evt. diagnoser"), and what the citizen wishes, kept as the
# application's text under these headings for the caseworker.
WISHES = "Det vil jeg gerne"
CHALLENGES = "Det er svært for mig"
TASK_TITLE = "Ny ansøgning fra Min sag. Tag sagen, og kontakt borgeren."
NO_CONSENT = " Borgeren har ikke givet samtykke til at indhente oplysninger."


def application_text(*, wishes: str, challenges: str) -> str:
    wishes = required_text(wishes, field="wishes", label="Hvad du gerne vil")
    printable(wishes, field="wishes", label="Hvad du gerne vil")
    printable(challenges, field="challenges", label="Hvad der er svært")
    text = f"{WISHES}:\n{wishes}"
    if challenges.strip():
        text += f"\n\n{CHALLENGES}:\n{challenges.strip()}"
    text_within(text, LONG_TEXT, field="wishes", label="Ansøgningen")
    return text


@sensitive_variables("cpr")
def portal_application_send(
    *,
    user: User,
    wishes: str,
    challenges: str = "",
    information_consent: bool,
    citizen_id: int | None = None,
    municipality_id: str = "",
    cpr: str = "",
    first_name: str = "",
    last_name: str = "",
    address: str = "",
    phone: str = "",
) -> PortalReceipt:
    """Send the application of the citizen ``citizen_id`` (one the login may act for: their
    own record, or a citizen they represent with access to act), or of the person themself
    in ``municipality_id`` (``cpr``: the login's own number, from its MitID login; their
    record there is made if there is none, from the name, address and phone typed)."""
    apply = action("application_register")
    today = timezone.localdate()
    own_key = portal_cpr_key(user)
    if own_key is None:
        raise AccessDenied(apply.role_message())
    description = application_text(wishes=wishes, challenges=challenges)
    with transaction.atomic():
        if citizen_id is not None:
            citizen = _reachable(user, citizen_id)
        else:
            citizen = _own_record(
                user,
                own_key=own_key,
                municipality_id=municipality_id,
                cpr=cpr,
                first_name=first_name,
                last_name=last_name,
                address=address,
                phone=phone,
            )
        representative = None
        if citizen.cpr_key != own_key:
            representative = _acting_representative(citizen, own_key)
        case = application_register(
            user=user,
            citizen=citizen,
            received_on=today,
            channel=Channel.DIGITAL,
            applicant=Applicant.CITIZEN if representative is None else Applicant.REPRESENTATIVE,
            representative=representative,
            receipt_sent_on=today,
            description=description,
            information_consent=information_consent,
        )
        whose = "Din ansøgning" if representative is None else "Ansøgningen"
        return receipt_with_task(
            user=user,
            case=case,
            title="Vi har fået ansøgningen",
            received=[
                f"{whose} om beskyttet beskæftigelse for {citizen.first_name}",
                "Svaret om at hente oplysninger: "
                + ("Ja, I må gerne." if information_consent else "Nej, spørg først."),
            ],
            task_title=TASK_TITLE + ("" if information_consent else NO_CONSENT),
            source=f"portal:application:{case.pk}",
            legal_source="Serviceloven § 103. Retssikkerhedsloven § 3, stk. 2",
            kind=LetterKind.RECEIPT,
        )


def _reachable(user: User, citizen_id: int) -> Citizen:
    """The citizen, if the login may act for them; else refused, whoever it is."""
    mine = portal_citizen_ids(user, acting=True)
    citizen = (
        None
        if mine is None
        else Citizen.objects.filter(mine, pk=citizen_id, anonymised_on__isnull=True)
        .select_related("municipality")
        .first()
    )
    if citizen is None:
        raise AccessDenied(action("application_register").role_message())
    return citizen


@sensitive_variables("cpr")
def _own_record(
    user: User,
    *,
    own_key: str,
    municipality_id: str,
    cpr: str,
    first_name: str,
    last_name: str,
    address: str,
    phone: str,
) -> Citizen:
    """The person's record in the municipality, registered now if there is none."""
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise CaseError("Vælg din kommune.", field="municipality")
    if not cpr:
        raise CaseError("Log ind igen med MitID, og send så ansøgningen.", field="cpr")
    key = cpr_search_key(normalise_cpr(cpr))
    if key != own_key:
        # Another person's number: only the login's own may be registered.
        raise AccessDenied(action("citizen_register").role_message())
    found = (
        Citizen.objects.filter(municipality=municipality, cpr_key=key, anonymised_on__isnull=True)
        .select_related("municipality")
        .first()
    )
    if found is not None:
        return found
    return citizen_register(
        user=user,
        municipality=municipality,
        cpr=cpr,
        first_name=first_name,
        last_name=last_name,
        address=required_text(address, field="address", label="Adressen"),
        phone=phone,
    )


def _acting_representative(citizen: Citizen, own_key: str) -> Representative:
    """The login's record as representative of ``citizen`` with access to act."""
    today = timezone.localdate()
    for r in Representative.objects.filter(
        citizen=citizen, cpr_key=own_key, portal_access=PortalAccess.ACT
    ).order_by("id"):
        if r.has_consent_on(today):
            return r
    raise AccessDenied(action("application_register").role_message())
