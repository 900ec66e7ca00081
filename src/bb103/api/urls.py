"""``/api/v1/``: every route, each open to a system client's key only (no session, no
login page), and the schema and its documentation pages, which hold no data."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, path
from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bb103.api.views.attendance import AttendanceWeek
from bb103.api.views.cases import ACTION_VIEWS, CaseDetail, CaseList
from bb103.api.views.catalogue import OfferDetail, OfferList, ProviderDetail, ProviderList
from bb103.api.views.citizens import CitizenDetail, CitizenList, CitizenSearch
from bb103.api.views.evaluate import Evaluate
from bb103.api.views.letters import LetterDetail, LetterList, LetterPdf
from bb103.api.views.placements import PlacementDetail, PlacementList
from bb103.api.views.settlements import (
    SettlementApprove,
    SettlementDetail,
    SettlementFinanceFile,
    SettlementList,
    SettlementRun,
)
from bb103.api.views.tasks import TaskComplete, TaskDetail, TaskList


def _open(view: type, **kwargs: object):  # type: ignore[no-untyped-def]
    # The API's own authentication (the client's key) decides; the screens' login does not.
    return login_not_required(view.as_view(**kwargs))


urlpatterns: list[URLPattern] = [
    path("schema/", _open(SpectacularAPIView), name="api-schema"),
    path(
        "docs/",
        _open(
            SpectacularSwaggerSplitView,
            url_name="api-schema",
            template_name="web/api_docs.html",
            title="BB103 API",
        ),
        name="api-docs",
    ),
    path("citizens", _open(CitizenList), name="api-citizens"),
    path("citizens/search", _open(CitizenSearch), name="api-citizens-search"),
    path("citizens/<int:citizen_id>", _open(CitizenDetail), name="api-citizen"),
    path("cases", _open(CaseList), name="api-cases"),
    path("cases/<int:case_id>", _open(CaseDetail), name="api-case"),
    *(
        path(f"cases/<int:case_id>/actions/{name}", _open(view), name=f"api-action-{name}")
        for name, view in ACTION_VIEWS.items()
    ),
    path("cases/<int:case_id>/letters", _open(LetterList), name="api-letters"),
    path("cases/<int:case_id>/letters/<int:letter_id>", _open(LetterDetail), name="api-letter"),
    path(
        "cases/<int:case_id>/letters/<int:letter_id>/pdf",
        # A letter carries sensitive personal data: no copy in any cache (as the screen's).
        never_cache(_open(LetterPdf)),
        name="api-letter-pdf",
    ),
    path("providers", _open(ProviderList), name="api-providers"),
    path("providers/<int:provider_id>", _open(ProviderDetail), name="api-provider"),
    path("offers", _open(OfferList), name="api-offers"),
    path("offers/<int:offer_id>", _open(OfferDetail), name="api-offer"),
    path(
        "offers/<int:offer_id>/attendance/<str:week>",
        _open(AttendanceWeek),
        name="api-attendance-week",
    ),
    path("placements", _open(PlacementList), name="api-placements"),
    path("placements/<int:placement_id>", _open(PlacementDetail), name="api-placement"),
    path("settlements", _open(SettlementList), name="api-settlements"),
    path(
        "settlements/<str:municipality>/<str:month>",
        _open(SettlementDetail),
        name="api-settlement",
    ),
    path(
        "settlements/<str:municipality>/<str:month>/run",
        _open(SettlementRun),
        name="api-settlement-run",
    ),
    path(
        "settlements/<str:municipality>/<str:month>/approve",
        _open(SettlementApprove),
        name="api-settlement-approve",
    ),
    path(
        "settlements/<str:municipality>/<str:month>/finance-file",
        _open(SettlementFinanceFile),
        name="api-settlement-finance-file",
    ),
    path("tasks", _open(TaskList), name="api-tasks"),
    path("tasks/<int:task_id>", _open(TaskDetail), name="api-task"),
    path("tasks/<int:task_id>/complete", _open(TaskComplete), name="api-task-complete"),
    path("evaluate", _open(Evaluate), name="api-evaluate"),
]
