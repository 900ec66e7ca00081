"""Issue 16, points 2, 3 and 8: every step form ties its help and errors to its fields, sums
its errors up at the top with links to the fields, and says which fields must be filled in
before anything is submitted. The server's side here, on every step form of
web/steps.py; the focus that web/focus.js moves, in Chromium at the end."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases.models import Role, Task, TaskStatus
from bb103.cases.services.sweep import sweep_run
from bb103.web.steps import STEP_VIEWS
from tests.web.test_browser import CHROMIUM, chromium_page

# Attributes whose value is one or more ids of elements on the same page.
IDREF_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
REQUIRED_MARK = "(skal udfyldes)"


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.texts: list[str] = []

    def text(self) -> str:
        return " ".join(
            " ".join(self.texts).split() + [c.text() for c in self.children if c.text()]
        )

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Page(HTMLParser):
    """The page as a tree: enough to follow ids, labels and fieldsets (the standard library
    has no other HTML parser, and the test needs no more)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self._open = self.root
        self.feed(html)
        self.elements = list(self.root.iter())[1:]
        self.by_id = {e.attrs["id"]: e for e in self.elements if e.attrs.get("id")}

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self._open)
        self._open.children.append(element)
        if tag not in VOID:
            self._open = element

    def handle_startendtag(self, tag, attrs):
        self._open.children.append(Element(tag, dict(attrs), self._open))

    def handle_endtag(self, tag):
        node = self._open
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self._open = node.parent

    def handle_data(self, data):
        self._open.texts.append(data)

    def form(self) -> Element:
        return self.by_id["trinformular"]

    def in_fieldset(self, control: Element) -> bool:
        return any(a.tag == "fieldset" for a in control.ancestors())

    def label_of(self, control: Element) -> str:
        """The visible name of a control: its <label for>, or the legend of its fieldset
        (a group of radio buttons or boxes)."""
        fieldset = next((a for a in control.ancestors() if a.tag == "fieldset"), None)
        if fieldset is not None:
            return next(c for c in fieldset.children if c.tag == "legend").text()
        target = control.attrs["id"]
        labels = [e for e in self.elements if e.tag == "label" and e.attrs.get("for") == target]
        assert labels, f"no label for #{control.attrs['id']}"
        return labels[0].text()


def _controls(form: Element) -> list[Element]:
    return [
        e
        for e in form.iter()
        if e.tag in ("input", "select", "textarea")
        and e.attrs.get("type") not in ("hidden", "submit", "button")
    ]


def _user_for(view, ballerup):
    return ballerup.caseworker if Role.CASEWORKER in view.roles else ballerup.committee


def _step_url(case, view) -> str:
    return reverse("case-step", args=[case.pk, view.slug])


def _assert_no_dangling_idrefs(page: Page, where: str) -> None:
    """axe's aria-valid-attr-value: every id an aria-* attribute (or a label's for) names is
    on the page."""
    for element in page.elements:
        for attribute in (*IDREF_ATTRIBUTES, "for"):
            if element.tag != "label" and attribute == "for":
                continue
            for ref in (element.attrs.get(attribute) or "").split():
                assert ref in page.by_id, f"{where}: <{element.tag} {attribute}> names #{ref}"


def _invalid_post(view, user, case) -> dict[str, str]:
    """A control character in every field: StepForm.clean refuses it at each field, so every
    field of every step form has an error, whatever else its service would ask."""
    form = view.form(user=user, case=case)
    return {name: "\x01" for name, field in form.fields.items() if not field.widget.is_hidden}


pytestmark = pytest.mark.django_db

STEPS = pytest.mark.parametrize("view", STEP_VIEWS, ids=[v.slug for v in STEP_VIEWS])


@STEPS
def test_step_form_labels_errors_and_summary(view, client_for, ballerup, world):
    """WCAG 2.1 3.3.2, 1.3.1, 3.3.1, 2.4.3 and 2.4.4 on each step's form, one case world
    for the three checks below (each names its criterion; building the world is most of
    the test's time)."""
    user = _user_for(view, ballerup)
    client = client_for(user)
    _required_fields_are_marked_before_a_submit(view, client, user, world)
    _help_and_errors_are_tied_to_their_fields(view, client, user, world)
    _an_invalid_submit_shows_an_error_summary_linking_to_the_fields(view, client, user, world)


def _help_and_errors_are_tied_to_their_fields(view, client, user, world):
    """WCAG 2.1 1.3.1 Info and Relationships, 3.3.1 Error Identification: each input's
    aria-describedby names the help text and the error shown next to it, by ids that are on
    the page (before and after an invalid submit), and an input with an error is
    aria-invalid."""
    url = _step_url(world[0], view)
    shown = Page(client.get(url).text)
    _assert_no_dangling_idrefs(shown, f"GET {view.slug}")
    response = client.post(url, _invalid_post(view, user, world[0]))
    assert response.status_code == 200, response.status_code
    page = Page(response.text)
    _assert_no_dangling_idrefs(page, f"POST {view.slug}")
    for control in _controls(page.form()):
        described = (control.attrs.get("aria-describedby") or "").split()
        fieldset = next((a for a in control.ancestors() if a.tag == "fieldset"), None)
        if fieldset is not None:
            described = (fieldset.attrs.get("aria-describedby") or "").split()
        name = control.attrs["name"]
        assert control.attrs.get("aria-invalid") == "true", f"{view.slug}: {name} not invalid"
        errors = [page.by_id[i] for i in described if i.endswith("_error")]
        assert errors and "field-error" in errors[0].attrs.get("class", ""), (
            f"{view.slug}: {name}'s error is not in its aria-describedby"
        )


def _an_invalid_submit_shows_an_error_summary_linking_to_the_fields(view, client, user, world):
    """WCAG 2.1 3.3.1 Error Identification, 2.4.3 Focus Order: a failed submit (with and
    without htmx) starts the form with an error summary that can take focus, headed "Der er
    et problem", with one link per error to the invalid input itself, named by its label
    (2.4.4 Link Purpose)."""
    url = _step_url(world[0], view)
    for headers in ({}, {"HX-Request": "true"}):
        page = Page(client.post(url, _invalid_post(view, user, world[0]), headers=headers).text)
        summaries = [e for e in page.elements if "data-error-summary" in e.attrs]
        assert len(summaries) == 1, f"{view.slug}: {len(summaries)} error summaries"
        summary = summaries[0]
        assert summary.attrs.get("tabindex") == "-1"
        assert any(e.attrs.get("role") == "alert" for e in summary.iter())
        assert "Der er et problem" in summary.text()
        # First in the form, so the first thing read after the focus moves to it.
        assert next(c for c in page.form().iter() if c.tag == "div") is summary
        links = [e for e in summary.iter() if e.tag == "a"]
        targets = {a.attrs["href"].removeprefix("#") for a in links}
        fields = {c.attrs["name"] for c in _controls(page.form())}
        assert {page.by_id[t].attrs["name"] for t in targets} == fields, view.slug
        for link in links:
            target = page.by_id[link.attrs["href"].removeprefix("#")]
            assert target.tag in ("input", "select", "textarea"), link.attrs
            assert target.attrs.get("aria-invalid") == "true", link.attrs
            # The link names its field: "Dette felt er påkrævet." alone says nothing.
            label = page.label_of(target).replace(REQUIRED_MARK, "").strip()
            assert link.text().startswith(f"{label}:"), (label, link.text())


def _required_fields_are_marked_before_a_submit(view, client, user, world):
    """WCAG 2.1 3.3.2 Labels or Instructions: the label (or a group's legend) of each
    required field says "(skal udfyldes)" and the input is `required` (a drop-down without
    an empty first choice: aria-required); an optional field says neither. The form stays
    novalidate: the server's Danish messages decide."""
    page = Page(client.get(_step_url(world[0], view)).text)
    form = page.form()
    assert "novalidate" in form.attrs
    fields = view.form(user=user, case=world[0]).fields
    for control in _controls(form):
        required = fields[control.attrs["name"]].required
        label = page.label_of(control)
        assert (REQUIRED_MARK in label) == required, f"{view.slug}: {label!r}"
        if control.attrs.get("type") == "checkbox" and page.in_fieldset(control):
            # A group of boxes: `required` on each would ask for every one; its legend says it.
            continue
        marked = "required" in control.attrs or control.attrs.get("aria-required") == "true"
        assert marked == required, f"{view.slug}: {control.attrs}"


def test_forms_outside_the_steps_tie_their_errors_too(client_for, ballerup, world):
    """WCAG 2.1 3.3.1 Error Identification on a form that is no case step (the citizen's
    application): the same summary and ids, from the same template."""
    client = client_for(ballerup.caseworker)
    url = reverse("application-create", args=[world[0].citizen_id])
    page = Page(client.post(url, {"channel": "brevdue"}).text)
    _assert_no_dangling_idrefs(page, "application")
    summary = next(e for e in page.elements if "data-error-summary" in e.attrs)
    target = next(e for e in summary.iter() if e.tag == "a").attrs["href"][1:]
    assert page.by_id[target].attrs.get("aria-invalid") == "true"


# The browser: where focus is after htmx has swapped a failed form and a task marked done.

PASSWORD = "demo-adgang-123"


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          return {tag: e.tagName.toLowerCase(), cls: e.className, id: e.id,
                  summary: e.hasAttribute("data-error-summary"), role: e.getAttribute("role"),
                  text: e.innerText};
        }"""
    )


# As tests/web/test_browser.py: the system's Chromium, skipped (saying why) without it, the
# SQLite pass of .ci/run only.
@pytest.mark.browser
@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no system Chromium at /usr/bin/chromium (apt-get install -y chromium)",
)
@pytest.mark.django_db(transaction=True)
def test_focus_moves_to_the_error_summary_and_to_the_confirmation(live_server, ballerup, world):
    """WCAG 2.1 2.4.3 Focus Order, 3.3.1 Error Identification, 4.1.3 Status Messages: after
    an invalid htmx submit of a step form focus is on the error summary (not on <body>), a
    link in it focuses its field, and after "Markér som udført" on the work list's tasks
    focus is on the line that says the task is done; without htmx, a failed submit's page
    load puts focus on the summary too. No Content-Security-Policy refusal on the way
    (chromium_page asserts that)."""
    case = world[0]
    sweep_run(today=timezone.localdate())
    task = Task.objects.filter(case=case, status=TaskStatus.OPEN).order_by("due_on").first()
    assert task is not None and task.assigned_to == ballerup.caseworker
    ballerup.caseworker.set_password(PASSWORD)
    ballerup.caseworker.save()
    step = _step_url(case, next(v for v in STEP_VIEWS if v.slug == "opfoelgning"))
    with chromium_page() as page:
        page.goto(f"{live_server.url}{step}")
        page.fill("#id_username", ballerup.caseworker.username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_selector("#trinformular")
        url = page.url
        page.fill("#id_held_on", "")
        page.get_by_role("button", name="Gem").click()
        # A selector with :focus, not wait_for_function: that evaluates a string in the
        # page, which the Content-Security-Policy rightly refuses.
        page.wait_for_selector("[data-error-summary]:focus")
        assert page.url == url  # htmx swapped the form in place: no page load
        focused = _focused(page)
        assert focused["summary"], focused
        assert "Der er et problem" in focused["text"]
        page.locator("[data-error-summary] a").first.click()
        assert _focused(page)["id"] == "id_held_on"
        # Enter in the field: htmx puts the focus back on the new form's field of the same
        # id, and the summary must still win.
        page.fill("#id_held_on", "")
        page.press("#id_held_on", "Enter")
        page.wait_for_selector("[data-error-summary]:focus")
        page.wait_for_timeout(300)  # htmx's settling is over: nothing takes the focus back
        assert _focused(page)["summary"]

        page.goto(f"{live_server.url}/")
        line = f"#opgave-{task.pk}"
        page.locator(line).get_by_role("button", name="Markér som udført").click()
        # The line is a list item; its confirmation inside it is the status that gets focus.
        page.wait_for_selector(f"{line}.met [role=status]:focus")
        focused = _focused(page)
        assert focused["role"] == "status", focused
        assert "udført" in focused["text"]

        # Without htmx (a browser that did not load it) the failed submit is a page load of
        # its own, and focus moves to the summary all the same.
        page.route("**/htmx-2.min.js", lambda route: route.abort())
        page.goto(f"{live_server.url}{step}")
        page.fill("#id_held_on", "")
        page.get_by_role("button", name="Gem").click()
        page.wait_for_selector("[data-error-summary]:focus")
        assert page.evaluate("() => typeof htmx") == "undefined"
