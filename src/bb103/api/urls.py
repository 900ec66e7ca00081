"""``/api/v1/``: every route, each open to a system client's key only (no session, no
login page), and the schema and its documentation pages, which hold no data."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from bb103.api.views.cases import ACTION_VIEWS, CaseDetail, CaseList
from bb103.api.views.citizens import CitizenDetail, CitizenList
from bb103.api.views.evaluate import Evaluate


def _open(view: type, **kwargs: object):  # type: ignore[no-untyped-def]
    # The API's own authentication (the client's key) decides; the screens' login does not.
    return login_not_required(view.as_view(**kwargs))


urlpatterns: list[URLPattern] = [
    path("schema/", _open(SpectacularAPIView), name="api-schema"),
    path("docs/", _open(SpectacularRedocView, url_name="api-schema"), name="api-docs"),
    path("citizens", _open(CitizenList), name="api-citizens"),
    path("citizens/<int:citizen_id>", _open(CitizenDetail), name="api-citizen"),
    path("cases", _open(CaseList), name="api-cases"),
    path("cases/<int:case_id>", _open(CaseDetail), name="api-case"),
    *(
        path(f"cases/<int:case_id>/actions/{name}", _open(view), name=f"api-action-{name}")
        for name, view in ACTION_VIEWS.items()
    ),
    path("evaluate", _open(Evaluate), name="api-evaluate"),
]
