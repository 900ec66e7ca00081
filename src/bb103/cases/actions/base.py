"""What every action knows: its name, who may take it, and, for a step on a case, the
states it starts from, its preconditions with Danish reasons, and how it is performed.

The case page asks each action "may this user take you now, and if not, why?"
(:meth:`CaseAction.verdict`) and draws a button or the reason; every channel that changes a
case (the screens, the sweep, the CLI, later the API and the citizen portal) calls the
action, which asks the same question again inside the transaction, with the case row
locked, before it performs (:meth:`CaseAction.__call__`). Nothing else in the code knows
which states allow which step.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from bb103.cases.actions.state import CaseState, case_state_load, forget_state
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import AuditEntry, AuditKind, Case, CaseStatus, Role, User
from bb103.cases.permissions import acts_for_citizen, roles_in
from bb103.cases.services.audit import audit_write
from bb103.cases.services.deadlines import deadlines_recompute
from bb103.cases.services.validation import at_most_a_year_ahead, not_before, not_future

# Every action by its name (the audit entry's action, the service's name).
REGISTRY: dict[str, "Action"] = {}


class Action:
    """A change someone may make, and who may make it: a role in the municipality the
    change belongs to. Steps on a case are :class:`CaseAction`; the rest (a provider's
    catalogue, attendance, the settlement) are plain actions whose services call
    :meth:`require`."""

    # A template reads an action's name and title; it must never take the step.
    do_not_call_in_templates = True

    def __init__(self, name: str, label: str, roles: Iterable[str]) -> None:
        if name in REGISTRY:
            raise ValueError(f"action {name!r} is defined twice")
        self.name = name
        self.label = label  # "træffe afgørelse": fits "Du har ikke adgang til at …"
        self.roles = frozenset(roles)
        REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    def role_allows(self, roles: Iterable[str]) -> bool:
        return bool(self.roles & set(roles))

    def may(self, user: User | AnonymousUser, municipality_id: str) -> bool:
        """Whether the user's role in the municipality allows the action."""
        return self.role_allows(roles_in(user, municipality_id))

    def require(self, user: User | AnonymousUser, municipality_id: str) -> None:
        """Raise AccessDenied (HTTP 403) unless the user's role allows the action."""
        if not self.may(user, municipality_id):
            raise AccessDenied(self.role_message())

    def require_for(
        self, user: User | AnonymousUser, municipality_id: str, citizen_id: int
    ) -> None:
        """As :meth:`require`, for a change about one citizen: the citizen themself in Min
        sag, or a representative recorded with access to act, holds the role "citizen"
        for their own matters (issue 19), and only an action listing that role lets them.
        Staff are asked first, so their steps cost no query more."""
        if self.may(user, municipality_id):
            return
        if Role.CITIZEN in self.roles and acts_for_citizen(user, citizen_id):
            return
        raise AccessDenied(self.role_message())

    def role_message(self) -> str:
        roles = " eller ".join(Role(r).label.lower() for r in sorted(self.roles))
        return f"Du har ikke adgang til at {self.label}. Det kræver rollen {roles}."


@dataclass(frozen=True)
class Verdict:
    """What a case action says to a user about a case now. ``shown``: the step belongs to
    the case's state and the user's role, so the page lists it; ``reasons``: why it cannot
    be taken yet (empty when it can)."""

    action: "CaseAction"
    shown: bool
    reasons: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.shown and not self.reasons


class AlreadyDone(Exception):
    """Raised by ``perform`` when the step asked for has already been taken (the same
    request submitted twice): the frame then writes nothing and returns ``result``."""

    def __init__(self, result: Any) -> None:
        super().__init__("already done")
        self.result = result


@dataclass
class Step:
    """One action being performed: the locked case, its state as read in the transaction,
    the acting user and today's date. ``details`` go into the audit entry."""

    case: Case
    state: CaseState
    user: User
    today: date
    details: dict[str, Any] = field(default_factory=dict)


class CaseAction(Action):
    """One step of a case's workflow. Subclasses set the class attributes and write
    ``perform``; ``relevant`` and ``preconditions`` read only the :class:`CaseState`."""

    name: ClassVar[str]
    label: ClassVar[str]  # type: ignore[misc]
    title: ClassVar[str]  # the button: "Træf afgørelse"
    roles: ClassVar[frozenset[str]]  # type: ignore[misc]
    statuses: ClassVar[frozenset[str]]
    # The step is a main one of its states (a filled button), or a side road.
    primary: ClassVar[bool] = True
    # The daily sweep may take the step on its own (as the system, not as a role).
    by_system: ClassVar[bool] = False
    # The audit entry's action, where several actions share one (the letters).
    audit_action: ClassVar[str | None] = None
    # Whether the step can change what a deadline is computed from (the receipt of the
    # application, of the hearing material, of the decision and of a complaint, the
    # placement, a follow-up, a promised date, a reopening). A step that cannot leaves the
    # deadlines as they are instead of recomputing them.
    affects_deadlines: ClassVar[bool] = True
    # Whether the step changes the case (its version goes one up, so forms shown before it
    # are refused as out of date). A journal note does not: it neither makes another
    # user's open form stale nor is refused because someone else took a step meanwhile.
    changes_case: ClassVar[bool] = True
    # The input holding the day the step happened ("decided_on"), checked before the step
    # is performed: not after today unless ``date_may_be_future`` (a placement that starts
    # later, an ending decided ahead), and not before the case's latest step
    # (``Case.last_step_on``). None: the step is dated today (a letter) or has no day of
    # its own in the case's sequence.
    date_input: ClassVar[str | None] = None
    date_label: ClassVar[str] = "Datoen"  # the Danish message's subject: "Afgørelsesdatoen"
    # How a later step's message names this one ("afgørelsen"); None: by its title.
    date_named: ClassVar[str | None] = None
    date_may_be_future: ClassVar[bool] = False
    # A day ahead at most a year ahead (a start, a meeting); an ending decided ahead (at
    # folkepensionsalderen) may lie further.
    date_within_a_year: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__(self.name, self.label, self.roles)

    # -- what the step needs ------------------------------------------------------------
    def relevant(self, state: CaseState) -> bool:
        """Whether the step belongs to the case at all beyond its status (the committee's
        review where the standard has none does not): if not, it is not shown."""
        return True

    def not_relevant_reason(self, state: CaseState) -> str | None:
        """Why the step does not belong to this case, in Danish, where a better word than
        the case's status can be said (a handleplan on a refused case, say)."""
        return None

    def preconditions(self, state: CaseState) -> Iterator[str]:
        """The Danish reasons the step cannot be taken now; none when it can."""
        return iter(())

    def clean(self, **inputs: Any) -> dict[str, Any]:
        """Check the input that needs no case (before the case is locked); returns it."""
        return inputs

    def perform(self, step: Step, **inputs: Any) -> Any:
        raise NotImplementedError

    # -- asking ---------------------------------------------------------------------------
    def verdict(self, state: CaseState, roles: Iterable[str]) -> Verdict:
        if not self.role_allows(roles) or not self._belongs(state):
            return Verdict(self, shown=False)
        return Verdict(self, shown=True, reasons=tuple(self.preconditions(state)))

    def _belongs(self, state: CaseState) -> bool:
        return state.case.status in self.statuses and self.relevant(state)

    def refusal(self, state: CaseState) -> CaseError | None:
        """The error the step is refused with in this state (status or precondition)."""
        if state.case.status in self.statuses and not self.relevant(state):
            reason = self.not_relevant_reason(state)
            if reason:
                return CaseError(reason, field="status")
        if not self._belongs(state):
            status = CaseStatus(state.case.status).label
            return CaseError(
                f"Sagen har status »{status}«, så du kan ikke {self.label} nu.", field="status"
            )
        for reason in self.preconditions(state):
            return CaseError(reason, field="status")
        return None

    # -- doing ----------------------------------------------------------------------------
    def __call__(
        self,
        *,
        user: User,
        case: Case,
        expected_version: int | None = None,
        **inputs: Any,
    ) -> Any:
        """Take the step: atomically, with the case row locked against concurrent steps.

        Raises AccessDenied if the user's role in the case's municipality does not allow
        it, and CaseError if the case's state does not (the same answer the case page got
        from :meth:`verdict`) or the input is wrong. ``expected_version`` is the case's
        version the user's form was shown with: if another step has been taken since, a
        CaseError(field="version") says by whom and when, and nothing is written
        (optimistic locking; None skips the check, for callers that show no form)."""
        # The role first, so a user who may not take the step learns nothing from it.
        self.require_for(user, case.municipality_id, case.citizen_id)
        inputs = self.clean(**inputs)
        return self._run(case, user, inputs, expected_version=expected_version, system=False)

    def as_on(self, day: date, *, user: User, case: Case, **inputs: Any) -> Any:
        """Take the step as if today were ``day``: checked as :meth:`__call__` checks it,
        with the case's state, the deadlines and whatever the step dates itself (a letter
        is dated the day it is sent) as on that day. For loading a case's history, as the
        demo data does, so each letter carries the date of its own step; no form or
        request reaches it. A day after today is refused."""
        if day > timezone.localdate():
            raise ValueError(f"{self.name} cannot be taken as on {day}, after today")
        self.require(user, case.municipality_id)
        inputs = self.clean(**inputs)
        return self._run(case, user, inputs, expected_version=None, system=False, today=day)

    def run_as_system(
        self, *, case: Case, actor: User, today: date | None = None, **inputs: Any
    ) -> Any:
        """Take the step as the system (the daily sweep, as of ``today``), named ``actor``
        in the audit entry."""
        if not self.by_system:
            raise ValueError(f"{self.name} is not taken by the system")
        return self._run(
            case, actor, self.clean(**inputs), expected_version=None, system=True, today=today
        )

    def _run(
        self,
        case: Case,
        user: User,
        inputs: dict[str, Any],
        *,
        expected_version: int | None,
        system: bool,
        today: date | None = None,
    ) -> Any:
        with transaction.atomic():
            locked = (
                Case.objects.select_for_update(of=("self",))
                # The application never changes in a step: read with the row, once.
                .select_related("municipality", "citizen", "application")
                .get(pk=case.pk)
            )
            if not system and locked.municipality_id != case.municipality_id:
                # Checked before the lock on the case handed in; again only if that one
                # was not the case's own municipality.
                self.require(user, locked.municipality_id)
            stale = expected_version is not None and expected_version != locked.version
            if stale and self.changes_case:
                raise CaseError(changed_since(locked), field="version")
            today = today or timezone.localdate()
            state = case_state_load(locked, today=today)
            refused = self.refusal(state)
            if refused is not None:
                raise refused
            step_on = self._step_date(locked, inputs, today)
            step = Step(locked, state, user, today)
            try:
                result = self.perform(step, **inputs)
            except AlreadyDone as done:
                return done.result
            forget_state(locked)
            if step_on is not None:
                # A step dated ahead was taken today: today is its place in the sequence.
                on = min(step_on, today)
                locked.last_step_on = max(on, locked.last_step_on or on)
                locked.last_step = self.name
            if self.changes_case:
                # The step changed the case row in memory (its status, the decision in
                # force); it is written once, with the version one up.
                locked.version += 1
                locked.save(
                    update_fields=["version", "status", "decision", "last_step_on", "last_step"]
                )
            if self.affects_deadlines:
                deadlines_recompute(case=locked, today=today)
            audit_write(
                actor=user,
                municipality_id=locked.municipality_id,
                action=self.audit_action or self.name,
                case=locked,
                details=step.details,
            )
        case.status = locked.status
        case.next_due_on = locked.next_due_on
        case.version = locked.version
        case.decision_id = locked.decision_id
        case.last_step_on, case.last_step = locked.last_step_on, locked.last_step
        return result

    def _step_date(self, case: Case, inputs: dict[str, Any], today: date) -> date | None:
        """The day the step happened (its ``date_input``), checked against today and the
        case's latest step; None for a step without one."""
        value = inputs.get(self.date_input) if self.date_input else None
        if not isinstance(value, date):
            return None
        field, label = self.date_input, self.date_label
        if not self.date_may_be_future:
            not_future(value, today, field=field, label=label)
        elif self.date_within_a_year:
            at_most_a_year_ahead(value, today, field=field, label=label)
        if case.last_step_on is not None:
            previous = REGISTRY.get(case.last_step)
            named = getattr(previous, "date_named", None) or (
                f"sagens seneste skridt, »{previous.title}«"
                if isinstance(previous, CaseAction)
                else "sagens seneste skridt"
            )
            not_before(value, case.last_step_on, field=field, label=label, earlier=named)
        return value


def changed_since(case: Case) -> str:
    """The Danish message for a form that is out of date: who took the latest step on the
    case and when (from the audit trail, written in the same transaction as the step)."""
    last = (
        AuditEntry.objects.filter(case=case, kind=AuditKind.WRITE)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if last is None:
        who_when = ""
    else:
        name = last.actor.get_full_name() or last.actor.get_username()
        at = timezone.localtime(last.at)
        who_when = f" af {name} {danish_date(at.date())} kl. {at:%H.%M}"
    return (
        f"Sagen er blevet ændret{who_when}, efter du åbnede siden. Dine ændringer er ikke "
        "gemt. Genindlæs sagen, se hvad der er sket, og udfyld formularen igen."
    )


def statuses(*values: str) -> frozenset[str]:
    return frozenset(values)
