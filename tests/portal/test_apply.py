"""Applying for beskyttet beskæftigelse in Min sag (issue 19, point 4; Vejen's standard,
afsnit 4.2: applications are taken digitally). The application is the caseworker's own
registration (application_register) with the channel "digital", received today; a person
the municipality does not know is registered with the CPR number of their login (never
typed). Each application gets the Kvitteringsskrivelse as a letter with its Digital Post
delivery (Retssikkerhedsloven § 3, stk. 2: it states the decision deadline), a task for the
caseworkers and the audit channel "borger". Every page state's LIX is printed (≤ 40)."""

from datetime import date
from unittest import mock

import pytest
from django.test import Client

from bb103.cases import services
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import (
    Application,
    AuditEntry,
    AuditKind,
    Case,
    CaseStatus,
    Channel,
    Citizen,
    DeadlineKind,
    Letter,
    LetterDelivery,
    PortalAccess,
    Relation,
    Representative,
    Task,
    TaskKind,
)
from bb103.cases.services.citizens import normalise_cpr
from bb103.cases.services.portal import portal_login_user
from bb103.cases.services.portal_apply import portal_application_send
from bb103.letters.kinds import LetterKind
from bb103.web.portal.access import SESSION_CPR, SESSION_FLAG
from tests.cases.factories import fictitious_cpr, on_day, open_case
from tests.portal.readability import assert_readable

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 10)
URL = "/min-sag/ansoeg/"
ANSWER = {
    "wishes": "Jeg vil gerne arbejde med træ. Tre dage om ugen.",
    "challenges": "Jeg bliver hurtigt træt.",
    "consent": "ja",
}

CLAIM = "https://data.gov.dk/model/core/eid/cprNumber"


@pytest.fixture
def mitid(settings):
    """NemLog-in set up, with the broker's token answered here: ``mitid(cpr)`` logs in
    through Min sag's real callback view and returns the client."""
    settings.BB103_NEMLOGIN = {
        "OIDC_RP_CLIENT_ID": "bb103-test",
        "OIDC_RP_CLIENT_SECRET": "hemmelig",
        "OIDC_OP_TOKEN_ENDPOINT": "https://nemlogin.invalid/token",
        "OIDC_OP_USER_ENDPOINT": "https://nemlogin.invalid/userinfo",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://nemlogin.invalid/auth",
        "OIDC_OP_JWKS_ENDPOINT": "https://nemlogin.invalid/jwks",
        "OIDC_AUTHENTICATION_CALLBACK_URL": "portal-nemlogin-callback",
    }
    settings.BB103_NEMLOGIN_CPR_CLAIM = CLAIM
    settings.AUTHENTICATION_BACKENDS = [
        "bb103.web.portal.nemlogin.NemLogInBackend",
        *settings.AUTHENTICATION_BACKENDS,
    ]

    def login(cpr: str) -> Client:
        from bb103.web.portal.nemlogin import NemLogInBackend

        client = Client()
        session = client.session
        session["oidc_states"] = {"st8": {"nonce": "n0nce", "code_verifier": None}}
        session.save()
        with (
            mock.patch.object(
                NemLogInBackend, "get_token", return_value={"id_token": "i", "access_token": "a"}
            ),
            mock.patch.object(NemLogInBackend, "verify_token", return_value={CLAIM: cpr}),
            mock.patch.object(NemLogInBackend, "get_userinfo", return_value={}),
        ):
            response = client.get("/min-sag/log-ind/mitid/svar/", {"code": "c0de", "state": "st8"})
        assert response.status_code == 302, response.content[:300]
        assert "fejl" not in response["Location"]
        return client

    return login


def _receipt_checks(case):
    """The Kvitteringsskrivelse is stored with its PDF and delivery; the caseworkers have a
    task; the registration and the letter are logged with the channel "borger"."""
    letter = Letter.objects.get(case=case, kind=LetterKind.RECEIPT)
    assert letter.pdf.startswith(b"%PDF-")
    assert LetterDelivery.objects.filter(letter=letter).exists()
    # The unit answers until a caseworker takes the case, never the login's username.
    assert letter.data["caseworker"]["name"] == letter.data["municipality"]["unit"]
    task = Task.objects.get(case=case, kind=TaskKind.FROM_CITIZEN)
    assert task.assigned_to is None
    writes = AuditEntry.objects.filter(case=case, kind=AuditKind.WRITE, via="borger")
    assert {"application_register", "letter_send"} <= set(writes.values_list("action", flat=True))
    return letter, task


def test_a_new_person_applies_in_vejen_and_is_registered_with_the_cpr_of_their_login(
    vejen, ballerup, mitid
):
    """Vejen, afsnit 4.2 (applications digitally); Retssikkerhedsloven § 3, stk. 2 (the
    receipt). The person has no record: it is made with the CPR number MitID gave."""
    cpr = fictitious_cpr(date(1995, 6, 1))
    with on_day(TODAY):
        client = mitid(cpr)
        home = client.get("/min-sag/")
        assert "Søg om beskyttet beskæftigelse" in home.text
        form = client.get(URL)
        assert form.status_code == 200
        assert_readable(form.content.decode(), "ansøgning: formular")
        errors = client.post(URL, {"wishes": "", "consent": ""})
        assert "Skriv kort, hvad du gerne vil." in errors.text
        assert "Vælg din kommune." in errors.text
        assert_readable(errors.content.decode(), "ansøgning: formular med fejl")
        sent = client.post(
            URL,
            {
                "for_whom": "self",
                "municipality": "vejen",
                "first_name": "Nanna",
                "last_name": "Prøvegaard",
                "address": "Nørregade 4, 6600 Vejen",
                "phone": "75 00 00 00",
                **ANSWER,
            },
        )
        assert sent.status_code == 302, sent.content.decode()[:2000]
        receipt = client.get(sent["Location"])
        assert "Vi har fået ansøgningen" in receipt.text
        assert "Du får svar senest" in receipt.text
        assert_readable(receipt.content.decode(), "ansøgning: kvittering")
        # A reload sends nothing twice: the receipt page only shows.
        client.get(sent["Location"])
    citizen = Citizen.objects.get(municipality_id="vejen", cpr_key=cpr_search_key(cpr))
    assert citizen.cpr == normalise_cpr(cpr)
    assert (citizen.first_name, citizen.address) == ("Nanna", "Nørregade 4, 6600 Vejen")
    case = Case.objects.get(citizen=citizen)
    assert case.status == CaseStatus.RECEIVED
    assert case.caseworker is None  # waits on the work list, unassigned
    application = Application.objects.get(case=case)
    assert application.channel == Channel.DIGITAL
    assert application.received_on == application.receipt_sent_on == TODAY
    assert application.information_consent is True
    assert "træ" in application.description and "træt" in application.description
    assert case.deadlines.get(kind=DeadlineKind.DECISION).due_on == date(2025, 4, 22)
    _receipt_checks(case)
    assert Letter.objects.filter(case=case).count() == 1
    assert Task.objects.filter(case=case).count() == 1
    registered = AuditEntry.objects.get(action="citizen_register", details__citizen=citizen.pk)
    assert registered.via == "borger"
    assert cpr not in str(registered.details)
    # Ballerup's caseworkers see nothing of it; Vejen's work list shows the new case.
    assert not Case.objects.filter(municipality_id="ballerup").exists()
    staff = Client()
    staff.force_login(vejen.caseworker)
    assert f"/sager/{case.pk}/" in staff.get("/").text
    page = staff.get(f"/sager/{case.pk}/").text
    assert "Samtykke til at indhente oplysninger: ja" in page
    assert "Jeg vil gerne arbejde med træ." in page


def test_a_known_citizen_applies_in_their_own_municipality(ballerup, citizen_of, portal_login):
    """The citizen's record is used as it is; no second record is made."""
    anne = citizen_of(ballerup)
    client = portal_login(anne)
    with on_day(TODAY):
        form = client.get(URL)
        assert anne.first_name in form.text  # the form knows who they are
        sent = client.post(
            URL, {"for_whom": "self", "municipality": "ballerup", **ANSWER, "consent": "nej"}
        )
    assert sent.status_code == 302
    assert Citizen.objects.filter(cpr_key=anne.cpr_key).count() == 1
    case = Case.objects.get(citizen=anne)
    assert case.application.channel == Channel.DIGITAL
    assert case.application.information_consent is False
    _, task = _receipt_checks(case)
    assert "ikke givet samtykke" in task.title


def test_an_open_case_refuses_a_new_application_in_plain_danish(ballerup, citizen_of, portal_login):
    """One open case per citizen (application_register): the citizen is told why."""
    anne = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, anne)
    client = portal_login(anne)
    with on_day(TODAY):
        assert "Søg om beskyttet beskæftigelse" not in client.get("/min-sag/").text
        page = client.get(URL)
        assert f"Du har allerede en åben sag (sag {case.pk})" in page.text
        assert_readable(page.content.decode(), "ansøgning: der er en åben sag")
        refused = client.post(URL, {"for_whom": "self", "municipality": "ballerup", **ANSWER})
    assert refused.status_code == 200
    assert "Du kan ikke søge igen, mens den er åben." in refused.text
    assert Case.objects.filter(citizen=anne).count() == 1


def test_the_dev_login_and_mitid_keep_the_cpr_in_the_session_and_logout_removes_it(
    ballerup, citizen_of, portal_login, mitid
):
    anne = citizen_of(ballerup)
    for client in (portal_login(anne), mitid(anne.cpr.replace("-", ""))):
        assert client.session[SESSION_CPR] == anne.cpr
        assert client.session[SESSION_FLAG] is True
        client.post("/min-sag/log-ud/")
        assert SESSION_CPR not in client.session


def test_a_forged_post_for_another_citizen_or_cpr_is_refused(
    ballerup, roskilde, citizen_of, portal_login
):
    anne, bent = citizen_of(ballerup), citizen_of(roskilde)
    client = portal_login(anne)
    with on_day(TODAY):
        forged = client.post(URL, {"for_whom": f"c{bent.pk}", **ANSWER})
        assert forged.status_code == 200  # not a choice the form offers
        assert not Case.objects.exists()
        user = portal_login_user(cpr=anne.cpr)
        with pytest.raises(AccessDenied):
            portal_application_send(
                user=user, citizen_id=bent.pk, wishes="x", information_consent=True
            )
        with pytest.raises(AccessDenied):
            portal_application_send(
                user=user,
                municipality_id="vejen",
                cpr=fictitious_cpr(date(1980, 1, 1)),  # not the login's number
                first_name="Falsk",
                last_name="Person",
                address="Vej 1",
                wishes="x",
                information_consent=True,
            )
        # Nor may a login register someone else's CPR number through the service itself.
        with pytest.raises(AccessDenied):
            services.citizen_register(
                user=user,
                municipality=roskilde.municipality,
                cpr=fictitious_cpr(date(1980, 1, 2)),
                first_name="Falsk",
                last_name="Person",
            )
    assert not Case.objects.exists()
    assert Citizen.objects.count() == 2


def test_a_representative_who_may_act_applies_for_the_citizen_and_one_who_may_read_cannot(
    ballerup, roskilde, citizen_of, portal_login
):
    """Issue 19, point 6; Sønderborg's standard: others apply only with the citizen's
    consent (the representative's recorded consent and access "act")."""
    anne, hans, ib = citizen_of(ballerup), citizen_of(roskilde), citizen_of(roskilde)
    for person, access in ((hans, PortalAccess.ACT), (ib, PortalAccess.READ)):
        Representative.objects.create(
            citizen=anne,
            name=f"{person.first_name} {person.last_name}",
            relation=Relation.PARTSREPRAESENTANT,
            consent_given_on=date(2025, 1, 1),
            cpr_key=cpr_search_key(normalise_cpr(person.cpr)),
            portal_access=access,
        )
    reader = portal_login(ib)
    with on_day(TODAY):
        form = reader.get(URL)
        assert f'value="c{anne.pk}"' not in form.text
        reader.post(URL, {"for_whom": f"c{anne.pk}", **ANSWER})
        assert not Case.objects.filter(citizen=anne).exists()
        helper = portal_login(hans)
        form = helper.get(URL)
        assert f'value="c{anne.pk}"' in form.text
        assert_readable(form.content.decode(), "ansøgning: for hvem")
        sent = helper.post(URL, {"for_whom": f"c{anne.pk}", **ANSWER})
    assert sent.status_code == 302
    case = Case.objects.get(citizen=anne)
    assert case.application.applicant == "representative"
    assert case.application.representative.cpr_key == hans.cpr_key
    assert not Citizen.objects.filter(municipality_id="ballerup", cpr_key=hans.cpr_key).exists()
    _receipt_checks(case)


def test_staff_still_register_an_application_as_its_caseworker(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assert case.caseworker == ballerup.caseworker


def test_a_citizen_login_cannot_date_an_application_back(ballerup, citizen_of, portal_login):
    anne = citizen_of(ballerup)
    portal_login(anne)
    user = portal_login_user(cpr=anne.cpr)
    with on_day(TODAY), pytest.raises(CaseError) as err:
        services.application_register(
            user=user, citizen=anne, received_on=date(2025, 3, 1), channel=Channel.DIGITAL
        )
    assert "digital og modtaget i dag" in err.value.message


def test_garbage_to_the_application_form_gives_no_server_error_and_changes_nothing(
    ballerup, vejen, mitid
):
    """Issue 7 point 5 / OWASP ASVS 5.1, as tests/security/test_fuzz_forms.py does for the
    staff's forms: a refused post changes no row; an accepted one is a receipt."""
    from django.db import transaction
    from hypothesis import HealthCheck, given, settings

    from bb103.web.portal.forms import ApplyForm
    from tests.security.test_fuzz_forms import expanded, posts_for, shown, snapshot

    form = ApplyForm(
        targets=[("self", "Mig selv")],
        municipalities=[("vejen", "Vejen Kommune"), ("ballerup", "Ballerup Kommune")],
        new_person=True,
    )
    with on_day(TODAY):
        client = mitid(fictitious_cpr(date(1990, 2, 3)))
        before = snapshot()

        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(body=posts_for(form))
        def check(body):
            with transaction.atomic():
                response = client.post(URL, expanded(body))
                assert response.status_code < 500, shown(body)
                if not (response.status_code == 302 and "kvittering" in response["Location"]):
                    assert snapshot() == before, (response.status_code, shown(body))
                transaction.set_rollback(True)

        check()
