"""Issue 14, point 9: every read of personal data is logged (GDPR art. 30 and 32; the
citizen's right to know who has looked, art. 15). The URL patterns are enumerated from the
URLconf, as in the isolation test, so a new page showing a citizen is checked without being
listed here: every page that answers 200 with the citizen's name, and every file about
them (letter, attachment, case file, export), must leave a read entry on that citizen."""

from datetime import date

import pytest
from django.urls import resolve, reverse

from bb103.cases import services
from bb103.cases.models import AuditEntry, AuditKind
from tests.cases.factories import tell
from tests.letters.pdf_text import pdf_text
from tests.web.test_isolation import PUBLIC, _patterns, _task_on, _urls_for

pytestmark = pytest.mark.django_db

# URLs without a citizen in them that list citizens (the search is posted, so a CPR number
# stays out of addresses and access logs).
LISTS = ["worklist", "audit-search", "provider-start"]
# The pages that must be among those found to show the citizen (the issue names them).
NAMED = {
    "citizen-search",
    "attachments",
    "citizen-access-log",
    "citizen-gdpr-export",
    "case-step",
    "case",
    "citizen",
    "worklist",
    "settlement",
    "settlement-csv",
    "provider-order",
}


def _reads(citizen) -> int:
    return AuditEntry.objects.filter(kind=AuditKind.READ, citizen=citizen).count()


def _text_of(kind: str, body: bytes) -> str | None:
    """The text a reader of the answer sees: a page's, a CSV's, a workbook's cells or a
    PDF's (the aggregate downloads of the overview name no citizen); None where it cannot
    be read here, which then counts as showing the citizen."""
    if kind.startswith(("text/html", "text/csv")):
        return body.decode("utf-8-sig", "replace")
    if kind.startswith("application/pdf"):
        try:
            return pdf_text(body)
        except Exception:  # a stand-in file, not a real PDF: assume it shows the citizen
            return None
    if "spreadsheetml" in kind:
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(body), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return None


def test_every_page_showing_a_citizen_logs_a_read(world, ballerup, client_for):
    case, _, staff = world
    citizen = case.citizen
    tell(ballerup.caseworker, case)
    letter = case.letters.first()
    services.settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=date(2025, 9, 1)
    )
    # The caseworker reaches the case's pages, the manager the log, the staff the order.
    users = [ballerup.caseworker, ballerup.manager, staff]
    clients = {u.pk: client_for(u) for u in users}
    # Something in the log to list, so the log search shows the citizen.
    clients[ballerup.caseworker.pk].get(reverse("case", args=[case.pk]))

    urls = _urls_for(case, citizen, letter, _task_on(case))
    urls += [reverse(name) for name in LISTS]
    search = {"q": citizen.last_name}

    shown: set[str] = set()
    unlogged: list[str] = []
    for url, data in [*((u, None) for u in urls), (reverse("citizen-search"), search)]:
        for user in users:
            before = _reads(citizen)
            client = clients[user.pk]
            response = client.get(url) if data is None else client.post(url, data)
            if response.status_code != 200:
                continue
            kind = response.get("Content-Type", "")
            body = b"".join(response) if response.streaming else response.content
            # The full name (in either order): the search form echoes the last name typed,
            # which shows nobody.
            names = (str(citizen), f"{citizen.last_name}, {citizen.first_name}")
            text = _text_of(kind, body)
            if text is not None and not any(n in text for n in names):
                continue  # the page or file does not show this citizen
            shown.add(resolve(url.split("?")[0]).url_name)
            if _reads(citizen) == before:
                unlogged.append(f"{user.username} {url}")
    assert unlogged == []
    assert shown >= NAMED, NAMED - shown
    # Nothing public shows a citizen.
    assert not shown & PUBLIC
    assert {p.name for p in _patterns()} >= NAMED


def test_the_access_log_names_each_kind_of_read_in_danish(world, ballerup, client_for):
    """What the citizen reads on "Hvem har set sagen" (and in the GDPR export): plain
    Danish for each read, never the action's code."""
    case, _, _ = world
    client = client_for(ballerup.caseworker)
    client.post(reverse("citizen-search"), {"q": case.citizen.last_name})
    client.get(reverse("attachments", args=[case.pk]))
    page = client.get(reverse("citizen-access-log", args=[case.citizen_id])).content.decode()
    assert "Fandt dig ved en søgning" in page
    assert "Så listen over bilag" in page
    assert "_listed" not in page and "_read" not in page


def test_a_search_logs_the_citizens_found_not_the_query(world, ballerup, client_for):
    """The search may be by CPR number: the log keeps who was found, never what was typed."""
    case, _, _ = world
    client_for(ballerup.caseworker).post(reverse("citizen-search"), {"q": case.citizen.cpr})
    entry = AuditEntry.objects.get(action="search_listed")
    assert entry.citizen_id == case.citizen_id
    assert case.citizen.cpr not in str(entry.details)
    assert case.citizen.cpr.replace("-", "") not in str(entry.details)
