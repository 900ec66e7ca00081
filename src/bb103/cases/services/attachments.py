"""Attachments on a case: received, checked by size and by what the bytes are (not what the
name or the browser says), and stored outside the web root under a random name."""

import hashlib
import os
import secrets
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction

from bb103.cases.errors import CaseError
from bb103.cases.models import Attachment, AttachmentKind, Case, User
from bb103.cases.permissions import require_step
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


def attachment_upload(
    *, user: User, case: Case, kind: str, title: str, name: str, size: int, data: IO[bytes]
) -> Attachment:
    require_step(user, "attachment_upload", case.municipality_id)
    choice(kind, AttachmentKind, field="kind", label="Art")
    title = required_text(title, field="title", label="Titlen")[:200]
    limit = int(settings.BB103_ATTACHMENT_MAX_BYTES)
    if size <= 0:
        raise CaseError("Filen er tom.", field="file")
    if size > limit:
        raise CaseError(
            f"Filen fylder {size / 1_048_576:.1f} MB; højst {limit / 1_048_576:.0f} MB.",
            field="file",
        )
    head = data.read(16)
    content_type = content_type_of(head)
    if content_type is None:
        raise CaseError(
            "Filen er hverken en PDF, en PNG eller en JPEG (ud fra dens indhold).", field="file"
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
                raise CaseError(f"Filen fylder mere end {limit // 1_048_576} MB.", field="file")
            digest.update(chunk)
            out.write(chunk)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                case=case,
                kind=kind,
                title=title,
                original_name=Path(name).name[:255] or "bilag",
                content_type=content_type,
                size=written,
                sha256=digest.hexdigest(),
                stored_name=stored,
                uploaded_by=user,
            )
            audit_write(
                actor=user,
                municipality_id=case.municipality_id,
                action="attachment_upload",
                case=case,
                details={"attachment": attachment.pk, "kind": kind, "size": written},
            )
        temp.rename(folder / stored)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return attachment
