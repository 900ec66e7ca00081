"""Issue 14, point 10: length limits. A 10 000-character name and a 240 000-character
application are refused, in the form (and the browser: ``maxlength``) and in the service, with
a Danish message; every text a form takes has a limit; a name at its longest neither fails
nor widens the page. Fictitious people only."""

import inspect
import pkgutil
import re
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

import bb103.web.forms as form_modules
from bb103.cases import services
from bb103.cases.errors import CaseError
from bb103.cases.models import Application, Case, Citizen, SettlementLine
from bb103.cases.models.limits import LONG_TEXT, SHORT_TEXT
from bb103.cases.selectors.settlement import settlement_page_of
from tests.cases.factories import fictitious_cpr
from tests.cases.settlement_world import attend, hourly_wage, placement_for, weekdays_of

CSS = Path(__file__).resolve().parents[2] / "src/bb103/web/static/web/bb103.css"
LONG_NAME = "Æ" * 10_000
LONG_APPLICATION = ("Jeg søger beskyttet beskæftigelse. " * 6_858).strip()  # 240 029 characters


def _danish(limit: int, length: int) -> str:
    return f"Teksten må højst være {limit} tegn (den er {length})."


@pytest.mark.django_db
def test_point_10_a_10000_character_name_is_refused_in_danish_by_the_form(ballerup, client_for):
    client = client_for(ballerup.caseworker)
    page = client.get(reverse("citizen-create"))
    assert 'maxlength="100"' in page.text  # the browser stops there too
    response = client.post(
        reverse("citizen-create"),
        {"cpr": fictitious_cpr(date(1990, 5, 17)), "first_name": LONG_NAME, "last_name": "Test"},
    )
    assert response.status_code == 200
    assert _danish(100, 10_000) in response.text
    assert not Citizen.objects.filter(last_name="Test").exists()


@pytest.mark.django_db
def test_point_10_a_240000_character_application_is_refused_by_the_form(
    ballerup, citizen_of, client_for
):
    citizen = citizen_of(ballerup)
    response = client_for(ballerup.caseworker).post(
        reverse("application-create", args=[citizen.pk]),
        {
            "received_on": "2025-06-02",
            "channel": "digital",
            "applicant": "citizen",
            "description": LONG_APPLICATION,
        },
    )
    assert response.status_code == 200
    assert _danish(LONG_TEXT, len(LONG_APPLICATION)) in response.text
    assert not Case.objects.filter(citizen=citizen).exists()
    # The page shows the message, not the text sent back whole many times over.
    assert len(response.content) < 2 * len(LONG_APPLICATION.encode())


@pytest.mark.django_db
def test_point_10_the_services_refuse_over_long_text_too(ballerup, citizen_of):
    """The CLI, a script or a later API call the services without a form."""
    with pytest.raises(CaseError) as refused:
        services.citizen_register(
            user=ballerup.caseworker,
            municipality=ballerup.municipality,
            cpr=fictitious_cpr(date(1990, 5, 18)),
            first_name=LONG_NAME,
            last_name="Test",
        )
    assert refused.value.field == "first_name"
    assert refused.value.message == f"Fornavn: {_danish(100, 10_000)}"
    assert not Citizen.objects.filter(last_name="Test").exists()

    citizen = citizen_of(ballerup)
    with pytest.raises(CaseError) as refused:
        services.application_register(
            user=ballerup.caseworker,
            citizen=citizen,
            received_on=date(2025, 6, 2),
            channel="digital",
            description=LONG_APPLICATION,
        )
    assert refused.value.field == "description"
    assert _danish(LONG_TEXT, len(LONG_APPLICATION)) in refused.value.message
    assert not Case.objects.filter(citizen=citizen).exists()
    assert not Application.objects.filter(case__citizen=citizen).exists()


@pytest.mark.django_db
def test_point_10_a_letters_own_text_is_limited_too(world, ballerup):
    """The caseworker's text goes into the letter's data (JSON, which no column guards) and
    into the PDF: refused before anything is rendered."""
    with pytest.raises(CaseError) as refused:
        services.letter_send(
            user=ballerup.caseworker,
            case=world[0],
            kind="decision_grant",
            extra_text="x" * (SHORT_TEXT + 1),
        )
    assert refused.value.field == "extra_text"
    assert _danish(SHORT_TEXT, SHORT_TEXT + 1) in refused.value.message


@pytest.mark.django_db
def test_point_10_a_name_at_its_longest_renders_and_is_settled(ballerup, citizen_of, client_for):
    """Both names at 100 unbroken characters: the citizen page shows them whole, the
    stylesheet wraps them inside the page, and the month is settled (the settlement line
    holds first name, space and last name: 201 characters, refused by PostgreSQL before)."""
    placement = placement_for(ballerup, citizen_of)
    first, last = "A" * 100, "Ø" * 100
    Citizen.objects.filter(pk=placement.case.citizen_id).update(first_name=first, last_name=last)
    page = client_for(ballerup.caseworker).get(reverse("citizen", args=[placement.case.citizen_id]))
    assert page.status_code == 200 and first in page.text and last in page.text
    css = CSS.read_text(encoding="utf-8")
    wrap = re.search(r"([^{}]*)\{[^}]*overflow-wrap:\s*anywhere", css)
    assert wrap and "main" in wrap.group(1) and "header" in wrap.group(1)

    attend(placement, ballerup.caseworker, weekdays_of(date(2025, 9, 1), date(2025, 9, 30)))
    hourly_wage(placement, ballerup.caseworker, "20.00")
    services.settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=date(2025, 9, 1)
    )
    line = SettlementLine.objects.get(placement=placement)
    assert line.citizen_name == f"{first} {last}"
    assert settlement_page_of(ballerup.municipality, date(2025, 9, 1)).lines


def _form_classes() -> list[type[forms.Form]]:
    found = []
    for info in pkgutil.iter_modules(form_modules.__path__):
        module = __import__(f"bb103.web.forms.{info.name}", fromlist=["_"])
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_point_10_every_text_a_form_takes_has_a_limit_and_a_danish_message():
    """Every text field of every form: a ``max_length`` (the form and, as ``maxlength``,
    the browser keep it) and the Danish message beyond it."""
    classes = _form_classes()
    assert len(classes) > 20
    missing = []
    for cls in classes:
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.HiddenInput
            ):
                if field.max_length is None:
                    missing.append(f"{cls.__name__}.{name}: no max_length")
                elif name != "cpr" and "Teksten må højst" not in str(
                    field.error_messages.get("max_length", "")
                ):
                    missing.append(f"{cls.__name__}.{name}: message not Danish")
    assert missing == []


def test_point_10_the_forms_message_names_the_limit_and_the_length():
    from bb103.web.forms.base import LimitedCharField

    field = LimitedCharField(max_length=5)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("abcdefg")
    assert refused.value.messages == [_danish(5, 7)]
