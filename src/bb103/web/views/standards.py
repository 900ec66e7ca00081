"""The published quality standards: public pages, no login (issue 5). They read only the
policy data through bb103.letters.standard, never a case, a citizen or the database, so
nothing but what the municipality publishes can appear on them. They are the only pages
declared public, so the only ones a cache may keep (``bb103.web.security_headers``); five
minutes, so a newly published version shows soon."""

from itertools import pairwise

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from bb103.letters.standard import (
    has_version,
    published,
    standard_compare,
    standard_data,
    standard_html,
    standard_pdf,
)

PUBLIC = cache_control(public=True, max_age=300)


def _municipality(municipality: str) -> dict:
    found = next((m for m in published() if m["id"] == municipality), None)
    if found is None:
        raise Http404("Kommunen findes ikke.")
    return found


def _version(municipality: str, version: str) -> None:
    if not has_version(municipality, version):
        raise Http404("Versionen findes ikke.")


@login_not_required
@require_safe
@PUBLIC
def standard_index(request: HttpRequest) -> HttpResponse:
    """Every municipality's standard, its versions, and the comparisons between them."""
    municipalities = published()
    for m in municipalities:
        versions = m["versions"]
        # Each version compared with the one before it ("Gammel tekst / Ny tekst").
        m["comparisons"] = list(pairwise(versions))
    return render(request, "public/standard_index.html", {"municipalities": municipalities})


@login_not_required
@require_safe
@PUBLIC
def standard_page(request: HttpRequest, municipality: str, version: str) -> HttpResponse:
    m = _municipality(municipality)
    _version(municipality, version)
    data = standard_data(municipality, version)
    context = {
        "municipality": m,
        "version": next(v for v in m["versions"] if v["id"] == version),
        "data": data,
        # standard_html escapes every text from the policy data.
        "article": mark_safe(standard_html(data)),
    }
    return render(request, "public/standard.html", context)


@login_not_required
@require_safe
@PUBLIC
def standard_pdf_download(request: HttpRequest, municipality: str, version: str) -> HttpResponse:
    _municipality(municipality)
    _version(municipality, version)
    response = HttpResponse(standard_pdf(municipality, version), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="kvalitetsstandard-{municipality}-{version}.pdf"'
    )
    return response


@login_not_required
@require_safe
@PUBLIC
def standard_comparison(
    request: HttpRequest, municipality: str, old: str, new: str
) -> HttpResponse:
    """ "Gammel tekst / Ny tekst": the sections whose text differs, side by side."""
    m = _municipality(municipality)
    _version(municipality, old)
    _version(municipality, new)
    if old == new:
        raise Http404("Vælg to forskellige versioner.")
    versions = {v["id"]: v for v in m["versions"]}
    context = {
        "municipality": m,
        "old": versions[old],
        "new": versions[new],
        "changes": standard_compare(municipality, old, new),
    }
    return render(request, "public/standard_compare.html", context)
