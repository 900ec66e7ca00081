"""The daily sweep's tasks on the work list and the case page, marking one done without
JavaScript and with htmx, the work list's mark for cases waiting for the visitation
committee, and the work list's pages."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases import selectors
from bb103.cases.models import AuditEntry, Case, Role, Task, TaskStatus
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import assess, make_user, open_case, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def swept(world):
    """The world swept today: the Ballerup case's follow-up is overdue."""
    sweep_run(today=timezone.localdate())
    return world


def _task(case) -> Task:
    return Task.objects.filter(case=case, status=TaskStatus.OPEN).order_by("due_on").first()


def test_worklist_shows_own_open_tasks_overdue_first_with_title_and_source(
    client_for, ballerup, swept
):
    b_case = swept[0]
    task = _task(b_case)
    assert task is not None and task.assigned_to == ballerup.caseworker
    text = client_for(ballerup.caseworker).get("/").text
    assert "Opgaver" in text and task.title in text and task.legal_source in text
    assert f'id="opgave-{task.pk}"' in text
    assert reverse("task-complete", args=[task.pk]) in text
    # Overdue tasks come first and say so.
    rows = selectors.worklist_for_user(user=ballerup.caseworker, today=timezone.localdate())
    dues = [t.due_on for t in rows.tasks]
    assert dues == sorted(dues) and dues[0] < timezone.localdate()
    assert "Overskredet med" in text


def test_tasks_are_the_caseworkers_own_the_managers_all_and_not_provider_staffs(
    client_for, ballerup, vejen, swept
):
    task = _task(swept[0])
    other = make_user("ballerup-raadgiver2", ballerup.municipality, Role.CASEWORKER)
    assert task.title not in client_for(other).get("/").text
    assert task.title in client_for(ballerup.manager).get("/").text
    staff = swept[2]
    assert f'id="opgave-{task.pk}"' not in client_for(staff).get("/").text
    assert (
        f'id="opgave-{task.pk}"'
        not in client_for(staff).get(reverse("case", args=[swept[0].pk])).text
    )
    # Another municipality's readers see nothing of it.
    assert task.title not in client_for(vejen.manager).get("/").text


def test_mark_a_task_done_without_javascript(client_for, ballerup, swept):
    b_case = swept[0]
    task = _task(b_case)
    client = client_for(ballerup.caseworker)
    url = reverse("task-complete", args=[task.pk])
    form = client.get(url, {"next": "/"})
    assert form.status_code == 200 and task.title in form.text and 'name="next"' in form.text
    response = client.post(url, {"note": "Mødet er aftalt.", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.completed_by == ballerup.caseworker
    assert task.note == "Mødet er aftalt."
    assert AuditEntry.objects.filter(case=b_case, action="task_complete").exists()
    assert f'id="opgave-{task.pk}"' not in client.get("/").text
    # Done once: a second post says so on the form.
    again = client.post(url, {"next": "/"})
    assert again.status_code == 200 and "allerede udført" in again.text


def test_mark_a_task_done_with_htmx_swaps_the_line(client_for, ballerup, swept):
    task = _task(swept[0])
    url = reverse("task-complete", args=[task.pk])
    client = client_for(ballerup.caseworker)
    response = client.post(url, {"next": "/"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and "udført" in response.text
    again = client.post(url, {"next": "/"}, headers={"HX-Request": "true"})
    assert 'role="alert"' in again.text and "allerede udført" in again.text


def test_task_form_refuses_roles_and_foreign_next_urls(client_for, ballerup, swept):
    task = _task(swept[0])
    url = reverse("task-complete", args=[task.pk])
    # A committee member reads the task but may not mark it done.
    assert client_for(ballerup.committee).post(url, {}).status_code == 403
    response = client_for(ballerup.caseworker).post(url, {"next": "https://example.org/"})
    assert response["Location"] == reverse("case", args=[swept[0].pk])


def test_case_page_shows_its_open_tasks_with_the_form(client_for, ballerup, swept):
    b_case = swept[0]
    task = _task(b_case)
    text = client_for(ballerup.caseworker).get(reverse("case", args=[b_case.pk])).text
    assert task.title in text and reverse("task-complete", args=[task.pk]) in text
    # The running placement still shows (it is joined to the case row now).
    assert "fast kontaktperson" in text
    # A committee member sees the task but gets no button.
    committee = client_for(ballerup.committee).get(reverse("case", args=[b_case.pk])).text
    assert task.title in committee and reverse("task-complete", args=[task.pk]) not in committee


def test_cases_waiting_for_the_committee_are_marked_from_the_policy(
    client_for, ballerup, vejen, citizen_of
):
    waiting = open_case(vejen.caseworker, citizen_of(vejen), received_on=date(2025, 3, 12))
    assess(vejen.caseworker, waiting)
    done = open_case(vejen.caseworker, citizen_of(vejen), received_on=date(2025, 3, 12))
    assess(vejen.caseworker, done)
    reviewed(vejen.committee, done)
    not_yet = open_case(vejen.caseworker, citizen_of(vejen), received_on=date(2025, 3, 12))
    b_case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, b_case)

    today = timezone.localdate()
    marks = {
        c.pk: c.awaits_committee
        for c in selectors.worklist_for_user(user=vejen.caseworker, today=today).cases
    }
    assert marks == {waiting.pk: True, done.pk: False, not_yet.pk: False}
    text = client_for(vejen.caseworker).get("/").text
    assert text.count("Venter på visitationsudvalget") == 1
    # The mark carries the standard's source (Vejen's policy file), not a municipality test.
    assert "Vejen, kvalitetsstandard afsnit 4.1" in text
    # Ballerup's standard has no committee: no mark.
    assert "Venter på visitationsudvalget" not in client_for(ballerup.caseworker).get("/").text

    # The committee member's own list is the cases waiting for the committee.
    member = client_for(vejen.committee)
    own = member.get("/").text
    assert "Sager, der venter på visitationsudvalget" in own
    assert f"/sager/{waiting.pk}/" in own
    assert f"/sager/{done.pk}/" not in own and f"/sager/{not_yet.pk}/" not in own
    assert f"/sager/{done.pk}/" in member.get("/?alle=1").text
    reviewed(vejen.committee, waiting)
    assert f"/sager/{waiting.pk}/" not in member.get("/").text


def test_worklist_is_paged(client_for, ballerup, citizen_of):
    cases = [open_case(ballerup.caseworker, citizen_of(ballerup)) for _ in range(5)]
    today = timezone.localdate()
    first = selectors.worklist_for_user(user=ballerup.caseworker, today=today, page_size=2)
    second = selectors.worklist_for_user(user=ballerup.caseworker, today=today, page_size=2, page=2)
    last = selectors.worklist_for_user(user=ballerup.caseworker, today=today, page_size=2, page=3)
    assert first.has_next and second.has_next and not last.has_next
    seen = [c.pk for c in first.cases + second.cases + last.cases]
    assert sorted(seen) == sorted(c.pk for c in cases)
    client = client_for(ballerup.caseworker)
    assert client.get("/?side=2").status_code == 200
    assert client.get("/?side=x").status_code == 200  # a bad number is page 1
    assert "Næste side" not in client.get("/").text  # 5 cases fit on one page of 50


def test_unassigned_cases_show_on_the_work_list_and_case_page(client_for, ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    Case.objects.filter(pk=case.pk).update(caseworker=None)
    client = client_for(ballerup.caseworker)
    page = client.get("/")
    assert page.status_code == 200 and f"/sager/{case.pk}/" in page.text and "Ingen" in page.text
    assert "rådgiver ingen" in client.get(reverse("case", args=[case.pk])).text


def test_the_case_page_says_why_the_decision_waits_and_shows_a_deviation(
    client_for, vejen, citizen_of
):
    """Vejen's standard, afsnit 4.1 (issue 13): before the committee's review the page
    shows "Træf afgørelse" as blocked with the reason, not as a button the action refuses;
    a decision against the committee's recommendation shows its reason to the caseworker
    and to the committee."""
    from bb103.cases import services
    from tests.cases.factories import heard, make_offer

    case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, case)
    heard(vejen.caseworker, case, days=14)
    page = client_for(vejen.caseworker).get(reverse("case", args=[case.pk])).text
    assert 'data-action-blocked="decision_make"' in page
    assert 'data-action="decision_make"' not in page
    assert "Afventer visitationsudvalget" in page
    reviewed(vejen.committee, case, vejen.offer)
    page = client_for(vejen.caseworker).get(reverse("case", args=[case.pk])).text
    assert 'data-action="decision_make"' in page
    other = make_offer(vejen.admin, vejen.municipality)
    services.decision_make(
        user=vejen.caseworker,
        case=case,
        outcome="grant",
        decided_on=timezone.localdate(),
        offer=other,
        days_per_week=5,
        committee_deviation_reason="Borgeren kan selv cykle til det andet værksted.",
    )
    for user in (vejen.caseworker, vejen.committee):
        page = client_for(user).get(reverse("case", args=[case.pk])).text
        assert "Afgørelsen går imod udvalgets indstilling" in page
        assert "Borgeren kan selv cykle til det andet værksted." in page
    # And on the committee's own list, where its members look.
    listed = client_for(vejen.committee).get(reverse("worklist")).text
    assert "Afgørelser mod visitationsudvalgets indstilling" in listed
    assert "Borgeren kan selv cykle til det andet værksted." in listed
