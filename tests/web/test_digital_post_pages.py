"""Digital Post on the screens (issue 18, item 4, "Done when": letter sent -> file in the
outbox -> receipt -> status on the case page), end to end through the Django test client,
the job queue's worker and the receipts command; and the exemption from Digital Post
registered and corrected on the citizen's forms."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from bb103.cases.models import Citizen, DeliveryChannelKind, LetterDelivery, Task, TaskKind
from bb103.letters.memo import memo_read
from tests.cases.digital_post import drop_receipt, outbox, run_worker
from tests.cases.factories import open_case

pytestmark = pytest.mark.django_db


def _sent_letters_row(page_text: str) -> str:
    """The sent letters' table of the case page."""
    start = page_text.index('<table class="sent-letters">')
    return page_text[start : page_text.index("</table>", start)]


@pytest.mark.parametrize("delivered", [True, False], ids=["delivered", "failed"])
def test_letter_sent_outbox_receipt_status_on_case_page(
    client_for, ballerup, vejen, citizen_of, django_capture_on_commit_callbacks, delivered
):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(ballerup.caseworker)
    case_url = reverse("case", args=[case.pk])
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("case-letter", args=[case.pk, "kvittering"]), {})
    assert sent.status_code == 302
    delivery = LetterDelivery.objects.get(letter__case=case)
    assert not outbox().exists()  # the request only queued it
    assert "Venter på afsendelse" in _sent_letters_row(client.get(case_url).text)

    run_worker(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    message = memo_read((outbox() / delivery.file_name).read_bytes())
    assert message.pdf == bytes(delivery.letter.pdf)
    assert message.recipient_id == case.citizen.cpr.replace("-", "")
    assert "Sendt til Digital Post" in _sent_letters_row(client.get(case_url).text)

    drop_receipt(delivery.message_uuid, delivered=delivered, reason="Postkassen er lukket")
    call_command("digital_post_receipts", stdout=StringIO())
    page = client.get(case_url).text
    row = _sent_letters_row(page)
    letter_page = client.get(reverse("case-letter", args=[case.pk, "kvittering"])).text
    if delivered:
        assert "Leveret" in row and "Leveret" in letter_page
    else:
        assert '<a href="#opgaver">Fejlet – se opgave</a>' in row
        assert "Fejlet – se opgave" in letter_page
        task = Task.objects.get(kind=TaskKind.LETTER_UNDELIVERED)
        assert task.title in page  # the task is in the case page's task list
    # Another municipality's caseworker sees neither the case nor its letters' state.
    assert client_for(vejen.caseworker).get(case_url).status_code == 404


def test_exemption_registered_and_corrected_on_the_citizen_forms(
    client_for, ballerup, django_capture_on_commit_callbacks
):
    """ "Fritaget for Digital Post" on the registration form; the citizen page says so; a
    correction takes it off again, and the next letter goes by Digital Post."""
    client = client_for(ballerup.caseworker)
    created = client.post(
        reverse("citizen-create"),
        {"cpr": "0101901234", "first_name": "Asta", "last_name": "Prøvesen",
         "digital_post_exempt": "on"},
    )  # fmt: skip
    assert created.status_code == 302
    citizen = Citizen.objects.get(first_name="Asta")
    assert citizen.digital_post_exempt
    page = client.get(reverse("citizen", args=[citizen.pk])).text
    assert "Fritaget – breve sendes med almindelig post" in page

    case = open_case(ballerup.caseworker, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("case-letter", args=[case.pk, "kvittering"]), {})
    first = LetterDelivery.objects.get(letter__case=case)
    assert first.channel == DeliveryChannelKind.PRINT
    assert "Venter på print" in _sent_letters_row(client.get(reverse("case", args=[case.pk])).text)

    corrected = client.post(
        reverse("citizen-correct", args=[citizen.pk]),
        {"first_name": "Asta", "last_name": "Prøvesen",
         "reason": "Borgeren har meldt sig til Digital Post igen."},
    )  # fmt: skip
    assert corrected.status_code == 302
    citizen.refresh_from_db()
    assert not citizen.digital_post_exempt
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("case-letter", args=[case.pk, "forsinkelse"]),
                    {"extra_text": "Vi venter på lægen.", "expected_on": "2025-06-30"})  # fmt: skip
    second = LetterDelivery.objects.exclude(pk=first.pk).get(letter__case=case)
    assert second.channel == DeliveryChannelKind.DIGITAL_POST
