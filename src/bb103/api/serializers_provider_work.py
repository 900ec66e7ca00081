"""Placements as the provider's pages show them (the order's terms, not the case file), and
a workshop's attendance week: what the provider's own system reads and sends."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bb103.api.inputs import StrictSerializer
from bb103.api.serializers_catalogue import RefSerializer
from bb103.cases.models import AttendanceStatus, Placement
from bb103.cases.selectors import WeekGrid

S = serializers
# A week of a large workshop: every citizen, seven days. More in one call is a mistake.
MAX_ROWS = 2000


def iso_week(day: Any) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class CitizenNameSerializer(S.Serializer):  # type: ignore[type-arg]
    name = S.CharField()


class PlacementSerializer(S.Serializer):  # type: ignore[type-arg]
    """A running placement. ``case`` is the case's id for a client that reads the
    municipality's cases, and null for the provider's staff, who do not read the case file
    (GDPR art. 5(1)(c)); both see the citizen's name, as on the provider's pages."""

    id = S.IntegerField()
    municipality = S.CharField(source="case.municipality_id")
    case = S.SerializerMethodField()
    citizen = S.SerializerMethodField()
    offer = RefSerializer()
    provider = RefSerializer(source="offer.provider")
    start_on = S.DateField()
    ended_on = S.DateField(allow_null=True)
    days_per_week = S.IntegerField()
    weekdays = S.SerializerMethodField()
    hours_per_day = S.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    contact_person = S.CharField(help_text="Fast kontaktperson hos tilbuddet.")

    @extend_schema_field(S.IntegerField(allow_null=True))
    def get_case(self, placement: Placement) -> int | None:
        readers = self.context.get("case_municipalities", frozenset())
        return placement.case_id if placement.case.municipality_id in readers else None

    @extend_schema_field(CitizenNameSerializer)
    def get_citizen(self, placement: Placement) -> dict[str, str]:
        citizen = placement.case.citizen
        return {"name": f"{citizen.first_name} {citizen.last_name}".strip()}

    @extend_schema_field(S.ListField(child=S.IntegerField(min_value=1, max_value=7)))
    def get_weekdays(self, placement: Placement) -> list[int]:
        return [int(d) for d in placement.weekdays]


class WeekCellSerializer(S.Serializer):  # type: ignore[type-arg]
    day = S.DateField()
    planned = S.BooleanField(help_text="En planlagt arbejdsdag for borgeren.")
    status = S.ChoiceField(choices=AttendanceStatus.choices, allow_null=True)
    hours = S.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    editable = S.BooleanField(help_text="Kan registreres nu (ikke i fremtiden, ikke låst).")
    note = S.CharField(help_text="Hvorfor en planlagt dag ikke kan registreres.")


class WeekRowSerializer(S.Serializer):  # type: ignore[type-arg]
    placement = S.IntegerField(source="placement.pk")
    citizen = S.SerializerMethodField()
    cells = WeekCellSerializer(many=True)

    @extend_schema_field(CitizenNameSerializer)
    def get_citizen(self, row: Any) -> dict[str, str]:
        citizen = row.placement.case.citizen
        return {"name": f"{citizen.first_name} {citizen.last_name}".strip()}


class WeekColumnSerializer(S.Serializer):  # type: ignore[type-arg]
    day = S.DateField()
    working_day = S.BooleanField(help_text="Arbejdsdag i kommunens kalender.")


class AttendanceWeekSerializer(S.Serializer):  # type: ignore[type-arg]
    offer = S.IntegerField(source="offer.pk")
    offer_name = S.CharField(source="offer.name")
    week = S.SerializerMethodField()
    monday = S.DateField()
    sunday = S.DateField()
    columns = WeekColumnSerializer(many=True)
    rows = WeekRowSerializer(many=True)

    def get_week(self, grid: WeekGrid) -> str:
        return iso_week(grid.monday)


class AttendanceRowInput(StrictSerializer):
    placement = S.IntegerField(min_value=1, help_text="Placeringens id (GET /placements).")
    day = S.DateField()
    status = S.ChoiceField(choices=AttendanceStatus.choices)
    hours = S.DecimalField(
        max_digits=4,
        decimal_places=2,
        required=False,
        allow_null=True,
        coerce_to_string=False,
        help_text="Timer en dag, borgeren er mødt, når de afviger fra aftalen.",
    )


class AttendanceWeekInput(StrictSerializer):
    """The week's cells for the workshop: each given cell is registered (or corrected);
    cells left out stay as they are."""

    rows = AttendanceRowInput(many=True, allow_empty=False, max_length=MAX_ROWS)


class AttendanceResultSerializer(S.Serializer):  # type: ignore[type-arg]
    saved = S.IntegerField(help_text="Dage gemt eller rettet (uændrede dage tæller ikke).")
    cases = S.IntegerField(help_text="Borgere med en ændring.")
    absence_tasks = S.IntegerField(help_text="Opgaver om gentaget fravær til rådgiveren.")
    week = AttendanceWeekSerializer()
