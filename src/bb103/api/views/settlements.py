"""The monthly settlement: the months a client may read, one month with its lines and
totals, running it (caseworker or manager) and approving and locking it (manager), through
the same selectors and services as the settlement screen."""

import base64
from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.idempotency import idempotent
from bb103.api.problems import FieldError, Problem, forbidden, invalid
from bb103.api.serializers_settlement import (
    SettlementMonthSerializer,
    SettlementSerializer,
    settlement_body,
)
from bb103.api.views.cases import IDEMPOTENCY_KEY, READ, WRITE, problems
from bb103.api.views.letters import PdfRenderer
from bb103.cases import actions, selectors, services
from bb103.cases.engine.calendar import month_from_iso
from bb103.cases.errors import CaseError
from bb103.cases.selectors import SettlementPage

MUNICIPALITY = OpenApiParameter(
    "municipality", str, OpenApiParameter.PATH, description="Kommunens kode, fx ballerup."
)
MONTH = OpenApiParameter(
    "month", str, OpenApiParameter.PATH, pattern=r"^\d{4}-\d{2}$", description="ÅÅÅÅ-MM"
)
# The page as the screen logs it, under the API's name for a list of citizens' rows.
READ_AS = "api_listed"


class SettlementFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    municipality = serializers.CharField(required=False, max_length=10)


def _month(text: str) -> date:
    try:
        first = month_from_iso(text)
    except ValueError:
        first = None
    # No placement is that old or that far ahead; the calendar's ends have no month around.
    if first is None or not date(1900, 1, 1) <= first <= date(2999, 12, 1):
        raise invalid(
            [FieldError("month", "Måneden skal skrives ÅÅÅÅ-MM.", "The month must be YYYY-MM.")]
        )
    return first


def _page(request: Request, municipality: str, month: str) -> SettlementPage:
    """The month as the client may read it (404 for a municipality it may not)."""
    return selectors.settlement_page_for_user(
        user=request.user, municipality_id=municipality, month=_month(month), read_as=READ_AS
    )


class SettlementList(ApiView):
    """The municipality-months that have been run, where the client reads the settlement;
    a month not yet run is read (empty) at its own address and run there."""

    serializer_class = SettlementMonthSerializer

    @extend_schema(
        operation_id="settlements_list",
        parameters=[SettlementFilterSerializer],
        responses={200: SettlementMonthSerializer(many=True), **problems(400, *READ)},
        summary="Månedsafregninger, som klienten må læse",
    )
    def get(self, request: Request) -> Response:
        params = SettlementFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        if not selectors.settlement_municipalities_for_user(user=request.user):
            # As the screen: the settlement is the caseworkers' and managers' only.
            raise forbidden("Afregningen er for kommunens rådgivere og ledere.")
        months = selectors.settlement_month_list_for_user(user=request.user)
        if municipality := params.validated_data.get("municipality"):
            months = months.filter(municipality_id=municipality)
        page = self.paginate_queryset(months)
        assert page is not None
        return self.get_paginated_response(SettlementMonthSerializer(page, many=True).data)


class SettlementDetail(ApiView):
    """One municipality's month: its lines with explanations and warnings, the totals and
    the amounts per provider. Each citizen on it is logged as read."""

    serializer_class = SettlementSerializer

    @extend_schema(
        operation_id="settlements_retrieve",
        parameters=[MUNICIPALITY, MONTH],
        responses={200: SettlementSerializer, **problems(400, *READ)},
        summary="Månedens afregning med linjer og totaler",
    )
    def get(self, request: Request, municipality: str, month: str) -> Response:
        return Response(settlement_body(_page(request, municipality, month)))


class SettlementRun(ApiView):
    """Compute the month (again); an approved month is answered unchanged."""

    serializer_class = SettlementSerializer

    @extend_schema(
        operation_id="settlements_run",
        parameters=[MUNICIPALITY, MONTH, IDEMPOTENCY_KEY],
        request=None,
        responses={200: SettlementSerializer, **problems(*WRITE)},
        summary="Beregn månedens afregning",
        description="Samme tjeneste som skærmens »Beregn«. Roller: caseworker, manager.",
    )
    def post(self, request: Request, municipality: str, month: str) -> Response:
        page = _page(request, municipality, month)
        actions.action("settlement_run").require(request.user, page.municipality.pk)

        def respond() -> Response:
            services.settlement_run(
                user=request.user, municipality=page.municipality, month=page.month
            )
            return Response(settlement_body(_page(request, municipality, month)))

        return idempotent(request, respond)


class SettlementApprove(ApiView):
    """Approve and lock the month: refused when it has not been run, or when its figures
    changed since (run it again and check it first)."""

    serializer_class = SettlementSerializer

    @extend_schema(
        operation_id="settlements_approve",
        parameters=[MUNICIPALITY, MONTH, IDEMPOTENCY_KEY],
        request=None,
        responses={200: SettlementSerializer, **problems(*WRITE)},
        summary="Godkend og lås månedens afregning",
        description="Samme tjeneste som skærmens »Godkend og lås«. Rolle: manager.",
    )
    def post(self, request: Request, municipality: str, month: str) -> Response:
        page = _page(request, municipality, month)
        # 403 for a role that may not approve before anything about the month is said.
        actions.action("settlement_approve").require(request.user, page.municipality.pk)

        def respond() -> Response:
            if page.settlement is None:
                raise CaseError("Måneden skal beregnes, før den kan godkendes.", field="status")
            services.settlement_approve(user=request.user, settlement=page.settlement)
            return Response(settlement_body(_page(request, municipality, month)))

        return idempotent(request, respond)


class CsvRenderer(PdfRenderer):
    """``text/csv``: the finance file's bytes as they were made; errors as JSON."""

    media_type = "text/csv"
    format = "csv"


class SettlementFinanceFile(ApiView):
    """The approved month's posting file for the finance system (issue 18, point 5): made
    once at approval and never changed; its columns are in docs/settlement.md."""

    renderer_classes = (CsvRenderer,)

    @extend_schema(
        operation_id="settlements_finance_file",
        parameters=[MUNICIPALITY, MONTH],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Bogføringsfilen (CSV, UTF-8, semikolon)."
            ),
            **problems(400, 409, *READ),
        },
        summary="Den godkendte måneds bogføringsfil til økonomisystemet",
    )
    def get(self, request: Request, municipality: str, month: str) -> Response:
        try:
            file = selectors.finance_file_for_user(
                user=request.user, municipality_id=municipality, month=_month(month)
            )
        except CaseError as exc:
            raise Problem(
                409,
                "not-approved",
                "The month is not approved",
                exc.message,
                "The finance file is made when the month is approved and locked.",
                [FieldError("month", exc.message, "Not approved yet.")],
            ) from None
        response = Response(bytes(file.content), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="bogfoering-{municipality}-{month}.csv"'
        )
        # RFC 9530: the file's SHA-256, as the settlement screen shows it (there in hex).
        response["Repr-Digest"] = (
            f"sha-256=:{base64.b64encode(bytes.fromhex(file.sha256)).decode()}:"
        )
        return response
