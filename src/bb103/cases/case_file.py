"""The case file that goes to Ankestyrelsen with a complaint (Retssikkerhedsloven § 66,
stk. 2): one PDF of an index and the case's facts (the complaint and the reassessment, the
decision with the engine's frozen evaluation, the assessments, the committee's reviews,
the hearings) rendered with Typst from plain data, followed by every letter sent to the
citizen exactly as it was sent (the stored PDFs, appended with pypdf)."""

import io
from datetime import date
from typing import Any

from pypdf import PdfWriter

from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.letter_facts import complaint_deadline_from
from bb103.cases.engine.policy import municipality_letterhead
from bb103.cases.models import (
    Case,
    Complaint,
    ComplaintAbout,
    HearingStatus,
    Letter,
    User,
)
from bb103.letters.render import render_pdf

_FACTS = (
    ("significant_reduced_function", "Betydelig nedsat fysisk eller psykisk funktionsevne"),
    ("special_social_problems", "Særlige sociale problemer"),
    ("can_work_on_normal_terms", "Kan opnå eller fastholde beskæftigelse på normale vilkår"),
    ("other_legislation_exhausted", "Tilbud efter anden lovgivning er afklaret og ikke mulige"),
    ("receives_foertidspension", "Modtager førtidspension"),
    ("motivated", "Motiveret"),
    ("can_transport_self", "Kan selv transportere sig"),
)
_ENGINE = {"eligible": "opfylder målgruppen", "not_eligible": "opfylder ikke målgruppen"}


def _or_none(text: str) -> str | None:
    return text.strip() or None


def case_file_data(case: Case, complaint: Complaint, *, user: User, on: date) -> dict[str, Any]:
    """The case file's index and facts, as plain data for the template."""
    decision = complaint.decision
    citizen = case.citizen
    head = municipality_letterhead(case.municipality_id)
    if decision.received_on is None or not decision.with_klagevejledning:
        deadline_text = (
            "Klagefristen er ikke begyndt at løbe (afgørelsen er ikke meddelt skriftligt med "
            "klagevejledning)."
        )
    else:
        due = complaint_deadline_from(case, received_on=decision.received_on)["complaint_deadline"]
        deadline_text = f"{danish_date(due)}" + (
            "; klagen er modtaget efter fristen" if complaint.late else "; overholdt"
        )
    letters = list(case.letters.order_by("sent_at", "id"))
    caseworker = case.caseworker or user
    return {
        "date": {"year": on.year, "month": on.month, "day": on.day},
        "date_da": danish_date(on),
        "municipality": head["municipality"],
        "case_ref": str(case.pk),
        "citizen": {
            "name": f"{citizen.first_name} {citizen.last_name}",
            "cpr": citizen.cpr,
            "address": [part.strip() for part in citizen.address.split(",") if part.strip()],
        },
        "caseworker": caseworker.get_full_name() or caseworker.username,
        "policy": f"{decision.policy_id}, version {decision.policy_version}",
        "complaint": {
            "about_da": "afgørelsen om ophør"
            if complaint.about == ComplaintAbout.TERMINATION
            else "afgørelsen om beskyttet beskæftigelse (serviceloven § 103)",
            "received_on_da": danish_date(complaint.received_on),
            "form": complaint.get_form_display().lower(),
            "deadline_text": deadline_text,
            "grounds": _or_none(complaint.grounds),
            "reassessment": complaint.get_reassessment_display(),
            "reassessed_on_da": danish_date(complaint.reassessed_on)
            if complaint.reassessed_on
            else "",
            "reassessment_notes": complaint.reassessment_notes,
            "forwarded_on_da": danish_date(complaint.forwarded_on or on),
        },
        "decision": {
            "outcome": decision.get_outcome_display(),
            "decided_on_da": danish_date(decision.decided_on),
            "received_text": "Ikke meddelt skriftligt"
            if decision.received_on is None
            else f"Modtaget {danish_date(decision.received_on)}",
            "with_klagevejledning": decision.with_klagevejledning,
            "offer": None if decision.offer is None else str(decision.offer),
            "reasons": _or_none(decision.reasons),
            "individual_assessment": _or_none(decision.individual_assessment),
            "committee_deviation_reason": _or_none(decision.committee_deviation_reason),
            "engine_outcome": _ENGINE.get(decision.engine_outcome, decision.engine_outcome),
            "criteria": decision.evaluation["eligibility"]["criteria"],
        },
        "termination": _termination(case),
        "assessments": [
            {
                "assessed_on_da": danish_date(a.assessed_on),
                "vum": a.get_vum_level_display() if a.vum_level is not None else "Ikke vurderet",
                "facts": [{"label": label, "value": getattr(a, key)} for key, label in _FACTS],
                "gathered": ", ".join(
                    name
                    for name, held in (
                        ("lægeattest", a.medical_certificate),
                        ("statusattest", a.status_certificate),
                        ("lægekonsulent", a.medical_consultant),
                    )
                    if held
                )
                or "intet registreret",
                "notes": _or_none("\n\n".join(filter(None, (a.vum_notes, a.information_notes)))),
            }
            for a in case.assessments.order_by("assessed_on", "id")
        ],
        "committee": [
            {
                "reviewed_on_da": danish_date(r.reviewed_on),
                "recommendation": r.get_recommendation_display(),
                "offer": None if r.offer is None else str(r.offer),
                "notes": _or_none(r.notes),
            }
            for r in case.committee_reviews.select_related("offer").order_by("reviewed_on", "id")
        ],
        "hearings": [
            {
                "draft_on_da": danish_date(h.draft.created_on),
                "proposal": h.draft.get_proposed_outcome_display() or "ophør",
                "status": h.get_status_display(),
                "comments": _or_none(h.comments),
                "skip_reason": _or_none(h.skip_reason)
                if h.status == HearingStatus.SKIPPED
                else None,
            }
            for h in case.hearings.select_related("draft").order_by("id")
        ],
        "letters": [
            {
                "title": letter.title,
                "sent_on_da": danish_date(letter.sent_on),
                "sha256": letter.sha256[:16],
            }
            for letter in letters
        ],
    }


def _termination(case: Case) -> str | None:
    ended = getattr(case, "termination", None)
    if ended is None:
        return None
    return f"{ended.get_reason_display()}; ophører {danish_date(ended.terminated_on)}" + (
        f". {ended.notes}" if ended.notes else ""
    )


def case_file_pdf(case: Case, complaint: Complaint, *, user: User, on: date) -> bytes:
    """The whole case file as one PDF: the index and facts, then the letters as sent."""
    data = case_file_data(case, complaint, user=user, on=on)
    writer = PdfWriter()
    writer.append(io.BytesIO(render_pdf("case_file", data)))
    for letter in Letter.objects.filter(case=case).order_by("sent_at", "id").only("pdf"):
        writer.append(io.BytesIO(bytes(letter.pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
