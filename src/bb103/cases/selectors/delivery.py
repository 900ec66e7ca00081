"""A letter's delivery state, as the case page, the letter page and the API show it."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    DeliveryChannelKind,
    DeliveryStatus,
    Letter,
    LetterDelivery,
    User,
)
from bb103.cases.selectors.scope import reader_municipalities


@dataclass(frozen=True)
class DeliveryState:
    status: str  # DeliveryStatus: queued, sent, delivered, failed, printed
    label: str  # Danish: "Sendt til Digital Post", "Leveret", "Fejlet – se opgave", …
    channel: str  # DeliveryChannelKind: digital_post or print
    message_uuid: UUID
    attempts: int
    sent_at: datetime | None
    receipt_at: datetime | None
    failure_reason: str
    task_id: int | None

    @property
    def failed(self) -> bool:
        return self.status == DeliveryStatus.FAILED


def delivery_state(delivery: LetterDelivery) -> DeliveryState:
    if delivery.status == DeliveryStatus.QUEUED and delivery.channel == DeliveryChannelKind.PRINT:
        label = "Venter på print"
    else:
        label = str(DeliveryStatus(delivery.status).label)
    return DeliveryState(
        status=delivery.status,
        label=label,
        channel=delivery.channel,
        message_uuid=delivery.message_uuid,
        attempts=delivery.attempts,
        sent_at=delivery.sent_at,
        receipt_at=delivery.receipt_at,
        failure_reason=delivery.failure_reason,
        task_id=delivery.task_id,
    )


def letter_delivery_status(letter: Letter) -> DeliveryState | None:
    """The delivery state of a letter the caller has already read through a scoped selector
    (the case page's letters carry their delivery: no query). None for a letter sent before
    deliveries were recorded."""
    try:
        delivery = letter.delivery
    except LetterDelivery.DoesNotExist:
        return None
    return delivery_state(delivery)


def letter_delivery_for_user(*, user: User, case_id: int, letter_id: int) -> DeliveryState | None:
    """The delivery state of a letter of ``case_id``, for the readers of the municipality's
    cases (as the letter itself), or NotFound (HTTP 404). None: no delivery recorded."""
    if not user.is_authenticated or not user.is_active:
        raise NotFound("Brevet")
    found = (
        Letter.objects.filter(
            pk=letter_id,
            case_id=case_id,
            case__municipality_id__in=reader_municipalities(user),
        )
        .values_list("pk", flat=True)
        .first()
    )
    if found is None:
        raise NotFound("Brevet")
    delivery = LetterDelivery.objects.filter(letter_id=found).first()
    return None if delivery is None else delivery_state(delivery)
