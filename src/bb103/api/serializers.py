"""What the API answers: each resource's fields, for the responses and the schema.
Labels (``*_label``) are the Danish words the screens show."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bb103.cases.engine.evaluation import outcome_da
from bb103.cases.models import CaseStatus, Citizen, DeadlineKind
from bb103.cases.selectors import CasePage

S = serializers


class PersonRefSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    name = S.CharField()


class CitizenSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    municipality = S.CharField(source="municipality_id")
    cpr = S.CharField()
    first_name = S.CharField()
    last_name = S.CharField()
    address = S.CharField()
    phone = S.CharField()
    email = S.CharField()
    living_situation = S.CharField()


class CitizenInputSerializer(S.Serializer):  # type: ignore[type-arg]
    """A new citizen (the screen's "Registrér borger")."""

    municipality = S.CharField(
        required=False, max_length=10, help_text="Kommunens kode; kan udelades med én kommune."
    )
    cpr = S.CharField(max_length=11, help_text="DDMMÅÅ-XXXX")
    first_name = S.CharField(max_length=100)
    last_name = S.CharField(max_length=100)
    address = S.CharField(required=False, allow_blank=True, max_length=200)
    phone = S.CharField(required=False, allow_blank=True, max_length=30)
    email = S.EmailField(required=False, allow_blank=True, max_length=254)
    living_situation = S.CharField(required=False, allow_blank=True, max_length=20)


class DeadlineSerializer(S.Serializer):  # type: ignore[type-arg]
    kind = S.ChoiceField(choices=DeadlineKind.choices)
    label = S.CharField(source="get_kind_display")
    due_on = S.DateField()
    met_on = S.DateField(allow_null=True)
    sources = S.ListField(child=S.CharField(), help_text="Lov eller kvalitetsstandard.")


class VerdictSerializer(S.Serializer):  # type: ignore[type-arg]
    name = S.CharField(source="action.name", help_text="POST /cases/{id}/actions/{name}")
    title = S.CharField(source="action.title")
    allowed = S.BooleanField()
    reasons = S.ListField(child=S.CharField(), help_text="Hvorfor ikke nu (dansk).")


class RecommendationSerializer(S.Serializer):  # type: ignore[type-arg]
    outcome = S.CharField(allow_null=True)
    outcome_label = S.CharField(allow_null=True)
    frozen_at_decision = S.BooleanField()
    evaluation = S.DictField(
        help_text="Regelmotorens resultat med forklaringer og kilder (som bb103 evaluate)."
    )


class DecisionRefSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    outcome = S.CharField()
    decided_on = S.DateField()
    offer = S.IntegerField(source="offer_id", allow_null=True)


class CaseSummarySerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    municipality = S.CharField(source="municipality_id")
    citizen = S.SerializerMethodField()
    status = S.ChoiceField(choices=CaseStatus.choices)
    status_label = S.CharField(source="get_status_display")
    version = S.IntegerField()
    created_at = S.DateTimeField()
    next_due_on = S.DateField(allow_null=True)
    caseworker = S.SerializerMethodField()

    @extend_schema_field(PersonRefSerializer)
    def get_citizen(self, case: Any) -> dict[str, Any]:
        return {"id": case.citizen_id, "name": _name(case.citizen)}

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_caseworker(self, case: Any) -> dict[str, Any] | None:
        worker = case.caseworker
        if worker is None:
            return None
        return {"id": worker.pk, "name": worker.get_full_name() or worker.get_username()}


class CaseSerializer(S.Serializer):  # type: ignore[type-arg]
    """A case as its page shows it: state, deadlines, the engine's recommendation with its
    explanation, and the steps the client may take now (with reasons where not)."""

    case = CaseSummarySerializer()
    deadlines = DeadlineSerializer(many=True)
    decision = DecisionRefSerializer(allow_null=True)
    recommendation = RecommendationSerializer(allow_null=True)
    recommendation_error = S.CharField(allow_null=True)
    actions = VerdictSerializer(many=True)


def case_body(page: CasePage) -> dict[str, Any]:
    decision = page.decision
    advice = page.state.advice
    recommendation = None
    if decision is not None and decision.evaluation:
        recommendation = _recommendation(decision.evaluation, frozen=True)
    elif advice is not None:
        recommendation = _recommendation(advice.contract, frozen=False)
    return CaseSerializer(
        {
            "case": page.case,
            "deadlines": page.deadlines,
            "decision": decision,
            "recommendation": recommendation,
            "recommendation_error": page.state.advice_error,
            "actions": page.verdicts,
        }
    ).data


def _recommendation(contract: dict[str, Any], *, frozen: bool) -> dict[str, Any]:
    outcome = (contract.get("eligibility") or {}).get("outcome")
    return {
        "outcome": outcome,
        "outcome_label": outcome_da(outcome) if outcome else None,
        "frozen_at_decision": frozen,
        "evaluation": contract,
    }


def _name(citizen: Citizen) -> str:
    return f"{citizen.first_name} {citizen.last_name}".strip()


class ActionResultSerializer(S.Serializer):  # type: ignore[type-arg]
    """The step taken: what it made (``result``) and the case after it."""

    action = S.CharField()
    result = S.DictField(allow_null=True, help_text="Det trinnet lavede: {type, id}.")
    case = CaseSerializer()
