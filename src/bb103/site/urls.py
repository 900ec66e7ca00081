"""URLs of the case system. The screens come in a later phase; each will call the services."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
