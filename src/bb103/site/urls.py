"""URLs of the case system: the API in bb103.api and the screens in bb103.web."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    # The machine interface for other systems (issue 18), versioned in its path.
    path("api/v1/", include("bb103.api.urls")),
    path("", include("bb103.web.urls")),
]

# Under /api/ an unknown URL and a server error are problem details (bb103.api).
handler404 = "bb103.api.not_found.handler404"
handler500 = "bb103.api.not_found.handler500"
