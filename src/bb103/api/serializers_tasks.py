"""The municipality's tasks from the daily sweep (and the provider's reports)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bb103.api.inputs import StrictSerializer
from bb103.api.serializers import PersonRefSerializer
from bb103.cases.models import Task, TaskKind, TaskStatus

S = serializers


class TaskSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    municipality = S.CharField(source="municipality_id")
    case = S.IntegerField(source="case_id", allow_null=True)
    citizen = S.SerializerMethodField()
    kind = S.ChoiceField(choices=TaskKind.choices)
    kind_label = S.CharField(source="get_kind_display")
    title = S.CharField()
    legal_source = S.CharField(help_text="Hjemmel (lov eller kvalitetsstandard).")
    due_on = S.DateField()
    status = S.ChoiceField(choices=TaskStatus.choices)
    assigned_to = S.SerializerMethodField()
    created_on = S.DateField()
    completed_at = S.DateTimeField(allow_null=True)
    note = S.CharField()

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_citizen(self, task: Task) -> dict[str, Any] | None:
        if task.case is None:
            return None
        citizen = task.case.citizen
        return {"id": citizen.pk, "name": f"{citizen.first_name} {citizen.last_name}".strip()}

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_assigned_to(self, task: Task) -> dict[str, Any] | None:
        user = task.assigned_to
        if user is None:
            return None
        return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


class TaskCompleteInput(StrictSerializer):
    note = S.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Bemærkning (valgfri)."
    )
