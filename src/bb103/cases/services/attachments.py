"""Attachments on a case: received, checked by size and by what the bytes are (not what the
name or the browser says), and stored outside the web root under a random name."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction

from bb103.cases.errors import CaseError
from bb103.cases.models import Attachment, AttachmentKind, Case, User
from bb103.cases.permissions import require_step_for
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import choice, required_text

# What a file's first bytes must be for each type we take (the file's own signature).
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
SUFFIX = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def attachment_dir() -> Path:
    return Path(settings.BB103_ATTACHMENT_DIR)


def content_type_of(head: bytes) -> str | None:
    return next(
        (kind for kind, marks in SIGNATURES.items() if head.startswith(marks)),
        None,
    )


@dataclass
class ReceivedFile:
    """A file checked and written under a temporary name, not yet on a case: stored (its
    row made, the file given its name) inside the caller's transaction
    (:func:`attachment_store`); dropped with :meth:`discard` if that rolls back."""

    kind: str
    title: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    stored_name: str
    temp: Path

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)
        self.temp.with_name(self.stored_name).unlink(missing_ok=True)


def attachment_receive(
    *, kind: str, title: str, name: str, size: int, data: IO[bytes], field: str = "file"
) -> ReceivedFile:
    """Check a file by its size and by what its bytes are (not its name or what the browser
    says) and write it owner-only under a temporary name. ``field`` names the form's field
    in the messages."""
    choice(kind, AttachmentKind, field="kind", label="Art")
    title = required_text(title, field="title", label="Titlen")[:200]
    limit = int(settings.BB103_ATTACHMENT_MAX_BYTES)
    if size <= 0:
        raise CaseError("Filen er tom.", field=field)
    if size > limit:
        raise CaseError(
            f"Filen fylder {size / 1_048_576:.1f} MB; højst {limit / 1_048_576:.0f} MB.",
            field=field,
        )
    head = data.read(16)
    content_type = content_type_of(head)
    if content_type is None:
        raise CaseError(
            "Filen er hverken en PDF, en PNG eller en JPEG (ud fra dens indhold).", field=field
        )
    folder = attachment_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored = secrets.token_hex(20) + SUFFIX[content_type]
    digest = hashlib.sha256(head)
    written = len(head)
    temp = folder / (stored + ".part")
    # Owner-only, written under a temporary name and renamed when whole, so a half-written
    # file is never taken for a received one.
    with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        out.write(head)
        for chunk in iter(lambda: data.read(1 << 16), b""):
            written += len(chunk)
            if written > limit:
                out.close()
                temp.unlink(missing_ok=True)
                raise CaseError(f"Filen fylder mere end {limit // 1_048_576} MB.", field=field)
            digest.update(chunk)
            out.write(chunk)
    return ReceivedFile(
        kind=kind,
        title=title,
        original_name=Path(name).name[:255] or "bilag",
        content_type=content_type,
        size=written,
        sha256=digest.hexdigest(),
        stored_name=stored,
        temp=temp,
    )


def attachment_store(*, received: ReceivedFile, case: Case, user: User) -> Attachment:
    """The received file's row on ``case``, with its audit entry, in the caller's
    transaction; the file gets its name when that transaction commits."""
    attachment = Attachment.objects.create(
        case=case,
        kind=received.kind,
        title=received.title,
        original_name=received.original_name,
        content_type=received.content_type,
        size=received.size,
        sha256=received.sha256,
        stored_name=received.stored_name,
        uploaded_by=user,
    )
    audit_write(
        actor=user,
        municipality_id=case.municipality_id,
        action="attachment_upload",
        case=case,
        details={"attachment": attachment.pk, "kind": received.kind, "size": received.size},
    )
    # Named now: the row is seen only once the transaction commits; if it rolls back, the
    # caller discards the file (ReceivedFile.discard).
    received.temp.rename(received.temp.with_name(received.stored_name))
    return attachment


def attachment_upload(
    *, user: User, case: Case, kind: str, title: str, name: str, size: int, data: IO[bytes]
) -> Attachment:
    """A document on the case: by its caseworker, or by the citizen in Min sag (issue 19)."""
    require_step_for(user, "attachment_upload", case.citizen)
    received = attachment_receive(kind=kind, title=title, name=name, size=size, data=data)
    try:
        with transaction.atomic():
            attachment = attachment_store(received=received, case=case, user=user)
    except BaseException:
        received.discard()
        raise
    return attachment
