"""The public quality standard pages (issue 5): no login, policy data only, the numbers the
engine uses, a PDF, and Lejre's "Gammel tekst / Ny tekst"."""

import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import bb103.letters.standard
from bb103.rules.policy.registry import PolicyRegistry, data_directory, default_registry
from tests.test_policy_validation import ODSHERRED

pytestmark = pytest.mark.django_db

ALL = [(m.id, v.id) for m in default_registry().municipalities.values() for v in m.versions]


def _engine(mid: str, version: str):
    v = next(x for x in default_registry().municipalities[mid].versions if x.id == version)
    return default_registry().resolve(mid, v.in_force_from)


def test_index_lists_every_municipality_without_login(client):
    page = client.get(reverse("standards"))
    assert page.status_code == 200 and '<html lang="da">' in page.text
    for m in default_registry().municipalities.values():
        assert m.name in page.text
        for v in m.versions:
            assert reverse("standard", args=[m.id, v.id]) in page.text
            assert reverse("standard-pdf", args=[m.id, v.id]) in page.text
    assert reverse("standard-compare", args=["lejre", "gammel-tekst", "ny-tekst"]) in page.text
    assert "Log ud" not in page.text and "Arbejdsliste" not in page.text


@pytest.mark.parametrize(("mid", "version"), ALL)
def test_each_standard_page_and_pdf_states_the_engines_numbers(client, mid, version):
    """The page says what the engine uses for that municipality and version: the decision
    deadline, days per week, follow-up, transport, wage floor, complaint period."""
    p = _engine(mid, version)
    page = client.get(reverse("standard", args=[mid, version]))
    assert page.status_code == 200
    deadline = p.value("decision_deadline")
    for part in (
        f"inden for {deadline.label_da()}"
        if deadline
        else (
            "fastsat af byrådet" if p.value("decision_deadline_by_council") else "ingen fast frist"
        ),
        f"{p.value('days_per_week').min} til {p.value('days_per_week').max} dage om ugen",
        f"mindst hver {p.value('follow_up_months')}. måned",
        f"første {p.value('transport_citizen_km')} km",
        f"mindst {p.value('wage_floor_pct')} %",
        f"inden for {p.value('complaint_period').label_da()}",
    ):
        assert part in page.text, (mid, version, part)
    pdf = client.get(reverse("standard-pdf", args=[mid, version]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("mid", "version", "deadline"),
    [
        ("ballerup", "v1", "30 arbejdsdage"),
        ("vejen", "v1", "6 uger"),
        ("lejre", "ny-tekst", "12 uger"),
        ("lejre", "gammel-tekst", "20 uger"),
    ],
)
def test_decision_deadlines_as_the_standards_give_them(client, mid, version, deadline):
    assert _engine(mid, version).value("decision_deadline").label_da() == deadline
    page = client.get(reverse("standard", args=[mid, version]))
    assert f"Du får en afgørelse inden for {deadline}" in page.text


def test_lejre_comparison_old_and_new_text(client):
    page = client.get(reverse("standard-compare", args=["lejre", "gammel-tekst", "ny-tekst"]))
    assert page.status_code == 200
    assert "Gammel tekst" in page.text and "Ny tekst" in page.text
    assert "20 uger" in page.text and "12 uger" in page.text
    assert "niveau 3 eller 4" in page.text  # the new text's VUM criterion
    assert "Klagemuligheder" not in page.text  # unchanged sections are left out


def test_public_pages_read_no_case_data(client, client_for, world):
    """Not one database query: the pages are made from the policy files only, so no
    citizen, case or user can appear on them, logged in or not."""
    b_case = world[0]
    urls = [
        reverse("standards"),
        reverse("standard-compare", args=["lejre", "gammel-tekst", "ny-tekst"]),
    ]
    urls += [reverse(name, args=[m, v]) for m, v in ALL for name in ("standard", "standard-pdf")]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert queries.captured_queries == [], url
        assert b_case.citizen.last_name not in response.content.decode("utf-8", "replace")
    # A logged-in caseworker gets the same public page, without the case system's menu.
    logged_in = client_for(b_case.caseworker).get(reverse("standards"))
    assert logged_in.status_code == 200 and "Arbejdsliste" not in logged_in.text


def test_unknown_municipality_or_version_is_404_and_pages_are_read_only(client):
    assert client.get("/kvalitetsstandarder/holbaek/v1/").status_code == 404
    assert client.get("/kvalitetsstandarder/ballerup/v9/").status_code == 404
    assert client.get("/kvalitetsstandarder/ballerup/v9/pdf/").status_code == 404
    same = reverse("standard-compare", args=["lejre", "ny-tekst", "ny-tekst"])
    assert client.get(same).status_code == 404
    assert client.post(reverse("standards")).status_code == 405


def test_a_sixth_municipality_is_listed_from_its_policy_file(client, tmp_path, monkeypatch):
    """A sixth municipality is a data file: it appears on the index and has its page."""
    data = tmp_path / "data"
    shutil.copytree(data_directory(), data)
    (data / "policies/odsherred.toml").write_text(ODSHERRED, encoding="utf-8")
    registry = PolicyRegistry.from_directory(data)
    monkeypatch.setattr(bb103.letters.standard, "default_registry", lambda: registry)
    assert "Odsherred Kommune" in client.get(reverse("standards")).text
    page = client.get(reverse("standard", args=["odsherred", "v1"]))
    assert page.status_code == 200 and "Odsherred Kommune" in page.text
