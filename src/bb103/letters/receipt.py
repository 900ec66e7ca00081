"""A delivery receipt ("kvittering") for a letter sent as a MeMo message: what the Digital
Post side says happened to it. Pure: no Django, no files.

The format (docs/integrations.md) is one JSON object per file, UTF-8::

    {"messageUUID": "…", "status": "delivered", "time": "2025-03-10T12:00:00+01:00"}
    {"messageUUID": "…", "status": "failed", "reason": "Modtageren findes ikke", "time": "…"}

``messageUUID`` is the MeMo header's; ``status`` is ``delivered`` or ``failed``; a failed
receipt must give its ``reason``; ``time`` (ISO 8601 with a time zone) is when it happened.
Other keys are ignored, so a richer receipt from a real channel can carry more.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

STATUSES = ("delivered", "failed")


class ReceiptError(ValueError):
    """A receipt that cannot be read; the message names the field."""


@dataclass(frozen=True)
class Receipt:
    message_uuid: UUID
    delivered: bool
    reason: str
    time: datetime


def receipt_parse(raw: bytes) -> Receipt:
    """The receipt in ``raw``, or ReceiptError naming what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReceiptError(f"not a JSON document in UTF-8: {exc}") from None
    if not isinstance(data, dict):
        raise ReceiptError("a receipt is a JSON object")
    try:
        message_uuid = UUID(str(data["messageUUID"]))
    except KeyError:
        raise ReceiptError("messageUUID: missing") from None
    except ValueError:
        raise ReceiptError("messageUUID: not a UUID") from None
    status = data.get("status")
    if status not in STATUSES:
        raise ReceiptError(f"status: one of {', '.join(STATUSES)}, not {status!r}")
    reason = data.get("reason") or ""
    if not isinstance(reason, str):
        raise ReceiptError("reason: a text")
    if status == "failed" and not reason.strip():
        raise ReceiptError("reason: required when status is failed")
    try:
        time = datetime.fromisoformat(str(data["time"]))
    except KeyError:
        raise ReceiptError("time: missing") from None
    except ValueError:
        raise ReceiptError("time: not an ISO 8601 date and time") from None
    if time.tzinfo is None:
        raise ReceiptError("time: must carry a time zone")
    return Receipt(message_uuid, status == "delivered", reason.strip()[:300], time)


def receipt_json(receipt: Receipt) -> bytes:
    """The receipt in the file format (what a test or a channel adapter writes)."""
    data = {
        "messageUUID": str(receipt.message_uuid),
        "status": "delivered" if receipt.delivered else "failed",
        "time": receipt.time.isoformat(),
        **({"reason": receipt.reason} if receipt.reason else {}),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
