"""A workshop's attendance week: read it as the provider's screen shows it, and send the
whole week for every citizen at the offer in one call, through the same service as the
screen's "Gem ugen" (services.attendance_record): all of it is saved, or nothing."""

import re
from datetime import date

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.idempotency import idempotent
from bb103.api.inputs import validate_body
from bb103.api.problems import FieldError, Problem, invalid
from bb103.api.serializers_provider_work import (
    AttendanceResultSerializer,
    AttendanceWeekInput,
    AttendanceWeekSerializer,
)
from bb103.api.views.cases import IDEMPOTENCY_KEY, READ, WRITE, problems
from bb103.cases import actions, selectors, services
from bb103.cases.errors import CaseError
from bb103.cases.models import Offer, User
from bb103.cases.services.attendance import AttendanceEntry, AttendanceResult, cell_name

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A client sending a week full of mistakes hears of this many at once.
MAX_REFUSED = 50
REFUSED_EN = (
    "Refused by the attendance rules (the Danish message says which): a day that is not a "
    "planned working day, a day after today, a day given twice, hours on a day not present, "
    "or a month settled and locked. Nothing was saved."
)

WEEK = OpenApiParameter(
    "week",
    str,
    OpenApiParameter.PATH,
    pattern=r"^(\d{4}-W\d{2}|\d{4}-\d{2}-\d{2})$",
    description="Ugen: ÅÅÅÅ-Wuu (ISO-uge) eller datoen for en dag i den, fx 2025-W19 eller "
    "2025-05-07.",
)
OFFER = OpenApiParameter("offer_id", int, OpenApiParameter.PATH)


def monday_of(text: str) -> date:
    """The Monday of the week in the path: ``2025-W19`` or any day of it (``2025-05-07``)."""
    try:
        found = _ISO_WEEK.match(text)
        if found:
            day = date.fromisocalendar(int(found[1]), int(found[2]), 1)
        elif _ISO_DAY.match(text):
            day = date.fromisoformat(text)
        else:
            raise ValueError(text)
    except ValueError:
        day = None
    # As the screen: no attendance is that old or that far ahead.
    if day is None or not date(1900, 1, 1) <= day <= date(2999, 12, 24):
        raise invalid(
            [
                FieldError(
                    "week",
                    "Ugen skal skrives ÅÅÅÅ-Wuu (fx 2025-W19) eller som en dato i ugen.",
                    "The week must be YYYY-Www (e.g. 2025-W19) or a date in the week.",
                )
            ]
        )
    return selectors.week_start(day)


def _grid(request: Request, offer_id: int, monday: date) -> selectors.WeekGrid:
    return selectors.attendance_week_for_user(
        user=request.user, offer_id=offer_id, monday=monday, today=timezone.localdate()
    )


class AttendanceWeek(ApiView):
    """The workshop's week: a row per running placement the client may read, a column per
    day; each planned day with what is registered and whether it can be registered now."""

    serializer_class = AttendanceWeekSerializer

    @extend_schema(
        operation_id="attendance_week_retrieve",
        parameters=[OFFER, WEEK],
        responses={200: AttendanceWeekSerializer, **problems(400, *READ)},
        summary="Tilbuddets fremmøde for en uge",
    )
    def get(self, request: Request, offer_id: int, week: str) -> Response:
        grid = _grid(request, offer_id, monday_of(week))
        return Response(AttendanceWeekSerializer(grid).data)

    @extend_schema(
        operation_id="attendance_week_record",
        parameters=[OFFER, WEEK, IDEMPOTENCY_KEY],
        request=AttendanceWeekInput,
        responses={200: AttendanceResultSerializer, **problems(*WRITE)},
        summary="Registrér en hel uges fremmøde for tilbuddet i ét kald",
        description=(
            "Hver række er én borgers dag (placering, dag, fremmøde, evt. timer). Alle "
            "rækker gemmes, eller ingen: en afvist række nævnes i fejlens errors som "
            "rows[i] (fx rows[3].day), og intet er gemt. Dage, der ikke er med, er uændrede. "
            "Samme tjeneste som skærmens »Gem ugen«; rolle: provider_staff."
        ),
    )
    def post(self, request: Request, offer_id: int, week: str) -> Response:
        monday = monday_of(week)
        # 404 for a workshop the client may not read, then 403 for a role that may not
        # register, before the body is looked at: the screen's order.
        grid = _grid(request, offer_id, monday)
        actions.action("attendance_record").require(
            request.user, grid.offer.provider.municipality_id
        )

        def respond() -> Response:
            rows = validate_body(AttendanceWeekInput, request.data).validated_data["rows"]
            _check_in_grid(rows, grid)
            result = _record(request.user, grid.offer, rows)
            after = _grid(request, offer_id, monday)
            body = {
                "saved": result.saved,
                "cases": result.cases,
                "absence_tasks": len(result.absence_tasks),
                "week": after,
            }
            return Response(AttendanceResultSerializer(body).data)

        return idempotent(request, respond)


def _check_in_grid(rows: list[dict], grid: selectors.WeekGrid) -> None:  # type: ignore[type-arg]
    """Each row is a day of this week for a citizen of this workshop's week (400 naming
    the rows that are not)."""
    placements = {row.placement.pk for row in grid.rows}
    errors = []
    for index, row in enumerate(rows):
        if row["placement"] not in placements:
            errors.append(
                FieldError(
                    f"rows[{index}].placement",
                    "Placeringen findes ikke på tilbuddet i denne uge, eller klienten har "
                    "ikke adgang til den.",
                    "No such running placement at this offer for the client.",
                )
            )
        if not grid.monday <= row["day"] <= grid.sunday:
            errors.append(
                FieldError(
                    f"rows[{index}].day",
                    f"Dagen ligger ikke i ugen {grid.monday.isoformat()} til "
                    f"{grid.sunday.isoformat()}.",
                    "The day is not in the week of the path.",
                )
            )
    if errors:
        raise invalid(errors)


def _record(user: User, offer: Offer, rows: list[dict]) -> AttendanceResult:  # type: ignore[type-arg]
    """The rows through the service in one transaction. The service stops at the first
    refused cell; so that the client hears of every refused row at once, a refused row is
    set aside and the rest tried again (each try in a savepoint), and when any was refused
    everything is rolled back and the refused rows are named."""
    entries = [AttendanceEntry(r["placement"], r["day"], r["status"], r.get("hours")) for r in rows]
    remaining = list(range(len(entries)))
    refused: list[FieldError] = []
    result = AttendanceResult()
    with transaction.atomic():
        while True:
            try:
                with transaction.atomic():
                    result = services.attendance_record(
                        user=user, offer=offer, entries=[entries[i] for i in remaining]
                    )
                break
            except CaseError as exc:
                index = _row_of(exc.field, remaining, entries)
                if index is None:  # not one row's fault (a locked month)
                    refused.append(FieldError("rows", exc.message, REFUSED_EN))
                    break
                # A day's checks come first; a row with hours may be refused for either.
                part = ".day" if entries[index].hours is None else ""
                refused.append(FieldError(f"rows[{index}]{part}", exc.message, REFUSED_EN))
                remaining.remove(index)
                if len(refused) >= MAX_REFUSED:
                    break
        if refused:
            raise Problem(
                422,
                "rule-refused",
                "Refused by a rule",
                refused[0].message,
                REFUSED_EN,
                refused,
            )
    return result


def _row_of(field: str | None, remaining: list[int], entries: list[AttendanceEntry]) -> int | None:
    """The row a refusal names (the service names the grid's cell); of a day given twice,
    the repeat."""
    matching = [i for i in remaining if cell_name(entries[i].placement_id, entries[i].day) == field]
    if not matching:
        return None
    return matching[1] if len(matching) > 1 else matching[0]
