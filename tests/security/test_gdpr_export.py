"""Issue 7 point 7, GDPR art. 15 (the data subject's right of access): the ZIP of everything
held about one citizen, for their caseworker or manager only, logged as a write."""

import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bb103.cases import services
from bb103.cases.errors import NotFound
from bb103.cases.models import AuditEntry, AuditKind, Role, TerminationReason
from tests.cases.factories import make_user, running_placement, tell

pytestmark = pytest.mark.django_db


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


@pytest.fixture
def terminated(world, ballerup):
    """The Ballerup case with letters, a tax card and a termination on top of the placement."""
    case = world[0]
    services.letter_send(user=ballerup.caseworker, case=case, kind="decision_grant")
    services.tax_card_record(
        user=ballerup.caseworker,
        citizen=case.citizen,
        valid_from=date(2025, 5, 1),
        kind="main",
        withholding_pct=Decimal("38.5"),
        monthly_deduction=Decimal("4500.00"),
    )
    services.case_terminate(
        user=ballerup.caseworker,
        case=case,
        reason=TerminationReason.CITIZEN_WISH,
        terminated_on=date(2025, 6, 30),
        notes="Borgeren vil prøve et fleksjob.",
    )
    services.letter_send(user=ballerup.caseworker, case=case, kind="termination")
    return case


def test_export_holds_every_part_and_no_other_citizen(terminated, world, ballerup, vejen):
    """GDPR art. 15: the citizen's rows, the letters' PDFs, the log; none of the Vejen
    citizen's (two citizens in two municipalities)."""
    case, v_case, _ = world
    result = services.gdpr_export(user=ballerup.caseworker, citizen_id=case.citizen_id)
    archive = _zip(result.content)
    names = archive.namelist()
    assert "oversigt.html" in names and "data.json" in names
    pdfs = [n for n in names if n.startswith("breve/")]
    assert len(pdfs) == 2 and all(n.endswith(".pdf") for n in pdfs)
    assert archive.read(pdfs[0]).startswith(b"%PDF")
    data = json.loads(archive.read("data.json"))
    assert data["citizen"]["cpr"] == case.citizen.cpr
    assert "cpr_key" not in data["citizen"]
    (exported,) = data["cases"]
    assert exported["case"]["id"] == case.pk
    assert exported["decision"]["outcome"] == "grant"
    assert exported["decision"]["evaluation"]["eligibility"]["criteria"]
    assert exported["termination"]["terminated_on"] == "2025-06-30"
    assert exported["placements"][0]["placement"]["hours_per_day"] == "6.00"  # Decimal as text
    assert len(exported["letters"]) == 2 and exported["letters"][0]["file"] in names
    assert data["tax_cards"][0]["withholding_pct"] == "38.50"
    assert {e["action"] for e in data["audit_log"]} >= {"application_register", "letter_send"}
    text = archive.read("oversigt.html").decode() + archive.read("data.json").decode()
    for foreign in (v_case.citizen.cpr, v_case.citizen.last_name + "", str(v_case.citizen)):
        assert foreign not in text
    summary = archive.read("oversigt.html").decode()
    assert "Dine oplysninger hos Ballerup" in summary
    assert "30. juni 2025" in summary  # Danish dates
    assert "Borgeren vil prøve et fleksjob." in summary


def test_the_export_is_logged_as_a_write(terminated, ballerup):
    before = AuditEntry.objects.count()
    services.gdpr_export(user=ballerup.manager, citizen_id=terminated.citizen_id)
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.kind == AuditKind.WRITE and entry.action == "gdpr_export"
    assert entry.citizen_id == terminated.citizen_id and entry.actor == ballerup.manager
    assert str(terminated.citizen) not in json.dumps(entry.details)


@pytest.mark.parametrize("who", ["committee", "admin", "staff", "vejen"])
def test_only_the_municipalitys_caseworkers_and_managers_export(world, ballerup, vejen, who):
    """Others get NotFound (404), and nothing is logged."""
    case, _, staff = world
    user = {
        "committee": ballerup.committee,
        "admin": ballerup.admin,
        "staff": staff,
        "vejen": vejen.manager,
    }[who]
    before = AuditEntry.objects.count()
    with pytest.raises(NotFound):
        services.gdpr_export(user=user, citizen_id=case.citizen_id)
    assert AuditEntry.objects.count() == before


def test_the_button_on_the_citizen_page(world, client_for, ballerup, vejen):
    case, _, staff = world
    url = reverse("citizen-gdpr-export", args=[case.citizen_id])
    page = client_for(ballerup.caseworker).get(reverse("citizen", args=[case.citizen_id]))
    assert url in page.content.decode()
    committee_page = client_for(ballerup.committee).get(reverse("citizen", args=[case.citizen_id]))
    assert url not in committee_page.content.decode()
    response = client_for(ballerup.caseworker).post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "data.json" in _zip(response.content).namelist()
    for user in (ballerup.committee, ballerup.admin, staff, vejen.caseworker):
        assert client_for(user).post(url).status_code == 404
        assert client_for(user).get(url).status_code == 404


def test_the_command_writes_the_zip(terminated, ballerup, tmp_path):
    out = tmp_path / "indsigt.zip"
    call_command(
        "gdpr_export",
        citizen=terminated.citizen_id,
        out=str(out),
        user=ballerup.caseworker.username,
    )
    assert "data.json" in _zip(out.read_bytes()).namelist()
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == "gdpr_export" and entry.via == "cli"


def test_the_command_refuses_a_user_of_another_municipality(terminated, vejen, tmp_path):
    from django.core.management import CommandError

    out = tmp_path / "indsigt.zip"
    make_user("vejen-ekstra", vejen.municipality, Role.CASEWORKER)
    with pytest.raises(CommandError):
        call_command(
            "gdpr_export", citizen=terminated.citizen_id, out=str(out), user="vejen-ekstra"
        )
    assert not out.exists()


def test_the_export_reads_a_fixed_number_of_queries(terminated, ballerup):
    """One query per table, whatever the number of rows (here: more letters)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            services.gdpr_export(user=ballerup.caseworker, citizen_id=terminated.citizen_id)
        return len(queries)

    first = count()
    for _ in range(3):
        services.letter_send(user=ballerup.caseworker, case=terminated, kind="termination")
    assert count() == first


def test_the_export_holds_every_decision_and_the_case_file(ballerup, citizen_of):
    """GDPR art. 15: every decision on the case (one set aside by Ankestyrelsen too), the
    notice of delay and the case file sent to Ankestyrelsen are the citizen's data."""
    from tests.cases.factories import assess, heard, open_case, tell

    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case, significant_reduced_function=False)
    heard(ballerup.caseworker, case, outcome="refusal")
    services.decision_make(
        user=ballerup.caseworker, case=case, outcome="refusal", decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )  # fmt: skip
    tell(ballerup.caseworker, case, on=date(2025, 4, 1))
    services.complaint_register(
        user=ballerup.caseworker, case=case, received_on=date(2025, 4, 10), form="oral"
    )
    services.complaint_reassess(
        user=ballerup.caseworker, case=case, reassessed_on=date(2025, 4, 11), result="upheld",
        notes="Fastholdt.",
    )  # fmt: skip
    services.complaint_forward(user=ballerup.caseworker, case=case, forwarded_on=date(2025, 4, 12))
    services.complaint_outcome_record(
        user=ballerup.caseworker, case=case, outcome="sent_back", received_on=date(2025, 8, 1)
    )
    result = services.gdpr_export(user=ballerup.caseworker, citizen_id=case.citizen_id)
    archive = _zip(result.content)
    data = json.loads(archive.read("data.json"))
    (exported,) = data["cases"]
    assert exported["decision"] is None  # set aside: the case is decided again
    assert [d["set_aside_on"] for d in exported["decisions"]] == ["2025-08-01"]
    (complaint,) = exported["complaints"]
    assert archive.read(complaint["case_file"]).startswith(b"%PDF")


def test_the_export_holds_what_issue_17_added(roskilde, citizen_of):
    """GDPR art. 15 and issue 17: the journal notes (kind, date, text, the author's role,
    the correction link), the copies of letters sent to a representative (item 8), the
    corrections with old and new values and the reason (item 1), the booked follow-up
    meeting (item 4) and the change decision with its scope (item 5) are the citizen's
    data, in data.json and in the summary."""
    cw = roskilde.caseworker
    case = running_placement(roskilde, citizen_of).case
    citizen = case.citizen
    rep = services.representative_register(
        user=cw, citizen=citizen, name="Ole Værgesen", relation="guardian",
        contact="Værgevej 1, 4000 Roskilde", consent_given_on=date(2024, 9, 2),
        receives_letters=True,
    )  # fmt: skip
    tell(cw, case)  # the grant letter, copied to the guardian
    note = services.journal_note_add(
        user=cw, case=case, kind="phone", occurred_on=date(2025, 5, 2),
        text="Borgeren ringede om kørslen.",
    )  # fmt: skip
    services.journal_note_add(
        user=cw, case=case, kind="phone", occurred_on=date(2025, 5, 2),
        text="Borgeren ringede om kørslen om fredagen.", corrects=note,
    )  # fmt: skip
    case.refresh_from_db()
    services.change_decision_make(
        user=cw, case=case, decided_on=date(2025, 9, 15), effective_on=date(2025, 10, 1),
        days_per_week=5,
    )  # fmt: skip
    planned = timezone.localdate() + timedelta(days=30)
    services.follow_up_book(
        user=cw, case=case, planned_on=planned, place="Værkstedet", participants="Borgeren"
    )
    services.citizen_correct(
        user=cw, citizen=citizen, reason="Borgeren er flyttet.", address="Ny Vej 2, 4000 Roskilde"
    )
    services.representative_correct(
        user=cw, representative=rep, reason="Værgen har nyt telefonnummer.", name=rep.name,
        relation="guardian", contact="Telefon 12 34 56 78", consent_given_on=date(2024, 9, 2),
        receives_letters=True,
    )  # fmt: skip
    services.assessment_correct(user=cw, case=case, reason="VUM-niveauet var forkert.", vum_level=2)

    archive = _zip(services.gdpr_export(user=cw, citizen_id=citizen.pk).content)
    data = json.loads(archive.read("data.json"))
    (exported,) = data["cases"]
    first, second = exported["journal_notes"]
    assert (first["kind"], first["occurred_on"], first["text"]) == (
        "phone", "2025-05-02", "Borgeren ringede om kørslen.")  # fmt: skip
    assert first["author_role"] == "Rådgiver" and first["author_id"] == cw.pk
    assert first["corrected_by_id"] == second["id"] and second["corrects_id"] == first["id"]
    assert data["staff"][str(cw.pk)]["roles"] == ["Rådgiver"]
    (copy,) = exported["letter_copies"]
    assert (copy["name"], copy["relation"], copy["contact"]) == (
        "Ole Værgesen", "guardian", "Værgevej 1, 4000 Roskilde")  # fmt: skip
    assert copy["letter_id"] in [letter["id"] for letter in exported["letters"]]
    own = {c["subject"]: c for c in data["corrections"]}
    assert own["citizen"]["changes"]["address"]["new"] == "Ny Vej 2, 4000 Roskilde"
    assert own["citizen"]["reason"] == "Borgeren er flyttet."
    assert own["representative"]["changes"]["contact"] == {
        "old": "Værgevej 1, 4000 Roskilde", "new": "Telefon 12 34 56 78"}  # fmt: skip
    (assessed,) = exported["corrections"]
    assert assessed["changes"]["vum_level"]["new"] == 2
    assert assessed["reason"] == "VUM-niveauet var forkert."
    (booking,) = exported["follow_up_bookings"]
    assert (booking["planned_on"], booking["place"]) == (planned.isoformat(), "Værkstedet")
    decisions = [(d["kind"], d["days_per_week"]) for d in exported["decisions"]]
    assert decisions == [("application", 4), ("change", 5)]
    assert exported["decision"]["kind"] == "change"
    assert exported["decisions"][1]["hours_per_day"] == "6.00"

    summary = archive.read("oversigt.html").decode()
    for shown in (
        "Journalnotater",
        "Borgeren ringede om kørslen om fredagen.",
        "Retter notatet",
        "Rettet ved notatet",
        "Kopier af breve til dine repræsentanter",
        "Ole Værgesen (værge)",
        "Rettelser af dine oplysninger",
        "fra »—« til »Ny Vej 2, 4000 Roskilde«",
        "Værgen har nyt telefonnummer.",
        "Rettelser af udredningen",
        "VUM-niveauet var forkert.",
        "Aftalte opfølgningsmøder",
        "Værkstedet",
        "Afgørelse om ændring",
    ):
        assert shown in summary, shown
