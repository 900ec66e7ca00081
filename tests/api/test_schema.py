"""The API's OpenAPI 3.1 schema is generated from the code and committed
(docs/api/openapi.yaml): a change to the API must show as a change to that file."""

from pathlib import Path

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def _generated() -> bytes:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    return OpenApiYamlRenderer().render(schema, renderer_context={})


def test_the_committed_openapi_schema_is_the_codes_schema():
    """Issue 18, Done when 1: the committed schema and the code's differ in nothing."""
    assert COMMITTED.read_bytes() == _generated(), (
        "The API changed: run `make schema` and commit docs/api/openapi.yaml."
    )


def test_the_schema_is_openapi_3_1_and_names_every_case_action():
    """Issue 18, point 1: OpenAPI 3.1, and every step of a case is a POST on the case;
    the citizen's own steps in Min sag (issue 19) are not: the API's clients are systems."""
    from bb103.api.steps import CITIZEN_ONLY
    from bb103.cases.actions import CASE_ACTIONS

    text = COMMITTED.read_text(encoding="utf-8")
    assert text.startswith("openapi: 3.1.0")
    for action in CASE_ACTIONS:
        if action.name in CITIZEN_ONLY:
            assert f"/actions/{action.name}:" not in text, action.name
            continue
        assert f"/api/v1/cases/{{case_id}}/actions/{action.name}:" in text, action.name
