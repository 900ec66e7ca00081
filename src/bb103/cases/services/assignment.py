"""Handing over and dividing the work (issue 17, item 6): a case to a caseworker, or all of
one caseworker's open cases to another (at a holiday, or when someone leaves). The open
tasks of a case follow it: those the old caseworker had, and those no one had.

Who may: the leader (manager) assigns and moves any case of the municipality; a
caseworker may take a case no one has. Only a user with the caseworker's role in the
case's municipality can receive one. Each case moved is one audit entry naming the old and
the new caseworker, and its version goes one up, so a form opened before the move is
refused rather than taken as the old caseworker's (optimistic locking)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from bb103.cases.actions.base import changed_since
from bb103.cases.actions.roles import case_assign as case_assign_action
from bb103.cases.actions.roles import caseload_transfer as caseload_transfer_action
from bb103.cases.errors import CaseError
from bb103.cases.models import Case, Municipality, Role, Task, TaskStatus, User
from bb103.cases.permissions import roles_in
from bb103.cases.selectors.team import caseworkers_of, open_cases_q
from bb103.cases.services.audit import audit_write


def _name(user: User | None) -> str:
    if user is None:
        return "ingen"
    return user.get_full_name() or user.get_username()


def _receiver(municipality_id: str, caseworker: User | None, *, field: str) -> User:
    if caseworker is None:
        raise CaseError("Vælg den rådgiver, der skal have sagen.", field=field)
    if not caseworkers_of(municipality_id).filter(pk=caseworker.pk).exists():
        municipality = Municipality.objects.get(pk=municipality_id)
        raise CaseError(
            f"{_name(caseworker)} har ikke rollen rådgiver i {municipality.name} og kan ikke "
            "få sager her.",
            field=field,
        )
    return caseworker


def _hand_over(case: Case, new: User, *, actor: User, action: str) -> list[int]:
    """Give the locked ``case`` to ``new`` with its open tasks; one audit entry."""
    old = case.caseworker
    moving = Q(assigned_to__isnull=True)
    if old is not None:
        moving |= Q(assigned_to=old)
    tasks = list(
        Task.objects.filter(moving, case=case, status=TaskStatus.OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Task.objects.filter(pk__in=tasks).update(assigned_to=new)
    case.caseworker = new
    case.version += 1
    case.save(update_fields=["caseworker", "version"])
    audit_write(
        actor=actor,
        municipality_id=case.municipality_id,
        action=action,
        case=case,
        details={
            "from": None if old is None else old.pk,
            "from_name": _name(old),
            "to": new.pk,
            "to_name": _name(new),
            "tasks": tasks,
        },
    )
    return tasks


def case_assign(
    *, user: User, case: Case, caseworker: User | None, expected_version: int | None = None
) -> Case:
    """Give ``case`` to ``caseworker`` with its open tasks. A caseworker who is not also
    the municipality's manager may only take a case no one has, themselves."""
    case_assign_action.require(user, case.municipality_id)
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("caseworker")
            .get(pk=case.pk)
        )
        if expected_version is not None and expected_version != locked.version:
            raise CaseError(changed_since(locked), field="version")
        new = _receiver(locked.municipality_id, caseworker, field="caseworker")
        if Role.MANAGER not in roles_in(user, locked.municipality_id) and (
            new.pk != user.pk or locked.caseworker_id is not None
        ):
            raise CaseError(
                "Som rådgiver kan du selv tage en sag, som ingen rådgiver har. Det er lederen, "
                "der fordeler og flytter sager mellem rådgivere.",
                field="caseworker",
            )
        if locked.caseworker_id == new.pk:
            raise CaseError(f"{_name(new)} har allerede sagen.", field="caseworker")
        _hand_over(locked, new, actor=user, action="case_assign")
    case.caseworker = locked.caseworker
    case.version = locked.version
    return locked


@dataclass
class TransferResult:
    cases: list[int] = field(default_factory=list)
    tasks: list[int] = field(default_factory=list)


def caseload_transfer(
    *,
    user: User,
    municipality_id: str,
    from_caseworker: User | None,
    to_caseworker: User | None,
) -> TransferResult:
    """Move every open case ``from_caseworker`` has in the municipality, with its open
    tasks, to ``to_caseworker`` (the leader's, at a holiday or when someone leaves)."""
    caseload_transfer_action.require(user, municipality_id)
    if from_caseworker is None:
        raise CaseError("Vælg den rådgiver, hvis sager skal flyttes.", field="from_caseworker")
    new = _receiver(municipality_id, to_caseworker, field="to_caseworker")
    if new.pk == from_caseworker.pk:
        raise CaseError("Vælg en anden rådgiver at flytte sagerne til.", field="to_caseworker")
    result = TransferResult()
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update(of=("self",))
            .filter(open_cases_q(), municipality_id=municipality_id, caseworker=from_caseworker)
            .select_related("caseworker")
            .order_by("pk")
        )
        if not cases:
            raise CaseError(
                f"{_name(from_caseworker)} har ingen åbne sager at flytte.",
                field="from_caseworker",
            )
        for case in cases:
            result.tasks += _hand_over(case, new, actor=user, action="caseload_transfer")
            result.cases.append(case.pk)
        audit_write(
            actor=user,
            municipality_id=municipality_id,
            action="caseload_transfer",
            details={
                "from": from_caseworker.pk,
                "from_name": _name(from_caseworker),
                "to": new.pk,
                "to_name": _name(new),
                "cases": result.cases,
                "tasks": len(result.tasks),
            },
        )
    return result
