"""Response headers that keep personal data out of caches and the browser's powerful
features out of reach (issue 14, point 8). The Content-Security-Policy itself comes from
django-csp (``CONTENT_SECURITY_POLICY`` in the settings).

- ``Cache-Control: no-store, private`` on every response unless the view declared it
  public: a case, a citizen, the log, a letter, an export or an attachment must not stay in
  a shared proxy's cache or the browser's disk cache on a shared municipal PC. Listing the
  pages with personal data would leave the next new page out; listing the public ones (the
  published quality standards, ``cache_control(public=True)``) fails safe.
- ``Permissions-Policy``: the case system uses no camera, microphone, location, payment,
  USB and the like, so a page (or anything injected into one) may not ask for them.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def _declared_public(response: HttpResponse) -> bool:
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return "public" in directives


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not _declared_public(response):
            patch_cache_control(response, no_store=True, private=True)
        return response
