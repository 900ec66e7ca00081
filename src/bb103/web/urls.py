from django.contrib.auth import views as auth_views
from django.urls import include, path

from bb103.web.views import cases, citizens, provider_work, providers, steps, tasks, worklist

urlpatterns = [
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("", worklist.worklist, name="worklist"),
    path("sager/<int:case_id>/", cases.case_detail, name="case"),
    path("sager/<int:case_id>/<slug:step>/", steps.step_form, name="case-step"),
    path("borgere/", citizens.citizen_search, name="citizen-search"),
    path("borgere/ny/", citizens.citizen_create, name="citizen-create"),
    path("borgere/<int:citizen_id>/", citizens.citizen_detail, name="citizen"),
    path(
        "borgere/<int:citizen_id>/ansoegning/",
        citizens.application_create,
        name="application-create",
    ),
    path(
        "borgere/<int:citizen_id>/repraesentant/",
        citizens.representative_create,
        name="representative-create",
    ),
    path("tilbud/", providers.provider_list, name="providers"),
    path("opgaver/<int:task_id>/udfoert/", tasks.task_complete, name="task-complete"),
    path("", include("bb103.web.urls_letters")),
    path("mit-tilbud/", provider_work.provider_start, name="provider-start"),
    path(
        "mit-tilbud/vaerksted/<int:offer_id>/fremmoede/",
        provider_work.attendance_week,
        name="provider-attendance",
    ),
    path(
        "mit-tilbud/borger/<int:placement_id>/",
        provider_work.placement_order,
        name="provider-order",
    ),
    path(
        "mit-tilbud/borger/<int:placement_id>/paedagogisk-plan/",
        provider_work.plan_form,
        name="provider-plan",
    ),
    path(
        "mit-tilbud/borger/<int:placement_id>/afvigelse/",
        provider_work.deviation_form,
        name="provider-deviation",
    ),
    path(
        "mit-tilbud/borger/<int:placement_id>/loen/",
        provider_work.wage_form,
        name="provider-wage",
    ),
]
