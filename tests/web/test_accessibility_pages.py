"""Issue 16 (accessibility, WCAG 2.1 AA, which the law on public bodies' websites, lov om
tilgængelighed af offentlige organers websteder og mobilapplikationer, asks of the
municipalities): the menu by role, plain Danish on the login and lockout pages, and the
accessibility statement the law's § 3 asks for."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bb103.letters.lix import lix
from bb103.letters.text import html_blocks
from bb103.web.menu import MENU
from bb103.web.views.accessibility import COMPLAINT_URL

pytestmark = pytest.mark.django_db

MENU_URLS = {reverse(name): label for _, label, name in MENU}
STATEMENT = reverse("accessibility-statement")


def _menu(page: str) -> dict[str, str]:
    """The main menu's links, href -> text."""
    nav = re.search(r'<nav aria-label="Hovedmenu">(.*?)</nav>', page, re.S)
    assert nav, "no main menu"
    return dict(re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1)))


def _users(ballerup, world) -> dict:
    return {
        "caseworker": ballerup.caseworker,
        "manager": ballerup.manager,
        "committee": ballerup.committee,
        "admin": ballerup.admin,
        "provider staff": world[2],
    }


def test_the_menu_is_exactly_the_areas_the_user_may_open(client_for, ballerup, vejen, world):
    """WCAG 2.1 3.2.3 Consistent Navigation and 2.4.5 Multiple Ways: a menu link that ends
    in "Siden findes ikke" misleads. For every role, every link in the menu opens (200),
    and every menu item left out is refused (403/404) or, the work list for provider
    staff, sends them on to a page that is in their menu."""
    for role, user in _users(ballerup, world).items():
        client = client_for(user)
        page = client.get(reverse("providers"))
        assert page.status_code == 200, role
        shown = _menu(page.text)
        assert set(shown) <= set(MENU_URLS), role
        for url, label in MENU_URLS.items():
            response = client.get(url)
            if url in shown:
                assert shown[url] == label
                assert response.status_code == 200, f"{role}: {label} is in the menu"
            elif response.status_code == 302:
                assert response["Location"] in shown, f"{role}: {label} redirects"
            else:
                assert response.status_code in (403, 404), f"{role}: {label} is not in the menu"


def test_each_role_sees_its_own_menu(client_for, ballerup, vejen, world):
    """What the issue named: "Log" and "Opbevaring" only for managers; no "Afregning" for
    provider staff and committee members (the settlement is the caseworkers' and
    managers')."""
    expected = {
        "caseworker": ["Arbejdsliste", "Søg borger", "Tilbud", "Afregning", "Mit tilbud"],
        # Every area but the administrator's (issue 20, point 4).
        "manager": [label for area, label, _ in MENU if area != "administration"],
        "committee": ["Arbejdsliste", "Søg borger", "Tilbud", "Mit tilbud"],
        "admin": ["Arbejdsliste", "Tilbud", "Administration"],
        "provider staff": ["Tilbud", "Mit tilbud"],
    }
    for role, user in _users(ballerup, world).items():
        page = client_for(user).get(reverse("providers")).text
        assert list(_menu(page).values()) == expected[role], role


def test_the_menu_marks_the_page_the_user_is_on(client_for, ballerup):
    """WCAG 2.1 2.4.8 Location (AAA, but cheap): aria-current="page" on the menu's link."""
    page = client_for(ballerup.caseworker).get(reverse("citizen-search")).text
    assert f'<a href="{reverse("citizen-search")}" aria-current="page">Søg borger</a>' in page


def test_a_wrong_password_is_said_plainly(client, ballerup):
    """WCAG 2.1 3.3.1 Error Identification and 3.3.3 Error Suggestion, in words the user
    knows: not Django's "versalfølsomme"."""
    response = client.post(
        reverse("login"), {"username": ballerup.caseworker.username, "password": "forkert"}
    )
    text = " ".join(response.text.split())
    assert "versalfølsomme" not in text
    assert (
        "Brugernavn eller adgangskode er forkert. Husk, at store og små bogstaver skal være "
        "som da du fik dem." in text
    )


def test_an_empty_login_field_is_named_next_to_it(client):
    """WCAG 2.1 3.3.1: an empty field got no message on the page at all before."""
    text = client.post(reverse("login"), {"username": "", "password": ""}).text
    assert 'id="id_username_fejl">Skriv dit brugernavn.</span>' in text
    assert 'aria-describedby="id_username_fejl"' in text
    assert "Skriv din adgangskode." in text


@pytest.mark.parametrize(
    ("cooloff", "words"),
    [(timedelta(minutes=15), "15 minutter"), (timedelta(minutes=1), "1 minut")],
)
def test_the_lockout_says_the_wait_from_the_cool_off_setting(
    client, ballerup, settings, cooloff, words
):
    """Plain Danish, singular and plural, from django-axes' AXES_COOLOFF_TIME: never the
    raw "0:15:00" (issue 16, point 9; already so since issue 14, point 11)."""
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = cooloff
    for _ in range(2):
        locked = client.post(
            reverse("login"), {"username": ballerup.caseworker.username, "password": "x"}
        )
    assert locked.status_code == 429
    text = " ".join(locked.text.split())
    assert f"Prøv igen om {words}," in text
    assert str(cooloff) not in text


def test_the_statement_is_public_and_says_what_the_law_asks(client, world):
    """The law's § 3 and Digitaliseringsstyrelsen's template (was.digst.dk): the status,
    what is not accessible, how it was assessed and when, whom to tell (each
    municipality, from its policy file, with the contact data its administrator changed
    on the administration page: issue 20, point 4), and where to complain. Public, and one
    database query: those changes, for every municipality at once."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(STATEMENT)
    assert response.status_code == 200
    assert len(queries.captured_queries) == 1
    text = " ".join(response.text.split())
    assert "<h1>Tilgængelighedserklæring</h1>" in text
    assert "delvist i overensstemmelse med WCAG 2.1 på niveau AA" in text
    for known_gap in ("skærmlæser", "talestyring", "tvungne farver"):
        assert known_gap in text
    assert "3. december 2026" in text and "axe-core 4.14" in text
    assert "kontakt din kommune" in text
    for name, email in [
        ("Ballerup Kommune", "ss-front@balk.dk"),
        ("Lejre Kommune", "Sikkerjobcenter@lejre.dk"),
        ("Vejen Kommune", None),
    ]:
        assert f"<h3>{name}</h3>" in text
        if email:
            assert f'href="mailto:{email}"' in text
    assert f'<a href="{COMPLAINT_URL}">Klag til Digitaliseringsstyrelsen</a>' in text
    assert world[0].citizen.last_name not in text


def test_the_statement_is_plain_danish():
    """LIX at most 40, as the letters (the statement is read by citizens too)."""
    response = Client().get(STATEMENT)
    assert response.status_code == 200
    page = response.content.decode()
    assert len(html_blocks(page)) > 20  # the whole statement, not an error page
    value = lix(html_blocks(page)).value
    assert value <= 40, f"LIX {value:.1f}"


def test_every_page_links_to_the_statement(client, client_for, ballerup):
    """Linked from the footer of every public page and of every page after login, so it
    is found the same way everywhere (WCAG 2.1 3.2.3)."""
    link = f'<a href="{STATEMENT}">Tilgængelighedserklæring</a>'
    for url in (reverse("standards"), reverse("standard", args=["ballerup", "v1"]), STATEMENT):
        page = client.get(url).text
        assert link in page.split('<footer class="public-footer">')[1], url
    staff = client_for(ballerup.caseworker)
    pages = [client.get(reverse("login"))] + [
        staff.get(reverse(name)) for name in ("worklist", "providers", "retention-report")
    ]
    for page in pages:
        # The 404 page ("Opbevaring" for a caseworker) has the frame's footer too.
        assert link in page.text.split('<footer class="site-footer">')[1], page.request["PATH_INFO"]
