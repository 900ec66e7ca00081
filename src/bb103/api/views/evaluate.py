"""``POST /api/v1/evaluate``: the rules engine on one scenario, the same contract as
``bb103 evaluate`` (docs/contract/evaluate.md): the same input, the same output fields."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.problems import FieldError, invalid
from bb103.api.views.cases import problems
from bb103.cases.engine.evaluation import ScenarioInputError, evaluate_contract
from bb103.cli.evaluate_cmd import load_json

EXAMPLE = {
    "municipality": "ballerup",
    "as_of": "2026-11-23",
    "citizen": {"cpr": "010190-1234", "living_situation": "own_home", "vum_level": 3},
    "application": {"received_on": "2026-11-02"},
}


class ScenarioParser(BaseParser):
    """JSON read as ``bb103 evaluate`` reads it: exact decimals (money), NaN and a key given
    twice refused."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return load_json(stream.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise invalid(
                [FieldError("(json)", "Kaldet er ikke gyldig JSON.", f"not valid JSON: {exc}")]
            ) from None


class Evaluate(ApiView):
    parser_classes = (ScenarioParser,)

    @extend_schema(
        operation_id="evaluate",
        summary="Regelmotoren på ét scenarie (som bb103 evaluate)",
        request={"application/json": {"type": "object", "additionalProperties": True}},
        responses={
            200: {"type": "object", "additionalProperties": True},
            **problems(400, 401, 406, 415, 429),
        },
        examples=[OpenApiExample("Ballerup", value=EXAMPLE, request_only=True)],
    )
    def post(self, request: Request) -> Response:
        try:
            return Response(evaluate_contract(request.data))
        except ScenarioInputError as exc:
            raise invalid(
                [
                    FieldError(
                        exc.field,
                        f"Scenariet blev afvist i feltet {exc.field}: {exc.message}",
                        exc.message,
                    )
                ]
            ) from None
