"""The work list's rows and the open tasks are written in Python (templatetags/list_html.py,
issue 21, point 5): what a user typed is escaped there as the template escaped it, the
addresses are reverse()'s, and each task's form carries the page's CSRF token."""

from datetime import date

from django.template import Context
from django.urls import reverse

from bb103.cases.models import Case, Citizen, Deadline, DeadlineKind, Municipality, Task, User
from bb103.web.presenters import DeadlineRow, TaskRow, Urgency
from bb103.web.templatetags.list_html import address, task_list, worklist_rows

HOSTILE = '<script>alert("x")</script>'


def _case() -> Case:
    municipality = Municipality(pk="ballerup", name="Ballerup & Co")
    citizen = Citizen(pk=7, first_name=HOSTILE, last_name="Prøvesen", cpr="010190-1234")
    worker = User(pk=3, username="r<1>", first_name="", last_name="")
    return Case(pk=12345, citizen=citizen, municipality=municipality, caseworker=worker)


def test_addresses_are_those_reverse_gives():
    assert address("case", 12345) == reverse("case", args=[12345])
    assert address("task-complete", 9) == reverse("task-complete", args=[9])


def test_worklist_rows_escape_what_people_typed():
    case = _case()
    deadline = Deadline(kind=DeadlineKind.DECISION, due_on=date(2026, 12, 7))
    html = worklist_rows(
        [
            {
                "case": case,
                "deadlines": [DeadlineRow(deadline, Urgency("soon", "Om 2 arbejdsdage"))],
                "next_step": "Udredning",
                "committee_source": 'SEL § 103 "udvalg"',
            }
        ]
    )
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Prøvesen" in html
    assert f'<a href="{reverse("case", args=[12345])}">' in html
    assert "010190-xxxx · sag 12345" in html
    assert "Ballerup &amp; Co" in html
    assert 'title="SEL § 103 &quot;udvalg&quot;"' in html
    assert '<time datetime="2026-12-07">7. dec. 2026</time>' in html
    # No name: the username, escaped.
    assert '<td data-label="Rådgiver">r&lt;1&gt;</td>' in html


def test_a_case_without_deadlines_or_caseworker_says_so():
    case = _case()
    case.caseworker = None
    row = {"case": case, "deadlines": [], "next_step": "", "committee_source": None}
    html = worklist_rows([row])
    assert '<ul class="deadlines"><li>Ingen åbne frister</li></ul>' in html
    assert '<td data-label="Rådgiver">Ingen</td>' in html


def test_each_task_form_carries_the_csrf_token_and_the_way_back():
    case = _case()
    task = Task(pk=5, case=case, title=HOSTILE, due_on=date(2026, 12, 7), legal_source="")
    context = Context(
        {
            "task_rows": [TaskRow(task, Urgency("overdue", "Overskredet med 1 dag"))],
            "show_case": True,
            "can_complete": True,
            "next_url": '/?a=1&b="2"',
            "csrf_token": "TOKEN123",
        }
    )
    html = task_list(context)
    assert HOSTILE not in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="TOKEN123">' in html
    assert '<input type="hidden" name="next" value="/?a=1&amp;b=&quot;2&quot;">' in html
    assert f'action="{reverse("task-complete", args=[5])}"' in html
    assert 'id="opgave-5"' in html and 'hx-target="#opgave-5"' in html


def test_tasks_without_the_right_to_complete_have_no_form():
    case = _case()
    task = Task(pk=5, case=case, title="Ring", due_on=date(2026, 12, 7), legal_source="§ 103")
    context = Context(
        {"task_rows": [TaskRow(task, Urgency("later", "Senere"))], "csrf_token": "TOKEN123"}
    )
    html = task_list(context)
    assert "<form" not in html and "TOKEN123" not in html
    assert '<span class="sources">§ 103</span>' in html
