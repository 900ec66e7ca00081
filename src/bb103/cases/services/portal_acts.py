"""What a citizen (or a representative who may act) does in Min sag (issue 19, point 4):
each act is the same action a caseworker's step is, and in its transaction the citizen's
receipt is made as a letter (stored and delivered as every letter is) and the caseworker
gets a task. The screens show the returned :class:`PortalReceipt`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from bb103.cases.actions import complaint_register
from bb103.cases.actions.letters import letter_store
from bb103.cases.actions.portal_acts import (
    change_report,
    hearing_period_ends,
    party_hearing_answer,
)
from bb103.cases.actions.state import case_state_load
from bb103.cases.engine.formatting import danish_date
from bb103.cases.letter_data import letter_data
from bb103.cases.models import (
    Attachment,
    AttachmentKind,
    Case,
    CitizenReportKind,
    ComplaintForm,
    Letter,
    Task,
    TaskKind,
    User,
)
from bb103.cases.permissions import require_step_for
from bb103.cases.services.attachments import ReceivedFile, attachment_receive, attachment_store
from bb103.cases.services.audit import audit_write
from bb103.letters.kinds import LetterKind

# The caseworker is to read what came within a week (the task's due day).
TASK_DAYS = 7


@dataclass(frozen=True)
class Upload:
    """A file as the form received it."""

    name: str
    size: int
    data: IO[bytes]


@dataclass
class PortalReceipt:
    """What the citizen is shown after an act: what was received, when, and the letter."""

    title: str
    received: list[str]
    received_at: Any
    letter: Letter
    task: Task
    case: Case
    late: bool = False

    @property
    def received_at_da(self) -> str:
        return _received_at_da(self.received_at)


def _received_at_da(moment: Any) -> str:
    local = timezone.localtime(moment)
    return f"{danish_date(local.date())} kl. {local:%H.%M}"


def receipt_with_task(
    *,
    user: User,
    case: Case,
    title: str,
    received: list[str],
    task_title: str,
    source: str,
    legal_source: str = "",
    kind: LetterKind = LetterKind.PORTAL_RECEIPT,
) -> PortalReceipt:
    """The receipt letter and the caseworker's task, in the act's transaction."""
    now = timezone.now()
    today = timezone.localdate()
    case = Case.objects.select_related("citizen", "municipality", "caseworker").get(pk=case.pk)
    data = letter_data(
        kind,
        case,
        user=case.caseworker or user,
        on=today,
        received=received,
        received_at=_received_at_da(now),
    )
    letter, copied, delivery = letter_store(case=case, user=user, today=today, data=data)
    audit_write(
        actor=user,
        municipality_id=case.municipality_id,
        action="letter_send",
        case=case,
        details={
            "letter": letter.pk,
            "kind": letter.kind,
            "title": letter.title,
            "sent_on": today,
            "sha256": letter.sha256,
            "delivery": delivery.channel,
            **({"copies": [r.pk for r in copied]} if copied else {}),
        },
    )
    task = Task.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        kind=TaskKind.FROM_CITIZEN,
        source=source[:60],
        due_on=today + timedelta(days=TASK_DAYS),
        title=task_title[:300],
        legal_source=legal_source,
        assigned_to=case.caseworker,
        created_on=today,
    )
    return PortalReceipt(title, received, now, letter, task, case)


def _with_files(
    uploads: list[Upload],
    kind: str,
    act: Callable[[list[ReceivedFile]], PortalReceipt],
    title: str = "",
) -> PortalReceipt:
    """Receive the files (checked as every attachment is), then act; the files are dropped
    if the act is refused or rolled back."""
    received: list[ReceivedFile] = []
    try:
        for upload in uploads:
            received.append(
                attachment_receive(
                    kind=kind,
                    title=title or upload.name or "Bilag fra Min sag",
                    name=upload.name,
                    size=upload.size,
                    data=upload.data,
                )
            )
        return act(received)
    except BaseException:
        for f in received:
            f.discard()
        raise


def portal_hearing_answer(
    *, user: User, case: Case, text: str, uploads: list[Upload], expected_version: int | None
) -> PortalReceipt:
    """Answer the partshøring (Forvaltningsloven § 19): comments and documents."""
    # Asked before any file is written: a login that may not act writes nothing.
    require_step_for(user, party_hearing_answer.name, case.citizen)

    def act(files: list[ReceivedFile]) -> PortalReceipt:
        with transaction.atomic():
            answer = party_hearing_answer(
                user=user, case=case, expected_version=expected_version, text=text, files=files
            )
            items = []
            if answer.text:
                items.append("Dine bemærkninger til partshøringen")
            items += [f"Et bilag: {a.original_name}" for a in answer.attachments.all()]
            return receipt_with_task(
                user=user,
                case=case,
                title="Vi har fået dit svar",
                received=items,
                task_title="Borgeren har svaret på partshøringen i Min sag. Læs svaret.",
                source=f"portal:hearing_answer:{answer.pk}",
                legal_source="Forvaltningsloven § 19",
            )

    return _with_files(uploads, AttachmentKind.OTHER, act)


def portal_complaint(
    *, user: User, case: Case, grounds: str, expected_version: int | None
) -> PortalReceipt:
    """Complain about the decision (Retssikkerhedsloven §§ 66–67): received today, in
    writing; a late complaint is registered and flagged, as complaint_register does."""
    with transaction.atomic():
        complaint = complaint_register(
            user=user,
            case=case,
            expected_version=expected_version,
            received_on=timezone.localdate(),
            form=ComplaintForm.WRITTEN,
            grounds=grounds,
        )
        receipt = receipt_with_task(
            user=user,
            case=case,
            title="Vi har fået din klage",
            received=[
                f"Din klage over afgørelsen fra {danish_date(complaint.decision.decided_on)}"
            ],
            task_title="Borgeren har klaget i Min sag. Genvurdér afgørelsen."
            + (" Klagen kom efter klagefristen." if complaint.late else ""),
            source=f"portal:complaint:{complaint.pk}",
            legal_source="Retssikkerhedsloven §§ 66 og 67",
            # The complaint's own receipt (it says when it is forwarded, and if late).
            kind=LetterKind.COMPLAINT_RECEIPT,
        )
    receipt.late = complaint.late
    return receipt


def portal_document(*, user: User, case: Case, title: str, upload: Upload) -> PortalReceipt:
    """A document on the case (the attachment rules: type by content, size)."""
    require_step_for(user, "attachment_upload", case.citizen)

    def act(files: list[ReceivedFile]) -> PortalReceipt:
        with transaction.atomic():
            attachment: Attachment = attachment_store(received=files[0], case=case, user=user)
            return receipt_with_task(
                user=user,
                case=case,
                title="Vi har fået dit bilag",
                received=[f"Et bilag: {attachment.title} ({attachment.original_name})"],
                task_title="Borgeren har sendt et bilag i Min sag. Læs det.",
                source=f"portal:attachment:{attachment.pk}",
            )

    return _with_files([upload], AttachmentKind.OTHER, act, title=title)


def portal_change_report(*, user: User, case: Case, kind: str, text: str) -> PortalReceipt:
    """Report a change (Retssikkerhedsloven § 11)."""
    with transaction.atomic():
        report = change_report(user=user, case=case, kind=kind, text=text)
        label = CitizenReportKind(report.kind).label
        return receipt_with_task(
            user=user,
            case=case,
            title="Vi har fået din besked",
            received=[f"Din besked: {label}"],
            task_title=f"Borgeren har meldt en ændring i Min sag: {label}.",
            source=f"portal:report:{report.pk}",
            legal_source="Retssikkerhedsloven § 11",
        )


def hearing_period_ends_on(case: Case) -> date | None:
    """For the page: the last day to answer the partshøring."""
    return hearing_period_ends(case_state_load(case, today=timezone.localdate()))
