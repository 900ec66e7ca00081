"""The delivery channel: where a municipality's letters go out as Digital Post, chosen
per municipality by the setting ``BB103_DIGITAL_POST`` (docs/integrations.md).

A channel takes one MeMo message at a time (:meth:`DeliveryChannel.send`) and hands back
the receipts that have come in (:meth:`DeliveryChannel.poll_receipts`). The embedded
default is :class:`~bb103.cases.delivery.file_channel.FileChannel`; a real NgDP connection
is another class with the same two methods, named in the setting with its options.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from bb103.letters.memo import MemoLetter
from bb103.letters.receipt import Receipt


class ChannelError(Exception):
    """The channel could not take the message now (a full disk, a timeout, a refusal):
    the letter is tried again later, and after the last attempt it is marked failed."""


@dataclass
class ReceiptRun:
    """What one poll of a channel's receipts did (for the command's summary)."""

    processed: int = 0
    rejected: list[str] = field(default_factory=list)  # the receipts set aside, by name


class DeliveryChannel(Protocol):
    def send(self, message: MemoLetter) -> str:
        """Hand the message over; returns the channel's reference to it (a file name, a
        transaction id). Raises ChannelError when it cannot now. Sending the same
        messageUUID again must be harmless (the receiving side keeps it once)."""
        ...

    def poll_receipts(self, apply: Callable[[Receipt], bool]) -> ReceiptRun:
        """Call ``apply`` with each receipt that has come in. ``apply`` returns False for a
        receipt of a message BB103 does not know; such a receipt, and one that cannot be
        read, is set aside with a log line, never raised."""
        ...


@dataclass(frozen=True)
class Sender:
    """The MeMo sender of a municipality's letters."""

    id: str
    id_type: str
    label: str
    id_type_label: str = ""


def _config(municipality_id: str) -> dict[str, Any]:
    configs = settings.BB103_DIGITAL_POST
    return configs.get(municipality_id) or configs["default"]


def channel_for(municipality_id: str) -> DeliveryChannel:
    """The channel the municipality's letters go out on."""
    return _build(_config(municipality_id))


def _build(config: dict[str, Any]) -> DeliveryChannel:
    cls = import_string(config["CHANNEL"])
    return cls(**config.get("OPTIONS", {}))  # type: ignore[no-any-return]


def all_channels() -> list[DeliveryChannel]:
    """Every configured channel once (two municipalities on the same configuration share
    one), for polling the receipts."""
    seen: dict[str, DeliveryChannel] = {}
    for config in settings.BB103_DIGITAL_POST.values():
        key = repr((config["CHANNEL"], sorted(config.get("OPTIONS", {}).items())))
        if key not in seen:
            seen[key] = _build(config)
    return list(seen.values())


def sender_for(municipality_id: str, name: str) -> Sender:
    """The sender: the municipality's CVR number where the configuration gives one (a real
    NgDP connection requires it), else its id in BB103 with idType "Andet"."""
    sender = _config(municipality_id).get("SENDER") or {}
    if sender.get("id"):
        return Sender(str(sender["id"]), str(sender.get("id_type", "CVR")), name)
    return Sender(municipality_id, "Andet", name, id_type_label="Kommune-id i BB103")
