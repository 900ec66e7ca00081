"""The demo data of ``make run``: made through the services, every stage of a case,
offers from the quality standards, and idempotent."""

from collections import Counter

import pytest
from django.core.management import call_command

from bb103.cases.models import (
    AuditEntry,
    Case,
    CaseStatus,
    Deadline,
    Decision,
    Letter,
    Offer,
    User,
)
from bb103.web.demo import OFFERS, load_demo

pytestmark = pytest.mark.django_db


def test_demo_covers_every_stage_and_loads_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(only=frozenset({"ballerup", "vejen"}), log=lambda _: None)
    counts = (Case.objects.count(), AuditEntry.objects.count(), User.objects.count())
    assert counts[0] == 24
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert set(statuses) == set(CaseStatus.values)
    # Through the services: every case has its audit trail and its deadlines from the
    # engine, and decisions carry the frozen explanation.
    assert not Case.objects.filter(audit_entries__isnull=True).exists()
    assert Deadline.objects.filter(kind="decision").count() == 24
    assert all(d.evaluation["explanations"] for d in Decision.objects.all())
    # Letters were sent through letter_send: a receipt for every case, the decision letter
    # for every decision, so a newcomer sees them on the case pages.
    assert Letter.objects.filter(kind="receipt").count() == 24
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
    load_demo(only=frozenset({"ballerup", "vejen"}), log=lambda _: None)
    assert (Case.objects.count(), AuditEntry.objects.count(), User.objects.count()) == counts


def test_roskilde_offers_are_the_seven_of_its_standard():
    ((_, kind, _, offers),) = OFFERS["roskilde"]
    assert kind == "own_municipal" and len(offers) == 7 and "Cafédrift" in offers
    assert set(OFFERS) == {"roskilde", "vejen", "ballerup", "lejre", "soenderborg"}


def test_load_demo_command_prints_the_logins(capsys, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", "--per-municipality", "1")
    out = capsys.readouterr().out
    assert "ballerup-raadgiver" in out and "vejen-raadgiver" in out and "adgangskode" in out
    user = User.objects.get(username="vejen-raadgiver")
    assert user.check_password("demo")
