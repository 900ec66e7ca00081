"""Issue 7 point 5, uploads: attachments are limited by size and by what their bytes are,
stored outside the web root under a random name, and served only to the readers of the
case's municipality (never provider staff), each read logged."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bb103.cases.models import Attachment, AuditEntry, AuditKind

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def attachment_dir(settings, tmp_path) -> Path:
    settings.BB103_ATTACHMENT_DIR = tmp_path / "bilag"
    settings.BB103_ATTACHMENT_MAX_BYTES = 1024
    return settings.BB103_ATTACHMENT_DIR


def _post(client, case, content: bytes, name: str = "attest.pdf", kind="statusattest"):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        reverse("attachments", args=[case.pk]),
        {"kind": kind, "title": "Statusattest", "file": upload},
    )


def test_a_pdf_is_stored_outside_the_web_root_and_served_to_readers(
    world, client_for, ballerup, attachment_dir, settings
):
    case, _, _ = world
    worker = client_for(ballerup.caseworker)
    assert _post(worker, case, PDF).status_code == 302
    attachment = Attachment.objects.get()
    stored = attachment_dir / attachment.stored_name
    assert stored.read_bytes() == PDF and stored.stat().st_mode & 0o077 == 0
    assert attachment.stored_name != "attest.pdf" and attachment.size == len(PDF)
    assert not stored.resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve())
    got = client_for(ballerup.manager).get(
        reverse("attachment-download", args=[case.pk, attachment.pk])
    )
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Disposition"].startswith("attachment")
    assert got["X-Content-Type-Options"] == "nosniff"
    read = AuditEntry.objects.get(kind=AuditKind.READ, action="attachment_read")
    assert read.actor == ballerup.manager and read.citizen_id == case.citizen_id


def test_too_large_and_wrong_types_are_refused_in_danish(world, client_for, ballerup):
    case, _, _ = world
    worker = client_for(ballerup.caseworker)
    too_large = _post(worker, case, PDF + b"0" * 2000)
    assert "højst" in too_large.text and "MB" in too_large.text
    exe = _post(worker, case, b"MZ\x90\x00" + b"\x00" * 60, name="attest.pdf")
    assert "hverken en PDF, en PNG eller en JPEG" in exe.text
    empty = _post(worker, case, b"")
    assert "Filen er tom" in empty.text
    assert not Attachment.objects.exists()


def test_nobody_else_reaches_an_attachment(world, client_for, ballerup, vejen):
    case, _, staff = world
    _post(client_for(ballerup.caseworker), case, PDF)
    attachment = Attachment.objects.get()
    urls = [
        reverse("attachments", args=[case.pk]),
        reverse("attachment-download", args=[case.pk, attachment.pk]),
    ]
    for user in (vejen.caseworker, vejen.manager, staff):  # staff: placed with their provider
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    assert _post(client_for(vejen.caseworker), case, PDF).status_code == 404
    assert Attachment.objects.count() == 1
