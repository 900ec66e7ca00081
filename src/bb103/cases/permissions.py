"""Who may do what: each step of a case and the roles that may take it, in one table.

A user's roles are per municipality (``Membership``); a step on a case is allowed only if the
user holds one of the step's roles in the case's own municipality. Reading is scoped the same
way by :mod:`bb103.cases.selectors`.
"""

from django.contrib.auth.models import AnonymousUser

from bb103.cases.errors import AccessDenied
from bb103.cases.models import Membership, Role, User

# The step (the service's name), what it is called in Danish, and who may take it.
STEPS: dict[str, tuple[str, frozenset[str]]] = {
    "citizen_register": ("registrere en borger", frozenset({Role.CASEWORKER})),
    "representative_register": ("registrere en repræsentant", frozenset({Role.CASEWORKER})),
    "application_register": ("registrere en ansøgning", frozenset({Role.CASEWORKER})),
    "assessment_record": ("registrere en udredning", frozenset({Role.CASEWORKER})),
    "committee_review_record": (
        "registrere visitationsudvalgets behandling",
        frozenset({Role.COMMITTEE_MEMBER}),
    ),
    "draft_decision_create": ("udarbejde et udkast til afgørelse", frozenset({Role.CASEWORKER})),
    "party_hearing_send": ("sende udkastet i partshøring", frozenset({Role.CASEWORKER})),
    "party_hearing_skip": ("undlade partshøring", frozenset({Role.CASEWORKER})),
    "party_hearing_close": ("afslutte partshøringen", frozenset({Role.CASEWORKER})),
    "decision_make": ("træffe afgørelse", frozenset({Role.CASEWORKER})),
    "handleplan_record": ("registrere handleplanen", frozenset({Role.CASEWORKER})),
    "placement_start": ("starte beskæftigelsen", frozenset({Role.CASEWORKER})),
    "follow_up_record": ("registrere en opfølgning", frozenset({Role.CASEWORKER})),
    "case_terminate": ("afslutte indsatsen", frozenset({Role.CASEWORKER})),
    "complaint_register": ("registrere en klage", frozenset({Role.CASEWORKER})),
    "complaint_reassess": ("genvurdere afgørelsen", frozenset({Role.CASEWORKER})),
    "complaint_forward": ("sende klagen til Ankestyrelsen", frozenset({Role.CASEWORKER})),
    "complaint_outcome_record": (
        "registrere Ankestyrelsens afgørelse",
        frozenset({Role.CASEWORKER, Role.MANAGER}),
    ),
    "task_complete": ("markere opgaven som udført", frozenset({Role.CASEWORKER, Role.MANAGER})),
    "letter_send": ("sende et brev til borgeren", frozenset({Role.CASEWORKER})),
    "provider_register": ("registrere en leverandør", frozenset({Role.ADMINISTRATOR})),
    "offer_register": ("registrere et tilbud", frozenset({Role.ADMINISTRATOR})),
    "settlement_run": (
        "beregne månedsafregningen",
        frozenset({Role.CASEWORKER, Role.MANAGER}),
    ),
    "settlement_approve": ("godkende og låse månedsafregningen", frozenset({Role.MANAGER})),
    "offer_update": ("ændre et tilbud", frozenset({Role.ADMINISTRATOR})),
    # A takst is agreed with the provider: the administrator keeps the catalogue, and the
    # manager (leder), who answers for the costs, may enter a new price too.
    "offer_price_set": (
        "registrere en takst",
        frozenset({Role.ADMINISTRATOR, Role.MANAGER}),
    ),
    "waiting_list_add": ("sætte borgeren på venteliste", frozenset({Role.CASEWORKER})),
    "waiting_list_leave": ("tage borgeren af ventelisten", frozenset({Role.CASEWORKER})),
    "transport_set": ("registrere befordring", frozenset({Role.CASEWORKER})),
    "tax_card_record": ("registrere et skattekort", frozenset({Role.CASEWORKER})),
    "attendance_record": ("registrere fremmøde", frozenset({Role.PROVIDER_STAFF})),
    "pedagogical_plan_record": ("skrive den pædagogiske plan", frozenset({Role.PROVIDER_STAFF})),
    "deviation_report": ("melde en afvigelse til rådgiveren", frozenset({Role.PROVIDER_STAFF})),
    # The provider pays and sets the wage (BEK nr. 483 § 1); the caseworker may set it too.
    "wage_set": ("fastsætte lønnen", frozenset({Role.PROVIDER_STAFF, Role.CASEWORKER})),
    "attachment_upload": ("tilføje et bilag til sagen", frozenset({Role.CASEWORKER})),
    # GDPR: the access request's export and the anonymisation after the retention period.
    "gdpr_export": (
        "udlevere borgerens oplysninger (indsigt)",
        frozenset({Role.CASEWORKER, Role.MANAGER}),
    ),
}

# Roles that may read every case of their municipality. Provider staff read only the cases
# placed with their provider; administrators manage users and providers, not cases, so
# they do not read citizens' sensitive data.
CASE_READERS = frozenset({Role.CASEWORKER, Role.COMMITTEE_MEMBER, Role.MANAGER})


def roles_in(user: User | AnonymousUser, municipality_id: str) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Membership.objects.filter(user=user, municipality_id=municipality_id).values_list(
            "role", flat=True
        )
    )


def require_step(user: User | AnonymousUser, step: str, municipality_id: str) -> None:
    """Raise AccessDenied unless the user may take ``step`` in the municipality."""
    label, allowed = STEPS[step]
    if not roles_in(user, municipality_id) & allowed:
        roles = " eller ".join(Role(r).label.lower() for r in sorted(allowed))
        raise AccessDenied(f"Du har ikke adgang til at {label}. Det kræver rollen {roles}.")


def step_label(step: str) -> str:
    return STEPS[step][0]
