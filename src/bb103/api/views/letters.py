"""A case's sent letters: their metadata, and each one's PDF exactly as stored when it was
sent (never rendered again). Sending one is a step of the case:
``POST /cases/{id}/actions/letter_send_<kind>``."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.serializers_letters import LetterSerializer
from bb103.api.views.cases import READ, problems
from bb103.cases import selectors
from bb103.cases.services.audit import audit_listed


class PdfRenderer(BaseRenderer):
    """``application/pdf``: the letter's bytes as they are. An error on this route is still
    problem details (the handler sets its own content type), rendered as JSON here, so a
    client asking only for the PDF gets a readable 404 too."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        if isinstance(data, bytes | bytearray | memoryview):
            return bytes(data)
        return JSONRenderer().render(data, renderer_context=renderer_context)


class LetterList(ApiView):
    """The case's sent letters, oldest first."""

    serializer_class = LetterSerializer

    @extend_schema(
        operation_id="letters_list",
        responses={200: LetterSerializer(many=True), **problems(*READ)},
        summary="Sagens sendte breve",
    )
    def get(self, request: Request, case_id: int) -> Response:
        case, letters = selectors.letter_list_for_user(user=request.user, case_id=case_id)
        page = self.paginate_queryset(letters)
        assert page is not None
        if page:
            audit_listed(
                actor=request.user,
                action="api_listed",
                cases=[case],
                details={"letters": [x.pk for x in page]},
            )
        return self.get_paginated_response(LetterSerializer(page, many=True).data)


class LetterDetail(ApiView):
    """One sent letter's metadata."""

    serializer_class = LetterSerializer

    @extend_schema(
        operation_id="letters_retrieve",
        responses={200: LetterSerializer, **problems(*READ)},
        summary="Ét sendt brev",
    )
    def get(self, request: Request, case_id: int, letter_id: int) -> Response:
        letter = selectors.letter_get_for_user(
            user=request.user, case_id=case_id, letter_id=letter_id
        )
        return Response(LetterSerializer(letter).data)


class LetterPdf(ApiView):
    """The letter's PDF as stored when it was sent; its SHA-256 is the letter's ``sha256``.
    Only ``application/pdf`` is offered: ``Accept: application/json`` gets 406."""

    renderer_classes = (PdfRenderer,)

    @extend_schema(
        operation_id="letters_pdf",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Brevet som PDF (som sendt)."
            ),
            **problems(*READ),
        },
        summary="Brevet som PDF",
    )
    def get(self, request: Request, case_id: int, letter_id: int) -> Response:
        letter = selectors.letter_get_for_user(
            user=request.user, case_id=case_id, letter_id=letter_id
        )
        response = Response(bytes(letter.pdf), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="brev-{letter.case_id}-{letter.pk}-{letter.sent_on:%Y-%m-%d}.pdf"'
        )
        return response
