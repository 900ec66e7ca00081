"""Issue 16: WCAG 2.1 AA on every page, proven with axe-core in the system's Chromium.

Lov om tilgængelighed af offentlige organers websteder og mobilapplikationer binds the
staff screens as well as the public pages to WCAG 2.1 AA. For each role (caseworker,
manager, committee member, administrator, provider staff, a visitor without login) the
test visits every URL pattern of the site with a case, citizen, letter, task, placement and
month of that role's municipality in it, plus the states a page has only after something
happened: a form with errors, a flash message after an action, an empty work list, and the
second-factor pages. Each page state is checked by axe-core 4.14.1 (vendored in
tests/web/vendor/axe-core, MPL-2.0, never fetched) against the rules tagged wcag2a, wcag2aa,
wcag21a and wcag21aa; any violation fails the test, which prints how many page states it
scanned. A page that answers 403 or 404 is scanned once per role (it is one template).

The same browser checks that no page of each kind scrolls sideways at 320 px (1.4.10
Reflow), that focus lands on the error summary after an invalid htmx submit (2.4.3 Focus
Order, 3.3.1 Error Identification), and that the menu offers only what the role may open.

It drives the system's Chromium (``apt-get install chromium``; .ci/run installs it); the
Playwright package never downloads a browser. Without one the test is skipped, saying why.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from bb103.cases import services
from tests.web import chromium
from tests.web.test_browser import IN_CHROMIUM
from tests.web.test_isolation import _patterns, _task_on, _urls_for

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = IN_CHROMIUM

# axe.run in the page; only the violations, each with a few of its nodes.
_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
    // The stylesheet is the page's own, already loaded: no second fetch of it per page.
    preload: false, iframes: false,
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


class Scanner:
    """One browser context logged in as one user: visits pages and runs axe on each."""

    def __init__(self, page, base: str, who: str, known: dict[str, int] | None = None) -> None:
        self.page, self.base, self.who = page, base, who
        # Statuses learnt beforehand without a browser (``_statuses``): an error page
        # already scanned, or a file, is then not loaded again.
        self.known = known or {}
        self.scanned = 0
        self.failures: list[str] = []
        self._error_pages: set[int] = set()
        # Every status this scanner has seen, so the menu's check loads no page twice.
        self.seen: dict[str, int] = {}
        # The pages also measured at 320 px (``_reflow``), in the same visit as the scan:
        # a second load of each cost a fifth of the test's time.
        self.reflow: set[str] = set()

    def visit(self, path: str) -> int:
        """The page's status; 0 where the answer is a file, not a page (a PDF letter, a
        CSV or XLSX export, an attachment: checked elsewhere, tests/letters for PDF)."""
        try:
            response = self.page.goto(f"{self.base}{path}")
        except Exception as exc:  # Playwright's Error: the browser began a download
            if "Download is starting" in str(exc):
                return 0
            raise
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            self.seen[path] = 0
            return 0
        self.seen[path] = response.status
        return response.status

    def scan(self, label: str) -> None:
        violations = self.page.evaluate(_RUN_AXE, WCAG_TAGS)
        self.scanned += 1
        for v in violations:
            self.failures.append(
                f"{self.who} · {label}: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
            )

    def check(self, path: str) -> int:
        """Visit and scan; an error page (403/404) once per role."""
        known = self.known.get(path)
        if known == 0 or (known is not None and known != 200 and known in self._error_pages):
            return known
        status = self.visit(path)
        if status != 200:
            self.reflow.discard(path)
        if status == 0:
            return status
        if status != 200:
            if status in self._error_pages:
                return status
            self._error_pages.add(status)
        self.scan(f"{path} [{status}]")
        if status == 200 and path in self.reflow:
            _fits_320(self, path)
        return status


@contextmanager
def browser(base: str):
    """A factory of pages, each logged in with a session (or none), with axe-core injected
    into every page before the page's own scripts. The Content-Security-Policy (which
    rightly refuses that) is bypassed for the scan only; tests/web/test_browser.py checks
    the policy."""
    with chromium.launch() as launched:
        yield lambda session, width=1280: chromium.page_as(
            launched, base, session, width=width, timeout_ms=15_000, bypass_csp=True,
            init_script=AXE,
        )  # fmt: skip


_session = chromium.session_of


def _statuses(user, paths: list[str]) -> dict[str, int]:
    """Each path's status for ``user`` through Django's test client (0: a file, not a
    page), asked before the browser runs (Django refuses the ORM inside its event loop).
    A role that may open few of the pages then loads only those, and one page per error
    status, in the browser."""
    client = Client()
    if user is not None:
        client.force_login(user)
    found = {}
    for path in paths:
        response = client.get(path)
        page = response.get("Content-Type", "").startswith("text/html")
        found[path] = response.status_code if page else 0
    return found


def _plain_urls() -> list[str]:
    """Every URL pattern without a parameter (work list, tasks, search, …), but logout."""
    return [
        reverse(p.name)
        for p in _patterns()
        if not p.pattern.regex.groupindex and p.name not in ("logout",)
    ]


def _setup(world, ballerup):
    """The pages' objects, all in Ballerup: a placed case with a letter and a task."""
    b_case, _, provider_staff = world
    letter = services.letter_send(user=ballerup.caseworker, case=b_case, kind="decision_grant")
    task = _task_on(b_case)
    urls = _urls_for(b_case, b_case.citizen, letter, task)
    public = [
        reverse("standards"),
        reverse("standard", args=["ballerup", "v1"]),
        reverse("standard-compare", args=["lejre", "gammel-tekst", "ny-tekst"]),
        reverse("accessibility-statement"),
        reverse("login"),
    ]
    return b_case, provider_staff, urls, public


ROLES = ["caseworker", "manager", "committee", "admin", "provider_staff", "anonymous"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_state_meets_wcag_21_aa(live_server, world, ballerup, lejre, role, settings):
    """WCAG 2.1 A and AA (axe-core rules wcag2a, wcag2aa, wcag21a, wcag21aa) on every URL
    pattern for the role, and on its error, empty, flash-message and second-factor states.
    Prints the count of page states scanned."""
    b_case, provider_staff, case_urls, public = _setup(world, ballerup)
    user = {
        "caseworker": ballerup.caseworker,
        "manager": ballerup.manager,
        "committee": ballerup.committee,
        "admin": ballerup.admin,
        "provider_staff": provider_staff,
        "anonymous": None,
    }[role]
    if role == "provider_staff":
        # Ballerup's placed case is at this provider: its placement pages are theirs.
        provider_staff.memberships.update(provider=ballerup.offer.provider)
    cookie = None if user is None else _session(user)
    plain = [] if user is None else _plain_urls() + case_urls
    empty_cookie = _session(lejre.caseworker) if role == "caseworker" else None
    # The caseworker may open nearly every page: asking first would only double the work.
    known = {} if role == "caseworker" else _statuses(user, public + plain)
    with browser(live_server.url) as new_page:
        scanner = Scanner(new_page(cookie), live_server.url, role, known)
        scanner.reflow = _reflow_paths(scanner, [*public[:3], *plain])
        for path in public:
            scanner.check(path)
        for path in plain:
            scanner.check(path)
        _reflow_rest(scanner)
        if user is not None:
            _menu_opens(scanner)
        if role == "admin":
            _admin_states(scanner, ballerup)
        if role == "caseworker":
            _states(scanner, b_case)
            empty = Scanner(new_page(empty_cookie), live_server.url, "tom arbejdsliste")
            empty.check(reverse("worklist"))
            # The second factor: with it required, a user without a device is sent to
            # set one up, and the code page asks for the code.
            settings.BB103_REQUIRE_OTP = True
            empty.check(reverse("second-factor-setup"))
            empty.check(reverse("second-factor"))
            scanner.scanned += empty.scanned
            scanner.failures += empty.failures
    print(f"\naxe-core {role}: {scanner.scanned} sidetilstande scannet")
    assert not scanner.failures, "\n".join(scanner.failures)


def _admin_states(scanner: Scanner, ballerup) -> None:
    """Issue 20, point 4: a form with errors, and the page that shows a new enrolment code
    once (the answer to the post, not a page of its own URL)."""
    page = scanner.page
    scanner.visit(reverse("admin-contact", args=["ballerup"]))
    page.fill("#id_web", "kommune.dk")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_selector(".error-summary")
    scanner.scan("kontaktoplysninger med fejl")
    scanner.visit(reverse("admin-user-second-factor", args=["ballerup", ballerup.caseworker.pk]))
    page.get_by_role("button", name="Nulstil og vis kode").click()
    page.wait_for_selector("code")
    scanner.scan("ny tilknytningskode vist én gang")


def _menu_opens(scanner: Scanner) -> None:
    """The menu shows only what the role may open: every item answers 200 for the role."""
    scanner.visit(reverse("worklist"))
    links = scanner.page.eval_on_selector_all(
        'nav[aria-label="Hovedmenu"] a', "links => links.map(a => a.getAttribute('href'))"
    )
    for href in links:
        if href == reverse("logout"):
            continue
        status = scanner.seen.get(href)
        if status is None:
            status = scanner.visit(href)
        if status not in (0, 200):
            scanner.failures.append(f"{scanner.who} · menuen viser {href}, som giver {status}")


# One page of each kind: the first URL of each pattern's first path segment.
def _kinds(paths: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for path in paths:
        parts = [p for p in path.split("/") if p and not p.isdigit()]
        seen.setdefault("/".join(parts[:2]), path)
    return list(seen.values())


def _reflow_paths(scanner: Scanner, paths: list[str]) -> set[str]:
    """One page of each kind that the role may open, to be measured at 320 px."""
    return set(_kinds([p for p in paths if scanner.known.get(p, 200) == 200]))


def _fits_320(scanner: Scanner, path: str) -> None:
    """WCAG 2.1 1.4.10 Reflow: at 320 CSS px the page (already loaded) does not scroll
    sideways."""
    page = scanner.page
    scanner.reflow.discard(path)
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        if wide > 320:
            scanner.failures.append(f"{scanner.who} · {path}: {wide} px bred ved 320 px")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def _reflow_rest(scanner: Scanner) -> None:
    """The pages of the reflow check that the scans did not load (an error page's
    second URL is not scanned again, so it is loaded here)."""
    for path in sorted(scanner.reflow):
        if scanner.visit(path) == 200:
            _fits_320(scanner, path)


def _states(scanner: Scanner, case) -> None:
    """A form with errors (an invalid htmx submit: a follow-up dated before the placement
    started) and, after a step is taken, the case page with its flash message."""
    page = scanner.page
    scanner.visit(reverse("case-step", args=[case.pk, "opfoelgning"]))
    page.fill("#id_held_on", "2000-01-01")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_selector(".error-summary")
    # WCAG 2.1 2.4.3 and 3.3.1: after the invalid htmx submit focus is on the summary.
    focused = page.evaluate("() => document.activeElement.closest('.error-summary') !== null")
    if not focused:
        scanner.failures.append(f"{scanner.who} · fokus er ikke på fejlopsummeringen")
    scanner.scan("opfølgning med fejl")
    page.fill("#id_held_on", "2025-06-02")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_selector(".messages")
    scanner.scan("sagen efter en opfølgning (besked)")
