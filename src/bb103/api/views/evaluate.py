"""``POST /api/v1/evaluate``: the rules engine on one scenario, the same contract as
``bb103 evaluate`` (docs/contract/evaluate.md): the same input, the same output fields."""

import json
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.problems import FieldError, invalid
from bb103.api.views.cases import problems
from bb103.cases.engine.evaluation import ScenarioInputError, evaluate_contract

EXAMPLE = {
    "municipality": "ballerup",
    "as_of": "2026-11-23",
    "citizen": {"cpr": "010190-1234", "living_situation": "own_home", "vum_level": 3},
    "application": {"received_on": "2026-11-02"},
}


class ScenarioParser(BaseParser):
    """JSON with exact decimals (money), refusing NaN and a key given twice, as the CLI."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        def no_constant(name: str) -> Any:
            raise ValueError(f"{name} is not a number")

        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            seen: dict[str, Any] = {}
            for key, value in pairs:
                if key in seen:
                    raise ValueError(f"the key {key!r} appears twice")
                seen[key] = value
            return seen

        try:
            return json.loads(
                stream.read().decode("utf-8"),
                parse_float=Decimal,
                parse_constant=no_constant,
                object_pairs_hook=no_duplicates,
            )
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
