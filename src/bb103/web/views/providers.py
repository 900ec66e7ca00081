from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bb103.cases import actions, selectors, services
from bb103.cases.errors import AccessDenied
from bb103.web.forms.providers import OfferForm, OfferPriceForm, ProviderCvrForm, ProviderForm
from bb103.web.views.common import render_form, submit


def provider_list(request: HttpRequest) -> HttpResponse:
    """The catalogue per municipality: providers and offers with occupancy, waiting list,
    prices and a warning where the registry data is more than a year old."""
    today = timezone.localdate()
    catalogue = selectors.catalogue_for_user(user=request.user, today=today)
    return render(request, "web/providers.html", {"catalogue": catalogue, "today": today})


def provider_create(request: HttpRequest) -> HttpResponse:
    """A new provider, with its CVR number, in a municipality where the user is an
    administrator."""
    form = ProviderForm(request.POST or None, user=request.user)
    if not form.fields["municipality"].queryset.exists():
        raise AccessDenied("Du har ikke adgang til at registrere en leverandør.")
    back = reverse("providers")
    response = submit(
        request,
        form,
        lambda kwargs: services.provider_register(user=request.user, **kwargs),
        success=lambda _: back,
        message="Leverandøren er registreret.",
    )
    return response or render_form(
        request, {"title": "Registrér leverandør", "form": form, "back_url": back}
    )


def provider_cvr(request: HttpRequest, provider_id: int) -> HttpResponse:
    """Register or correct a provider's CVR number (the finance file pays it by it)."""
    provider = selectors.provider_get_for_user(user=request.user, provider_id=provider_id)
    actions.action("provider_cvr_set").require(request.user, provider.municipality_id)
    form = ProviderCvrForm(request.POST or None, user=request.user, initial={"cvr": provider.cvr})
    back = reverse("providers")
    response = submit(
        request,
        form,
        lambda kwargs: services.provider_cvr_set(user=request.user, provider=provider, **kwargs),
        success=lambda _: back,
        message=f"CVR-nummeret for »{provider.name}« er registreret.",
    )
    return response or render_form(
        request,
        {
            "title": f"CVR-nummer: {provider.name}",
            "intro": "En bogføringsfil, der allerede er dannet, beholder det nummer, den blev "
            "dannet med; den ændres aldrig.",
            "form": form,
            "back_url": back,
        },
    )


def offer_create(request: HttpRequest) -> HttpResponse:
    """A new offer at one of the providers where the user is an administrator."""
    form = OfferForm(request.POST or None, user=request.user)
    if not form.fields["provider"].queryset.exists():
        raise AccessDenied("Du har ikke adgang til at registrere et tilbud.")
    back = reverse("providers")

    def call(kwargs):
        provider = kwargs.pop("provider")
        return services.offer_register(user=request.user, provider=provider, **kwargs)

    response = submit(
        request, form, call, success=lambda _: back, message="Tilbuddet er registreret."
    )
    return response or render_form(
        request, {"title": "Registrér tilbud", "form": form, "back_url": back}
    )


def offer_update(request: HttpRequest, offer_id: int) -> HttpResponse:
    # 404 for an offer the user may not see, before the role is checked (403).
    offer = selectors.offer_get_for_user(user=request.user, offer_id=offer_id)
    actions.action("offer_update").require(request.user, offer.provider.municipality_id)
    form = OfferForm(request.POST or None, user=request.user, offer=offer)
    back = reverse("providers")
    response = submit(
        request,
        form,
        lambda kwargs: services.offer_update(user=request.user, offer=offer, **kwargs),
        success=lambda _: back,
        message=f"»{offer.name}« er opdateret.",
    )
    return response or render_form(
        request, {"title": f"Ret tilbud: {offer.name}", "form": form, "back_url": back}
    )


def offer_price(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(user=request.user, offer_id=offer_id)
    actions.action("offer_price_set").require(request.user, offer.provider.municipality_id)
    form = OfferPriceForm(request.POST or None, user=request.user)
    back = reverse("providers")
    response = submit(
        request,
        form,
        lambda kwargs: services.offer_price_set(user=request.user, offer=offer, **kwargs),
        success=lambda _: back,
        message=f"Ny takst for »{offer.name}« er registreret.",
    )
    return response or render_form(
        request,
        {
            "title": f"Ny takst: {offer.name}",
            "intro": "En takst ændres aldrig: en ny takst gælder fra sin dato, og de tidligere "
            "bliver stående, så afregnede måneder kan genskabes.",
            "form": form,
            "back_url": back,
        },
    )
