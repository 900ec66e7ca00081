"""Issue 16: the messages' list markup (WCAG 2.1 1.3.1), read from the HTML."""

from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases.models import Role, Task, TaskStatus
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import assess, make_user, open_case, running_placement


@pytest.fixture
def screens(ballerup, lejre, citizen_of):
    """Cases with open deadlines and overdue tasks (the sweep), one of them assessed, and
    a running placement at Ballerup's offer, which its provider staff see."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup), received_on=date(2025, 3, 10))
    assess(ballerup.caseworker, case)
    for _ in range(2):
        open_case(ballerup.caseworker, citizen_of(ballerup))
    placement = running_placement(ballerup, citizen_of)
    sweep_run(today=timezone.localdate())
    task = Task.objects.filter(case=case, status=TaskStatus.OPEN).first()
    assert task is not None, "the sweep gives the case a task"
    staff = make_user(
        "ballerup-vaerksted", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    return case, task, staff, placement


class _ListParents(HTMLParser):
    """Every <li>'s parent element, and the elements that carry role="status"."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.li_parents: list[tuple[str, dict]] = []
        self.status: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li":
            self.li_parents.append(self.stack[-1] if self.stack else ("", {}))
        if attrs.get("role") == "status":
            self.status.append((tag, attrs))
        if tag not in {"br", "input", "meta", "link", "img", "hr"}:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


@pytest.mark.django_db
def test_messages_are_a_valid_list_inside_a_live_region(client_for, ballerup, screens):
    """WCAG 2.1 1.3.1 Info and Relationships (axe "listitem"): a message's <li> sits in a
    plain <ul>; the live region (WCAG 2.1 4.1.3 Status Messages) is the element around it,
    since role="status" on the <ul> took away the list its items belong to."""
    case, task, *_ = screens
    client = client_for(ballerup.caseworker)
    done = client.post(
        reverse("task-complete", args=[task.pk]),
        {"next": reverse("case", args=[case.pk]), "note": "Ringet op."},
        follow=True,
    )
    assert "Opgaven er markeret som udført" in done.text, done.text[:2000]
    parsed = _ListParents()
    parsed.feed(done.text)
    messages = [
        (tag, attrs) for tag, attrs in parsed.li_parents if "messages" in attrs.get("class", "")
    ]
    assert messages and all(tag == "ul" and "role" not in attrs for tag, attrs in messages)
    assert any("messages-region" in attrs.get("class", "") for _, attrs in parsed.status)
