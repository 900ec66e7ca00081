"""The ZIP of an access request (GDPR art. 15), built from a
:class:`bb103.cases.selectors.gdpr.CitizenExport` without any query of its own:

- ``data.json``: every row, machine-readable: stable keys (the columns' names), ISO dates,
  amounts as strings (never floats), sorted keys, so the same data gives the same text;
- ``oversigt.html``: the same in plain Danish for the citizen, with Danish dates;
- ``breve/*.pdf``: the letters exactly as they were sent (the stored PDFs).
"""

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation

from bb103.cases.engine.formatting import danish_date as format_da
from bb103.cases.models import (
    Assessment,
    Citizen,
    Complaint,
    Correction,
    CorrectionSubject,
    JournalNote,
    Letter,
    LetterCopy,
    Representative,
    User,
)
from bb103.cases.models.audit import READ_LABELS
from bb103.cases.selectors.corrections import correction_changes
from bb103.cases.selectors.gdpr import CitizenExport

# Columns that say nothing to the citizen or are stored elsewhere in the ZIP.
_NOT_IN_JSON = {"pdf", "cpr_key", "case_file"}
_NOT_IN_SUMMARY = _NOT_IN_JSON | {"id", "sha256", "policy_id", "engine_outcome"}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        raise TypeError("binary data goes into the ZIP as a file, not into JSON")
    return value


def _default(value: Any) -> Any:
    converted = _json_value(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON data")
    return converted


def row_json(obj: models.Model) -> dict[str, Any]:
    """One row as JSON: every column by its name (a foreign key as ``<name>_id``)."""
    return {
        f.attname: _json_value(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.name not in _NOT_IN_JSON
    }


def letter_file(letter: Letter) -> str:
    return f"breve/sag-{letter.case_id}-brev-{letter.pk}-{letter.sent_on.isoformat()}.pdf"


def case_file_name(complaint: Complaint) -> str:
    return f"sagsakter/sag-{complaint.case_id}-klage-{complaint.pk}.pdf"


def _complaint_json(complaint: Complaint) -> dict[str, Any]:
    """A complaint, and where its case file sent to Ankestyrelsen is in the ZIP."""
    file = case_file_name(complaint) if complaint.case_file else None
    return {**row_json(complaint), "case_file": file}


def _letter_json(letter: Letter) -> dict[str, Any]:
    has_pdf = bool(letter.pdf)
    return {**row_json(letter), "file": letter_file(letter) if has_pdf else None}


def _correcting(notes: list[JournalNote]) -> dict[int, JournalNote]:
    """Note id -> the note that corrects it, among the case's notes read."""
    return {n.corrects_id: n for n in notes if n.corrects_id is not None}


def _note_json(
    note: JournalNote, roles: dict[int, list[str]], correcting: dict[int, JournalNote]
) -> dict[str, Any]:
    """A journal note, with its author's role and the note that corrects it, if any."""
    by = correcting.get(note.pk)
    return {
        **row_json(note),
        "author_role": ", ".join(roles.get(note.author_id, [])),
        "corrected_by_id": by.pk if by is not None else None,
    }


def export_data(export: CitizenExport, *, made_by: User, made_at: datetime) -> dict[str, Any]:
    citizen = export.citizen
    roles = export.staff_roles
    return {
        "format": "bb103-gdpr-export",
        "version": 1,
        "made_at": made_at.isoformat(),
        "made_by": made_by.username,
        "municipality": {"id": citizen.municipality_id, "name": citizen.municipality.name},
        "citizen": row_json(citizen),
        "representatives": [row_json(r) for r in export.representatives],
        "tax_cards": [row_json(t) for t in export.tax_cards],
        # Corrections of the citizen's own data and their representatives (an assessment's
        # are under its case): the old and the new values and the reason.
        "corrections": [row_json(r) for r in export.corrections],
        "cases": [
            {
                "case": row_json(c.case),
                "application": c.application and row_json(c.application),
                "assessments": [row_json(r) for r in c.assessments],
                "committee_reviews": [row_json(r) for r in c.committee_reviews],
                "drafts": [row_json(r) for r in c.drafts],
                "hearings": [row_json(r) for r in c.hearings],
                # Every decision on the case, the one in force and any set aside since.
                "decisions": [row_json(r) for r in c.decisions],
                "decision": c.decision and row_json(c.decision),
                "delay_notices": [row_json(r) for r in c.delay_notices],
                "handleplans": [row_json(r) for r in c.handleplans],
                "waiting_list": [row_json(r) for r in c.waiting_list],
                "placements": [
                    {
                        "placement": row_json(p.placement),
                        "attendance": [row_json(r) for r in p.attendance],
                        "wages": [row_json(r) for r in p.wages],
                        "pedagogical_plans": [row_json(r) for r in p.plans],
                        "deviations": [row_json(r) for r in p.deviations],
                        "transport": [row_json(r) for r in p.transport],
                        "settlement_lines": [
                            {**row_json(r), "month": r.settlement.month.isoformat()}
                            for r in p.settlement_lines
                        ],
                    }
                    for p in c.placements
                ],
                "follow_ups": [row_json(r) for r in c.follow_ups],
                "follow_up_bookings": [row_json(r) for r in c.follow_up_bookings],
                "termination": c.termination and row_json(c.termination),
                "closure": c.closure and row_json(c.closure),
                "complaints": [_complaint_json(r) for r in c.complaints],
                "tasks": [row_json(r) for r in c.tasks],
                "deadlines": [row_json(r) for r in c.deadlines],
                "letters": [_letter_json(r) for r in c.letters],
                "letter_copies": [row_json(r) for r in c.letter_copies],
                "journal_notes": [
                    _note_json(r, roles, _correcting(c.journal_notes)) for r in c.journal_notes
                ],
                "corrections": [row_json(r) for r in c.corrections],
            }
            for c in export.cases
        ],
        "audit_log": [
            {
                "at": e.at.isoformat(),
                "kind": e.kind,
                "action": e.action,
                "actor_id": e.actor_id,
                "case_id": e.case_id,
                "via": e.via,
                "details": e.details,
            }
            for e in export.audit
        ],
        "staff": {
            str(u.pk): {
                "username": u.username,
                "name": u.get_full_name(),
                "roles": roles.get(u.pk, []),
            }
            for u in sorted(export.staff.values(), key=lambda u: u.pk)
        },
    }


# --- the summary -----------------------------------------------------------------------


def danish_datetime(value: datetime) -> str:
    local = timezone.localtime(value)
    return f"{format_da(local.date())} kl. {local:%H.%M}"


def _display(obj: models.Model, f: models.Field, staff: dict[int, User]) -> str | None:
    value = getattr(obj, f.attname)
    if value is None or value == "" or isinstance(f, models.JSONField):
        return None
    if f.is_relation:
        if f.related_model is User:
            user = staff.get(value)
            return (user.get_full_name() or user.username) if user else None
        # Only relations already read (offers, providers); the others are the structure.
        return str(getattr(obj, f.name)) if f.is_cached(obj) else None  # type: ignore[attr-defined]
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, datetime):
        return danish_datetime(value)
    if isinstance(value, date):
        return format_da(value)
    if isinstance(value, Decimal):
        return f"{value}".replace(".", ",")
    return str(value)


def facts(obj: models.Model, staff: dict[int, User]) -> list[tuple[str, str]]:
    """A row as (Danish label, Danish value) pairs, the empty ones left out."""
    pairs = []
    for f in obj._meta.concrete_fields:
        if f.name in _NOT_IN_SUMMARY or f.primary_key:
            continue
        shown = _display(obj, f, staff)
        if shown is not None:
            label = str(f.verbose_name)
            pairs.append((label[:1].upper() + label[1:], shown))
    return pairs


def _section(title: str, rows: list[Any], staff: dict[int, User]) -> dict[str, Any]:
    return {"title": title, "rows": [facts(r, staff) for r in rows]}


def _note_facts(
    note: JournalNote, export: CitizenExport, notes: list[JournalNote]
) -> list[tuple[str, str]]:
    """A journal note: its facts, its author's role, and which note it corrects or is
    corrected by (the link itself is not a column the citizen can read)."""
    pairs = facts(note, export.staff)
    role = ", ".join(export.staff_roles.get(note.author_id, []))
    if role:
        pairs.append(("Forfatterens rolle", role))
    # A correction is a note on the same case: both are among ``notes``.
    corrects = next((n for n in notes if n.pk == note.corrects_id), None)
    corrected_by = _correcting(notes).get(note.pk)
    if corrects is not None:
        pairs.append(("Retter notatet", f"af {format_da(corrects.occurred_on)}"))
    if corrected_by is not None:
        pairs.append(("Rettet ved notatet", f"af {format_da(corrected_by.occurred_on)}"))
    return pairs


def _copy_facts(copy: LetterCopy) -> list[tuple[str, str]]:
    pairs = [
        ("Brev", copy.letter.title),
        ("Sendt", format_da(copy.sent_on)),
        ("Sendt i kopi til", f"{copy.name} ({copy.relation_label})"),
    ]
    if copy.contact:
        pairs.append(("Kontaktoplysninger", copy.contact))
    return pairs


_CORRECTED_MODEL: dict[str, type[models.Model]] = {
    CorrectionSubject.CITIZEN: Citizen,
    CorrectionSubject.REPRESENTATIVE: Representative,
    CorrectionSubject.ASSESSMENT: Assessment,
}


def _correction_facts(correction: Correction, staff: dict[int, User]) -> list[tuple[str, str]]:
    """A correction: what was corrected, from what to what, by whom, when and why."""
    by = staff.get(correction.corrected_by_id)
    pairs = [
        ("Rettet", correction.get_subject_display()),
        ("Tidspunkt", danish_datetime(correction.corrected_at)),
    ]
    if by is not None:
        pairs.append(("Rettet af", by.get_full_name() or by.username))
    model = _CORRECTED_MODEL.get(correction.subject, Citizen)
    for label, old, new in correction_changes(model, correction.changes):
        pairs.append((label, f"fra »{old}« til »{new}«"))
    for moved in correction.deadlines:
        pairs.append(("Frist beregnet igen", f"{moved.get('deadline')}: {_day(moved.get('old'))} → "
                      f"{_day(moved.get('new'))}"))  # fmt: skip
    if correction.reason:
        pairs.append(("Begrundelse", correction.reason))
    return pairs


def _day(value: Any) -> str:
    if not value:
        return "ingen"
    try:
        return format_da(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _case_sections(c: Any, export: CitizenExport) -> list[dict[str, Any]]:
    staff = export.staff
    one = [r for r in (c.application,) if r is not None]
    sections = [
        _section("Ansøgning", one, staff),
        _section("Udredning", c.assessments, staff),
        _section("Visitationsudvalget", c.committee_reviews, staff),
        _section("Udkast til afgørelse", c.drafts, staff),
        _section("Partshøring", c.hearings, staff),
        _section("Afgørelse", c.decisions, staff),
        _section("Besked om forsinkelse", c.delay_notices, staff),
        _section("Handleplan", c.handleplans, staff),
        _section("Venteliste", c.waiting_list, staff),
    ]
    for p in c.placements:
        sections += [
            _section(f"Beskæftigelse: {p.placement.offer}", [p.placement], staff),
            _section("Løn", p.wages, staff),
            _section("Befordring", p.transport, staff),
            _section("Pædagogisk plan", p.plans, staff),
            _section("Afvigelser meldt af tilbuddet", p.deviations, staff),
        ]
    sections += [
        _section("Opfølgning", c.follow_ups, staff),
        _section("Aftalte opfølgningsmøder", c.follow_up_bookings, staff),
        _section("Ophør", [c.termination] if c.termination else [], staff),
        _section("Lukning af sagen", [c.closure] if c.closure else [], staff),
        _section("Klager", c.complaints, staff),
        _section("Frister", c.deadlines, staff),
        _section("Opgaver for rådgiveren", c.tasks, staff),
        {
            "title": "Journalnotater",
            "rows": [_note_facts(n, export, c.journal_notes) for n in c.journal_notes],
        },
        {
            "title": "Kopier af breve til dine repræsentanter",
            "rows": [_copy_facts(r) for r in c.letter_copies],
        },
        {
            "title": "Rettelser af udredningen",
            "rows": [_correction_facts(r, staff) for r in c.corrections],
        },
    ]
    return [s for s in sections if s["rows"]]


def _action_label(action: str) -> str:
    from bb103.cases.actions import REGISTRY

    if action in READ_LABELS:
        return READ_LABELS[action]
    if action in REGISTRY:
        return REGISTRY[action].label
    if action == "letter_send":
        return "sende et brev til borgeren"
    return action.replace("_", " ")


def export_summary(export: CitizenExport, *, made_at: datetime) -> str:
    staff = export.staff
    cases = []
    for c in export.cases:
        evaluation = c.decision.evaluation if c.decision else {}
        cases.append(
            {
                "export": c,
                "facts": facts(c.case, staff),
                "sections": _case_sections(c, export),
                "criteria": evaluation.get("eligibility", {}).get("criteria", []),
                "explanations": evaluation.get("explanations", []),
                "attendance": [(p, p.attendance) for p in c.placements if p.attendance],
                "settlement": [(p, p.settlement_lines) for p in c.placements if p.settlement_lines],
                "letters": [
                    (letter, letter_file(letter) if letter.pdf else "") for letter in c.letters
                ],
            }
        )
    log = [
        {
            "at": danish_datetime(e.at),
            "who": e.actor.get_full_name() or e.actor.username,
            "what": _action_label(e.action),
            "read": e.kind == "read",
            "case": e.case_id,
        }
        for e in export.audit
    ]
    context = {
        "citizen": export.citizen,
        "citizen_facts": facts(export.citizen, staff),
        "representatives": [facts(r, staff) for r in export.representatives],
        "tax_cards": [facts(t, staff) for t in export.tax_cards],
        "corrections": [_correction_facts(r, staff) for r in export.corrections],
        "cases": cases,
        "log": log,
        "made_on": format_da(timezone.localdate(made_at)),
    }
    with translation.override("da"):
        return render_to_string("cases/gdpr_oversigt.html", context)


def export_zip(export: CitizenExport, *, made_by: User, made_at: datetime) -> bytes:
    data = export_data(export, made_by=made_by, made_at=made_at)
    # The ZIP entries carry the export's own time, so two exports of the same data at the
    # same moment are the same bytes.
    stamp = timezone.localtime(made_at).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, content: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content, zipfile.ZIP_DEFLATED)

        put("oversigt.html", export_summary(export, made_at=made_at).encode("utf-8"))
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, default=_default)
        put("data.json", text.encode("utf-8"))
        for letter in export.letters:
            if letter.pdf:
                put(letter_file(letter), bytes(letter.pdf))
        for c in export.cases:
            for complaint in c.complaints:
                if complaint.case_file:
                    put(case_file_name(complaint), bytes(complaint.case_file))
    return buffer.getvalue()
