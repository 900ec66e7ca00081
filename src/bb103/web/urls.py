from django.contrib.auth import views as auth_views
from django.urls import include, path

from bb103.web.views import audit, cases, citizens, providers, second_factor, steps, tasks, worklist

urlpatterns = [
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("to-faktor/", second_factor.second_factor, name="second-factor"),
    path("to-faktor/opret/", second_factor.second_factor_setup, name="second-factor-setup"),
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
    path("log/", audit.audit_search, name="audit-search"),
    path("borgere/<int:citizen_id>/opslag/", audit.citizen_access_log, name="citizen-access-log"),
    path("opgaver/<int:task_id>/udfoert/", tasks.task_complete, name="task-complete"),
    path("", include("bb103.web.urls_letters")),
]
