from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from bb103.web.forms.login import LoginForm
from bb103.web.views import (
    accessibility,
    attachments,
    audit,
    cases,
    citizens,
    economy,
    gdpr,
    overview,
    provider_work,
    providers,
    second_factor,
    settlement,
    steps,
    tasks,
    team,
    worklist,
)

urlpatterns = [
    # Min sag: the citizen's own pages (issue 19).
    path("min-sag/", include("bb103.web.portal.urls")),
    # The login form's own error messages, in plain Danish (issue 16, point 9).
    path("log-ind/", auth_views.LoginView.as_view(form_class=LoginForm), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "adgangskode/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password-change-done")),
        name="password-change",
    ),
    path(
        "adgangskode/skiftet/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
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
    path("borgere/<int:citizen_id>/ret/", citizens.citizen_correct, name="citizen-correct"),
    path(
        "borgere/<int:citizen_id>/repraesentant/<int:representative_id>/ret/",
        citizens.representative_correct,
        name="representative-correct",
    ),
    path("tilbud/", providers.provider_list, name="providers"),
    path("log/", audit.audit_search, name="audit-search"),
    # Two segments under the case, so they are not read as a step's slug.
    path("sager/<int:case_id>/bilag/oversigt/", attachments.attachments, name="attachments"),
    path(
        "sager/<int:case_id>/bilag/<int:attachment_id>/hent/",
        attachments.attachment_download,
        name="attachment-download",
    ),
    path("borgere/<int:citizen_id>/opslag/", audit.citizen_access_log, name="citizen-access-log"),
    path("opgaver/<int:task_id>/udfoert/", tasks.task_complete, name="task-complete"),
    path("", include("bb103.web.urls_letters")),
    path("", include("bb103.web.urls_administration")),
    path("afregning/", settlement.settlement_index, name="settlement-index"),
    path(
        "afregning/<slug:municipality>/<str:month>/",
        settlement.settlement_detail,
        name="settlement",
    ),
    path(
        "afregning/<slug:municipality>/<str:month>/beregn/",
        settlement.settlement_run,
        name="settlement-run",
    ),
    path(
        "afregning/<slug:municipality>/<str:month>/godkend/",
        settlement.settlement_approve,
        name="settlement-approve",
    ),
    path(
        "afregning/<slug:municipality>/<str:month>/afregning.csv",
        settlement.settlement_csv,
        name="settlement-csv",
    ),
    path(
        "afregning/<slug:municipality>/<str:month>/afregning.xlsx",
        settlement.settlement_xlsx,
        name="settlement-xlsx",
    ),
    path(
        "afregning/<slug:municipality>/<str:month>/bogfoering.csv",
        settlement.settlement_finance_file,
        name="settlement-finance",
    ),
    path("tilbud/leverandoer/ny/", providers.provider_create, name="provider-create"),
    path("tilbud/leverandoer/<int:provider_id>/cvr/", providers.provider_cvr, name="provider-cvr"),
    path("tilbud/nyt/", providers.offer_create, name="offer-create"),
    path("tilbud/<int:offer_id>/ret/", providers.offer_update, name="offer-update"),
    path("tilbud/<int:offer_id>/takst/", providers.offer_price, name="offer-price"),
    # Two segments under the case, so they are not read as a step's slug.
    path("sager/<int:case_id>/oekonomi/oversigt/", economy.case_economy, name="case-economy"),
    path(
        "sager/<int:case_id>/oekonomi/befordring/",
        economy.transport_create,
        name="transport-create",
    ),
    path(
        "sager/<int:case_id>/oekonomi/skattekort/",
        economy.tax_card_create,
        name="tax-card-create",
    ),
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
    path(
        "borgere/<int:citizen_id>/indsigt/",
        gdpr.citizen_gdpr_export,
        name="citizen-gdpr-export",
    ),
    path("opbevaring/", gdpr.retention_report, name="retention-report"),
    # Issue 17, items 2 and 6: the handover after a move, assigning and moving cases.
    path("sager/<int:case_id>/flytning/overdragelse/", team.handover, name="case-handover"),
    path("sager/<int:case_id>/raadgiver/fordel/", team.case_assign, name="case-assign"),
    path("team/", team.team, name="team"),
    path("team/<slug:municipality>/flyt/", team.caseload_transfer, name="caseload-transfer"),
    # Issue 20: the manager's overview; "alle" is every municipality the user manages.
    path("overblik/", overview.overview, name="overview"),
    path("overblik/<slug:municipality>/", overview.overview, name="overview-municipality"),
    path(
        "overblik/<slug:municipality>/aarsrapport.pdf",
        overview.overview_report_pdf,
        name="overview-report",
    ),
    path(
        "overblik/<slug:municipality>/<slug:figure>.csv",
        overview.overview_csv,
        name="overview-csv",
    ),
    path(
        "overblik/<slug:municipality>/<slug:figure>.xlsx",
        overview.overview_xlsx,
        name="overview-xlsx",
    ),
    # Public: no login (login_not_required), linked from every page's footer.
    path("tilgaengelighed/", accessibility.statement, name="accessibility-statement"),
]
