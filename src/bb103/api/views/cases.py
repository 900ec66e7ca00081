"""Cases: the list (filtered like the work list), one case as its page shows it, a new
case from an application, and every step of a case as ``POST …/actions/{action}``."""

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView, etag_of, if_match_version, with_etag
from bb103.api.idempotency import idempotent
from bb103.api.inputs import StrictSerializer, input_serializer, validated_form
from bb103.api.problems import PROBLEM_MEDIA_TYPE, FieldError, ProblemSerializer, invalid
from bb103.api.serializers import (
    ActionResultSerializer,
    CaseSerializer,
    CaseSummarySerializer,
    case_body,
)
from bb103.api.steps import API_STEPS, ApiStep
from bb103.cases import selectors
from bb103.cases.errors import CaseError
from bb103.cases.models import Applicant, CaseStatus, Channel
from bb103.cases.selectors.worklist_search import SORTS, WorkListFilter, search_term_parse
from bb103.cases.services.audit import audit_listed
from bb103.web.forms.citizens import ApplicationForm


def problems(*codes: int) -> dict[tuple[int, str], OpenApiResponse]:
    """The error answers an operation can give, each as problem details (RFC 9457)."""
    words = {
        400: "Ugyldige data / invalid input",
        401: "Ingen gyldig API-nøgle / no valid key",
        403: "Klientens roller tillader det ikke / forbidden",
        404: "Findes ikke, eller ingen adgang / not found",
        406: "Not acceptable",
        409: "Sagens tilstand tillader ikke trinnet / conflict",
        412: "Sagen er ændret siden If-Match / precondition failed",
        415: "Unsupported media type",
        422: "Afvist af en regel / refused by a rule",
        429: "For mange kald / rate limited",
    }
    return {
        (c, PROBLEM_MEDIA_TYPE): OpenApiResponse(ProblemSerializer, description=words[c])
        for c in codes
    }


READ = (401, 403, 404, 406, 429)
WRITE = (400, 401, 403, 404, 406, 409, 412, 415, 422, 429)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='Sagens ETag, fx "7": en ældre version giver 412, og intet ændres.',
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Samme nøgle igen giver det første svar igen (højst 200 tegn).",
)


class CaseFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    caseworker = serializers.IntegerField(required=False, min_value=1)
    unassigned = serializers.BooleanField(required=False, default=False)
    due_within = serializers.IntegerField(required=False, min_value=0, max_value=366)
    overdue = serializers.BooleanField(required=False, default=False)
    offer = serializers.IntegerField(required=False, min_value=1)
    municipality = serializers.CharField(required=False, max_length=10)
    sort = serializers.ChoiceField(choices=sorted(SORTS), required=False, default="frist")
    q = serializers.CharField(required=False, max_length=100, help_text="Navn, sagsnr., CPR")


class ApplicationInputSerializer(StrictSerializer):
    """An application registered as a new case (the screen's "Registrér ansøgning")."""

    citizen = serializers.IntegerField(min_value=1)
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.values)
    applicant = serializers.ChoiceField(choices=Applicant.values)
    representative = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    receipt_sent_on = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class CaseList(ApiView):
    serializer_class = CaseSummarySerializer

    @extend_schema(
        operation_id="cases_list",
        parameters=[CaseFilterSerializer],
        responses={
            200: CaseSummarySerializer(many=True),
            **problems(400, *READ),
        },
        summary="Sager, filtreret som arbejdslisten",
    )
    def get(self, request: Request) -> Response:
        params = CaseFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        term = None
        if p.get("q"):
            try:
                term = search_term_parse(p["q"])
            except CaseError as exc:  # a query parameter: invalid input, not a rule
                raise invalid(
                    [FieldError("q", exc.message, "Not a name, number or date.")]
                ) from None
        filters = WorkListFilter(
            caseworker=p.get("caseworker"),
            unassigned=p["unassigned"],
            status=p.get("status", ""),
            due_within=p.get("due_within"),
            overdue=p["overdue"],
            offer=p.get("offer"),
            municipality=p.get("municipality", ""),
            sort=p["sort"],
            term=term,
        )
        cases = (
            selectors.case_list_for_user(user=request.user)
            .filter(filters.q(timezone.localdate()))
            .order_by(*filters.order())
        )
        page = self.paginate_queryset(cases)
        assert page is not None
        audit_listed(actor=request.user, action="api_listed", cases=page)
        return self.get_paginated_response(CaseSummarySerializer(page, many=True).data)

    @extend_schema(
        operation_id="cases_create",
        request=ApplicationInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: CaseSerializer, **problems(*WRITE)},
        summary="Registrér en ansøgning som ny sag",
    )
    def post(self, request: Request) -> Response:
        def respond() -> Response:
            body = request.data if isinstance(request.data, dict) else None
            citizen_id = body.get("citizen") if body else None
            if not isinstance(citizen_id, int) or isinstance(citizen_id, bool):
                raise invalid(
                    [FieldError("citizen", "Angiv borgerens id.", "Give the citizen's id.")]
                )
            citizen = selectors.citizen_get_for_user(user=request.user, citizen_id=citizen_id)
            data = {k: v for k, v in body.items() if k != "citizen"}  # type: ignore[union-attr]
            ApplicationInputSerializer(data=body).is_valid(raise_exception=True)
            form = validated_form(
                _ApplicationFields, ApplicationForm, data, user=request.user, citizen=citizen
            )
            from bb103.cases import services

            case = services.application_register(
                user=request.user, citizen=citizen, **form.service_kwargs()
            )
            page = selectors.case_page_for_user(user=request.user, case_id=case.pk)
            response = Response(case_body(page), status=201)
            response["Location"] = f"/api/v1/cases/{case.pk}"
            return with_etag(response, page.case.version)

        return idempotent(request, respond)


class _ApplicationFields(ApplicationInputSerializer):
    """The application's fields without the citizen, which picks the form."""

    citizen = None  # type: ignore[assignment]


class CaseDetail(ApiView):
    serializer_class = CaseSerializer

    @extend_schema(
        operation_id="cases_retrieve",
        responses={200: CaseSerializer, **problems(*READ)},
        summary="Sagen: tilstand, frister, regelmotorens anbefaling og mulige trin",
    )
    def get(self, request: Request, case_id: int) -> Response:
        page = selectors.case_page_for_user(user=request.user, case_id=case_id)
        return with_etag(Response(case_body(page)), page.case.version)


def _result(result: Any) -> dict[str, Any] | None:
    pk = getattr(result, "pk", None)
    if pk is None:
        return None
    return {"type": type(result).__name__, "id": pk}


def action_view(step: ApiStep) -> type[ApiView]:
    """The view of one step: POST its input (the screen's form), get the case after it."""
    name = step.action.name
    request_serializer = input_serializer(name, step.form, **step.form_kwargs)

    class StepView(ApiView):
        serializer_class = request_serializer

        @extend_schema(
            operation_id=f"case_action_{name}",
            summary=step.action.title,
            description=(
                f"Trinnet »{step.action.title}« ({step.action.label}) på sagen, gennem "
                "samme handling som skærmen. Roller: " + ", ".join(sorted(step.action.roles)) + "."
            ),
            request=request_serializer,
            parameters=[IF_MATCH, IDEMPOTENCY_KEY],
            responses={200: ActionResultSerializer, **problems(*WRITE)},
            tags=["case actions"],
        )
        def post(self, request: Request, case_id: int) -> Response:
            # 404 for a case the client may not read, then 403 for a step its roles do not
            # allow, before the input is looked at: the screens' order.
            case = selectors.case_get_for_user(user=request.user, case_id=case_id)
            step.action.require(request.user, case.municipality_id)
            version = if_match_version(request)

            def respond() -> Response:
                form = validated_form(
                    request_serializer,
                    step.form,
                    request.data,
                    user=request.user,
                    case=case,
                    version=version,
                    **step.form_kwargs,
                )
                try:
                    result = step.action(user=request.user, case=case, **form.service_kwargs())
                except CaseError as exc:
                    # A field the form does not have (the weekdays are the days per week).
                    if exc.field == "days_per_week" and "weekdays" in form.fields:
                        exc.field = "weekdays"
                    raise
                page = selectors.case_page_for_user(user=request.user, case_id=case.pk)
                body = {"action": name, "result": _result(result), "case": case_body(page)}
                return with_etag(Response(body), page.case.version)

            return idempotent(request, respond)

    StepView.__name__ = StepView.__qualname__ = f"Step_{name}"
    return StepView


ACTION_VIEWS = {name: action_view(step) for name, step in API_STEPS.items()}
__all__ = ["ACTION_VIEWS", "CaseDetail", "CaseList", "etag_of"]
