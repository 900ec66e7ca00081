"""Issue 20, point 1: the demo shows a year of history, so every chart of the managers'
overview has data on ``make run``: decisions on time and late against the standard's
decision deadline, complaints ending at genvurdering and with each of Ankestyrelsen's
outcomes, refusals resting on different criteria of Serviceloven § 103, stk. 1, and 13
months of approved settlements. Loaded for Vejen (6 weeks, a visitation committee) and
Ballerup (30 working days) with few citizens of every stage, so the history is most of
it."""

import io
from datetime import date

import pytest
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from bb103.cases.models import (
    AnkeOutcome,
    AuditEntry,
    Case,
    Complaint,
    Deadline,
    Decision,
    Letter,
    Outcome,
    Reassessment,
    SettlementMonth,
    SettlementStatus,
)
from bb103.web import demo_history
from bb103.web.demo import load_demo
from tests.web.test_demo import assert_letters_dated_at_their_step

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_history")]

PLACES = frozenset({"vejen", "ballerup"})


def _load() -> None:
    load_demo(per_municipality=2, workshop=2, only=PLACES, log=lambda _: None)


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """Loaded once for the module in a transaction rolled back after it (as test_demo)."""
    md5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=md5), transaction.atomic():
        _load()
        yield
        transaction.set_rollback(True)


def _months(days: list[date]) -> set[tuple[int, int]]:
    return {(d.year, d.month) for d in days}


def test_history_decisions_fall_on_time_and_late_over_thirteen_months(history):
    """The standard's measure (Vejen: 6 weeks; Ballerup: 30 working days): the decision
    deadline met on or before its day, or after it; decisions in each of the last 13
    months."""
    assert_decisions_on_time_and_late_each_month(PLACES, timezone.localdate())


def assert_decisions_on_time_and_late_each_month(places: frozenset[str], today: date) -> None:
    for mid in places:
        met = Deadline.objects.filter(
            case__municipality_id=mid, kind="decision", met_on__isnull=False
        )
        on_time, late = met.filter(met_on__lte=F("due_on")), met.filter(met_on__gt=F("due_on"))
        assert on_time.count() > late.count() >= 3, mid
        decided = Decision.objects.filter(case__municipality_id=mid).values_list(
            "decided_on", flat=True
        )
        last_13 = {
            (
                demo_history.month_start(today, back).year,
                demo_history.month_start(today, back).month,
            )
            for back in range(1, 14)
        }
        assert last_13 <= _months(list(decided)), mid
        # A late one with a notice of delay sent before the deadline passed (§ 3, stk. 2).
        notice = Letter.objects.filter(case__municipality_id=mid, kind="delay").first()
        assert notice is not None, mid
        deadline = notice.case.deadlines.get(kind="decision")
        assert notice.sent_on <= deadline.due_on < deadline.met_on


def test_history_complaints_end_each_way_on_refusals_of_different_grounds(history):
    """Retssikkerhedsloven §§ 66-67: complaints changed at genvurdering, forwarded, and
    upheld, changed and sent back by Ankestyrelsen; the refusals complained of rest on
    different criteria of § 103, stk. 1 (as frozen into the decision)."""
    for mid in PLACES:
        complaints = Complaint.objects.filter(case__municipality_id=mid)
        assert complaints.filter(reassessment=Reassessment.CHANGED).exists(), mid
        assert complaints.filter(forwarded_on__isnull=False).count() >= 4, mid
        outcomes = set(complaints.values_list("anke_outcome", flat=True))
        assert {AnkeOutcome.UPHELD, AnkeOutcome.CHANGED, AnkeOutcome.SENT_BACK} <= outcomes
        grounds = {
            criterion["id"]
            for complaint in complaints.select_related("decision")
            for criterion in complaint.decision.evaluation["eligibility"]["criteria"]
            if criterion["kind"] == "legal" and not criterion["met"]
        }
        assert set(demo_history.NOT_MET) <= grounds, mid
    # Ankestyrelsen's grant is in force on its case; a sent-back case was decided again.
    changed = Complaint.objects.filter(anke_outcome=AnkeOutcome.CHANGED).first()
    assert changed.case.decision.origin == "ankestyrelsen"
    assert changed.case.decision.outcome == Outcome.GRANT
    sent_back = Complaint.objects.filter(anke_outcome=AnkeOutcome.SENT_BACK).first()
    again = sent_back.case.decisions.filter(decided_on__gt=sent_back.anke_outcome_on)
    assert again.filter(outcome=Outcome.GRANT).exists()


def test_history_settlements_are_approved_for_thirteen_months(history):
    """Monthly cost from approved settlements, against the same month last year: every
    month from 14 months ago to the month before last approved by the manager, with
    wages, transport and the provider's price; last month left open for the demo."""
    assert_settlements_approved_for_thirteen_months(PLACES, timezone.localdate())


def assert_settlements_approved_for_thirteen_months(places: frozenset[str], today: date) -> None:
    for mid in places:
        approved = SettlementMonth.objects.filter(
            municipality_id=mid, status=SettlementStatus.APPROVED
        )
        months = sorted(approved.values_list("month", flat=True))
        assert len(months) == 13
        assert months[0] == demo_history.month_start(today, 14)
        assert months[-1] == demo_history.month_start(today, 2)
        same_month_last_year = months[0].replace(year=months[0].year + 1)
        assert same_month_last_year in months
        assert not SettlementMonth.objects.filter(
            municipality_id=mid, month=demo_history.month_start(today, 1)
        ).exists()
        for settlement in approved:
            lines = list(settlement.lines.all())
            assert lines and sum(x.provider_amount for x in lines) > 0, settlement
        assert sum(x.gross_wage for s in approved for x in s.lines.all()) > 0
        assert (
            AuditEntry.objects.filter(municipality_id=mid, action="settlement_approve").count()
            == 13
        )


def test_history_letters_are_dated_at_their_step(history):
    """Issue 15, item 14, for the history too: the notice of delay and the complaint's
    letters among them."""
    assert Letter.objects.filter(kind="delay").exists()
    assert Letter.objects.filter(kind="complaint_forwarded").exists()
    assert_letters_dated_at_their_step()


def test_history_loads_once(settings, history):
    """Loading again adds nothing: no case, audit entry or settlement month more."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    counts = (Case.objects.count(), AuditEntry.objects.count(), SettlementMonth.objects.count())
    _load()
    assert (
        Case.objects.count(),
        AuditEntry.objects.count(),
        SettlementMonth.objects.count(),
    ) == counts


def test_load_demo_leaves_the_history_out_on_request(settings):
    """``load_demo --no-history``: no settlement approved, no complaint to Ankestyrelsen."""
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    call_command(
        "load_demo", "--only", "lejre", "--per-municipality", "1", "--no-history", stdout=out
    )
    assert "Afregninger" not in out.getvalue()
    assert Case.objects.filter(municipality_id="lejre").exists()
    assert not SettlementMonth.objects.filter(municipality_id="lejre").exists()
    assert not Complaint.objects.filter(case__municipality_id="lejre").exists()
