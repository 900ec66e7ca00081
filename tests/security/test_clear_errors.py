"""Issue 14, point 5: inputs that gave a server error now give a clear answer in Danish: a
NUL byte (or another control character) in a letter's text or any step form's field, and a
page number no database takes in ``?side=``."""

from datetime import date

import pytest
from django.urls import reverse

from bb103.cases import services
from bb103.cases.errors import CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import Letter
from bb103.letters.render import LetterDataError, render_html
from tests.cases.factories import granted_case


@pytest.mark.parametrize("text", ["a\x00b", "a\x1bb", "a\x7fb", "a\x85b", "a\ufffeb"])
@pytest.mark.parametrize("preview", [True, False], ids=["preview", "send"])
def test_a_control_character_in_a_letters_text_is_a_form_error(
    roskilde, citizen_of, client_for, text, preview
):
    """Issue 14, point 5: ``extra_text=a%00b``, previewed or sent: the form names the field
    in Danish, nothing is sent, no 500 (Typst failed on the NUL)."""
    case = granted_case(roskilde, citizen_of)
    url = reverse("case-letter", args=[case.pk, "bevilling"])
    body = {"extra_text": text, "request_key": "a" * 32} | ({"vis": "1"} if preview else {})
    response = client_for(roskilde.caseworker).post(url, body)
    assert response.status_code == 200
    if not preview:
        assert "kontroltegn" in response.text
        assert "felt-extra_text" in response.text
    assert not Letter.objects.filter(case=case).exists()


def test_the_letter_layer_refuses_a_control_character_clearly(roskilde, citizen_of):
    """Issue 14, point 5: the service (sending the letter) and the renderer refuse it with a
    clear error naming where, rather than Typst crashing."""
    case = granted_case(roskilde, citizen_of)
    with pytest.raises(CaseError) as refused:
        services.letter_send(
            user=roskilde.caseworker, case=case, kind="decision_grant", extra_text="a\x00b"
        )
    assert refused.value.field == "extra_text" and "kontroltegn" in refused.value.message
    data = letter_data("decision_grant", case, user=roskilde.caseworker, on=date(2025, 4, 2))
    data["recipient"]["name"] = "Ib\x00"
    with pytest.raises(LetterDataError, match=r"data\.recipient\.name"):
        render_html("decision_grant", data)


def test_a_control_character_in_any_step_form_is_named(world, client_for, ballerup):
    """Issue 14, point 5: every step form refuses control characters beside the field."""
    response = client_for(ballerup.caseworker).post(
        reverse("citizen-create"),
        {"cpr": "010190-1234", "first_name": "Ib\x00", "last_name": "Hansen\x01"},
    )
    assert response.status_code == 200
    assert response.text.count("usynligt kontroltegn") >= 2


@pytest.mark.parametrize("side", ["99999999999999999999999", "9" * 5000, "-5", "x", "1e9", "１２"])
def test_a_huge_or_garbled_page_number_is_no_server_error(world, client_for, ballerup, side):
    """Issue 14, point 5: ``/?side=99999999999999999999999`` overflowed the query."""
    response = client_for(ballerup.caseworker).get(reverse("worklist"), {"side": side})
    assert response.status_code == 200


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "9999-12-27"])
def test_a_week_at_the_calendars_end_is_no_server_error(world, client_for, ballerup, week):
    """Issue 14, point 5: the other number a list takes from the address (a workshop's
    week) at the ends of the calendar."""
    _, _, staff = world
    url = reverse("provider-attendance", args=[ballerup.offer.pk])
    assert client_for(staff).get(url, {"uge": week}).status_code < 500


def test_a_database_still_locked_after_its_wait_is_a_danish_503(
    world, client_for, ballerup, monkeypatch
):
    """Issue 14, point 5: SQLite's "database is locked" past the timeout is a 503 in
    Danish with Retry-After, saying nothing was saved; any other database error stays a
    server error."""
    from django.db import OperationalError

    from bb103.cases import selectors

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(selectors, "worklist_for_user", locked)
    response = client_for(ballerup.caseworker).get(reverse("worklist"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Systemet er optaget lige nu. Prøv igen om lidt. Intet er gemt." in response.text

    def broken(**kwargs):
        raise OperationalError("no such table: cases_case")

    monkeypatch.setattr(selectors, "worklist_for_user", broken)
    with pytest.raises(OperationalError):
        client_for(ballerup.caseworker).get(reverse("worklist"))


def test_sqlite_waits_for_the_write_lock(settings):
    """Issue 14, point 5: the SQLite settings wait 20 s for a lock and take it at BEGIN."""
    from bb103.site.settings import _database

    database = _database()
    if "sqlite" not in database["ENGINE"]:
        pytest.skip("DATABASE_URL is set: the SQLite settings are not in use")
    assert database["OPTIONS"] == {"timeout": 20, "transaction_mode": "IMMEDIATE"}
