"""Letters on the case page (issue 5): the letters that fit the case's state, the preview
from the same template as the PDF, sending through letter_send, the sent letters on the
page and the timeline, and the stored PDF, scoped to the municipality's readers."""

from datetime import date

import pytest
from django.urls import reverse

from bb103.cases import services
from bb103.cases.models import Letter, Role
from bb103.web.letters import LETTER_BY_SLUG
from tests.cases.factories import make_user
from tests.letters.conftest import MUNICIPALITIES, staff_of, walk

__all__ = ["staff_of", "walk"]  # fixtures: cases walked to each state in every municipality

pytestmark = pytest.mark.django_db

# The letters the case page offers in each state (walk()'s states, tests/letters/conftest).
OFFERED = {
    "received": {"kvittering", "forsinkelse"},
    "hearing": {"kvittering", "forsinkelse", "partshoering"},
    "granted": {"bevilling"},
    "refused": {"afslag"},
    "forwarded": {"afslag", "klagekvittering", "klage-videresendt"},
    "terminated": {"bevilling", "ophoer"},
}


def _offered(response) -> set[str]:
    return {slug for slug in LETTER_BY_SLUG if f"/breve/{slug}/" in response.text}


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_preview_send_and_download_in_every_municipality(client, walk, staff_of, mid):
    """A granted case: the case page offers the decision letter; the preview shows the
    municipality's letter; sending stores it; the page lists it; the PDF is the stored one."""
    case = walk(mid, "granted")
    client.force_login(staff_of(mid).caseworker)
    case_url = reverse("case", args=[case.pk])
    page = client.get(case_url)
    assert page.status_code == 200 and "Breve til borgeren" in page.text
    assert _offered(page) == OFFERED["granted"]
    assert "Der er ikke sendt breve i sagen." in page.text

    url = reverse("case-letter", args=[case.pk, "bevilling"])
    preview = client.get(url)
    assert preview.status_code == 200
    assert 'class="letter-preview"' in preview.text
    assert "Du får beskyttet beskæftigelse" in preview.text
    assert case.municipality.name in preview.text
    assert "Sådan klager du" in preview.text  # klagevejledning, Forvaltningsloven § 25

    sent = client.post(url, {"extra_text": "Du har selv ønsket at arbejde med montage."})
    assert sent.status_code == 302 and sent["Location"] == f"{case_url}#breve"
    letter = Letter.objects.get(case=case)
    assert letter.kind == "decision_grant" and letter.sent_by == staff_of(mid).caseworker
    assert "Du har selv ønsket at arbejde med montage." in letter.data["caseworker_text"]

    page = client.get(case_url)
    pdf_url = reverse("case-letter-pdf", args=[case.pk, letter.pk])
    assert pdf_url in page.text and "Brev sendt" in page.text  # list and timeline
    assert letter.title in page.text
    download = client.get(pdf_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF") and download.content == bytes(letter.pdf)
    assert "no-store" in download["Cache-Control"]


@pytest.mark.parametrize("state", sorted(OFFERED))
def test_each_state_offers_its_letters_and_each_preview_renders(client, walk, staff_of, state):
    """Receipt and delay before the decision, partshøring while in hearing, the decision
    letters after it, complaint receipt and forwarding, termination."""
    birth = date(1958, 6, 10) if state == "terminated" else date(1990, 5, 17)
    case = walk("roskilde", state, birth=birth)
    client.force_login(staff_of("roskilde").caseworker)
    assert _offered(client.get(reverse("case", args=[case.pk]))) == OFFERED[state]
    for slug in OFFERED[state]:
        page = client.get(reverse("case-letter", args=[case.pk, slug]))
        assert page.status_code == 200, slug
        if slug == "forsinkelse":
            # The notice of delay needs the expected date before it can be shown.
            assert "Angiv den forventede dato" in page.text
        else:
            assert 'class="letter-preview"' in page.text, slug
            assert LETTER_BY_SLUG[slug].title in page.text


def test_delay_notice_previews_what_is_typed_and_needs_date_and_reason(client, walk, staff_of):
    case = walk("ballerup", "received")
    client.force_login(staff_of("ballerup").caseworker)
    url = reverse("case-letter", args=[case.pk, "forsinkelse"])
    typed = {
        "extra_text": "Vi venter på en <script>lægeattest</script>.",
        "expected_on": "2025-06-02",
    }
    # htmx: only the preview comes back, with the date and the text (escaped by Typst).
    partial = client.post(url, {**typed, "vis": "1"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.text
    assert "2. juni 2025" in partial.text
    assert "&lt;script" in partial.text and "<script>" not in partial.text
    # Without JavaScript the whole page comes back with the preview; nothing is sent.
    whole = client.post(url, {**typed, "vis": "1"})
    assert "<html" in whole.text and "2. juni 2025" in whole.text
    assert not Letter.objects.filter(case=case).exists()
    # Sending without the date or the reason is refused next to the field.
    missing = client.post(url, {"extra_text": ""})
    assert missing.status_code == 200 and 'class="field-error"' in missing.text
    too_early = client.post(url, {**typed, "expected_on": "2025-03-11"})
    assert "Den skal ligge efter" in too_early.text
    assert not Letter.objects.filter(case=case).exists()
    assert client.post(url, typed).status_code == 302
    assert Letter.objects.get(case=case).kind == "delay"


def test_letter_that_does_not_fit_the_case_is_refused_in_words(client, walk, staff_of):
    case = walk("vejen", "received")
    client.force_login(staff_of("vejen").caseworker)
    url = reverse("case-letter", args=[case.pk, "bevilling"])
    assert "Sagen har ikke en bevilling" in client.get(url).text
    response = client.post(url, {})
    assert response.status_code == 200 and "Sagen har ikke en bevilling" in response.text
    assert not Letter.objects.filter(case=case).exists()
    assert client.get(reverse("case-letter", args=[case.pk, "ukendt"])).status_code == 404


def test_who_sees_and_sends_letters(client_for, ballerup, vejen, world):
    """Only the caseworker sends (403 for others); the municipality's readers see the sent
    letters and their PDFs; provider staff, who read no case file (issue 14), do not (the
    case page and the PDF are 404)."""
    b_case, _, staff = world
    letter = services.letter_send(user=ballerup.caseworker, case=b_case, kind="decision_grant")
    pdf_url = reverse("case-letter-pdf", args=[b_case.pk, letter.pk])
    letter_url = reverse("case-letter", args=[b_case.pk, "bevilling"])
    for reader in (ballerup.manager, ballerup.committee):
        client = client_for(reader)
        page = client.get(reverse("case", args=[b_case.pk]))
        assert pdf_url in page.text and "/breve/bevilling/" not in page.text
        assert client.get(pdf_url).status_code == 200
        assert client.get(letter_url).status_code == 403
        assert client.post(letter_url, {}).status_code == 403
    provider = client_for(staff)
    assert provider.get(reverse("case", args=[b_case.pk])).status_code == 404
    assert provider.get(pdf_url).status_code == 404
    admin = make_user("ballerup-admin2", ballerup.municipality, Role.ADMINISTRATOR)
    assert client_for(admin).get(pdf_url).status_code == 404
    assert Letter.objects.count() == 1
