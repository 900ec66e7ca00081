"""Acting on one's own case in Min sag (issue 19, point 4): answering a partshøring
(Forvaltningsloven § 19), complaining (Retssikkerhedsloven §§ 66–67, late ones flagged),
sending a document (the attachment rules) and reporting a change (Retssikkerhedsloven
§ 11), each through the caseworker's own action with the role "citizen", each with a
receipt on screen and as a letter with its Digital Post delivery, a task for the
caseworker and the audit channel "borger". Every page state's LIX is printed (≤ 40)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bb103.cases import services
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.models import (
    Attachment,
    AuditEntry,
    AuditKind,
    CitizenReport,
    Complaint,
    ComplaintForm,
    HearingAnswer,
    Letter,
    LetterDelivery,
    PortalAccess,
    Relation,
    Representative,
    Task,
    TaskKind,
)
from bb103.cases.services.citizens import normalise_cpr
from bb103.letters.kinds import LetterKind
from tests.cases.factories import assess, draft, granted_case, on_day, open_case, tell
from tests.portal.conftest import PDF
from tests.portal.readability import assert_readable

pytestmark = pytest.mark.django_db

SENT = date(2025, 3, 19)  # the hearing is sent; 14 days to answer
WITHIN = date(2025, 3, 24)
AFTER = date(2025, 4, 30)


@pytest.fixture(autouse=True)
def attachment_dir(settings, tmp_path):
    settings.BB103_ATTACHMENT_DIR = tmp_path / "bilag"
    settings.BB103_ATTACHMENT_MAX_BYTES = 1024
    return settings.BB103_ATTACHMENT_DIR


def _in_hearing(staff, citizen):
    case = open_case(staff.caseworker, citizen)
    assess(staff.caseworker, case)
    draft(staff.caseworker, case)
    services.party_hearing_send(user=staff.caseworker, case=case, sent_on=SENT, days=14)
    case.refresh_from_db()
    return case


def _decided(staff, citizen_of):
    case = granted_case(staff, citizen_of)
    tell(staff.caseworker, case, on=date(2025, 4, 1))
    case.refresh_from_db()
    return case


def _representative(staff, citizen, person, access):
    """``person`` (a citizen record of their own, so the development login knows them) is
    recorded on ``citizen`` as partsrepræsentant (fuldmagt) with ``access`` to Min sag."""
    return Representative.objects.create(
        citizen=citizen,
        name=f"{person.first_name} {person.last_name}",
        relation=Relation.PARTSREPRAESENTANT,
        consent_given_on=date(2025, 1, 1),
        cpr_key=cpr_search_key(normalise_cpr(person.cpr)),
        portal_access=access,
    )


def _receipt_checks(case, kind=LetterKind.PORTAL_RECEIPT):
    """The receipt letter is stored with its PDF and delivery, and the caseworker has a
    task, and the act is logged with the channel "borger"."""
    letter = Letter.objects.get(case=case, kind=kind)
    assert letter.pdf.startswith(b"%PDF-")
    assert LetterDelivery.objects.filter(letter=letter).exists()
    task = Task.objects.get(case=case, kind=TaskKind.FROM_CITIZEN)
    assert task.assigned_to == case.caseworker
    writes = AuditEntry.objects.filter(case=case, kind=AuditKind.WRITE, via="borger")
    assert writes.filter(action="letter_send").exists()
    return letter, task, writes


# --- 1. partshøring -------------------------------------------------------------------


def test_the_citizen_answers_the_partshoering_within_its_period_fvl_19(
    ballerup, citizen_of, portal_login
):
    anne = citizen_of(ballerup)
    case = _in_hearing(ballerup, anne)
    client = portal_login(anne)
    url = f"/min-sag/sager/{case.pk}/partshoering/"
    with on_day(WITHIN):
        form = client.get(url)
        assert form.status_code == 200
        assert_readable(form.content.decode(), "partshøring: formular")
        errors = client.post(url, {"text": "", "version": case.version})
        assert "Skriv, hvad du mener, eller vælg en fil." in errors.text
        assert_readable(errors.content.decode(), "partshøring: formular med fejl")
        sent = client.post(
            url,
            {
                "text": "Jeg vil gerne arbejde tre dage om ugen.",
                "files": [SimpleUploadedFile("laege.pdf", PDF, "application/pdf")],
                "version": case.version,
            },
        )
        assert sent.status_code == 302
        receipt = client.get(sent["Location"])
    assert "Dine bemærkninger til partshøringen" in receipt.text
    assert "laege.pdf" in receipt.text
    assert_readable(receipt.content.decode(), "partshøring: kvittering")
    answer = HearingAnswer.objects.get(case=case)
    assert answer.text == "Jeg vil gerne arbejde tre dage om ugen."
    assert answer.attachments.get().original_name == "laege.pdf"
    _, task, writes = _receipt_checks(case)
    assert writes.filter(action="party_hearing_answer").exists()
    assert "partshøringen" in task.title
    # The caseworker sees the comment and the document on the case page.
    staff = Client()
    staff.force_login(ballerup.caseworker)
    page = staff.get(f"/sager/{case.pk}/").text
    assert "Jeg vil gerne arbejde tre dage om ugen." in page and "laege.pdf" in page
    # Closing the hearing afterwards leaves the citizen's own answer as it came.
    services.party_hearing_close(
        user=ballerup.caseworker, case=case, closed_on=WITHIN, comments="Se svaret i Min sag."
    )
    assert HearingAnswer.objects.get(pk=answer.pk).text == answer.text


def test_after_the_period_the_citizen_is_told_to_call_the_caseworker(
    ballerup, citizen_of, portal_login
):
    anne = citizen_of(ballerup)
    case = _in_hearing(ballerup, anne)
    client = portal_login(anne)
    with on_day(AFTER):
        page = client.get(f"/min-sag/sager/{case.pk}/partshoering/")
        assert "Den er gået. Ring til din rådgiver" in page.text
        assert '<form method="post" enctype' not in page.text
        assert_readable(page.content.decode(), "partshøring: fristen er gået")
        client.post(f"/min-sag/sager/{case.pk}/partshoering/", {"text": "For sent."})
    assert not HearingAnswer.objects.exists()


def test_an_upload_of_a_bad_type_or_size_is_refused_naming_the_field(
    ballerup, citizen_of, portal_login
):
    anne = citizen_of(ballerup)
    case = _in_hearing(ballerup, anne)
    client = portal_login(anne)
    url = f"/min-sag/sager/{case.pk}/partshoering/"
    with on_day(WITHIN):
        exe = client.post(
            url, {"files": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 60)]}
        )
        assert "Filer: Filen er hverken en PDF, en PNG eller en JPEG" in exe.text
        big = client.post(url, {"files": [SimpleUploadedFile("y.pdf", PDF + b"0" * 2000)]})
        assert "Filer: Filen fylder" in big.text
        assert_readable(big.content.decode(), "partshøring: fil for stor")
    assert not Attachment.objects.exists() and not HearingAnswer.objects.exists()


def test_another_citizens_case_is_not_found(ballerup, roskilde, citizen_of, portal_login):
    anne, bent = citizen_of(ballerup), citizen_of(roskilde)
    case = _in_hearing(ballerup, anne)
    client = portal_login(bent)
    for act in ("partshoering", "klage", "dokument", "aendring", "kvittering"):
        with on_day(WITHIN):
            assert client.get(f"/min-sag/sager/{case.pk}/{act}/").status_code == 404
            assert client.post(f"/min-sag/sager/{case.pk}/{act}/", {"text": "x"}).status_code == 404
    assert not HearingAnswer.objects.exists()


def test_a_representative_with_read_is_refused_and_with_act_may(
    ballerup, roskilde, citizen_of, portal_login
):
    """Issue 19, point 6: a fuldmagt acts within what was recorded."""
    anne, reader, actor = citizen_of(ballerup), citizen_of(roskilde), citizen_of(roskilde)
    _representative(ballerup, anne, reader, PortalAccess.READ)
    _representative(ballerup, anne, actor, PortalAccess.ACT)
    case = _in_hearing(ballerup, anne)
    url = f"/min-sag/sager/{case.pk}/partshoering/"
    with on_day(WITHIN):
        refused = portal_login(reader).post(url, {"text": "Hej", "version": case.version})
        assert refused.status_code == 403
        assert "du må ikke sende noget for borgeren" in refused.text
        assert_readable(refused.content.decode(), "handling: ikke adgang")
        allowed = portal_login(actor).post(url, {"text": "Hej", "version": case.version})
        assert allowed.status_code == 302
    assert HearingAnswer.objects.get().text == "Hej"


# --- 2. klage -------------------------------------------------------------------------


def test_the_citizen_complains_within_the_period_rsl_66_67(ballerup, citizen_of, portal_login):
    case = _decided(ballerup, citizen_of)
    client = portal_login(case.citizen)
    url = f"/min-sag/sager/{case.pk}/klage/"
    with on_day(date(2025, 4, 10)):
        form = client.get(url)
        assert_readable(form.content.decode(), "klage: formular")
        errors = client.post(url, {"grounds": ""})
        assert "Skriv kort, hvorfor du er uenig." in errors.text
        assert_readable(errors.content.decode(), "klage: formular med fejl")
        sent = client.post(url, {"grounds": "Jeg vil have fire dage.", "version": case.version})
        assert sent.status_code == 302
        receipt = client.get(sent["Location"])
    assert_readable(receipt.content.decode(), "klage: kvittering")
    complaint = Complaint.objects.get(case=case)
    assert complaint.form == ComplaintForm.WRITTEN and complaint.received_on == date(2025, 4, 10)
    assert not complaint.late and complaint.grounds == "Jeg vil have fire dage."
    _, _, writes = _receipt_checks(case, LetterKind.COMPLAINT_RECEIPT)
    assert writes.filter(action="complaint_register").exists()
    staff = Client()
    staff.force_login(ballerup.caseworker)
    assert "Klage" in staff.get(f"/sager/{case.pk}/").text


def test_a_late_complaint_is_taken_and_flagged_rsl_67(ballerup, citizen_of, portal_login):
    case = _decided(ballerup, citizen_of)
    client = portal_login(case.citizen)
    with on_day(date(2025, 7, 1)):
        sent = client.post(f"/min-sag/sager/{case.pk}/klage/", {"grounds": "Uenig."})
        receipt = client.get(sent["Location"])
    assert "efter fristen" in receipt.text
    assert_readable(receipt.content.decode(), "klage: kvittering, for sent")
    assert Complaint.objects.get(case=case).late
    assert "efter klagefristen" in Task.objects.get(case=case, kind=TaskKind.FROM_CITIZEN).title


def test_no_complaint_before_a_decision_says_why(ballerup, citizen_of, portal_login):
    anne = citizen_of(ballerup)
    case = _in_hearing(ballerup, anne)
    page = portal_login(anne).get(f"/min-sag/sager/{case.pk}/klage/")
    assert "så du kan ikke registrere en klage nu" in page.text
    assert_readable(page.content.decode(), "klage: ikke muligt endnu")


# --- 3. bilag and 4. ændring --------------------------------------------------------------


def test_the_citizen_sends_a_document(ballerup, citizen_of, portal_login):
    anne = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, anne)
    client = portal_login(anne)
    url = f"/min-sag/sager/{case.pk}/dokument/"
    form = client.get(url)
    assert_readable(form.content.decode(), "bilag: formular")
    bad = client.post(url, {"title": "Brev", "file": SimpleUploadedFile("a.pdf", b"MZ" * 40)})
    assert "Fil: Filen er hverken" in bad.text
    assert_readable(bad.content.decode(), "bilag: formular med fejl")
    sent = client.post(
        url, {"title": "Brev fra min læge", "file": SimpleUploadedFile("b.pdf", PDF)}
    )
    assert sent.status_code == 302
    assert_readable(client.get(sent["Location"]).content.decode(), "bilag: kvittering")
    assert Attachment.objects.get(case=case).title == "Brev fra min læge"
    _receipt_checks(case)


def test_the_citizen_reports_a_change_rsl_11(ballerup, citizen_of, portal_login):
    anne = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, anne)
    client = portal_login(anne)
    url = f"/min-sag/sager/{case.pk}/aendring/"
    assert_readable(client.get(url).content.decode(), "ændring: formular")
    errors = client.post(url, {"text": ""})
    assert "Vælg, hvad der har ændret sig." in errors.text
    assert_readable(errors.content.decode(), "ændring: formular med fejl")
    sent = client.post(url, {"kind": "address", "text": "Jeg bor nu på Søvej 2."})
    assert_readable(client.get(sent["Location"]).content.decode(), "ændring: kvittering")
    assert CitizenReport.objects.get(case=case).text == "Jeg bor nu på Søvej 2."
    _, _, writes = _receipt_checks(case)
    assert writes.filter(action="change_report").exists()
    staff = Client()
    staff.force_login(ballerup.caseworker)
    assert "Jeg bor nu på Søvej 2." in staff.get(f"/sager/{case.pk}/").text


def test_the_case_acts_include_lists_what_the_verdicts_allow(
    ballerup, roskilde, citizen_of, portal_login, rf
):
    from django.template.loader import render_to_string

    anne, reader = citizen_of(ballerup), citizen_of(roskilde)
    _representative(ballerup, anne, reader, PortalAccess.READ)
    case = _in_hearing(ballerup, anne)
    from bb103.cases.selectors.portal_acts import portal_case_acts

    anne_user = portal_login(anne)  # makes the login's user
    from bb103.cases.models import PortalIdentity

    def html(person):
        user = PortalIdentity.objects.get(cpr_key=cpr_search_key(normalise_cpr(person.cpr))).user
        with on_day(WITHIN):
            acts = portal_case_acts(user=user, case=case)
        return render_to_string("portal/case_acts.html", {"case": case, "acts": acts})

    assert anne_user is not None
    mine = html(anne)
    assert "Svar på partshøringen" in mine and "Send et bilag" in mine
    assert "Klag over afgørelsen" not in mine  # no decision yet: not the case's state
    portal_login(reader)
    assert "Du må ikke sende noget for borgeren." in html(reader)
