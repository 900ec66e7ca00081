"""What the login may do on a case in Min sag (issue 19, point 4): each act's own action
answers, with the role "citizen" (``CaseAction.verdict``); nothing here knows which states
allow which act."""

from dataclasses import dataclass

from django.utils import timezone

from bb103.cases.actions import REGISTRY, CaseAction
from bb103.cases.actions.state import case_state_load
from bb103.cases.models import Case, CaseStatus, Role, User
from bb103.cases.permissions import acts_for_citizen

CITIZEN_ROLES = frozenset({Role.CITIZEN})


@dataclass(frozen=True)
class PortalAct:
    """One act offered on the case page: its page (a URL name under /min-sag/) and, when it
    cannot be taken now, why."""

    name: str
    title: str
    url_name: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class PortalActs:
    may_act: bool  # the citizen, or a representative with access "act"
    acts: list[PortalAct]


# The acts a case page offers, in its order: the action, its title in Min sag, its page.
ACTS = (
    ("party_hearing_answer", "Svar på partshøringen", "portal-hearing-answer"),
    ("complaint_register", "Klag over afgørelsen", "portal-complaint"),
    ("change_report", "Meld en ændring", "portal-change"),
)


def portal_case_acts(*, user: User, case: Case) -> PortalActs:
    """The acts the case's actions allow the login now (the case read through
    ``portal_case_for_user``)."""
    if not acts_for_citizen(user, case.citizen_id):
        return PortalActs(may_act=False, acts=[])
    state = case_state_load(case, today=timezone.localdate())
    acts = []
    for name, title, url_name in ACTS:
        action = REGISTRY[name]
        assert isinstance(action, CaseAction)
        verdict = action.verdict(state, CITIZEN_ROLES)
        if verdict.shown:
            acts.append(PortalAct(name, title, url_name, verdict.reasons))
    # A document is a plain action (no state): it may be sent while the case is open.
    if case.status != CaseStatus.CLOSED and REGISTRY["attachment_upload"].role_allows(
        CITIZEN_ROLES
    ):
        acts.append(PortalAct("attachment_upload", "Send et bilag", "portal-document"))
    return PortalActs(may_act=True, acts=acts)
