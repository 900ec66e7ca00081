"""Issue 15: what each municipality promises, said in its letters and on its public page
exactly as its standard (docs/standards) says it, read from the rendered PDF.

Each test names the seed passage or the law it follows. The letters are rendered for all
five municipalities and for both of Lejre's texts ("Gammel tekst" from before 1 July 2021,
"Ny tekst" after).
"""

import html
from datetime import date

import pytest
from django.urls import reverse

from bb103.cases import services
from bb103.cases.engine.deadlines import computed_deadlines
from bb103.cases.engine.facts import case_facts
from bb103.cases.errors import CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import DeadlineKind
from bb103.letters.kinds import LetterKind
from bb103.letters.lix import lix
from bb103.letters.render import render_html, render_pdf
from bb103.letters.standard import standard_data, standard_pdf
from bb103.letters.text import html_blocks
from bb103.rules.policy.registry import default_registry
from tests.cases.factories import assess, make_citizen, on_day, open_case, standard_days
from tests.letters.conftest import MUNICIPALITIES
from tests.letters.pdf_text import pdf_pages, pdf_text
from tests.letters.test_letters import STATE
from tests.web.conftest import client_for

__all__ = ["client_for"]

pytestmark = pytest.mark.django_db

ON = date(2025, 4, 2)
OLD_ON = date(2021, 4, 7)  # Lejre's old text is in force to 30 June 2021
# The letters Lejre's old text is walked to (a case decided before 1 July 2021).
OLD_KINDS = (LetterKind.RECEIPT, LetterKind.HEARING, LetterKind.DECISION_GRANT)


def _data(walk, staff_of, mid: str, kind: LetterKind) -> dict:
    birth = date(1958, 6, 10) if kind == LetterKind.TERMINATION else date(1990, 5, 17)
    case = walk(mid, STATE[kind], birth=birth)
    return letter_data(
        kind,
        case,
        user=staff_of(mid).caseworker,
        on=ON,
        extra_text="Vi mangler en lægeattest.",
        expected_on=date(2025, 12, 1),
    )


def _pdf(walk, staff_of, mid: str, kind: LetterKind) -> bytes:
    return render_pdf(kind, _data(walk, staff_of, mid, kind))


def _lix(kind: LetterKind, data: dict) -> float:
    """LIX of the letter block by block (its HTML twin from the same template and data:
    a heading or list item ends a sentence, which the PDF's wrapped lines cannot show)."""
    return lix(html_blocks(render_html(kind, data))).value


def _old_lejre_case(staff_of, to: str):
    """A Lejre case under the old text: received 1 March 2021, decided 1 April 2021."""
    staff = staff_of("lejre")
    cw = staff.caseworker
    citizen = make_citizen(cw, staff.municipality)
    citizen.address = "Prøvevej 1, 9999 Fiktivby"
    citizen.save()
    case = open_case(cw, citizen, received_on=date(2021, 3, 1))
    assess(cw, case, on=date(2021, 3, 8))
    if to == "received":
        return case
    services.draft_decision_create(
        user=cw,
        case=case,
        created_on=date(2021, 3, 9),
        proposed_outcome="grant",
        reasons="Du har brug for et arbejde med støtte.",
    )
    services.party_hearing_send(user=cw, case=case, sent_on=date(2021, 3, 10), days=14)
    if to == "hearing":
        return case
    services.party_hearing_close(user=cw, case=case, closed_on=date(2021, 3, 25))
    services.decision_make(
        user=cw,
        case=case,
        outcome="grant",
        decided_on=date(2021, 4, 1),
        offer=staff.offer,
        days_per_week=standard_days(case, date(2021, 4, 1)),
    )
    return case


def _old_data(staff_of, kind: LetterKind) -> dict:
    case = _old_lejre_case(staff_of, STATE[kind])
    data = letter_data(kind, case, user=staff_of("lejre").caseworker, on=OLD_ON)
    assert data["policy"]["version"] == "gammel-tekst"
    return data


# --- every letter, every municipality, both Lejre texts -----------------------------------


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_every_letter_pdf_is_plain_whole_and_reachable(walk, staff_of, mid):
    """Items 12 and 13, and LIX: each letter as the citizen gets it (the PDF's text) gives
    the municipality's postal address, phone and e-mail (Vejen and Roskilde included: their
    standards give none, so the town hall's is carried, sourced); the signature never stands
    alone on the last page (it stays with "Har du spørgsmål?"); Lejre's letterhead names
    Lejre Kommune once; and the text keeps LIX <= 40."""
    contact = default_registry().municipalities[mid].contact
    name = default_registry().municipalities[mid].name
    for kind in LetterKind:
        data = _data(walk, staff_of, mid, kind)
        pdf = render_pdf(kind, data)
        text = pdf_text(pdf)
        for part in (*contact.address, contact.phone, contact.email):
            assert part and part in text, (mid, kind, part)
        last = pdf_pages(pdf)[-1]
        assert "Venlig hilsen" in last and "Har du spørgsmål?" in last, (mid, kind)
        head = text.split("Dato:")[0]
        assert head.count(name) == 1, (mid, kind, head)
        assert _lix(kind, data) <= 40, (mid, kind, _lix(kind, data))


@pytest.mark.parametrize("kind", OLD_KINDS)
def test_lejre_old_text_letters(staff_of, kind):
    """Lejre, kvalitetsstandard, gammel tekst: afsnit 9 (op til 20 uger), afsnit 13 (klage over
    sagsbehandlingen til ledelsen; borgerrådgiveren, Lejrevej 15, telefon 46 46 44 20);
    the handleplan is offered (the old text promises no more than § 141, stk. 2)."""
    data = _old_data(staff_of, kind)
    pdf = render_pdf(kind, data)
    text = pdf_text(pdf)
    assert "Har du spørgsmål?" in pdf_pages(pdf)[-1]
    assert _lix(kind, data) <= 40, _lix(kind, data)
    if kind == LetterKind.RECEIPT:
        assert "20 uger" in text and "19. juli 2021" in text
    if kind == LetterKind.DECISION_GRANT:
        assert "Du bestemmer, om du vil have en" in text
        assert "sammen med dig" not in text
        assert "kontakte ledelsen" in text
        assert "Lejrevej 15" in text and "46 46 44 20" in text


# --- item 4: Sønderborg's deadline is set by byrådet ---------------------------------------


def test_soenderborg_receipt_says_byraadet_sets_the_deadline(walk, staff_of):
    """Item 4. Sønderborg, kvalitetsstandard: Sagsbehandlingsfrist (»Sagsbehandlingsfristen er
    fastsat af byrådet«, published on www.sonderborgkommune.dk): until byrådet's deadline is
    recorded, the receipt says who sets it and where it is published, never that there is
    no deadline."""
    text = pdf_text(_pdf(walk, staff_of, "soenderborg", LetterKind.RECEIPT))
    assert "Fristen for svar bliver fastsat af byrådet" in text
    assert "sonderborgkommune.dk" in text
    assert "ikke en fast frist" not in text
    page = " ".join(
        p for s in standard_data("soenderborg", "2022")["sections"] for p in s["paragraphs"]
    )
    assert "fastsat af byrådet" in page and "ingen fast frist" not in page


# --- item 6: the partshøring letter says the promised period and the date -----------------


def test_ballerup_hearing_letter_says_ten_days_and_the_date(staff_of):
    """Item 6. Ballerup, serviceniveau: Sagsbehandling (»Fristen for at indsende bemærkninger
    er 10 dage, fra du har modtaget materialet«). Sent Thursday 3 April 2025: 10 days is
    Sunday 13 April, so the deadline is Monday 14 April; the letter says 10 days and the
    date, and why the date moved, never "14 dage"."""
    staff = staff_of("ballerup")
    cw = staff.caseworker
    citizen = make_citizen(cw, staff.municipality)
    case = open_case(cw, citizen)
    assess(cw, case)
    services.draft_decision_create(
        user=cw, case=case, created_on=date(2025, 4, 2), proposed_outcome="grant", reasons="x"
    )
    services.party_hearing_send(user=cw, case=case, sent_on=date(2025, 4, 3))
    text = pdf_text(
        render_pdf("hearing", letter_data("hearing", case, user=cw, on=date(2025, 4, 3)))
    )
    assert "Du har 10 dage til at svare" in text
    assert "senest 14. april 2025" in text
    assert "flyttet til den næste arbejdsdag" in text
    assert "11 dage" not in text


# --- item 7: deadlines on working days ------------------------------------------------------


def test_month_based_follow_up_moves_to_a_working_day(staff_of):
    """Item 7. domain.md, Dates and deadlines: a deadline that is not a working day moves to
    the next one. A placement started 24 December 2024 has its follow-up 12 months on,
    24 December 2025 (a closing day); the case's deadline is Monday 29 December 2025 and
    says why. Serviceloven § 148 / the standards' yearly follow-up."""
    from dataclasses import replace

    from tests.cases.factories import grant, heard, placed

    staff = staff_of("roskilde")
    cw = staff.caseworker
    case = open_case(cw, make_citizen(cw, staff.municipality))
    assess(cw, case)
    heard(cw, case, days=14)
    grant(cw, case, offer=staff.offer)
    placed(cw, case, staff.offer)
    facts = replace(case_facts(case), last_follow_up_on=date(2024, 12, 24))
    follow = next(
        d
        for d in computed_deadlines(facts, today=date(2025, 5, 1))
        if d.kind == DeadlineKind.FOLLOW_UP
    )
    assert follow.due_on == date(2025, 12, 29)
    assert "24. december 2025 er ikke en arbejdsdag" in follow.explanation


def test_a_promised_date_must_be_a_working_day(walk, staff_of):
    """Item 7. Retssikkerhedsloven § 3, stk. 2: the expected date in a notice of delay is a
    deadline the municipality promises; Saturday 6 December 2025 is refused."""
    case = walk("vejen", "received")
    with pytest.raises(CaseError) as info:
        letter_data(
            "delay", case, user=staff_of("vejen").caseworker, on=ON, extra_text="x",
            expected_on=date(2025, 12, 6),
        )  # fmt: skip
    assert info.value.field == "expected_on"
    assert "ikke en arbejdsdag" in info.value.message


# --- item 8: the handleplan as each standard promises it -----------------------------------


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_grant_letter_promises_the_handleplan_as_the_standard_does(walk, staff_of, mid):
    """Item 8. Lejre, kvalitetsstandard afsnit 3, ny tekst (»skal vi i samarbejde med dig lave
    en handleplan«); Roskilde (»hvis det er noget du ønsker«), Vejen afsnit 4.2 (»såfremt
    borgeren ønsker denne udarbejdet«; otherwise the goals go in the order), Sønderborg
    (»tilbyder rådgiveren også dig at udarbejde en handleplan«), Ballerup (Serviceloven
    § 141, stk. 2): offered."""
    text = pdf_text(_pdf(walk, staff_of, mid, LetterKind.DECISION_GRANT))
    if mid == "lejre":
        assert "Vi laver en handleplan sammen med dig" in text
        assert "Du bestemmer, om du vil have en" not in text
    else:
        assert "Vi tilbyder dig en handleplan" in text
        assert "Du bestemmer, om du vil have en" in text
    assert ("skriver vi dine mål i bestillingen" in text) == (mid == "vejen")


def test_lejre_records_a_declined_handleplan_as_the_citizens_own_wish(walk, staff_of):
    """Item 8. Lejre (ny tekst): the plan is made together with the citizen, so a no is
    recorded with the citizen's own wish; Vejen (offered) needs no reason."""
    for mid, needed in (("lejre", True), ("vejen", False)):
        case = walk(mid, "granted")
        kwargs = dict(user=staff_of(mid).caseworker, case=case, status="declined",
                      offered_on=date(2025, 4, 3))  # fmt: skip
        if needed:
            with pytest.raises(CaseError) as info:
                services.handleplan_record(**kwargs)
            assert info.value.field == "declined_note"
            plan = services.handleplan_record(**kwargs, declined_note="Jeg vil ikke have en plan.")
            assert plan.declined_note == "Jeg vil ikke have en plan."
        else:
            assert services.handleplan_record(**kwargs).declined_note == ""


# --- item 9: costs as each seed says them ---------------------------------------------------

COSTS = {
    # municipality: (what its standard says, what it does not say)
    "roskilde": (["mad og drikke"], ["arbejdstøj", "egenbetaling"]),
    "vejen": (["gratis", "arbejdstøj", "værnemidler"], ["frokostordning"]),
    "soenderborg": (["gratis", "frokostordning"], ["arbejdstøj"]),
    "ballerup": (["ingen egenbetaling"], ["arbejdstøj", "mad"]),
}


@pytest.mark.parametrize("mid", sorted(COSTS))
def test_public_page_says_the_costs_its_seed_says(client, mid):
    """Item 9. Roskilde: Udgifter for dig (mad og drikke); Vejen afsnit 2 Omkostninger for
    borgeren (gratis; egen kost, arbejdstøj; værnemidler stilles til rådighed); Sønderborg:
    Hvad koster tilbuddet? (gratis; frokostordning mod betaling); Ballerup: Hvad koster
    indsatsen (ingen egenbetaling). Each page says its own, and nothing it does not."""
    version = default_registry().municipalities[mid].versions[-1].id
    page = client.get(reverse("standard", args=[mid, version])).text.lower()
    said, unsaid = COSTS[mid]
    for part in said:
        assert part in page, (mid, part)
    for part in unsaid:
        assert part not in page, (mid, part)


def test_lejre_page_says_nothing_of_costs_beyond_transport():
    """Item 9. Lejre's texts (afsnit 5) speak only of transport: no costs section."""
    for version in ("gammel-tekst", "ny-tekst"):
        ids = {s["id"] for s in standard_data("lejre", version)["sections"]}
        assert "udgifter" not in ids


# --- item 10: Vejen's goals in the order ----------------------------------------------------


def test_vejen_order_carries_the_goals_without_a_handleplan(walk, staff_of, client_for):
    """Item 10. Vejen, kvalitetsstandard afsnit 4.2: »Alternativt vil borgerens mål fremgå af
    myndigheds bestilling samt indsatsplan til leverandøren«. Without a handleplan the
    order needs the goals, and the provider's page shows them."""
    from bb103.cases.models import Role
    from tests.cases.factories import make_user

    staff = staff_of("vejen")
    case = walk("vejen", "granted")
    start = dict(user=staff.caseworker, case=case, offer=staff.offer, start_on=date(2025, 5, 1),
                 days_per_week=5, contact_person="Kirsten Kontakt")  # fmt: skip
    with pytest.raises(CaseError) as info:
        services.placement_start(**start)
    assert info.value.field == "order_goals"
    placement = services.placement_start(**start, order_goals="Lære at pakke varer selv.")
    worker = make_user("vejen-vaerksted", staff.municipality, Role.PROVIDER_STAFF,
                       staff.offer.provider)  # fmt: skip
    page = client_for(worker).get(reverse("provider-order", args=[placement.pk]))
    assert page.status_code == 200
    assert "Lære at pakke varer selv." in page.text
    assert "Spørg rådgiveren" not in page.text


# --- item 11: Lejre's complaints about case handling and its borgerrådgiver -----------------


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_klagevejledning_names_case_handling_and_borgerraadgiver_where_the_standard_does(
    walk, staff_of, mid
):
    """Item 11. Lejre, kvalitetsstandard afsnit 13 Klagemuligheder (ny tekst): complaints about
    case handling go to »en afdelingsleder i Team Social Service«; »Du har også mulighed for
    at tage kontakt til Lejre Kommunes borgerrådgiver« (Lejrevej 15, 4320 Lejre). No other
    standard names either, so no other letter does."""
    text = pdf_text(_pdf(walk, staff_of, mid, LetterKind.DECISION_REFUSAL))
    if mid == "lejre":
        assert "afdelingsleder i Team Social Service" in text
        assert "borgerrådgiver" in text and "Lejrevej 15" in text and "21 53 29 80" in text
    else:
        assert "borgerrådgiver" not in text.lower()
        assert "sagsbehandling?" not in text


def test_lejre_public_page_has_case_handling_and_borgerraadgiver(client):
    """Item 11: the public page says it too, in both texts."""
    for version, who in (("ny-tekst", "afdelingsleder"), ("gammel-tekst", "ledelsen")):
        page = client.get(reverse("standard", args=["lejre", version])).text
        assert who in page and "Lejrevej 15" in page, version


# --- item 12: how to apply and whom to call, on every public page ---------------------------


@pytest.mark.parametrize("mid", MUNICIPALITIES)
def test_public_page_says_how_to_apply_and_whom_to_call(client, mid):
    """Item 12. Ballerup: Sådan søger du (Fronten, 44 77 34 43); Lejre afsnit 8; Sønderborg:
    Hvordan får du tilbud?; Vejen afsnit 4.2 (borger.dk, telefon); Roskilde: Rådgivning og
    Visitation. Every page has a "Sådan søger du" section with the contact data."""
    policy = default_registry().municipalities[mid]
    version = policy.versions[-1].id
    page = html.unescape(client.get(reverse("standard", args=[mid, version])).text)
    assert "Sådan søger du" in page
    assert policy.contact.phone in page and policy.contact.unit in page


# --- item 13: text and layout ----------------------------------------------------------------


def test_ballerup_days_by_living_situation_in_danish():
    """Item 13. Ballerup, serviceniveau: Indsatsens omfang (»Hvis du bor i egen bolig eller i et
    botilbud kan du modtage beskyttet beskæftigelse mellem 1-4 dage om ugen«)."""
    text = " ".join(p for s in standard_data("ballerup", "v1")["sections"] for p in s["paragraphs"])
    assert "Bor du i egen bolig eller i et botilbud, kan du arbejde 1 til 4 dage om ugen." in text
    assert "Bor du egen bolig" not in text and "Bor du botilbud" not in text


@pytest.mark.parametrize(
    ("mid", "version"),
    [(m.id, v.id) for m in default_registry().municipalities.values() for v in m.versions],
)
def test_public_standard_sources_assumed_dates_and_lix(client, mid, version):
    """Item 13: the law's "no committee" is no source line on a page; a date that is not in
    the seed is marked as assumed (Ballerup, Lejre's old text, …), and Sønderborg's stated
    one is not; LIX of the page's text <= 40 (item: every public page)."""
    page = client.get(reverse("standard", args=[mid, version])).text
    assert "Loven kræver ikke et visitationsudvalg" not in page
    v = next(x for x in default_registry().municipalities[mid].versions if x.id == version)
    assert ("datoen er antaget" in page) == v.dates_assumed
    assert "Loven kræver ikke" not in pdf_text(standard_pdf(mid, version))
    value = lix(html_blocks(page)).value
    assert value <= 40, (mid, version, value)


def test_motivation_is_said_as_the_caseworkers_assessment(walk, staff_of):
    """Item 13. Vejen afsnit 1.2 (»forudsætter som hovedregel, at borgeren er motiveret«): a
    letter says the assessment, never puts words in the citizen's mouth."""
    from bb103.letters import plain

    sentence = plain.criterion_sentence({"id": "motivated", "met": False, "label": ""}, age_min=18)
    assert "Du har sagt" not in sentence and "motiveret" in sentence


# --- item 5: one decision deadline on one case ------------------------------------------------


def test_case_page_deadline_follows_the_text_in_force_when_the_application_came(
    staff_of, client_for
):
    """Item 5. Lejre, afsnit 9 Sagsbehandlingsfrist: an application received 15 June 2021
    falls under the old text (20 weeks: 2 November 2021); the engine panel, viewed on
    7 September 2021 under the new text (12 weeks would give 7 September), gives the same
    date as the stored deadline and says which text applies."""
    staff = staff_of("lejre")
    cw = staff.caseworker
    case = open_case(cw, make_citizen(cw, staff.municipality), received_on=date(2021, 6, 15))
    stored = case.deadlines.get(kind=DeadlineKind.DECISION)
    assert stored.due_on == date(2021, 11, 2)
    with on_day(date(2021, 9, 7)):
        page = client_for(cw).get(reverse("case", args=[case.pk])).text
    panel = page.split('id="anbefaling"', 1)[1]
    assert "2. november 2021" in panel
    assert "gammel tekst" in panel


PROMISES = {
    # Sønderborg: Forventninger til tilbuddet; Arbejdsskadesikring; Hvornår kan du starte.
    "soenderborg": ["fast kontaktperson", "ikke aflyst", "arbejdsskadeloven", "besøge tilbuddet"],
    # Ballerup: Afgørelse, klage- og ankemuligheder; Leverandører; Særlige bemærkninger.
    "ballerup": ["svar senest 4 uger", "Hold-an Vej 7", "pædagogisk plan", "bevilget kørsel"],
    # Vejen: 4.4 Tilsyn; 4.5 Opfølgning; 1.2 Målgruppe (gentagne afbud).
    "vejen": ["tilsyn", "afviger indsatsen meget", "afbud"],
    # Roskilde: Opfølgning på indsatsen (pligt til at kontakte Rådgivning og Visitation).
    "roskilde": ["kontakte Rådgivning og Visitation", "dialog"],
    # Lejre, ny tekst: afsnit 10 (ophør) og 13 (klage til Center for Job & Social).
    "lejre": ["ikke samarbejder om målene", "Center for Job &amp; Social", "retsinformation.dk"],
}


@pytest.mark.parametrize("mid", sorted(PROMISES))
def test_public_page_carries_the_standards_other_promises(client, mid):
    """A reviewer reading the seed beside the page finds its promises: each municipality's
    own (the seed sections named above), in plain Danish, with where a complaint goes."""
    version = default_registry().municipalities[mid].versions[-1].id
    page = client.get(reverse("standard", args=[mid, version])).text
    for part in PROMISES[mid]:
        assert part.lower() in page.lower(), (mid, part)


def test_every_public_page_reads_plainly(client):
    """LIX <= 40 on every page shown without login: the index of standards, each standard
    (tested above), the comparison of Lejre's two texts, and the login page."""
    urls = [
        reverse("standards"),
        reverse("standard-compare", args=["lejre", "gammel-tekst", "ny-tekst"]),
        reverse("login"),
    ]
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        value = lix(html_blocks(page.text)).value
        assert value <= 40, (url, value)


def test_public_page_names_the_wage_in_each_standards_words(client):
    """Items 1-2. Vejen, kvalitetsstandard afsnit 3 Aflønning: two rates, 5 % and 10 %, are
    Vejen's wage (no "arbejdsdusør" on its page); Ballerup, serviceniveau: Særlige
    bemærkninger (»Din løn aftales med den enkelte arbejdsplads efter gældende regler«):
    every form the law allows (BEK nr. 483 § 1), the arbejdsdusør included."""
    vejen = client.get(reverse("standard", args=["vejen", "v1"])).text
    assert "Vejen Kommunes lønsatser" in vejen and "5 % og 10 %" in vejen
    assert "arbejdsdusør" not in vejen.lower()
    ballerup = client.get(reverse("standard", args=["ballerup", "v1"])).text
    assert "arbejdsdusør" in ballerup and "timeløn" in ballerup
    assert "aftales med den enkelte arbejdsplads" in ballerup


def test_vejen_renegotiation_due_on_a_working_day():
    """Item 7. Vejen, kvalitetsstandard afsnit 3 Aflønning (»Lønnen genforhandles efter 3
    måneder og herefter én gang årligt«): a start on 24 September 2025 gives 24 December
    2025, a closing day, so the renegotiation is due Monday 29 December; a year later,
    24 December 2026, is due Monday 28 December 2026."""
    from bb103.cases.engine.wages import wage_renegotiations

    plan = wage_renegotiations("vejen", date(2025, 9, 24), until=date(2027, 1, 31))
    assert plan.dates[:2] == (date(2025, 12, 29), date(2026, 12, 28))
