"""Letter data from a case: one function per letter, each returning plain JSON data.

The data is what the letter says and nothing more: the citizen's name, the dates in
Danish, the engine's findings in plain words, the caseworker's own text. It is stored with
the sent letter, so the letter can be rendered again, byte for byte, whatever happens to
the case or the policy data later. The engine is reached only through
:mod:`bb103.cases.engine`; :mod:`bb103.letters` renders the data and knows no case.
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bb103.cases.engine.calendar import is_working_day
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.letter_facts import complaint_deadline_from, letter_facts
from bb103.cases.engine.policy import municipality_letterhead, termination_notice_ends
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Case,
    CaseClosure,
    ClosureReason,
    Complaint,
    ComplaintStatus,
    Decision,
    DecisionKind,
    DraftKind,
    HearingStatus,
    Offer,
    Outcome,
    Reassessment,
    Relation,
    Representative,
    Termination,
    TerminationReason,
    User,
)
from bb103.letters import plain
from bb103.letters.kinds import LetterKind

FORVALTNINGSLOVEN_25 = "Forvaltningsloven § 25"
ANKESTYRELSEN = ["Ankestyrelsen", "7998 Statsservice"]  # as Ballerup's standard gives it


def _text(*parts: str | None) -> str | None:
    joined = "\n\n".join(p.strip() for p in parts if p and p.strip())
    return joined or None


def _common(kind: LetterKind, case: Case, user: User, on: date) -> dict[str, Any]:
    citizen = case.citizen
    caseworker = case.caseworker or user
    if case.caseworker is None and hasattr(user, "portal_identity"):
        # A letter the citizen's own step in Min sag causes on a case nobody has taken yet
        # (the receipt of an application sent there): the unit answers, not the login.
        unit = municipality_letterhead(case.municipality_id)["municipality"]["unit"]
        named = {"name": unit, "email": None}
    else:
        named = {
            "name": caseworker.get_full_name() or caseworker.username,
            "email": caseworker.email or None,
        }
    return {
        "kind": str(kind),
        "title": kind.title,
        "date": {"year": on.year, "month": on.month, "day": on.day},
        "date_da": danish_date(on),
        **municipality_letterhead(case.municipality_id),
        "recipient": {
            "name": f"{citizen.first_name} {citizen.last_name}",
            "address": [line.strip() for line in citizen.address.split(",") if line.strip()],
        },
        "case_ref": str(case.pk),
        "caseworker": named,
    }


def _policy(facts: dict[str, Any]) -> dict[str, str]:
    return {
        "id": facts["policy_id"],
        "version": facts["policy_version"],
        "title": facts["policy_title"],
    }


def _application(case: Case) -> Application:
    application = Application.objects.filter(case=case).first()
    if application is None:
        raise CaseError("Sagen har ingen ansøgning.", field="kind")
    return application


def _decision(case: Case, outcome: str | None = None) -> Decision:
    """The decision in force on the case."""
    decision = Decision.objects.filter(pk=case.decision_id).first()
    if decision is None or (outcome is not None and decision.outcome != outcome):
        label = {Outcome.GRANT: "en bevilling", Outcome.REFUSAL: "et afslag"}.get(
            outcome or "", "en afgørelse"
        )
        raise CaseError(f"Sagen har ikke {label}, så brevet kan ikke laves.", field="kind")
    return decision


def _klagevejledning(data: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    to = dict(data["complaints"])
    if not to["address"]:
        # The standard gives no postal address: the complaint goes to the unit by name.
        to["address"] = [data["municipality"]["name"]]
    return {
        "deadline_da": danish_date(facts["complaint_deadline"]),
        "weeks": facts["complaint_period"],
        "forward_weeks": facts["forward_period"],
        "to": to,
        "sources": f"Regler: {FORVALTNINGSLOVEN_25}. Retssikkerhedsloven §§ 66 og 67.",
        # Lejre: case handling goes to management, and there is a borgerrådgiver.
        "case_handling": facts["case_handling_complaints"],
        "borgerraadgiver": facts["borgerraadgiver"],
    }


def receipt(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    application = _application(case)
    facts = letter_facts(case, as_of=application.received_on)
    deadline = facts["decision_deadline"]
    sources = ["Retssikkerhedsloven § 3, stk. 2"]
    if facts["decision_deadline_source"]:
        sources.append(facts["decision_deadline_source"])
    council = facts["decision_deadline_by_council"]
    if council is not None and deadline is None:
        sources.append(facts["decision_deadline_by_council_source"])
    return {
        **_common(LetterKind.RECEIPT, case, user, on),
        "policy": _policy(facts),
        "received_on_da": danish_date(application.received_on),
        "decision_deadline_da": None if deadline is None else danish_date(deadline),
        "deadline_label": facts["decision_deadline_label"],
        # Sønderborg: byrådet sets the deadline; until it is recorded, say who and where.
        "deadline_set_by": None if council is None else council,
        "committee": facts["committee"],
        "sources": ". ".join(sources) + ".",
    }


def hearing(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    h = case.hearings.filter(status=HearingStatus.SENT).order_by("-id").first()
    if h is None or h.material_received_on is None:
        raise CaseError("Sagen er ikke sendt i partshøring.", field="kind")
    facts = letter_facts(case, as_of=h.material_received_on)
    deadline = facts["party_hearing_deadline"]
    # The period promised (the caseworker's, or the standard's: Ballerup 10 days), not the
    # days to a deadline that was moved to the next working day.
    standard = facts["party_hearing_period"]
    label = f"{h.days} dage" if h.days else standard.label_da()
    days = h.days or standard.calendar_days()
    moved = days is not None and deadline != h.material_received_on + timedelta(days=days)
    draft = h.draft
    if draft.kind == DraftKind.TERMINATION:
        # Ending the effort (Forvaltningsloven § 19): what it rests on is the reason.
        assert draft.effective_on is not None
        proposal = (
            "Vi foreslår, at din beskyttede beskæftigelse stopper "
            f"{danish_date(draft.effective_on)}."
        )
        fact_lines = [REASONS[TerminationReason(draft.termination_reason)]]
    elif draft.kind == DraftKind.CHANGE:
        assert draft.effective_on is not None
        proposal = (
            f"Vi foreslår at ændre din beskyttede beskæftigelse fra "
            f"{danish_date(draft.effective_on)}."
        )
        fact_lines = _change_lines(draft.days_per_week, draft.hours_per_day, draft.offer)
    else:
        proposal = (
            "Vi foreslår, at du får beskyttet beskæftigelse."
            if draft.proposed_outcome == Outcome.GRANT
            else "Vi foreslår, at du ikke får beskyttet beskæftigelse."
        )
        assessment = case.assessments.order_by("-assessed_on", "-id").first()
        fact_lines = [
            plain.criterion_sentence(c, age_min=facts["age_min"]) for c in facts["criteria"]
        ]
        if assessment is not None and assessment.vum_level is not None:
            fact_lines.insert(
                0, f"Vi har vurderet din funktionsevne til niveau {assessment.vum_level}."
            )
    return {
        **_common(LetterKind.HEARING, case, user, on),
        "policy": _policy(facts),
        "proposal": proposal,
        "facts": fact_lines,
        "reasons": _text(draft.reasons, extra_text),
        "period_label": label,
        "deadline_da": danish_date(deadline),
        "deadline_moved": moved,
        "sources": "Forvaltningsloven § 19.",
    }


def _decision_common(
    kind: LetterKind, case: Case, decision: Decision, user: User, on: date, extra_text: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    # The letter is the written decision with its klagevejledning: the complaint period
    # runs from when the citizen gets it (Digital Post: the day it is sent, so the letter's
    # own date until it is sent), never from an earlier date the letter would then
    # misstate (Retssikkerhedsloven § 67).
    received = decision.received_on or on
    facts = letter_facts(case, as_of=received)
    if decision.received_on is None or on > received:
        facts = {**facts, **complaint_deadline_from(case, received_on=on)}
    data = _common(kind, case, user, on)
    data.update(
        {
            "policy": {
                "id": decision.policy_id,
                "version": decision.policy_version,
                "title": facts["policy_title"],
            },
            "decided_on_da": danish_date(decision.decided_on),
            "caseworker_text": _text(decision.reasons, extra_text),
            "klagevejledning": _klagevejledning(data, facts),
        }
    )
    return data, facts


def decision_grant(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    decision = _decision(case, Outcome.GRANT)
    data, facts = _decision_common(LetterKind.DECISION_GRANT, case, decision, user, on, extra_text)
    frozen = decision.evaluation["eligibility"]["criteria"]
    data["reasons"] = [plain.criterion_sentence(c, age_min=facts["age_min"]) for c in frozen]
    data["legal_basis"] = ["Serviceloven § 103, stk. 1."] + [
        f"{section}." for section in facts["standard_sections"]
    ]
    offer = decision.offer
    placement = case.placements.order_by("-start_on").first()
    next_steps = [
        *plain.handleplan_lines(facts),
        "Stedet kontakter dig. I aftaler, hvornår du starter.",
        plain.follow_up_text(facts["follow_up_months"]),
    ]
    if facts["pension_on"] is not None:
        pension_on = danish_date(facts["pension_on"])
        next_steps.append(f"Tilbuddet stopper, når du når folkepensionsalderen {pension_on}.")
    data.update(
        {
            "offer": None
            if offer is None
            else {"name": offer.name, "provider": offer.provider.name},
            "days_text": plain.days_text(
                facts,
                None if placement is None else placement.days_per_week,
                (decision.days_per_week, decision.hours_per_day),
            ),
            "choice_text": "Du kan selv vælge sted."
            if facts["free_choice_of_provider"]
            else "Du kan ikke selv vælge sted. Vi finder det sted, der passer til dig.",
            "wage": plain.wage_lines(facts),
            "transport": plain.transport_lines(facts),
            "costs": facts["citizen_costs"],
            "next_steps": next_steps,
        }
    )
    data["legal_basis"].append(
        "Serviceloven § 105 og bekendtgørelse nr. 483 af 19. maj 2011 (løn og transport)."
    )
    return data


def _change_lines(days: int | None, hours: Decimal | None, offer: Offer | None) -> list[str]:
    """What a change gives, one short sentence each."""
    lines = []
    scope = plain.scope_da(days, hours)
    if scope:
        lines.append(f"Du får beskyttet beskæftigelse {scope}.")
    if offer is not None:
        lines.append(f"Du skal arbejde hos {offer.name}. Stedet hører til {offer.provider.name}.")
    return lines


def decision_change(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    """The change decision in force: the new scope from its day, what it was before, why,
    and klagevejledning with its own complaint deadline (from this letter's receipt)."""
    decision = _decision(case)
    previous = decision.previous
    if decision.kind != DecisionKind.CHANGE or previous is None:
        raise CaseError("Sagen har ikke en afgørelse om ændring.", field="kind")
    assert decision.effective_on is not None
    data, facts = _decision_common(LetterKind.DECISION_CHANGE, case, decision, user, on, extra_text)
    offer = decision.offer if decision.offer_id != previous.offer_id else None
    # The scope before: the previous decision's, or where it stated none (a grant made
    # before the scope was recorded) the placement's up to the change.
    worked = case.placements.filter(start_on__lt=decision.effective_on).order_by("-start_on")
    last = worked.first()
    before = plain.scope_da(
        previous.days_per_week or (None if last is None else last.days_per_week),
        previous.hours_per_day or (None if last is None else last.hours_per_day),
    )
    reasons = []
    if decision.at_citizens_request:
        reasons.append("Du har selv bedt om ændringen.")
    h = None if decision.draft is None else decision.draft.hearings.order_by("-id").first()
    legal = ["Serviceloven § 103, stk. 1."]
    if facts["days_per_week_source"]:
        legal.append(f"{facts['days_per_week_source']}.")
    if h is not None:
        legal.append("Forvaltningsloven § 19 (partshøring).")
    legal.append("Forvaltningsloven §§ 22 og 24 (begrundelse).")
    data.update(
        {
            "effective_on_da": danish_date(decision.effective_on),
            "changes": _change_lines(decision.days_per_week, decision.hours_per_day, offer),
            "before_text": f"Før fik du beskyttet beskæftigelse {before}." if before else None,
            "reasons": reasons,
            "hearing_text": f"Vi har læst dit svar fra {danish_date(h.comments_received_on)}. "
            "Det har vi tænkt med i afgørelsen."
            if h is not None and h.comments and h.comments_received_on
            else None,
            "legal_basis": list(dict.fromkeys(legal)),
        }
    )
    return data


def decision_refusal(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    decision = _decision(case, Outcome.REFUSAL)
    data, facts = _decision_common(
        LetterKind.DECISION_REFUSAL, case, decision, user, on, extra_text
    )
    data.update(
        refusal_grounds(
            decision.evaluation, decision.individual_assessment, age_min=facts["age_min"]
        )
    )
    h = case.hearings.filter(status=HearingStatus.CLOSED).order_by("-id").first()
    data["hearing_text"] = (
        f"Vi har læst dit svar fra {danish_date(h.comments_received_on)}. "
        "Det har vi tænkt med i afgørelsen."
        if h is not None and h.comments and h.comments_received_on
        else None
    )
    return data


def refusal_grounds(
    evaluation: dict[str, Any], individual_assessment: str, *, age_min: int
) -> dict[str, Any]:
    """What carries a refusal, and only that (Forvaltningsloven §§ 22 and 24): the criteria
    of Serviceloven § 103, stk. 1 the assessment found not met, and the individual
    assessment written in the decision; the rules cited are theirs. The municipality's
    starting points are cited only where the individual assessment weighed them."""
    criteria = evaluation["eligibility"]["criteria"]
    failed = [c for c in criteria if c["kind"] == "legal" and c["met"] is False]
    legal = ["Serviceloven § 103, stk. 1."]
    for c in failed:
        legal += [f"{part.strip()}." for part in c["source"].split(";") if part.strip()]
    assessment = individual_assessment.strip() or None
    starting = []
    if assessment is not None:
        starting = [c for c in criteria if c["kind"] != "legal" and c["met"] is not True]
        legal += [f"{c['source']}." for c in starting]
    legal.append("Forvaltningsloven §§ 22 og 24 (begrundelse).")
    return {
        "reasons": [plain.criterion_sentence(c, age_min=age_min) for c in failed],
        "individual_assessment": assessment,
        "starting_points": [plain.criterion_sentence(c, age_min=age_min) for c in starting],
        # Each rule once, in the order first cited.
        "legal_basis": list(dict.fromkeys(legal)),
    }


def delay(
    case: Case, *, user: User, on: date, extra_text: str = "", expected_on: date | None = None
) -> dict[str, Any]:
    application = _application(case)
    facts = letter_facts(case, as_of=application.received_on)
    deadline = facts["decision_deadline"]
    # Where the standard sets no deadline (Sønderborg: set by byrådet, not in the text) the
    # notice still goes out; it then gives only the expected date.
    if expected_on is None or expected_on <= (deadline or on):
        after = danish_date(deadline or on)
        raise CaseError(
            f"Angiv den forventede dato for afgørelsen. Den skal ligge efter {after}.",
            field="expected_on",
        )
    if not is_working_day(case.municipality_id, expected_on):
        # A date promised to the citizen is a deadline: it lands on a working day.
        raise CaseError(
            f"{danish_date(expected_on)} er ikke en arbejdsdag. Vælg en arbejdsdag.",
            field="expected_on",
        )
    reason = _text(extra_text)
    if reason is None:
        raise CaseError("Skriv, hvorfor sagen tager længere tid.", field="extra_text")
    return {
        **_common(LetterKind.DELAY, case, user, on),
        "policy": _policy(facts),
        "deadline_da": None if deadline is None else danish_date(deadline),
        "expected_da": danish_date(expected_on),
        "reason": reason,
        "sources": "Retssikkerhedsloven § 3, stk. 2.",
    }


def _complaint(case: Case) -> Complaint:
    complaint = case.complaints.order_by("-received_on", "-id").first()
    if complaint is None:
        raise CaseError("Sagen har ingen klage.", field="kind")
    return complaint


def complaint_receipt(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    complaint = _complaint(case)
    facts = letter_facts(case, as_of=complaint.received_on)
    return {
        **_common(LetterKind.COMPLAINT_RECEIPT, case, user, on),
        "policy": _policy(facts),
        "received_on_da": danish_date(complaint.received_on),
        "decided_on_da": danish_date(complaint.decision.decided_on),
        "late": complaint.late,
        "forward_by_da": danish_date(facts["forward_by"]),
        "sources": "Retssikkerhedsloven §§ 66 og 67.",
    }


def complaint_forwarded(
    case: Case, *, user: User, on: date, extra_text: str = ""
) -> dict[str, Any]:
    complaint = _complaint(case)
    if complaint.status != ComplaintStatus.FORWARDED or complaint.forwarded_on is None:
        raise CaseError("Klagen er ikke sendt til Ankestyrelsen.", field="kind")
    facts = letter_facts(case, as_of=complaint.received_on)
    partly = complaint.reassessment == Reassessment.PARTLY_UPHELD
    return {
        **_common(LetterKind.COMPLAINT_FORWARDED, case, user, on),
        "policy": _policy(facts),
        "reassessment_text": "Vi giver dig kun delvis ret."
        if partly
        else "Vi har ikke ændret vores afgørelse.",
        "forwarded_on_da": danish_date(complaint.forwarded_on),
        "notes": _text(complaint.reassessment_notes, extra_text),
        "ankestyrelsen": ANKESTYRELSEN,
        "sources": "Retssikkerhedsloven § 66, stk. 2.",
    }


REASONS = {
    TerminationReason.GOALS_REACHED: "Du har nået målene for din beskyttede beskæftigelse.",
    TerminationReason.NO_EFFECT: "Indsatsen hjælper dig ikke, som vi havde regnet med.",
    TerminationReason.NO_COOPERATION: "Du har ikke været med til at arbejde med din plan.",
    TerminationReason.SITUATION_CHANGED: "Din situation har ændret sig.",
    TerminationReason.CITIZEN_WISH: "Du har sagt, at du vil stoppe.",
    TerminationReason.MOVED: "Du er flyttet til en anden kommune.",
}


def _notice_text(ended: Termination) -> str | None:
    """The standard's notice period, where one applied: an ending the citizen was heard on
    (it has a draft) under a standard that gives one (``termination_notice``)."""
    if ended.draft_id is None or ended.decided_on is None:
        return None
    notice = termination_notice_ends(ended.case.municipality_id, ended.decided_on)
    if notice is None:
        return None
    return (
        f"Du har et varsel på {notice.label} efter kommunens kvalitetsstandard ({notice.source})."
    )


def termination(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    ended = Termination.objects.filter(case=case).first()
    if ended is None:
        raise CaseError("Sagen er ikke afsluttet.", field="kind")
    if ended.reason == TerminationReason.DIED:
        raise CaseError("Der sendes ikke et ophørsbrev til en borger, der er død.", field="kind")
    facts = letter_facts(case, as_of=ended.terminated_on)
    legal = ["Serviceloven § 103, stk. 1."]
    if ended.reason == TerminationReason.PENSION_AGE:
        reason = (
            f"Du når folkepensionsalderen {danish_date(ended.terminated_on)}. "
            "Efter loven stopper beskyttet beskæftigelse den dag."
        )
        legal.append(f"{facts['pension_source']}.")
    else:
        reason = REASONS[TerminationReason(ended.reason)]
    data = _common(LetterKind.TERMINATION, case, user, on)
    # The complaint period runs from the citizen's receipt of this letter (Digital Post:
    # the day it is sent), so it is computed from the letter's own date.
    complaint_facts = {**facts, **complaint_deadline_from(case, received_on=on)}
    data.update(
        {
            "policy": _policy(facts),
            "terminated_on_da": danish_date(ended.terminated_on),
            "notice_text": _notice_text(ended),
            "reason_text": reason,
            "notes": _text(ended.notes, extra_text),
            "legal_basis": legal,
            "klagevejledning": _klagevejledning(data, complaint_facts),
        }
    )
    return data


def _closure(case: Case, reason: str) -> CaseClosure:
    closure = CaseClosure.objects.filter(case=case).first()
    if closure is None or closure.reason != reason:
        raise CaseError(
            f"Sagen er ikke lukket, fordi »{ClosureReason(reason).label.lower()}«.",
            field="kind",
        )
    return closure


def withdrawal_confirmation(
    case: Case, *, user: User, on: date, extra_text: str = ""
) -> dict[str, Any]:
    closure = _closure(case, ClosureReason.WITHDRAWN)
    application = _application(case)
    facts = letter_facts(case, as_of=application.received_on)
    return {
        **_common(LetterKind.WITHDRAWAL_CONFIRMATION, case, user, on),
        "policy": _policy(facts),
        "received_on_da": danish_date(application.received_on),
        "closed_on_da": danish_date(closure.closed_on),
        "notes": _text(extra_text),
        "sources": "Serviceloven § 103. Forvaltningsloven § 7 (vejledning).",
    }


def case_moved(case: Case, *, user: User, on: date, extra_text: str = "") -> dict[str, Any]:
    closure = _closure(case, ClosureReason.MOVED)
    application = _application(case)
    facts = letter_facts(case, as_of=application.received_on)
    return {
        **_common(LetterKind.CASE_MOVED, case, user, on),
        "policy": _policy(facts),
        "moved_to": closure.moved_to,
        "closed_on_da": danish_date(closure.closed_on),
        # An application not yet decided: the new municipality now gives the answer.
        "had_deadline": any(d["kind"] == "decision" for d in closure.open_deadlines),
        "notes": _text(extra_text),
        "sources": "Retssikkerhedsloven § 9 b.",
    }


def portal_receipt(
    case: Case,
    *,
    user: User,
    on: date,
    extra_text: str = "",
    received: list[str] | None = None,
    received_at: str | None = None,
) -> dict[str, Any]:
    """The receipt for what the citizen sent in Min sag (issue 19): each thing received,
    and when. ``received`` are short Danish lines (»Dine bemærkninger til partshøringen«,
    »Et bilag: lægeerklæring.pdf«)."""
    application = Application.objects.filter(case=case).first()
    facts = letter_facts(case, as_of=on if application is None else application.received_on)
    data = _common(LetterKind.PORTAL_RECEIPT, case, user, on)
    return {
        **data,
        "policy": _policy(facts),
        "received": received or ["Det, du sendte til os i Min sag"],
        "received_at_da": received_at or danish_date(on),
        "notes": _text(extra_text),
        "sources": "Forvaltningsloven § 7 (vejledning). Retssikkerhedsloven § 3.",
    }


BUILDERS: dict[LetterKind, Callable[..., dict[str, Any]]] = {
    LetterKind.RECEIPT: receipt,
    LetterKind.HEARING: hearing,
    LetterKind.DECISION_GRANT: decision_grant,
    LetterKind.DECISION_REFUSAL: decision_refusal,
    LetterKind.DELAY: delay,
    LetterKind.COMPLAINT_RECEIPT: complaint_receipt,
    LetterKind.COMPLAINT_FORWARDED: complaint_forwarded,
    LetterKind.TERMINATION: termination,
    LetterKind.WITHDRAWAL_CONFIRMATION: withdrawal_confirmation,
    LetterKind.CASE_MOVED: case_moved,
    LetterKind.DECISION_CHANGE: decision_change,
    LetterKind.PORTAL_RECEIPT: portal_receipt,
}


def letter_data(
    kind: str,
    case: Case,
    *,
    user: User,
    on: date,
    extra_text: str = "",
    expected_on: date | None = None,
    received: list[str] | None = None,
    received_at: str | None = None,
) -> dict[str, Any]:
    """The data of letter ``kind`` for ``case``, dated ``on``. ``received`` and
    ``received_at``: what a Min sag receipt lists, and when it came."""
    try:
        letter_kind = LetterKind(kind)
    except ValueError:
        raise CaseError(f"Ukendt brevtype: {kind}.", field="kind") from None
    builder = BUILDERS[letter_kind]
    if letter_kind == LetterKind.DELAY:
        data = builder(case, user=user, on=on, extra_text=extra_text, expected_on=expected_on)
    elif letter_kind == LetterKind.PORTAL_RECEIPT:
        data = builder(
            case,
            user=user,
            on=on,
            extra_text=extra_text,
            received=received,
            received_at=received_at,
        )
    else:
        data = builder(case, user=user, on=on, extra_text=extra_text)
    copied = representatives_copied(case, on=on)
    if copied:
        # The letter says to whom a copy went (issue 17, item 8); a letter without copies
        # has no key, so the letters sent before it render as they were.
        data["copies"] = [{"name": r.name, "relation": relation_da(r)} for r in copied]
    return data


def representatives_copied(case: Case, *, on: date) -> list[Representative]:
    """The citizen's representatives who get a copy of a letter sent ``on``: those recorded
    to get copies whose consent holds that day (a fuldmagt or partsrepræsentant from the
    citizen's consent until it is withdrawn; a værge from the appointment, recorded as the
    consent date). Issue 17, item 8."""
    candidates = Representative.objects.filter(
        citizen_id=case.citizen_id, receives_letters=True
    ).order_by("name", "id")
    return [r for r in candidates if r.has_consent_on(on)]


def relation_da(representative: Representative) -> str:
    """»værge«, »partsrepræsentant«: the relation as the letter's copy line prints it."""
    return str(Relation(representative.relation).label).lower()
