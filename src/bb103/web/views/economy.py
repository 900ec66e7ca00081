"""The case's transport and tax cards (the caseworker's inputs to the settlement) and its
waiting list entries: a block the case page loads, a page of its own without JavaScript,
and the two forms."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bb103.cases import actions, selectors, services
from bb103.cases.engine.transport import transport_terms
from bb103.web.forms.economy import TaxCardForm, TransportForm
from bb103.web.views.common import render_form, submit


def case_economy(request: HttpRequest, case_id: int) -> HttpResponse:
    """Current and earlier transport and tax cards. The case page loads the block with
    htmx (it stays within its query budget); without JavaScript it links here."""
    today = timezone.localdate()
    economy = selectors.case_economy_for_user(user=request.user, case_id=case_id, today=today)
    municipality = economy.case.municipality_id
    template = "web/case_economy.html"
    if getattr(request, "htmx", False):
        template += "#economy"
    return render(
        request,
        template,
        {
            "economy": economy,
            # Each row's own part in km is the one in force from the row's date.
            "transport_rows": [
                (t, transport_terms(municipality, t.valid_from)) for t in economy.transport
            ],
            "case": economy.case,
            "today": today,
            "may_transport": economy.may_transport,
            "may_tax_card": economy.may_tax_card,
        },
    )


def transport_create(request: HttpRequest, case_id: int) -> HttpResponse:
    today = timezone.localdate()
    economy = selectors.case_economy_for_user(user=request.user, case_id=case_id, today=today)
    case = economy.case
    actions.action("transport_set").require(request.user, case.municipality_id)
    form = TransportForm(request.POST or None, user=request.user, case=case)
    back = reverse("case-economy", args=[case.pk])
    placement = economy.placement
    if placement is None:
        return render_form(
            request,
            {
                "title": "Registrér befordring",
                "form": form,
                "case": case,
                "back_url": back,
                "not_open": "Sagen har ingen beskæftigelse endnu; befordringen registreres, "
                "når beskæftigelsen er startet.",
            },
        )
    response = submit(
        request,
        form,
        lambda kwargs: services.transport_set(user=request.user, placement=placement, **kwargs),
        success=lambda _: back,
        message="Befordringen er registreret.",
    )
    terms = transport_terms(case.municipality_id, today)
    return response or render_form(
        request,
        {
            "title": "Registrér befordring",
            "intro": f"Borgeren betaler selv de første {terms.km_da} hver vej; kommunen betaler "
            "resten ved billigste befordringsmiddel, og borgerens egen udgift er højst "
            f"{terms.cap_da} af nettoindtægten (BEK nr. 483 af 19/05/2011 § 2). En ændring "
            "registreres fra sin dato; de tidligere rækker bliver stående.",
            "form": form,
            "case": case,
            "back_url": back,
        },
    )


def tax_card_create(request: HttpRequest, case_id: int) -> HttpResponse:
    today = timezone.localdate()
    economy = selectors.case_economy_for_user(user=request.user, case_id=case_id, today=today)
    case = economy.case
    actions.action("tax_card_record").require(request.user, case.municipality_id)
    form = TaxCardForm(request.POST or None, user=request.user, case=case)
    back = reverse("case-economy", args=[case.pk])
    response = submit(
        request,
        form,
        lambda kwargs: services.tax_card_record(user=request.user, citizen=case.citizen, **kwargs),
        success=lambda _: back,
        message="Skattekortet er registreret.",
    )
    return response or render_form(
        request,
        {
            "title": "Registrér skattekort",
            "intro": "Nettoindtægten til loftet over borgerens egen befordringsudgift regnes "
            "ud fra skattekortet.",
            "form": form,
            "case": case,
            "back_url": back,
        },
    )
