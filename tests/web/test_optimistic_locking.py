"""Issue 7 point 6, "nothing lost": optimistic locking on case edits. Two caseworkers open
the same case's step form; the first save goes through, the second is told who changed the
case and when, and nothing of it is written. And every step is atomic: a step that fails
after its first write leaves no row behind."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases import services
from bb103.cases.errors import CaseError
from bb103.cases.models import AuditEntry, AuditKind, FollowUp, Role, TransportArrangement
from tests.cases.factories import make_user

pytestmark = pytest.mark.django_db


def _colleague(ballerup):
    user = make_user("ballerup-raadgiver-2", ballerup.municipality, Role.CASEWORKER)
    user.first_name, user.last_name = "Bente", "Kollega"
    user.save()
    return user


def _writes(case) -> int:
    return AuditEntry.objects.filter(case=case, kind=AuditKind.WRITE).count()


def test_second_save_of_a_stale_step_form_is_refused_and_names_who(client_for, ballerup, world):
    """Two clients open the follow-up form on the same case; the second save is refused
    with a Danish message naming the colleague and the time, and nothing is overwritten."""
    case = world[0]
    today = timezone.localdate().isoformat()
    first, second = client_for(_colleague(ballerup)), client_for(ballerup.caseworker)
    url = reverse("case-step", args=[case.pk, "opfoelgning"])
    version = case.version
    for client in (first, second):
        page = client.get(url).text
        assert f'name="expected_version" value="{version}"' in page
    data = {"held_on": today, "vum_level": "2", "expected_version": version}
    assert first.post(url, {**data, "notes": "Første referat."}).status_code == 302
    writes = _writes(case)
    response = second.post(url, {**data, "notes": "Andet referat."})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sagen er blevet ændret af Bente Kollega" in text
    assert "Genindlæs sagen" in text
    assert list(FollowUp.objects.filter(case=case).values_list("notes", flat=True)) == [
        "Første referat."
    ]
    case.refresh_from_db()
    assert case.version == version + 1
    assert _writes(case) == writes
    # Reloaded, the form carries the new version and the save goes through.
    assert f'name="expected_version" value="{version + 1}"' in second.get(url).text
    ok = second.post(url, {**data, "notes": "Andet referat.", "expected_version": version + 1})
    assert ok.status_code == 302
    assert FollowUp.objects.filter(case=case).count() == 2


def test_stale_transport_form_is_refused(client_for, ballerup, world):
    """The economy page's transport form edits the case too: the same check applies."""
    case = world[0]
    url = reverse("transport-create", args=[case.pk])
    first, second = client_for(_colleague(ballerup)), client_for(ballerup.caseworker)
    version = case.version
    assert f'name="expected_version" value="{version}"' in second.get(url).text
    data = {"mode": "per_km", "one_way_km": "12", "price_per_km": "3,51"}
    data["expected_version"] = version
    assert first.post(url, {**data, "valid_from": "2025-05-01"}).status_code == 302
    response = second.post(url, {**data, "valid_from": "2025-06-01"})
    assert response.status_code == 200
    assert "Sagen er blevet ændret af Bente Kollega" in response.content.decode()
    assert TransportArrangement.objects.filter(placement__case=case).count() == 1


def test_service_refuses_a_stale_version_and_writes_nothing(ballerup, world):
    case = world[0]
    version = case.version
    services.follow_up_record(
        user=ballerup.caseworker, case=case, held_on=timezone.localdate(), expected_version=version
    )
    assert case.version == version + 1
    writes = _writes(case)
    with pytest.raises(CaseError) as caught:
        services.follow_up_record(
            user=ballerup.caseworker,
            case=case,
            held_on=timezone.localdate(),
            expected_version=version,
        )
    assert caught.value.field == "version"
    assert FollowUp.objects.filter(case=case).count() == 1
    assert _writes(case) == writes
    case.refresh_from_db()
    assert case.version == version + 1


def test_every_step_adds_one_to_the_version(ballerup, world):
    """A step without a form (expected_version None) is not checked but still counts, so
    a form open meanwhile is refused."""
    case = world[0]
    before = case.version
    services.follow_up_record(user=ballerup.caseworker, case=case, held_on=timezone.localdate())
    case.refresh_from_db()
    assert case.version == before + 1
    assert before >= 4  # assessed, heard (draft + hearing), granted, placed


def test_a_step_failing_after_its_first_write_leaves_nothing(ballerup, world, monkeypatch):
    """Every transition is atomic: the follow-up row is written, then the deadline
    recomputation fails; the row, the version and the audit entry are all rolled back."""
    case = world[0]
    version, writes = case.version, _writes(case)

    def broken(**kwargs):
        assert FollowUp.objects.filter(case=case).exists()  # the first write happened
        raise RuntimeError("simulated failure after the first write")

    monkeypatch.setattr("bb103.cases.actions.base.deadlines_recompute", broken)
    with pytest.raises(RuntimeError):
        services.follow_up_record(user=ballerup.caseworker, case=case, held_on=timezone.localdate())
    assert not FollowUp.objects.filter(case=case).exists()
    assert _writes(case) == writes
    case.refresh_from_db()
    assert case.version == version


def test_a_transport_step_failing_midway_leaves_nothing(ballerup, world, monkeypatch):
    """The same for a step outside the case page: the transport row is rolled back."""
    case = world[0]
    placement = case.placements.get()

    def broken(**kwargs):
        raise RuntimeError("simulated failure after the first write")

    monkeypatch.setattr("bb103.cases.actions.base.audit_write", broken)
    with pytest.raises(RuntimeError):
        services.transport_set(
            user=ballerup.caseworker,
            placement=placement,
            valid_from=date(2025, 5, 1),
            mode="per_km",
            one_way_km=Decimal(12),
            price_per_km=Decimal("3.51"),
        )
    assert not TransportArrangement.objects.filter(placement=placement).exists()
