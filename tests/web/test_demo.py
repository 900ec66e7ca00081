"""The demo data of ``make run``: made through the services, every stage of a case,
offers from the quality standards, and idempotent."""

import random
from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from bb103.cases.engine.facts import birth_date
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.policy import committee_sources
from bb103.cases.models import (
    AuditEntry,
    Case,
    CaseClosure,
    CaseStatus,
    Deadline,
    Decision,
    FollowUpBooking,
    Letter,
    Membership,
    Offer,
    OfferPrice,
    Placement,
    Role,
    Termination,
    User,
    WaitingListEntry,
)
from bb103.cases.services.offer_rules import registry_stale
from bb103.web import demo_correct, demo_plan
from bb103.web.demo import OFFERS, WORKSHOP_PLACEMENTS, _cpr, load_demo
from tests.letters.pdf_text import pdf_text

pytestmark = [
    pytest.mark.django_db,
    # One worker for the module under pytest-xdist, so the demo below is loaded once.
    pytest.mark.xdist_group("demo"),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo of Ballerup and Vejen, loaded once for the module (loading it is 4-8 s
    of queries through the services) in a transaction rolled back after the module's last
    test. Each test runs in a savepoint inside it (pytest-django's db), so what a test
    writes is undone before the next one; the tests load the demo again themselves, which
    loading once here makes a rerun (it is idempotent: the first test asserts so)."""
    md5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=md5), transaction.atomic():
        load_demo(only=frozenset({"ballerup", "vejen"}), history=False, log=lambda _: None)
        yield
        transaction.set_rollback(True)


def test_demo_covers_every_stage_and_loads_once(settings, demo):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(only=frozenset({"ballerup", "vejen"}), history=False, log=lambda _: None)
    counts = (Case.objects.count(), AuditEntry.objects.count(), User.objects.count())
    # 12 citizens at the stages in turn, 6 more placed at the workshop, one whose days were
    # changed (issue 17, item 5) and the cases that plan ahead (item 4), per municipality;
    # Ballerup's withdrawn application (item 2; web/demo_close.py) and its citizens of the
    # corrections and letter copies (items 1 and 8).
    assert counts[0] == 2 * (12 + WORKSHOP_PLACEMENTS + 1 + len(demo_plan.PEOPLE)) + 1 + (
        demo_correct.CASES
    )
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert statuses[CaseStatus.CLOSED] == 1
    assert set(statuses) == set(CaseStatus.values)
    # Through the services: every case has its audit trail and its deadlines from the
    # engine, and decisions carry the frozen explanation.
    assert not Case.objects.filter(audit_entries__isnull=True).exists()
    # (a closed case's open deadlines end with it)
    assert Deadline.objects.filter(kind="decision").count() == counts[0] - 1
    assert all(d.evaluation["explanations"] for d in Decision.objects.all())
    # Letters were sent through letter_send: a receipt for every case, the decision letter
    # for every decision, so a newcomer sees them on the case pages.
    assert Letter.objects.filter(kind="receipt").count() == counts[0]
    decided = Decision.objects.count()
    assert Letter.objects.filter(kind__startswith="decision_").count() == decided > 0
    assert Letter.objects.filter(kind="termination").exists()
    # Vejen's cases went through its visitation committee before the decision.
    assert not Decision.objects.filter(case__municipality_id="vejen", case__committee_reviews=None)
    # Vejen's own offers, as its standard names them.
    vejen = set(
        Offer.objects.filter(provider__municipality_id="vejen").values_list("name", flat=True)
    )
    assert vejen == {"Platform", "Elmegade", "Veum Dag"}
    load_demo(only=frozenset({"ballerup", "vejen"}), history=False, log=lambda _: None)
    assert (Case.objects.count(), AuditEntry.objects.count(), User.objects.count()) == counts


def test_roskilde_offers_are_the_seven_of_its_standard():
    own = [p for p in OFFERS["roskilde"] if p.kind == "own_municipal"]
    ((provider,),) = [own]
    names = [o.name for o in provider.offers]
    assert len(names) == 7 and "Cafédrift" in names
    assert set(OFFERS) == {"roskilde", "vejen", "ballerup", "lejre", "soenderborg"}


def test_demo_registry_workshops_prices_transport_and_tax(settings, demo):
    """Issue 6: a workshop in Vejen and in Ballerup with at least 6 citizens placed on
    fixed weekdays; every offer with target groups, work types and dated prices; one
    offer's registry data older than a year; the placed citizens' transport and tax card;
    a waiting list. Lejre buys places from another municipality at a monthly price."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    today = timezone.localdate()
    # Roskilde and Lejre for their offers and prices: two citizens each is enough (Ballerup
    # and Vejen are loaded whole by the module's fixture).
    load_demo(
        per_municipality=2, only=frozenset({"roskilde", "lejre"}), history=False, log=lambda _: None
    )
    for municipality in ("vejen", "ballerup"):
        busiest = max(
            Offer.objects.filter(provider__municipality_id=municipality),
            key=lambda o: o.placements.filter(ended_on__isnull=True).count(),
        )
        running = busiest.placements.filter(ended_on__isnull=True)
        assert running.count() >= 6, municipality
        assert all(p.weekdays and len(p.weekdays) == p.days_per_week for p in running)
    offers = Offer.objects.all()
    assert all(o.target_groups and o.work_types for o in offers)
    assert not offers.filter(prices=None).exists()
    # Last year's price is in force from last year's first day at the latest (from the
    # year before in January to March, when the history's settlements reach into it).
    in_force = OfferPrice.objects.filter(valid_from__lte=date(today.year - 1, 1, 1))
    assert in_force.count() == offers.count()
    stale = [o.name for o in offers if registry_stale(o, today)]
    assert stale == ["Metalværksted"]
    assert OfferPrice.objects.filter(
        offer__provider__municipality_id="lejre",
        offer__provider__kind="other_municipality",
        unit="month",
    ).exists()
    placed = Placement.objects.all()
    assert placed.exists()
    assert not placed.filter(transport=None).exists()
    assert not placed.filter(case__citizen__tax_cards=None).exists()
    assert WaitingListEntry.objects.filter(left_on__isnull=True).exists()


def test_generated_cpr_numbers_read_back_as_their_birth_dates():
    """The known bug behind load_demo(per_municipality=60) failing: a citizen born in 2000
    got a 7th digit of 0-3, so the CPR number read as born in 1900, far over the pension
    age. Every number drawn now reads back as a birth from 1963 to 2000 (so under the
    pension age and over 18). The whole load with 60 per municipality: docs/providers.md."""
    for municipality in OFFERS:
        rng = random.Random(f"bb103-{municipality}")
        for _ in range(2000):
            assert 1963 <= birth_date(_cpr(rng)).year <= 2000


def test_provider_demo_is_made_through_the_services_and_idempotent(demo):
    """The provider demo data (issue 6): weeks of attendance, a start wage and a plan for
    the demo provider users' citizens, through the services; loading it again adds nothing.
    (On the module's demo, so it is not loaded once more for this test.)"""
    from bb103.cases.models import Attendance, PedagogicalPlan, WageAgreement
    from bb103.web.demo_provider import seed_provider_demo

    today = timezone.localdate()
    load_demo(only=frozenset({"ballerup", "vejen"}), history=False, log=lambda _: None)
    assert seed_provider_demo(today=today) > 0
    counts = (
        Attendance.objects.count(),
        WageAgreement.objects.count(),
        PedagogicalPlan.objects.count(),
    )
    assert all(counts)
    assert seed_provider_demo(today=today) == 0  # nothing changed on the second run
    assert counts == (
        Attendance.objects.count(),
        WageAgreement.objects.count(),
        PedagogicalPlan.objects.count(),
    )


def _step_day(letter: Letter):
    """The day of the step a demo letter belongs to."""
    case = letter.case
    if letter.kind == "receipt":
        return case.application.received_on
    if letter.kind == "hearing":
        # The case's hearing letters and its hearings, each in the order sent (a terminated
        # case has two: on the decision and on the termination).
        letters = list(case.letters.filter(kind="hearing").order_by("id"))
        hearings = list(case.hearings.exclude(sent_on=None).order_by("id"))
        return hearings[letters.index(letter)].sent_on
    if letter.kind.startswith("decision_"):
        return letter.decision.decided_on
    if letter.kind == "complaint_receipt":
        return case.complaints.order_by("-received_on", "-id").first().received_on
    if letter.kind == "complaint_forwarded":
        return case.complaints.order_by("-received_on", "-id").first().forwarded_on
    if letter.kind == "delay":
        return letter.delay_notice.sent_on
    if letter.kind == "termination":
        # The day it ends, or the decision's day for an ending decided ahead (issue 17,
        # item 4): the letter states the day, it does not wait for it.
        ended = Termination.objects.get(case=case)
        return min(ended.terminated_on, ended.decided_on)
    if letter.kind == "withdrawal_confirmation":
        return CaseClosure.objects.get(case=case).closed_on
    raise AssertionError(f"no step known for a demo letter of kind {letter.kind}")


def test_demo_letters_are_dated_at_their_step(demo):
    """Issue 15, item 14: demo letters dated at their step. A letter is dated the day it is
    sent, and the demo sends each on the day of its step: the receipt the day the
    application came in, the hearing letter the day the hearing was sent, the decision
    letter the decision day, the complaint receipt the day the complaint came in, the
    termination letter the day the effort ends. Its own date, its data's date and the
    PDF's date line all say so, and the receipt's promised answer date is the case's
    decision deadline, after the receipt's date (not a date already passed, as when
    every letter was dated the day the demo was loaded)."""
    assert_letters_dated_at_their_step()


def assert_letters_dated_at_their_step() -> None:
    """Every demo letter carries its step's day (the test above; the year of history
    checks its letters with it too, tests/web/test_demo_history.py)."""
    today = timezone.localdate()
    letters = Letter.objects.select_related("case__application", "decision").order_by("id")
    assert letters.count() > 0
    in_the_past = 0
    for letter in letters:
        day = _step_day(letter)
        where = f"case {letter.case_id}, {letter.kind}"
        assert letter.sent_on == day, where
        assert letter.data["date"] == {"year": day.year, "month": day.month, "day": day.day}
        assert letter.data["date_da"] == danish_date(day), where
        assert f"Dato: {danish_date(day)}" in pdf_text(bytes(letter.pdf)), where
        in_the_past += day < today
        if letter.kind == "receipt":
            # A closed case's open deadlines end with it; the closure keeps them.
            closure = CaseClosure.objects.filter(case=letter.case).first()
            deadline = (
                letter.case.deadlines.get(kind="decision").due_on
                if closure is None
                else date.fromisoformat(closure.open_deadlines[0]["due_on"])
            )
            assert letter.data["decision_deadline_da"] == danish_date(deadline), where
            assert deadline > day, where
    # Most steps lie in the past: the check above is not only met by letters sent today.
    assert in_the_past > letters.count() // 2
    # A decision letter sent on the decision day reached the citizen that day (Digital
    # Post): the decision's receipt is that day, through the letter, not written after.
    for decision in Decision.objects.exclude(letters=None):
        assert decision.received_on == decision.decided_on


def test_demo_staff_have_names_of_their_own(demo):
    """Issue 15, item 14: every demo caseworker and provider staff member (and every other
    demo user) has a first and last name of their own, generated and plainly fictitious,
    not one "Rikke Rådgiver" in every municipality; a provider's contact person is its
    demo staff user where it has one. Usernames stay as they were (vejen-raadgiver)."""
    staff = list(User.objects.filter(memberships__isnull=False).distinct())
    assert {u.username for u in staff} >= {"vejen-raadgiver", "ballerup-tilbud", "vejen-leder"}
    names = [(u.first_name, u.last_name) for u in staff]
    assert all(first and last for first, last in names)
    assert len(set(names)) == len(names), Counter(names).most_common(3)
    for role in (Role.CASEWORKER, Role.PROVIDER_STAFF):
        users = User.objects.filter(memberships__role=role).distinct()
        assert users.count() >= 2 and len({u.get_full_name() for u in users}) == users.count()
    tilbud = User.objects.get(username="vejen-tilbud")
    assert set(Placement.objects.filter(offer__name="Platform").values_list(
        "contact_person", flat=True)) == {tilbud.get_full_name()}  # fmt: skip


def test_demo_names_every_user_of_every_municipality_apart():
    """Issue 15, item 14: the generated names are different for every demo user of all
    five municipalities, not only of the two loaded above."""
    from bb103.web.demo import USERS, staff_name

    users = [(mid, suffix) for mid in OFFERS for suffix, *_ in USERS]
    names = {staff_name(mid, suffix) for mid, suffix in users}
    assert len(names) == len(users) == 30


def test_demo_committee_only_where_the_standard_has_one(demo):
    """Issue 15, item 14: a visitation committee member only in the municipalities whose
    standard has a visitation committee (policy ``visitation_committee``: Vejen), read from
    the policy data; Ballerup's standard has none, so there is no ballerup-udvalg."""
    with_committee = set(committee_sources(timezone.localdate()))
    assert with_committee == {"vejen"}
    members = Membership.objects.filter(role=Role.COMMITTEE_MEMBER)
    assert set(members.values_list("municipality_id", flat=True)) == {"vejen"}
    assert not User.objects.filter(username="ballerup-udvalg").exists()
    assert User.objects.filter(username="vejen-udvalg").exists()


def test_demo_has_journal_notes_with_a_correction(demo, client_for):
    """Issue 17, item 3: two cases of each municipality carry notes, one corrected, and
    the case page shows it so."""
    from bb103.cases.models import JournalNote

    corrected = JournalNote.objects.filter(correction__isnull=False)
    assert {n.case.municipality_id for n in corrected} == {"ballerup", "vejen"}
    assert JournalNote.objects.values("case").distinct().count() == 4
    note = corrected.first()
    page = client_for(note.case.caseworker).get(f"/sager/{note.case_id}/").text
    assert "Rettet</strong> ved" in page and "Rettelse: det var borgerens bror" in page


def test_demo_has_a_change_decision_with_its_letter(demo):
    """Issue 17, item 5: a case whose days were cut after partshøring, with the change
    letter (klagevejledning, own complaint period) and the placement that followed."""
    from bb103.cases.models import Decision, DecisionKind, Letter, Placement

    for mid in ("ballerup", "vejen"):
        change = Decision.objects.get(case__municipality_id=mid, kind=DecisionKind.CHANGE)
        assert change.case.decision_id == change.pk and change.draft is not None
        assert (change.previous.days_per_week, change.days_per_week) == (4, 3)
        letter = Letter.objects.get(case=change.case, kind="decision_change")
        assert change.received_on == letter.sent_on
        running = Placement.objects.get(case=change.case, ended_on__isnull=True)
        assert (running.start_on, running.days_per_week) == (change.effective_on, 3)


def test_demo_plans_ahead(demo):
    """Issue 17, item 4: a granted case whose placement starts in the future, a booked
    follow-up meeting, and an ending decided ahead whose letter states the day."""
    today = timezone.localdate()
    for municipality in ("ballerup", "vejen"):
        cases = Case.objects.filter(municipality_id=municipality)
        assert cases.filter(placements__start_on__gt=today, status=CaseStatus.ACTIVE).exists()
        assert FollowUpBooking.objects.filter(
            case__municipality_id=municipality, held__isnull=True, planned_on__gt=today
        ).exists()
        ahead = Termination.objects.get(case__municipality_id=municipality, terminated_on__gt=today)
        letter = Letter.objects.get(case=ahead.case, kind="termination")
        assert danish_date(ahead.terminated_on) in pdf_text(letter.pdf)


def test_load_demo_names_an_unknown_municipality_in_only():
    """Bad input on the CLI is a clear English message naming the option, no traceback."""
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--only: unknown municipality nowhere"):
        call_command("load_demo", "--only", "ballerup,nowhere")


def test_demo_guardian_logs_in_to_min_sag_through_the_development_login(settings, demo):
    """Issue 19, point 6: the demo's værge (fictitious CPR number kept in the demo module,
    access "act") is offered by the development login and sees the citizen's case."""
    from django.test import Client

    from bb103.cases.cpr_index import cpr_search_key
    from bb103.cases.models import Representative
    from bb103.web.demo_correct import GUARDIAN_CPR

    settings.BB103_CITIZEN_DEV_LOGIN = True
    guardian = Representative.objects.get(cpr_key=cpr_search_key(GUARDIAN_CPR))
    assert guardian.portal_access == "act"
    client = Client()
    page = client.get("/min-sag/log-ind/udvikling/").content.decode()
    assert f'value="r{guardian.pk}"' in page and "Birgitte Værgesen" in page
    response = client.post("/min-sag/log-ind/udvikling/", {"person": f"r{guardian.pk}"})
    assert response.status_code == 302
    home = client.get("/min-sag/").content.decode()
    assert "Sager for Mikkel Kopisen" in home
