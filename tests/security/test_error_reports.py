"""Issue 14, point 7: a CPR number never reaches a server error's report. Each view that
takes a CPR number is made to fail (its service or selector monkeypatched to raise, with
the number in its variables and its message), and the report Django would mail to ADMINS
or show on the debug page, text and HTML, is searched for the number in both its forms.
Fictitious CPR numbers only."""

import sys

import pytest
from django.core import mail
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse
from django.views.debug import get_exception_reporter_class

from bb103.cases import selectors, services
from bb103.site.error_reports import MASK, mask_cpr

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
FORMS = ("010190-1234", "0101901234", "010190 1234", "010190+1234", "010190%201234")


def _fail(*args, **kwargs):
    # A fault deep inside a service: the CPR number in the frame's variables and in the
    # exception's message.
    number = kwargs.get("cpr") or kwargs.get("query") or getattr(kwargs.get("search"), "cpr", "")
    raise RuntimeError(f"Opslag fejlede for {number}")


@pytest.fixture
def reports(monkeypatch, settings):
    """The reports of every server error in the test, text and HTML, as the error e-mail
    (``is_email``) and as the debug page, built by the configured reporter class."""
    settings.ADMINS = [("Drift", "drift@kommune.example")]
    built: list[str] = []

    def capture(sender, request, **kwargs):
        exc_info = sys.exc_info()
        for is_email in (True, False):
            reporter = get_exception_reporter_class(request)(request, *exc_info, is_email=is_email)
            built.append(reporter.get_traceback_text())
            built.append(reporter.get_traceback_html())

    got_request_exception.connect(capture)
    yield built
    got_request_exception.disconnect(capture)


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _assert_no_cpr(texts: list[str]) -> None:
    assert texts, "no report was built"
    for text in texts:
        for form in FORMS:
            assert form not in text
        assert "010190" not in text
    assert any(MASK in text for text in texts)


def test_point_7_citizen_registration_report_holds_no_cpr(ballerup, monkeypatch, reports):
    monkeypatch.setattr(services, "citizen_register", _fail)
    response = _client(ballerup.caseworker).post(
        reverse("citizen-create"),
        {"cpr": CPR, "first_name": "Testa", "last_name": "Fiktiv", "living_situation": ""},
    )
    assert response.status_code == 500
    _assert_no_cpr(reports)
    # The e-mail Django's AdminEmailHandler sends for the error, subject and body.
    assert mail.outbox
    _assert_no_cpr([f"{m.subject}\n{m.body}" for m in mail.outbox])


def test_point_7_citizen_search_report_holds_no_cpr_posted_or_in_the_address(
    ballerup, monkeypatch, reports
):
    """The search is posted, but a CPR number in the address (a bookmark, a hand-typed
    ``?q=``) must not reach the report either: Django's own filter does not look at GET."""
    monkeypatch.setattr(selectors, "citizen_search_for_user", _fail)
    url = reverse("citizen-search") + "?q=0101901234&cpr=010190-1234"
    response = _client(ballerup.caseworker).post(url, {"q": "0101901234"})
    assert response.status_code == 500
    _assert_no_cpr(reports)


def test_point_7_log_search_report_holds_no_cpr(ballerup, monkeypatch, reports):
    monkeypatch.setattr(selectors, "audit_search_for_user", _fail)
    response = _client(ballerup.manager).post(reverse("audit-search"), {"cpr": "010190 1234"})
    assert response.status_code == 500
    _assert_no_cpr(reports)


def test_point_7_the_debug_page_holds_no_cpr_either(ballerup, monkeypatch, reports, settings):
    """With DEBUG on, Django's filter hides nothing; the CPR number is masked all the same."""
    settings.DEBUG = True
    monkeypatch.setattr(services, "citizen_register", _fail)
    response = _client(ballerup.caseworker).post(
        reverse("citizen-create"),
        {"cpr": "0101901234", "first_name": "Testa", "last_name": "Fiktiv"},
    )
    assert response.status_code == 500
    _assert_no_cpr([*reports, response.content.decode("utf-8")])


def test_point_7_the_mask_leaves_other_numbers():
    assert mask_cpr("sag 12345, beløb 1234,50, tlf. 12345678") == (
        "sag 12345, beløb 1234,50, tlf. 12345678"
    )
    assert mask_cpr("cpr=010190-1234&q=0101901234") == f"cpr={MASK}&q={MASK}"
