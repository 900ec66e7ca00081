"""Letters: every type for every municipality, the elements a Danish decision must have,
plain language (LIX), deterministic bytes, and the letter_send service."""

import hashlib
from datetime import date, timedelta

import pytest

from bb103.cases import services
from bb103.cases.actions.letters import letter_rerender
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import AuditEntry, Letter
from bb103.letters.kinds import LetterKind
from bb103.letters.lix import lix
from bb103.letters.render import render_html, render_pdf
from bb103.letters.text import html_blocks
from bb103.rules.policy.registry import default_registry
from tests.letters.conftest import MUNICIPALITIES

pytestmark = pytest.mark.django_db

ON = date(2025, 4, 2)
# Which state of a case each letter is sent from.
STATE = {
    LetterKind.RECEIPT: "received",
    LetterKind.DELAY: "received",
    LetterKind.HEARING: "hearing",
    LetterKind.DECISION_GRANT: "granted",
    LetterKind.DECISION_REFUSAL: "refused",
    LetterKind.COMPLAINT_RECEIPT: "forwarded",
    LetterKind.COMPLAINT_FORWARDED: "forwarded",
    LetterKind.TERMINATION: "terminated",
    LetterKind.WITHDRAWAL_CONFIRMATION: "withdrawn",
    LetterKind.CASE_MOVED: "moved",
    LetterKind.DECISION_CHANGE: "changed",
    LetterKind.PORTAL_RECEIPT: "hearing",
}
LIX_MAX = 40


def _letter(walk, staff_of, mid, kind, **extra):
    birth = date(1958, 6, 10) if kind == LetterKind.TERMINATION else date(1990, 5, 17)
    case = walk(mid, STATE[kind], birth=birth)
    data = letter_data(
        kind,
        case,
        user=staff_of(mid).caseworker,
        on=ON,
        extra_text=extra.get("extra_text", "Vi mangler en lægeattest."),
        expected_on=date(2025, 12, 1),
    )
    return case, data


def _text(kind, data) -> str:
    return "\n".join(html_blocks(render_html(kind, data)))


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_every_letter_renders_for_every_municipality(walk, staff_of, mid):
    """Each letter type, each municipality: a PDF, the letterhead from the policy data, the
    key facts, and LIX <= 40 for typical content."""
    for kind in LetterKind:
        _, data = _letter(walk, staff_of, mid, kind)
        pdf = render_pdf(kind, data)
        assert pdf.startswith(b"%PDF-"), kind
        text = _text(kind, data)
        assert data["municipality"]["name"] in text
        assert data["title"] in text
        assert "Rikke Rådgiversen" in text
        value = lix(html_blocks(render_html(kind, data))).value
        assert value <= LIX_MAX, f"{mid} {kind}: LIX {value:.1f}"


@pytest.mark.parametrize(
    ("kind", "facts"),
    [
        (LetterKind.RECEIPT, ["10. marts 2025", "24. april 2025", "30 arbejdsdage"]),
        (LetterKind.HEARING, ["Vi foreslår, at du får", "14 dage", "2. april 2025"]),
        (LetterKind.DELAY, ["24. april 2025", "1. december 2025", "Vi mangler en lægeattest."]),
        (LetterKind.COMPLAINT_RECEIPT, ["10. april 2025", "1. april 2025", "8. maj 2025"]),
        (LetterKind.COMPLAINT_FORWARDED, ["22. april 2025", "7998 Statsservice"]),
        (
            LetterKind.TERMINATION,
            ["10. juni 2025", "folkepensionsalderen", "Lov om social pension"],
        ),
    ],
)
def test_letters_state_the_key_facts(walk, staff_of, kind, facts):
    """Ballerup: the dates are the engine's (30 working days across Easter 2025, 14 days'
    partshøring, 4 weeks to forward a complaint)."""
    _, data = _letter(walk, staff_of, "ballerup", kind)
    text = _text(kind, data)
    for fact in facts:
        assert fact in text, (kind, fact)


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_decision_letters_have_what_a_danish_decision_must_have(walk, staff_of, mid):
    """Forvaltningsloven § 22 (written reasons) and § 24 (the legal rules, the decisive
    facts), § 25 (klagevejledning: to whom, how, the deadline); Retssikkerhedsloven §§ 66-67
    (4 weeks, oral or written, to the municipality, reassessment, then Ankestyrelsen)."""
    for kind in (
        LetterKind.DECISION_GRANT,
        LetterKind.DECISION_REFUSAL,
        LetterKind.TERMINATION,
        LetterKind.DECISION_CHANGE,  # issue 17, item 5: a change is a decision of its own
    ):
        _, data = _letter(walk, staff_of, mid, kind)
        text = _text(kind, data)
        # § 22/24: reasons and the legal basis.
        assert "Serviceloven § 103, stk. 1" in text
        assert (
            data["legal_basis"]
            and data["reasons" if kind != LetterKind.TERMINATION else "reason_text"]
        )
        # § 25: klagevejledning with deadline, form, recipient, reassessment, Ankestyrelsen.
        k = data["klagevejledning"]
        for part in (
            "Sådan klager du",
            f"senest {k['deadline_da']}",
            "4 uger",
            "mundtligt eller skriftligt",
            "ikke til Ankestyrelsen",
            k["to"]["unit"],
            "Vi ser på sagen igen",
            "Forvaltningsloven § 25",
        ):
            assert part in text, (mid, kind, part)
    _, refusal = _letter(walk, staff_of, mid, LetterKind.DECISION_REFUSAL)
    text = _text(LetterKind.DECISION_REFUSAL, refusal)
    assert "Forvaltningsloven §§ 22 og 24" in text
    assert "Din evne til at klare dig er ikke meget nedsat" in text  # the engine's finding
    assert "Lægeattesten viser" in text  # the caseworker's own reasons
    _, grant = _letter(walk, staff_of, mid, LetterKind.DECISION_GRANT)
    text = _text(LetterKind.DECISION_GRANT, grant)
    for part in ("Montage og pakkeri", "dage om ugen", "Løn", "Transport", "10 km", "30 %"):
        assert part in text, (mid, part)


def test_the_standards_section_is_the_legal_basis(walk, staff_of):
    """The decision names the standard's own sections it rests on (Ballerup: days per week
    by living situation), and states the days granted within that range (issue 17, item
    5: own home 1-4 days)."""
    _, data = _letter(walk, staff_of, "ballerup", LetterKind.DECISION_GRANT)
    assert any("Indsatsens omfang" in rule for rule in data["legal_basis"])
    assert data["days_text"] == "Du får beskyttet beskæftigelse 4 dage om ugen."


def test_letterhead_never_invents_contact_data(walk, staff_of):
    """Every contact field in a letterhead is one the policy file gives with its source
    (Roskilde's standard gives no phone or address: the file gives the town hall's, sourced
    to roskilde.dk and saying it is not in the standard); Ballerup's standard gives no web
    address, and the letter gives none."""
    policy = default_registry().municipalities["roskilde"]
    _, data = _letter(walk, staff_of, "roskilde", LetterKind.RECEIPT)
    assert data["municipality"]["phone"] == policy.contact.phone
    assert "ikke i kvalitetsstandarden" in policy.contact.sources["phone"]
    _, data = _letter(walk, staff_of, "ballerup", LetterKind.RECEIPT)
    assert data["municipality"]["web"] is None


def test_user_text_is_data_never_typst_source(walk, staff_of):
    """Typst markup in a caseworker's text or a name is printed as it is, not run."""
    evil = 'Se #panic("x") og $x$ *fed* ] ) // kommentar'
    _, data = _letter(walk, staff_of, "lejre", LetterKind.DELAY, extra_text=evil)
    assert render_pdf(LetterKind.DELAY, data).startswith(b"%PDF-")
    assert evil in _text(LetterKind.DELAY, data)


def test_rendering_is_deterministic(walk, staff_of):
    """The same data gives the same bytes: fixed document date, embedded fonts only."""
    _, data = _letter(walk, staff_of, "vejen", LetterKind.DECISION_GRANT)
    first = render_pdf(LetterKind.DECISION_GRANT, data)
    assert render_pdf(LetterKind.DECISION_GRANT, dict(reversed(list(data.items())))) == first


def test_delay_needs_an_expected_date_after_the_deadline(walk, staff_of):
    """Retssikkerhedsloven § 3, stk. 2: the notice gives the expected date."""
    case = walk("vejen", "received")
    with pytest.raises(CaseError) as info:
        letter_data(
            "delay",
            case,
            user=staff_of("vejen").caseworker,
            on=ON,
            extra_text="x",
            expected_on=date(2025, 4, 1),
        )
    assert info.value.field == "expected_on"


def test_a_decision_letter_needs_the_decision(walk, staff_of):
    case = walk("lejre", "received")
    with pytest.raises(CaseError):
        letter_data("decision_grant", case, user=staff_of("lejre").caseworker, on=ON)


# --- the service: letter_send ----------------------------------------------------------------
def test_letter_send_stores_an_unchangeable_letter(walk, staff_of):
    """Sent: data, policy version, PDF, SHA-256, audit entry; re-rendering the stored data
    gives the same bytes; a sent letter cannot be saved again (a correction is new)."""
    staff = staff_of("ballerup")
    case = walk("ballerup", "granted")
    letter = services.letter_send(user=staff.caseworker, case=case, kind="decision_grant")
    letter = Letter.objects.get(pk=letter.pk)
    pdf = bytes(letter.pdf)
    assert letter.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (letter.policy_id, letter.policy_version) == ("ballerup", "v1")
    assert letter_rerender(letter) == pdf
    entry = AuditEntry.objects.get(case=case, action="letter_send")
    assert entry.details["sha256"] == letter.sha256
    letter.title = "Ændret"
    with pytest.raises(ValueError, match="kan ikke ændres"):
        letter.save()
    correction = services.letter_send(
        user=staff.caseworker, case=case, kind="decision_grant", extra_text="Rettelse."
    )
    assert correction.pk != letter.pk and case.letters.count() == 2


def test_letter_send_needs_the_caseworker_role(walk, staff_of):
    """permissions: only a caseworker of the case's own municipality sends letters."""
    case = walk("ballerup", "received")
    for user in (staff_of("ballerup").manager, staff_of("ballerup").committee):
        with pytest.raises(AccessDenied):
            services.letter_send(user=user, case=case, kind="receipt")
    with pytest.raises(AccessDenied):
        services.letter_send(user=staff_of("vejen").caseworker, case=case, kind="receipt")
    assert not Letter.objects.exists()


def test_complaint_deadline_runs_from_the_decision_letter(walk, staff_of):
    """Retssikkerhedsloven § 67, stk. 1: the complaint period runs from the citizen's receipt
    of the written decision. A decision letter sent after the recorded receipt moves the
    receipt to the letter's day (Digital Post), and the letter and the case's deadline say
    the same date: 4 weeks after the letter, not after the earlier date."""
    staff = staff_of("vejen")
    case = walk("vejen", "granted")  # decided and received 1 April 2025
    letter = services.letter_send(user=staff.caseworker, case=case, kind="decision_grant")
    case.decision.refresh_from_db()
    assert case.decision.received_on == letter.sent_on
    deadline = case.deadlines.get(kind="complaint")
    stated = letter.data["klagevejledning"]["deadline_da"]
    assert stated == danish_date(deadline.due_on)
    assert deadline.due_on >= letter.sent_on + timedelta(days=28)
