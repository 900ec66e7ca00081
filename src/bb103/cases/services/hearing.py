"""The draft decision and partshøring (Forvaltningsloven § 19)."""

from datetime import date

from bb103.cases.engine.evaluation import evaluate_case, standard_party_hearing
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Deadline,
    DeadlineKind,
    DraftDecision,
    HearingStatus,
    Offer,
    Outcome,
    PartyHearing,
    User,
)
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import choice, not_before, not_future, required_text

MAX_HEARING_DAYS = 365


def draft_decision_create(
    *,
    user: User,
    case: Case,
    created_on: date,
    proposed_outcome: str,
    reasons: str = "",
    offer: Offer | None = None,
    expected_version: int | None = None,
) -> DraftDecision:
    choice(proposed_outcome, Outcome, field="proposed_outcome", label="Den foreslåede afgørelse")
    if proposed_outcome == Outcome.REFUSAL:
        # Forvaltningsloven §§ 22 and 24: a refusal must give its reasons.
        reasons = required_text(reasons, field="reasons", label="Begrundelsen for afslaget")
    statuses = (CaseStatus.ASSESSED, CaseStatus.DRAFTED)
    with case_step(
        user=user,
        case=case,
        step="draft_decision_create",
        statuses=statuses,
        expected_version=expected_version,
    ) as step:
        not_future(created_on, step.today, field="created_on", label="Udkastets dato")
        if offer is not None and offer.provider.municipality_id != step.case.municipality_id:
            raise CaseError("Tilbuddet hører ikke til kommunens leverandører.", field="offer")
        draft = DraftDecision.objects.create(
            case=step.case,
            created_on=created_on,
            proposed_outcome=proposed_outcome,
            reasons=reasons.strip(),
            offer=offer,
            created_by=user,
        )
        step.case.status = CaseStatus.DRAFTED
        step.case.save(update_fields=["status"])
        step.details = {"draft": draft.pk, "proposed_outcome": proposed_outcome}
    return draft


def party_hearing_send(
    *,
    user: User,
    case: Case,
    sent_on: date,
    material_received_on: date | None = None,
    days: int | None = None,
    expected_version: int | None = None,
) -> PartyHearing:
    """Send the latest draft for comments. Digital Post counts as received the day it is
    sent, so ``material_received_on`` defaults to ``sent_on``. ``days`` is the period the
    caseworker sets; never shorter than the standard's own, and required where the
    standard sets none."""
    if days is not None and not 1 <= days <= MAX_HEARING_DAYS:
        raise CaseError(
            f"Fristen for bemærkninger skal være mellem 1 og {MAX_HEARING_DAYS} dage.",
            field="days",
        )
    received = material_received_on or sent_on
    with case_step(
        user=user,
        case=case,
        step="party_hearing_send",
        statuses=(CaseStatus.DRAFTED,),
        expected_version=expected_version,
    ) as step:
        not_future(sent_on, step.today, field="sent_on", label="Afsendelsesdatoen")
        not_before(
            received,
            sent_on,
            field="material_received_on",
            label="Modtagelsen af materialet",
            earlier="det blev sendt",
        )
        not_future(
            received, step.today, field="material_received_on", label="Modtagelsen af materialet"
        )
        draft = step.case.drafts.order_by("-id").first()
        assert draft is not None  # the status DRAFTED is only set with a draft
        not_before(
            sent_on,
            draft.created_on,
            field="sent_on",
            label="Afsendelsesdatoen",
            earlier="udkastet blev udarbejdet",
        )
        if (
            days is None
            and standard_party_hearing(evaluate_case(step.case, as_of=received)) is None
        ):
            raise CaseError(
                "Kvalitetsstandarden fastsætter ingen frist for partshøring. "
                "Angiv fristen for borgerens bemærkninger.",
                field="days",
            )
        hearing = PartyHearing.objects.create(
            case=step.case,
            draft=draft,
            status=HearingStatus.SENT,
            sent_on=sent_on,
            material_received_on=received,
            days=days,
        )
        step.case.status = CaseStatus.HEARING
        step.case.save(update_fields=["status"])
        step.details = {"hearing": hearing.pk, "material_received_on": received, "days": days}
    # A period shorter than the standard's is refused by the engine while the deadlines
    # are recomputed, which rolls the step back.
    return hearing


def party_hearing_skip(
    *, user: User, case: Case, reason: str, expected_version: int | None = None
) -> PartyHearing:
    """Leave partshøring out, with the reason under Forvaltningsloven § 19, stk. 2. Not
    possible where the municipality's standard promises that the draft is always sent."""
    reason = required_text(
        reason, field="reason", label="Begrundelsen efter forvaltningslovens § 19, stk. 2"
    )
    with case_step(
        user=user,
        case=case,
        step="party_hearing_skip",
        statuses=(CaseStatus.DRAFTED,),
        expected_version=expected_version,
    ) as step:
        standard = standard_party_hearing(evaluate_case(step.case, as_of=step.today))
        if standard is not None:
            raise CaseError(
                "Efter kommunens kvalitetsstandard sendes udkastet altid i partshøring med en "
                f"frist på {standard.label} ({standard.source}). Partshøringen kan ikke "
                "undlades.",
                field="reason",
            )
        draft = step.case.drafts.order_by("-id").first()
        assert draft is not None
        hearing = PartyHearing.objects.create(
            case=step.case,
            draft=draft,
            status=HearingStatus.SKIPPED,
            closed_on=step.today,
            skip_reason=reason,
        )
        step.details = {"hearing": hearing.pk, "skipped": True}
    return hearing


def party_hearing_close(
    *,
    user: User,
    case: Case,
    closed_on: date,
    comments: str = "",
    comments_received_on: date | None = None,
    expected_version: int | None = None,
) -> PartyHearing:
    """Close the hearing: when the citizen's comments are in, or when the period is over."""
    with case_step(
        user=user,
        case=case,
        step="party_hearing_close",
        statuses=(CaseStatus.HEARING,),
        expected_version=expected_version,
    ) as step:
        hearing = step.case.hearings.get(status=HearingStatus.SENT)
        assert hearing.sent_on is not None
        not_future(closed_on, step.today, field="closed_on", label="Afslutningsdatoen")
        not_before(
            closed_on,
            hearing.sent_on,
            field="closed_on",
            label="Afslutningsdatoen",
            earlier="udkastet blev sendt",
        )
        comments = comments.strip()
        if comments:
            comments_received_on = comments_received_on or closed_on
            not_before(
                comments_received_on,
                hearing.sent_on,
                field="comments_received_on",
                label="Bemærkningerne",
                earlier="udkastet blev sendt",
            )
            not_before(
                closed_on,
                comments_received_on,
                field="closed_on",
                label="Afslutningsdatoen",
                earlier="bemærkningerne blev modtaget",
            )
        else:
            comments_received_on = None
            deadline = Deadline.objects.filter(
                case=step.case, kind=DeadlineKind.PARTY_HEARING
            ).first()
            if deadline is not None and closed_on <= deadline.due_on:
                raise CaseError(
                    "Borgerens frist for bemærkninger er ikke udløbet; partshøringen kan først "
                    "afsluttes uden bemærkninger efter fristen. " + deadline.explanation,
                    field="closed_on",
                )
        hearing.status = HearingStatus.CLOSED
        hearing.closed_on = closed_on
        hearing.comments = comments
        hearing.comments_received_on = comments_received_on
        hearing.save()
        step.case.status = CaseStatus.DRAFTED
        step.case.save(update_fields=["status"])
        step.details = {"hearing": hearing.pk, "with_comments": bool(comments)}
    return hearing
