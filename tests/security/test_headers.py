"""Issue 14, point 8: headers and caching. One page of each kind — a case, a citizen, the
log, a citizen's access log, a letter's PDF, the settlement export, the GDPR export, an
attachment download, and the public quality standard — carries a strict
Content-Security-Policy, a Permissions-Policy and the same-origin Referrer-Policy; every
page with personal data says ``no-store``, and only the public standard may be cached.
Fictitious people only."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bb103.cases import services
from bb103.cases.models import Attachment
from tests.cases.settlement_world import attend, hourly_wage, price, weekdays_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CSS = Path(__file__).resolve().parents[2] / "src/bb103/web/static/web/bb103.css"
TEMPLATES = Path(__file__).resolve().parents[2] / "src/bb103/web/templates"


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    parts = (p.strip().split(None, 1) for p in policy.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def _assert_strict_policy(response) -> None:
    csp = _directives(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["form-action"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert response["Referrer-Policy"] == "same-origin"


def _assert_not_stored(response) -> None:
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives
    assert "public" not in directives


@pytest.fixture
def attachment_dir(settings, tmp_path):
    settings.BB103_ATTACHMENT_DIR = tmp_path / "bilag"
    return settings.BB103_ATTACHMENT_DIR


@pytest.fixture
def pages(world, ballerup, client_for, attachment_dir):
    """The URL of one page of each kind with personal data, and who may read it."""
    case = world[0]
    worker = client_for(ballerup.caseworker)
    letter = services.letter_send(user=ballerup.caseworker, case=case, kind="decision_grant")
    upload = SimpleUploadedFile("attest.pdf", PDF, content_type="application/pdf")
    worker.post(
        reverse("attachments", args=[case.pk]),
        {"kind": "statusattest", "title": "Statusattest", "file": upload},
    )
    attachment = Attachment.objects.get(case=case)
    placement = case.placements.get()
    attend(placement, ballerup.caseworker, weekdays_of(date(2025, 9, 1), date(2025, 9, 30)))
    hourly_wage(placement, ballerup.caseworker, "20.00")
    price(ballerup.offer, "day", "500")
    month = {"municipality": "ballerup", "month": "2025-09"}
    worker.post(reverse("settlement-run", kwargs=month))
    return {
        "sag": ("GET", reverse("case", args=[case.pk]), ballerup.caseworker),
        "borger": ("GET", reverse("citizen", args=[case.citizen_id]), ballerup.caseworker),
        "log": ("POST", reverse("audit-search"), ballerup.manager),
        "opslag": (
            "GET",
            reverse("citizen-access-log", args=[case.citizen_id]),
            ballerup.caseworker,
        ),
        "brev-pdf": (
            "GET",
            reverse("case-letter-pdf", args=[case.pk, letter.pk]),
            ballerup.caseworker,
        ),
        "afregning-csv": ("GET", reverse("settlement-csv", kwargs=month), ballerup.caseworker),
        "afregning-xlsx": ("GET", reverse("settlement-xlsx", kwargs=month), ballerup.caseworker),
        "indsigt": (
            "POST",
            reverse("citizen-gdpr-export", args=[case.citizen_id]),
            ballerup.caseworker,
        ),
        "bilag": (
            "GET",
            reverse("attachment-download", args=[case.pk, attachment.pk]),
            ballerup.manager,
        ),
    }


KINDS = [
    "sag",
    "borger",
    "log",
    "opslag",
    "brev-pdf",
    "afregning-csv",
    "afregning-xlsx",
    "indsigt",
    "bilag",
]


@pytest.mark.parametrize("kind", KINDS)
def test_point_8_a_page_with_personal_data_is_never_stored(kind, pages, client_for):
    method, url, user = pages[kind]
    client = client_for(user)
    response = client.post(url) if method == "POST" else client.get(url)
    assert response.status_code == 200, (kind, response.status_code)
    _assert_strict_policy(response)
    _assert_not_stored(response)


def test_point_8_the_login_page_is_not_stored_either(client):
    response = client.get(reverse("login"))
    _assert_strict_policy(response)
    _assert_not_stored(response)


def test_point_8_the_public_standard_may_be_cached(client):
    """The published quality standard holds no personal data: the one kind a cache may
    keep, with the same policy."""
    index = client.get(reverse("standards"))
    link = re.search(r'href="(/kvalitetsstandarder/[^/"]+/[^/"]+/)"', index.text)
    assert link, "no standard linked from the index"
    for response in (index, client.get(link.group(1)), client.get(link.group(1) + "pdf/")):
        assert response.status_code == 200
        _assert_strict_policy(response)
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert "public" in directives and "no-store" not in directives


def test_point_8_no_template_needs_an_inline_script_style_or_handler():
    """The policy refuses inline script, style and event handlers, so no template may carry
    one (the GDPR summary is a file in the ZIP, not a page, and has its own <style>)."""
    inline = re.compile(r"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)
    found = [
        f"{path.relative_to(TEMPLATES)}: {m.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for m in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    css = CSS.read_text(encoding="utf-8")
    # htmx's indicator styles, which it may not inject inline under the policy.
    assert ".htmx-indicator" in css
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '"includeIndicatorStyles": false' in base
