"""The municipality's tasks (from the daily sweep and the providers' reports): the list,
one task, and marking one done through the same service as the screen."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bb103.api.http import ApiView
from bb103.api.idempotency import idempotent
from bb103.api.inputs import validate_body
from bb103.api.serializers_tasks import TaskCompleteInput, TaskSerializer
from bb103.api.views.cases import IDEMPOTENCY_KEY, READ, WRITE, problems
from bb103.cases import actions, selectors, services
from bb103.cases.models import TaskStatus
from bb103.cases.services.audit import audit_listed

TASK = OpenApiParameter("task_id", int, OpenApiParameter.PATH)


class TaskFilterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(
        choices=["open", "done", "all"], required=False, default="open"
    )
    case = serializers.IntegerField(required=False, min_value=1)
    assigned_to_me = serializers.BooleanField(
        required=False, default=False, help_text="Kun opgaver tildelt klienten selv."
    )


class TaskList(ApiView):
    """The tasks of the municipalities whose cases the client reads, the earliest due
    first; open ones unless ``status`` says otherwise."""

    serializer_class = TaskSerializer

    @extend_schema(
        operation_id="tasks_list",
        parameters=[TaskFilterSerializer],
        responses={200: TaskSerializer(many=True), **problems(400, *READ)},
        summary="Opgaver",
    )
    def get(self, request: Request) -> Response:
        params = TaskFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        tasks = selectors.task_list_for_user(
            user=request.user,
            open_only=p["status"] == "open",
            assigned_only=p["assigned_to_me"],
        )
        if p["status"] == "done":
            tasks = tasks.filter(status=TaskStatus.DONE)
        if case := p.get("case"):
            tasks = tasks.filter(case_id=case)
        page = self.paginate_queryset(tasks)
        assert page is not None
        audit_listed(
            actor=request.user, action="api_listed", cases=[t.case for t in page if t.case]
        )
        return self.get_paginated_response(TaskSerializer(page, many=True).data)


class TaskDetail(ApiView):
    """One task (logged as a read of its case, as its page)."""

    serializer_class = TaskSerializer

    @extend_schema(
        operation_id="tasks_retrieve",
        parameters=[TASK],
        responses={200: TaskSerializer, **problems(*READ)},
        summary="Én opgave",
    )
    def get(self, request: Request, task_id: int) -> Response:
        task = selectors.task_read_for_user(user=request.user, task_id=task_id)
        return Response(TaskSerializer(task).data)


class TaskComplete(ApiView):
    """Mark an open task done (caseworker or manager); a task already done is 409."""

    serializer_class = TaskCompleteInput

    @extend_schema(
        operation_id="tasks_complete",
        parameters=[TASK, IDEMPOTENCY_KEY],
        request=TaskCompleteInput,
        responses={200: TaskSerializer, **problems(*WRITE)},
        summary="Markér opgaven som udført",
    )
    def post(self, request: Request, task_id: int) -> Response:
        # 404 for a task the client may not read, then 403 for a role that may not complete
        # it, before the body is looked at (the service asks both again).
        task = selectors.task_get_for_user(user=request.user, task_id=task_id)
        actions.action("task_complete").require(request.user, task.municipality_id)

        def respond() -> Response:
            note = validate_body(TaskCompleteInput, request.data).validated_data.get("note", "")
            services.task_complete(user=request.user, task_id=task_id, note=note)
            done = selectors.task_get_for_user(user=request.user, task_id=task_id)
            return Response(TaskSerializer(done).data)

        return idempotent(request, respond)
