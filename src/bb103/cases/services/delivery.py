"""A sent letter on its way to the citizen (docs/integrations.md): the delivery row made
with the letter, the queued attempts to hand it to the municipality's Digital Post channel
with their retries, the receipts that say it arrived or failed, and the daily print batch
for citizens exempt from Digital Post.

Nothing here runs in a web request: the letter's transaction only makes the row and, once
committed, queues the job (``transaction.on_commit``); the worker (``db_worker``) and the
commands (``digital_post_receipts``, ``print_batch``, the daily sweep) do the rest, as the
system user ``bb103-digital-post`` in the audit log. A letter that cannot be delivered is
never dropped without a word: it is marked failed and its caseworker gets a task.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bb103.cases.delivery.channel import ReceiptRun, all_channels, channel_for, sender_for
from bb103.cases.delivery.jobs import letter_deliver
from bb103.cases.delivery.print_file import joined_pdf
from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import (
    Citizen,
    DeliveryChannelKind,
    DeliveryStatus,
    Letter,
    LetterDelivery,
    Task,
    TaskKind,
    User,
)
from bb103.cases.services.audit import audit_write
from bb103.letters.memo import MemoError, MemoLetter
from bb103.letters.receipt import Receipt

logger = logging.getLogger(__name__)

SYSTEM_USERNAME = "bb103-digital-post"
# A queued letter whose job has not run for this long is queued again by the receipts
# command: the job is enqueued after the letter's commit, so a process that died between
# the two would otherwise leave the letter waiting for ever.
STALE_AFTER = timedelta(minutes=15)
TASK_SOURCE = "Lov om Digital Post fra offentlige afsendere"


def delivery_create(*, letter: Letter, citizen: Citizen) -> LetterDelivery:
    """The letter's delivery row, in the letter's transaction: Digital Post, or the print
    batch for a citizen exempt from it. The Digital Post job is queued once the
    transaction has committed (never a job for a letter that was rolled back)."""
    digital = not citizen.digital_post_exempt
    delivery = LetterDelivery.objects.create(
        letter=letter,
        municipality_id=citizen.municipality_id,
        channel=DeliveryChannelKind.DIGITAL_POST if digital else DeliveryChannelKind.PRINT,
        next_attempt_at=timezone.now() if digital else None,
    )
    if digital:
        transaction.on_commit(lambda: delivery_enqueue(delivery.pk))
    return delivery


def delivery_enqueue(delivery_id: int, *, run_after: datetime | None = None) -> None:
    job = letter_deliver if run_after is None else letter_deliver.using(run_after=run_after)
    job.enqueue(delivery_id)


def _system_user() -> User:
    user, _ = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "is_active": False,
            "first_name": "Digital Post",
            "password": make_password(None),
        },
    )
    return user


def _memo_letter(delivery: LetterDelivery) -> MemoLetter:
    letter = delivery.letter
    case = letter.case
    sender = sender_for(case.municipality_id, case.municipality.name)
    return MemoLetter(
        message_uuid=delivery.message_uuid,
        message_id=f"bb103-brev-{letter.pk}",
        label=letter.title,
        sender_id=sender.id,
        sender_id_type=sender.id_type,
        sender_id_type_label=sender.id_type_label,
        sender_label=sender.label,
        recipient_cpr=case.citizen.cpr,
        recipient_label=str(case.citizen),
        case_id=str(case.pk),
        created_at=letter.sent_at,
        pdf=bytes(letter.pdf),
        filename=letter_file_name(letter),
    )


def letter_file_name(letter: Letter) -> str:
    """The PDF's name, as the letter's download gives it."""
    return f"brev-{letter.case_id}-{letter.pk}-{letter.sent_on:%Y-%m-%d}.pdf"


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` failed ones: 1, 2, 4, ... times
    BB103_DIGITAL_POST_BACKOFF_SECONDS."""
    return timedelta(seconds=settings.BB103_DIGITAL_POST_BACKOFF_SECONDS * 2 ** (attempts - 1))


def delivery_attempt(*, delivery_id: int) -> str:
    """One attempt to hand a queued letter to its municipality's channel (the queued job).
    Returns the status after it. A delivery no longer queued is left alone, so a job that
    runs twice sends nothing twice."""
    with transaction.atomic():
        delivery = (
            LetterDelivery.objects.select_for_update(of=("self",))
            .select_related("letter__case__citizen", "letter__case__municipality")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "missing"
        if (
            delivery.status != DeliveryStatus.QUEUED
            or delivery.channel != DeliveryChannelKind.DIGITAL_POST
        ):
            return delivery.status
        now = timezone.now()
        delivery.attempts += 1
        try:
            reference = channel_for(delivery.municipality_id).send(_memo_letter(delivery))
        except MemoError as exc:
            # The letter itself cannot be a MeMo message (a CPR number that is no CPR
            # number): no later attempt can do better.
            _fail(delivery, f"Brevet kunne ikke laves som Digital Post: {exc}")
        except Exception as exc:  # any failure of the channel is a failed attempt
            reason = str(exc)[:300] or type(exc).__name__
            if delivery.attempts < settings.BB103_DIGITAL_POST_ATTEMPTS:
                run_after = now + backoff(delivery.attempts)
                delivery.next_attempt_at = run_after
                delivery.failure_reason = reason
                delivery.save(update_fields=["attempts", "next_attempt_at", "failure_reason"])
                logger.warning(
                    "Letter %s: attempt %s failed (%s); next attempt at %s",
                    delivery.letter_id,
                    delivery.attempts,
                    reason,
                    run_after.isoformat(),
                )
                transaction.on_commit(lambda: delivery_enqueue(delivery_id, run_after=run_after))
            else:
                _fail(delivery, f"Digital Post tog ikke imod brevet efter {delivery.attempts} "
                      f"forsøg: {reason}")  # fmt: skip
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.file_name = reference[:200]
            delivery.sent_at = now
            delivery.next_attempt_at = None
            delivery.failure_reason = ""
            delivery.save()
            _audit(delivery)
        return delivery.status


def _audit(delivery: LetterDelivery) -> None:
    audit_write(
        actor=_system_user(),
        municipality_id=delivery.municipality_id,
        action="letter_delivery",
        case=delivery.letter.case,
        details={
            "letter": delivery.letter_id,
            "status": delivery.status,
            "channel": delivery.channel,
            **({"task": delivery.task_id} if delivery.task_id else {}),
        },
    )


def _fail(delivery: LetterDelivery, reason: str) -> None:
    """Mark the letter failed and give its caseworker a task (once per letter)."""
    letter = delivery.letter
    case = letter.case
    today = timezone.localdate()
    task, _ = Task.objects.get_or_create(
        case=case,
        kind=TaskKind.LETTER_UNDELIVERED,
        source=f"letter:{letter.pk}",
        defaults={
            "municipality_id": case.municipality_id,
            "due_on": today,
            "title": (
                f"Brevet »{letter.title}« fra {danish_date(letter.sent_on)} er ikke kommet "
                f"frem til borgeren: {reason} Send det igen eller med almindelig post."
            )[:300],
            "legal_source": TASK_SOURCE,
            "assigned_to_id": case.caseworker_id,
            "created_on": today,
        },
    )
    delivery.status = DeliveryStatus.FAILED
    delivery.failure_reason = reason[:300]
    delivery.next_attempt_at = None
    delivery.task = task
    delivery.save()
    logger.warning("Letter %s failed: %s; task %s for its caseworker", letter.pk, reason, task.pk)
    _audit(delivery)


def receipt_apply(receipt: Receipt) -> bool:
    """Apply a receipt to the letter it names: delivered, or failed with a task. False if
    no letter has its messageUUID. A receipt for a letter already settled changes nothing
    (the channel may send it twice)."""
    with transaction.atomic():
        delivery = (
            LetterDelivery.objects.select_for_update(of=("self",))
            .select_related("letter__case")
            .filter(message_uuid=receipt.message_uuid)
            .first()
        )
        if delivery is None:
            return False
        if delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
            return True
        delivery.receipt_at = receipt.time
        if receipt.delivered:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.save()
            _audit(delivery)
        else:
            _fail(delivery, f"Digital Post meldte fejl: {receipt.reason}.")
    return True


@dataclass
class ReceiptsResult:
    processed: int = 0
    rejected: list[str] = field(default_factory=list)
    requeued: int = 0


def receipts_process() -> ReceiptsResult:
    """Read the receipts of every configured channel, and queue again the letters whose
    job has gone missing (``STALE_AFTER``)."""
    result = ReceiptsResult()
    for channel in all_channels():
        run: ReceiptRun = channel.poll_receipts(receipt_apply)
        result.processed += run.processed
        result.rejected += run.rejected
    result.requeued = deliveries_requeue_stale()
    return result


def deliveries_requeue_stale(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    stale = list(
        LetterDelivery.objects.filter(
            status=DeliveryStatus.QUEUED,
            channel=DeliveryChannelKind.DIGITAL_POST,
            next_attempt_at__lt=now - STALE_AFTER,
        ).values_list("pk", flat=True)
    )
    for pk in stale:
        with transaction.atomic():
            LetterDelivery.objects.filter(pk=pk).update(next_attempt_at=now)
            transaction.on_commit(lambda pk=pk: delivery_enqueue(pk))  # type: ignore[misc]
    return len(stale)


# -- the print batch ----------------------------------------------------------------------
def print_batch_run(*, day: date, municipality_id: str | None = None) -> list[Path]:
    """The day's letters to citizens exempt from Digital Post, one PDF per municipality
    in ``BB103_PRINT_DIR/<municipality>/<day>.pdf``, and those letters marked "sent to
    print". Run again for the same day, it prints only letters not yet printed (a second
    file, ``<day>-2.pdf``), and nothing if there are none."""
    pending = LetterDelivery.objects.filter(
        channel=DeliveryChannelKind.PRINT, status=DeliveryStatus.QUEUED, letter__sent_on=day
    )
    if municipality_id is not None:
        pending = pending.filter(municipality_id=municipality_id)
    written = []
    for mid in sorted(set(pending.values_list("municipality_id", flat=True))):
        path = _print_one(mid, day)
        if path is not None:
            written.append(path)
    return written


def print_days_pending(*, before: date, municipality_id: str | None = None) -> list[date]:
    """The days before ``before`` with letters still waiting for their print batch."""
    pending = LetterDelivery.objects.filter(
        channel=DeliveryChannelKind.PRINT,
        status=DeliveryStatus.QUEUED,
        letter__sent_on__lt=before,
    )
    if municipality_id is not None:
        pending = pending.filter(municipality_id=municipality_id)
    return sorted(set(pending.values_list("letter__sent_on", flat=True)))


def _print_one(municipality_id: str, day: date) -> Path | None:
    with transaction.atomic():
        rows = list(
            LetterDelivery.objects.select_for_update(of=("self",))
            .select_related("letter__case")
            .filter(
                municipality_id=municipality_id,
                channel=DeliveryChannelKind.PRINT,
                status=DeliveryStatus.QUEUED,
                letter__sent_on=day,
            )
            .order_by("letter__sent_at", "letter_id")
        )
        if not rows:
            return None
        pdf = joined_pdf([bytes(r.letter.pdf) for r in rows])
        # Written before the rows are marked: a crash between prints a letter twice at
        # worst, never not at all.
        path = _write_new(Path(settings.BB103_PRINT_DIR) / municipality_id, day, pdf)
        now = timezone.now()
        for row in rows:
            row.status = DeliveryStatus.PRINTED
            row.file_name = path.name
            row.sent_at = now
            row.save()
            _audit(row)
    return path


def _write_new(folder: Path, day: date, pdf: bytes) -> Path:
    """Write ``pdf`` as the day's batch under a name not taken yet."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    n = 1
    while True:
        path = folder / (f"{day.isoformat()}.pdf" if n == 1 else f"{day.isoformat()}-{n}.pdf")
        try:
            with open(path, "xb") as out:  # "x": never over another run's file
                out.write(pdf)
            return path
        except FileExistsError:
            n += 1
