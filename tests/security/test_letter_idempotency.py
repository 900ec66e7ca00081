"""Issue 14, point 4: an official letter is sent once however often its form is submitted
(a double click, a reload, five posts at once). The form carries a key made when it was
shown; the action finds a letter already sent under it with the case row locked, and the
database holds the key unique per case (Forvaltningsloven: one written decision, one
complaint period)."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from bb103.cases.models import Letter
from tests.cases.factories import granted_case

KEY = "f" * 32


@pytest.mark.django_db
def test_the_same_form_posted_again_sends_no_second_letter(roskilde, citizen_of, client_for):
    case = granted_case(roskilde, citizen_of)
    client = client_for(roskilde.caseworker)
    url = reverse("case-letter", args=[case.pk, "bevilling"])
    form = client.get(url).content.decode()
    assert 'name="request_key"' in form  # made when the form is shown
    for _ in range(5):
        response = client.post(url, {"extra_text": "", "request_key": KEY})
        assert response.status_code == 302
    assert Letter.objects.filter(case=case).count() == 1
    # A new form is a new letter: sending again on purpose still works.
    client.post(url, {"extra_text": "Rettet brev.", "request_key": "e" * 32})
    assert Letter.objects.filter(case=case).count() == 2
    # And the database itself refuses the same key twice on a case.
    letter = Letter.objects.filter(case=case).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            case=case, kind=letter.kind, title=letter.title, data={}, policy_id="x",
            policy_version="x", pdf=b"", sha256="", sent_on=letter.sent_on,
            sent_at=letter.sent_at, sent_by=letter.sent_by, request_key=KEY,
        )  # fmt: skip


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database is one shared cache whose table locks do not "
    "wait; tests/security/test_concurrent_posts.py posts at once to a server on a SQLite file",
)
@pytest.mark.django_db(transaction=True)
def test_five_posts_at_once_send_one_letter(roskilde, citizen_of):
    """Five threads post the same decision letter form at the same moment, each through its
    own connection; the case row lock orders them."""
    case = granted_case(roskilde, citizen_of)
    url = reverse("case-letter", args=[case.pk, "bevilling"])
    start = threading.Barrier(5)
    statuses: list[int] = []

    def post() -> None:
        client = Client()
        client.force_login(roskilde.caseworker)
        try:
            start.wait()
            statuses.append(client.post(url, {"extra_text": "", "request_key": KEY}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(statuses) == [302] * 5
    assert Letter.objects.filter(case=case).count() == 1
