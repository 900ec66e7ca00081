"""The accessibility statement ("Tilgængelighedserklæring"), which the law on public
bodies' websites (lov om tilgængelighed af offentlige organers websteder og
mobilapplikationer, § 3) asks of every public body, in the structure of
Digitaliseringsstyrelsen's template on was.digst.dk. Public, like the quality standards:
no login, policy data only (the municipalities' contact data), never the database."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from bb103.cases.engine.policy import known_municipalities, municipality_letterheads

# Where a user may complain when the municipality's answer is not good enough
# (the law's § 7: Digitaliseringsstyrelsen supervises). docs/accessibility.md says why
# this address.
COMPLAINT_URL = "https://www.digst.dk/digital-service/webtilgaengelighed/"


def _contacts() -> list[dict]:
    """Each municipality's own contact, from its policy file: the system is one for several
    municipalities, and feedback goes to the user's own."""
    contacts = []
    known = sorted(known_municipalities().items(), key=lambda item: item[1])
    # One query: each municipality's own changes to its standard's contact data.
    heads = municipality_letterheads(mid for mid, _ in known)
    for mid, name in known:
        head = heads[mid]["municipality"]
        contacts.append({"id": mid, **head, "name": name})
    return contacts


@login_not_required
@require_safe
@cache_control(public=True, max_age=300)
def statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/accessibility.html",
        {"contacts": _contacts(), "complaint_url": COMPLAINT_URL},
    )
