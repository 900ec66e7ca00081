"""URLs of the case system: the screens in bb103.web."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [path("", include("bb103.web.urls"))]
