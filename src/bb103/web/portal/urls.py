"""``/min-sag/``: the citizen's and their representative's own pages (issue 19)."""

from django.urls import path

from bb103.web.portal import (
    nemlogin,
    views_acts,
    views_apply,
    views_cases,
    views_log,
    views_login,
)

urlpatterns = [
    path("", views_cases.portal_home, name="portal-home"),
    path("sager/<int:case_id>/", views_cases.portal_case, name="portal-case"),
    path(
        "sager/<int:case_id>/breve/<int:letter_id>/pdf/",
        views_cases.portal_letter_pdf,
        name="portal-letter-pdf",
    ),
    path("log/", views_log.portal_log, name="portal-log"),
    path("log-ind/", views_login.portal_login, name="portal-login"),
    path("log-ind/udvikling/", views_login.portal_dev_login, name="portal-dev-login"),
    path("log-ud/", views_login.portal_logout, name="portal-logout"),
    path("log-ind/mitid/", nemlogin.mitid_start, name="portal-nemlogin"),
    path("log-ind/mitid/svar/", nemlogin.mitid_callback, name="portal-nemlogin-callback"),
    # Acting on one's own case (issue 19, point 4), and applying for one.
    path("ansoeg/", views_apply.apply, name="portal-apply"),
    path(
        "sager/<int:case_id>/partshoering/",
        views_acts.hearing_answer,
        name="portal-hearing-answer",
    ),
    path("sager/<int:case_id>/klage/", views_acts.complaint, name="portal-complaint"),
    path("sager/<int:case_id>/dokument/", views_acts.document, name="portal-document"),
    path("sager/<int:case_id>/aendring/", views_acts.change, name="portal-change"),
    path("sager/<int:case_id>/kvittering/", views_acts.act_receipt, name="portal-act-receipt"),
]
