"""The administration screens (issue 20, point 4): the municipality's users and their
roles, its system clients for the API, its contact data, and links to the providers'
catalogue, whose forms are in :mod:`.providers`.

Each view reads the municipality through the scoped selector (404 where the user holds no
role there) and asks the action before anything else (403 for another role), then calls
the service, which asks again and writes the audit entry. A new key, password or
enrolment code is shown once, in the answer to the POST that made it, never cached and
never carried by a redirect: only its hash is kept, so it cannot be shown again."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from bb103.cases import actions, services
from bb103.cases.errors import CaseError
from bb103.cases.models import Municipality
from bb103.cases.selectors.administration import (
    administration_for_user,
    api_client_for_admin,
    contact_override_of,
    member_for_admin,
    memberships_of,
    municipality_for_admin,
)
from bb103.web.forms.administration import (
    ClientRegisterForm,
    ConfirmForm,
    ContactForm,
    KeyRotateForm,
    RoleAddForm,
    RoleRemoveForm,
    UserCreateForm,
)
from bb103.web.forms.base import StepForm

FORM = "web/administration_form.html"


def _municipality(request: HttpRequest, municipality: str, action: str) -> Municipality:
    """404 where the user holds no role in the municipality, 403 where the action's role
    is not theirs there."""
    found = municipality_for_admin(user=request.user, municipality_id=municipality)
    actions.action(action).require(request.user, found.pk)
    return found


def _home(municipality: Municipality) -> str:
    return f"{reverse('administration')}#kommune-{municipality.pk}"


def _run(form: StepForm, call) -> Any:
    """The service's result for a valid POST; None when the form or the service refused
    (the errors are then on the form)."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return call(form.service_kwargs())
    except CaseError as exc:
        form.add_service_error(exc)
        return None


def _form(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, FORM, context)


def _shown_once(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The page with a secret on it: in the POST's own answer, never stored by a browser
    or a proxy (Cache-Control: no-store)."""
    response = render(request, "web/administration_secret.html", context)
    add_never_cache_headers(response)
    return response


def administration(request: HttpRequest) -> HttpResponse:
    """Each municipality the user administers; 404 for anyone who administers none."""
    pages = administration_for_user(user=request.user)
    return render(request, "web/administration.html", {"pages": pages})


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# -- users ------------------------------------------------------------------------------
def user_create(request: HttpRequest, municipality: str) -> HttpResponse:
    m = _municipality(request, municipality, "user_create")
    form = UserCreateForm(_posted(request), user=request.user, municipality=m)
    created = _run(
        form, lambda kwargs: services.user_create(user=request.user, municipality=m, **kwargs)
    )
    if created is not None:
        return _shown_once(
            request,
            {
                "title": f"Brugeren {created.user.username} er oprettet",
                "municipality": m,
                "intro": "Giv brugeren brugernavn, adgangskode og tilknytningskode personligt "
                "eller ad to forskellige veje (fx adgangskoden på papir og koden i telefonen). "
                "Brugeren vælger sin egen adgangskode, når de er logget ind, og knytter sin "
                "godkendelsesapp til med tilknytningskoden.",
                "secrets": [
                    ("Brugernavn", created.user.username),
                    ("Første adgangskode", created.password),
                    ("Tilknytningskode til godkendelsesappen", created.code.code),
                ],
                "expires_at": created.code.expires_at,
                "back_url": reverse("admin-user", args=[m.pk, created.user.pk]),
                "back_label": "Til brugeren",
            },
        )
    return _form(
        request,
        {
            "title": f"Opret bruger i {m.name}",
            "form": form,
            "button": "Opret bruger",
            "back_url": _home(m),
        },
    )


def user_detail(request: HttpRequest, municipality: str, user_id: int) -> HttpResponse:
    m = _municipality(request, municipality, "user_role_add")
    member = member_for_admin(municipality=m, user_id=user_id)
    return render(
        request,
        "web/administration_user.html",
        {
            "municipality": m,
            "member": member,
            "memberships": memberships_of(municipality=m, member=member),
            "role_form": RoleAddForm(user=request.user, municipality=m),
            "is_self": member.pk == request.user.pk,
            "back_url": _home(m),
        },
    )


def _member_step(
    request: HttpRequest, municipality: str, user_id: int, action: str
) -> tuple[Municipality, Any, str]:
    m = _municipality(request, municipality, action)
    member = member_for_admin(municipality=m, user_id=user_id)
    return m, member, reverse("admin-user", args=[m.pk, member.pk])


def _name(member) -> str:
    return member.get_full_name() or member.username


def user_role_add(request: HttpRequest, municipality: str, user_id: int) -> HttpResponse:
    m, member, back = _member_step(request, municipality, user_id, "user_role_add")
    form = RoleAddForm(_posted(request), user=request.user, municipality=m)
    done = _run(
        form,
        lambda kwargs: services.user_role_add(
            user=request.user, municipality=m, target=member, **kwargs
        ),
    )
    if done is not None:
        messages.success(request, f"{_name(member)} har fået rollen {done.get_role_display()}.")
        return redirect(back)
    return _form(
        request,
        {"title": f"Giv {_name(member)} en rolle", "form": form, "button": "Giv rollen",
         "back_url": back},
    )  # fmt: skip


def user_role_remove(request: HttpRequest, municipality: str, user_id: int) -> HttpResponse:
    m, member, back = _member_step(request, municipality, user_id, "user_role_remove")
    held = memberships_of(municipality=m, member=member)
    form = RoleRemoveForm(_posted(request), user=request.user, memberships=held)
    done = _run(
        form,
        lambda kwargs: (
            services.user_role_remove(user=request.user, municipality=m, target=member, **kwargs)
            or True
        ),
    )
    if done is not None:
        messages.success(request, f"Rollen er fjernet fra {_name(member)}.")
        left = len(held) > 1
        return redirect(back if left else _home(m))
    return _form(
        request,
        {
            "title": f"Fjern en rolle fra {_name(member)}",
            "intro": f"Rollen fjernes kun i {m.name}. Fjerner du brugerens sidste rolle, "
            "har brugeren ikke længere adgang til noget i kommunen.",
            "form": form,
            "button": "Fjern rollen",
            "back_url": back,
        },
    )


def user_deactivate(request: HttpRequest, municipality: str, user_id: int) -> HttpResponse:
    return _activity_step(
        request,
        municipality,
        user_id,
        "user_deactivate",
        services.user_deactivate,
        done="er deaktiveret og kan ikke logge ind.",
        title="Deaktivér",
        intro="Brugeren kan ikke længere logge ind, og er brugeren logget ind nu, slutter det "
        "ved næste klik. Brugeren slettes ikke: sagerne og loggen viser stadig, hvem der har "
        "gjort hvad.",
    )


def user_reactivate(request: HttpRequest, municipality: str, user_id: int) -> HttpResponse:
    return _activity_step(
        request,
        municipality,
        user_id,
        "user_reactivate",
        services.user_reactivate,
        done="er genaktiveret og kan logge ind igen.",
        title="Genaktivér",
        intro="Brugeren kan igen logge ind med sin adgangskode og sin app til to-faktor-login, "
        "med de roller, brugeren har. Har brugeren mistet sin app, så nulstil to-faktor-login "
        "bagefter.",
    )


def _activity_step(
    request: HttpRequest,
    municipality: str,
    user_id: int,
    action: str,
    service: Callable[..., Any],
    *,
    done: str,
    title: str,
    intro: str,
) -> HttpResponse:
    """Deactivate or reactivate a user: a confirmation, then the action's service."""
    m, member, back = _member_step(request, municipality, user_id, action)
    form = ConfirmForm(_posted(request), user=request.user)
    if _run(form, lambda kwargs: service(user=request.user, municipality=m, target=member)):
        messages.success(request, f"{_name(member)} {done}")
        return redirect(back)
    return _form(
        request,
        {
            "title": f"{title} {_name(member)}",
            "intro": intro,
            "form": form,
            "button": f"{title} brugeren",
            "back_url": back,
        },
    )


def user_second_factor(request: HttpRequest, municipality: str, user_id: int) -> HttpResponse:
    m, member, back = _member_step(request, municipality, user_id, "second_factor_reset")
    form = ConfirmForm(_posted(request), user=request.user)
    issued = _run(
        form,
        lambda kwargs: services.second_factor_reset(
            user=request.user, municipality=m, target=member
        ),
    )
    if issued is not None:
        return _shown_once(
            request,
            {
                "title": f"Ny tilknytningskode til {_name(member)}",
                "municipality": m,
                "intro": "Brugerens godkendelsesapp er fjernet. Giv brugeren koden personligt "
                "eller ad en anden vej end adgangskoden. Ved næste login knytter brugeren en "
                "ny app til med koden.",
                "secrets": [("Tilknytningskode", issued.code)],
                "expires_at": issued.expires_at,
                "back_url": back,
                "back_label": "Til brugeren",
            },
        )
    return _form(
        request,
        {
            "title": f"Nulstil to-faktor-login for {_name(member)}",
            "intro": "Fx hvis brugeren har mistet sin telefon. Brugerens godkendelsesapp "
            "fjernes, og du får en engangskode, som brugeren knytter en ny app til med. "
            "Koden vises kun én gang.",
            "form": form,
            "button": "Nulstil og vis kode",
            "back_url": back,
        },
    )


# -- system clients ---------------------------------------------------------------------
def client_create(request: HttpRequest, municipality: str) -> HttpResponse:
    m = _municipality(request, municipality, "api_client_register")
    form = ClientRegisterForm(_posted(request), user=request.user, municipality=m)
    issued = _run(
        form,
        lambda kwargs: services.api_client_register(user=request.user, municipality=m, **kwargs),
    )
    if issued is not None:
        return _key_page(request, m, issued, f"Systemklienten {issued.client.name} er oprettet")
    return _form(
        request,
        {
            "title": f"Registrér systemklient i {m.name}",
            "intro": "Et fagsystem, der bruger API'et, handler i de roller, du giver det, og "
            "kun i kommunen (et tilbuds system kun for sit tilbud).",
            "form": form,
            "button": "Registrér og vis nøgle",
            "back_url": _home(m),
        },
    )


def _key_page(request: HttpRequest, m: Municipality, issued, title: str) -> HttpResponse:
    return _shown_once(
        request,
        {
            "title": title,
            "municipality": m,
            "intro": "Kopiér nøglen ind i systemet nu. Den vises kun denne ene gang og kan "
            "ikke findes frem igen; mister I den, så udsted en ny.",
            "secrets": [("API-nøgle", issued.secret)],
            "back_url": _home(m),
            "back_label": "Til administration",
        },
    )


def client_rotate(request: HttpRequest, municipality: str, client_id: int) -> HttpResponse:
    m = _municipality(request, municipality, "api_key_rotate")
    client = api_client_for_admin(municipality=m, client_id=client_id)
    form = KeyRotateForm(_posted(request), user=request.user)
    issued = _run(
        form, lambda kwargs: services.api_key_rotate(user=request.user, client=client, **kwargs)
    )
    if issued is not None:
        return _key_page(request, m, issued, f"Ny API-nøgle til {client.name}")
    return _form(
        request,
        {
            "title": f"Ny API-nøgle til {client.name}",
            "intro": "Systemet får en ny nøgle; den gamle virker i det antal timer, du "
            "vælger, så systemet kan skifte uden afbrydelse.",
            "form": form,
            "button": "Udsted og vis nøgle",
            "back_url": _home(m),
        },
    )


def client_revoke(request: HttpRequest, municipality: str, client_id: int) -> HttpResponse:
    m = _municipality(request, municipality, "api_client_revoke")
    client = api_client_for_admin(municipality=m, client_id=client_id)
    form = ConfirmForm(_posted(request), user=request.user)
    done = _run(form, lambda kwargs: services.api_client_revoke(user=request.user, client=client))
    if done is not None:
        messages.success(request, f"Systemklienten {client.name} er spærret.")
        return redirect(_home(m))
    return _form(
        request,
        {
            "title": f"Spær systemklienten {client.name}",
            "intro": "Alle klientens nøgler holder op med at virke med det samme. En spærret "
            "klient kan ikke åbnes igen; registrér en ny, hvis systemet skal have adgang.",
            "form": form,
            "button": "Spær klienten",
            "back_url": _home(m),
        },
    )


# -- contact data -----------------------------------------------------------------------
def contact(request: HttpRequest, municipality: str) -> HttpResponse:
    m = _municipality(request, municipality, "municipality_contact_set")
    override = contact_override_of(m)
    initial = {}
    if override is not None:
        initial = {
            "unit": override.unit,
            "address": override.address,
            "phone": override.phone,
            "email": override.email,
            "hours": override.hours,
            "web": override.web,
        }
    form = ContactForm(_posted(request), user=request.user, initial=initial)
    done = _run(
        form,
        lambda kwargs: services.municipality_contact_set(
            user=request.user, municipality=m, **kwargs
        ),
    )
    if done is not None:
        messages.success(request, "Kommunens kontaktoplysninger er gemt.")
        return redirect(_home(m))
    return _form(
        request,
        {
            "title": f"Kontaktoplysninger for {m.name}",
            "intro": "Det, du skriver her, står i brevene, i Min sag og i "
            "tilgængelighedserklæringen i stedet for kvalitetsstandardens oplysninger. Et "
            "tomt felt viser standardens oplysning (se administrationssiden).",
            "form": form,
            "button": "Gem",
            "back_url": _home(m),
        },
    )
