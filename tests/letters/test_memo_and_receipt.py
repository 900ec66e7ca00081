"""The pure MeMo builder and receipt reader (bb103.letters.memo, .receipt; issue 18, item
4): the MeMo message's header fields in the schema's order, and every bad input refused
with the field named."""

import xml.etree.ElementTree as ET
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from bb103.letters.memo import MEMO_NS, MemoError, MemoLetter, memo_read, memo_xml
from bb103.letters.receipt import ReceiptError, receipt_parse

CPH = ZoneInfo("Europe/Copenhagen")
UUID1 = UUID("3f1c2a50-8a1b-4c7e-9a55-0e1f2d3c4b5a")


def _letter(**changes) -> MemoLetter:
    fields = {
        "message_uuid": UUID1,
        "message_id": "bb103-brev-7",
        "label": "Kvitteringsskrivelse",
        "sender_id": "29189730",
        "sender_id_type": "CVR",
        "sender_label": "Vejen Kommune",
        "recipient_cpr": "170590-1234",
        "recipient_label": "Ada Testesen",
        "case_id": "42",
        "created_at": datetime(2025, 3, 10, 12, 0, tzinfo=CPH),
        "pdf": b"%PDF-1.7 fictitious",
        "filename": "brev-42-7-2025-03-10.pdf",
    }
    return MemoLetter(**{**fields, **changes})


def test_memo_header_in_the_schemas_order_and_read_back():
    """MeMo 1.1 MessageHeader: messageType, messageUUID, messageID, label, mandatory,
    legalNotification, Sender, Recipient, ContentData (the schema's xs:sequence)."""
    xml = memo_xml(_letter())
    root = ET.fromstring(xml)
    assert root.tag == f"{{{MEMO_NS}}}Message" and root.get("memoVersion") == "1.1"
    header = [child.tag.split("}")[1] for child in root.find(f"{{{MEMO_NS}}}MessageHeader")]
    assert header == [
        "messageType",
        "messageUUID",
        "messageID",
        "label",
        "mandatory",
        "legalNotification",
        "Sender",
        "Recipient",
        "ContentData",
    ]
    read = memo_read(xml)
    assert read.recipient_id == "1705901234" and read.pdf == b"%PDF-1.7 fictitious"
    assert (read.sender_id, read.sender_id_type) == ("29189730", "CVR")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"recipient_cpr": "1705-90"}, "recipient_cpr"),
        ({"sender_id_type": "SE"}, "sender_id_type"),
        ({"sender_id": ""}, "sender_id"),
        ({"created_at": datetime(2025, 3, 10, 12, 0)}, "created_at"),
        ({"pdf": b"<html>"}, "pdf"),
    ],
)
def test_memo_refuses_bad_input_naming_the_field(changes, field):
    with pytest.raises(MemoError, match=f"^{field}:"):
        memo_xml(_letter(**changes))


def test_receipt_read():
    receipt = receipt_parse(
        b'{"messageUUID": "3f1c2a50-8a1b-4c7e-9a55-0e1f2d3c4b5a", "status": "failed", '
        b'"reason": "Modtageren findes ikke", "time": "2025-03-11T09:30:00+01:00", "x": 1}'
    )
    assert receipt.message_uuid == UUID1 and not receipt.delivered
    assert receipt.reason == "Modtageren findes ikke"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"[]", "a receipt is a JSON object"),
        (b"\xff", "not a JSON document"),
        (b'{"status": "delivered"}', "messageUUID: missing"),
        (b'{"messageUUID": "x"}', "messageUUID: not a UUID"),
        (f'{{"messageUUID": "{UUID1}", "status": "lost"}}'.encode(), "status:"),
        (f'{{"messageUUID": "{UUID1}", "status": "failed"}}'.encode(), "reason: required"),
        (f'{{"messageUUID": "{UUID1}", "status": "delivered"}}'.encode(), "time: missing"),
        (
            f'{{"messageUUID": "{UUID1}", "status": "delivered", "time": "2025-03-11"}}'.encode(),
            "time: must carry a time zone",
        ),
    ],
)
def test_receipt_refuses_bad_input_naming_the_field(raw, field):
    with pytest.raises(ReceiptError, match=field):
        receipt_parse(raw)
