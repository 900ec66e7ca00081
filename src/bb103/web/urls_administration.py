"""The administration screens (issue 20, point 4), under /administration/."""

from django.urls import path

from bb103.web.views import administration as views

M = "administration/<slug:municipality>"
U = f"{M}/brugere/<int:user_id>"
C = f"{M}/systemklienter/<int:client_id>"

urlpatterns = [
    path("administration/", views.administration, name="administration"),
    path(f"{M}/brugere/ny/", views.user_create, name="admin-user-create"),
    path(f"{U}/", views.user_detail, name="admin-user"),
    path(f"{U}/rolle/ny/", views.user_role_add, name="admin-user-role-add"),
    path(f"{U}/rolle/fjern/", views.user_role_remove, name="admin-user-role-remove"),
    path(f"{U}/deaktiver/", views.user_deactivate, name="admin-user-deactivate"),
    path(f"{U}/genaktiver/", views.user_reactivate, name="admin-user-reactivate"),
    path(f"{U}/to-faktor/", views.user_second_factor, name="admin-user-second-factor"),
    path(f"{M}/systemklienter/ny/", views.client_create, name="admin-client-create"),
    path(f"{C}/ny-noegle/", views.client_rotate, name="admin-client-rotate"),
    path(f"{C}/spaer/", views.client_revoke, name="admin-client-revoke"),
    path(f"{M}/kontakt/", views.contact, name="admin-contact"),
]
