"""A letter as a MeMo message: the XML format of Digitaliseringsstyrelsen's Digital Post
(namespace ``https://DigitalPost.dk/MeMo-1``, MeMo version 1.1), with the letter's PDF as
its main document. Pure: no Django, no files; the delivery channel decides where it goes.

The subset written (docs/integrations.md): MessageHeader (messageType DIGITALPOST,
messageUUID, messageID, label, mandatory, legalNotification, Sender, Recipient by CPR,
ContentData with the case number) and MessageBody (createdDateTime, MainDocument with one
File: encodingFormat, filename, language, content). The elements stand in the order the
schema's sequences give them.
"""

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

MEMO_NS = "https://DigitalPost.dk/MeMo-1"
MEMO_VERSION = "1.1"
MEMO_SCHEMA_VERSION = "1.1.0"
# The MeMo schema's idType values for a sender or recipient.
ID_TYPES = frozenset({"MyndighedsID", "CPR", "CVR", "Andet"})
_CPR = re.compile(r"^[0-9]{6}-?[0-9]{4}$")

ET.register_namespace("memo", MEMO_NS)


class MemoError(ValueError):
    """A message that cannot be written or read as MeMo; the message names the field."""


@dataclass(frozen=True)
class MemoLetter:
    """What a MeMo message of one letter holds."""

    message_uuid: UUID
    message_id: str  # the sender's own id of the message (BB103's letter)
    label: str  # the title the citizen sees in the inbox
    sender_id: str
    sender_id_type: str
    sender_label: str  # the municipality's name
    recipient_cpr: str  # DDMMÅÅXXXX (a hyphen is removed)
    recipient_label: str
    case_id: str
    created_at: datetime  # timezone-aware
    pdf: bytes
    filename: str
    mandatory: bool = False
    legal_notification: bool = False
    sender_id_type_label: str = ""


def _el(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, f"{{{MEMO_NS}}}{name}")
    if text is not None:
        child.text = text
    return child


def _bool(value: bool) -> str:
    return "true" if value else "false"


def memo_xml(letter: MemoLetter) -> bytes:
    """The MeMo message as UTF-8 XML bytes with an XML declaration."""
    cpr = letter.recipient_cpr.replace("-", "")
    if not _CPR.match(cpr):
        raise MemoError("recipient_cpr: a CPR number has 10 digits")
    if letter.sender_id_type not in ID_TYPES:
        raise MemoError(f"sender_id_type: one of {', '.join(sorted(ID_TYPES))}")
    if not letter.sender_id:
        raise MemoError("sender_id: required")
    if letter.created_at.tzinfo is None:
        raise MemoError("created_at: must carry a time zone")
    if not letter.pdf.startswith(b"%PDF"):
        raise MemoError("pdf: the main document must be a PDF")
    root = ET.Element(
        f"{{{MEMO_NS}}}Message",
        {"memoVersion": MEMO_VERSION, "memoSchVersion": MEMO_SCHEMA_VERSION},
    )
    header = _el(root, "MessageHeader")
    _el(header, "messageType", "DIGITALPOST")
    _el(header, "messageUUID", str(letter.message_uuid))
    _el(header, "messageID", letter.message_id)
    _el(header, "label", letter.label)
    _el(header, "mandatory", _bool(letter.mandatory))
    _el(header, "legalNotification", _bool(letter.legal_notification))
    sender = _el(header, "Sender")
    _el(sender, "senderID", letter.sender_id)
    _el(sender, "idType", letter.sender_id_type)
    if letter.sender_id_type_label:
        _el(sender, "idTypeLabel", letter.sender_id_type_label)
    _el(sender, "label", letter.sender_label)
    recipient = _el(header, "Recipient")
    _el(recipient, "recipientID", cpr)
    _el(recipient, "idType", "CPR")
    _el(recipient, "label", letter.recipient_label)
    content = _el(header, "ContentData")
    case = _el(content, "CaseID")
    _el(case, "caseID", letter.case_id)
    _el(case, "caseSystem", "BB103")
    body = _el(root, "MessageBody")
    _el(body, "createdDateTime", letter.created_at.isoformat(timespec="seconds"))
    main = _el(body, "MainDocument")
    _el(main, "label", letter.label)
    file = _el(main, "File")
    # encodingFormat is the document's MIME type in MeMo; the content is base64 (the
    # schema's xs:base64Binary).
    _el(file, "encodingFormat", "application/pdf")
    _el(file, "filename", letter.filename)
    _el(file, "language", "da")
    _el(file, "content", base64.b64encode(letter.pdf).decode("ascii"))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@dataclass(frozen=True)
class MemoRead:
    """The fields read back from a MeMo message (what the tests and an operator check)."""

    message_uuid: UUID
    label: str
    sender_id: str
    sender_id_type: str
    recipient_id: str
    recipient_id_type: str
    filename: str
    encoding_format: str
    language: str
    pdf: bytes


def memo_read(xml: bytes) -> MemoRead:
    """Read a MeMo message back (the subset :func:`memo_xml` writes)."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise MemoError(f"not well-formed XML: {exc}") from None
    if root.tag != f"{{{MEMO_NS}}}Message":
        raise MemoError(f"root: expected memo:Message, not {root.tag}")

    def text(path: str) -> str:
        node = root.find(path.replace("m:", f"{{{MEMO_NS}}}"))
        if node is None or node.text is None:
            raise MemoError(f"{path.replace('m:', '')}: missing")
        return node.text

    try:
        uuid = UUID(text("m:MessageHeader/m:messageUUID"))
        pdf = base64.b64decode(text("m:MessageBody/m:MainDocument/m:File/m:content"), validate=True)
    except ValueError as exc:
        raise MemoError(str(exc)) from None
    return MemoRead(
        message_uuid=uuid,
        label=text("m:MessageHeader/m:label"),
        sender_id=text("m:MessageHeader/m:Sender/m:senderID"),
        sender_id_type=text("m:MessageHeader/m:Sender/m:idType"),
        recipient_id=text("m:MessageHeader/m:Recipient/m:recipientID"),
        recipient_id_type=text("m:MessageHeader/m:Recipient/m:idType"),
        filename=text("m:MessageBody/m:MainDocument/m:File/m:filename"),
        encoding_format=text("m:MessageBody/m:MainDocument/m:File/m:encodingFormat"),
        language=text("m:MessageBody/m:MainDocument/m:File/m:language"),
        pdf=pdf,
    )
