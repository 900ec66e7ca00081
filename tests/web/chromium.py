"""The system's Chromium for the browser tests: launched once per test or module, and pages
logged in through a session cookie (the login form has its own tests).

Playwright never downloads a browser here; the tests that use this carry
``tests.web.test_browser.IN_CHROMIUM`` and are skipped, saying why, where there is none.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client


def chromium_path() -> str | None:
    for path in (os.environ.get("BB103_CHROMIUM"), "/usr/bin/chromium"):
        if path and Path(path).exists():
            return path
    from shutil import which

    return which("chromium")


CHROMIUM = chromium_path()


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium (the system's), closed afterwards."""
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()


def session_of(user) -> str:
    """A logged-in session's cookie value for ``user``. Made with the ORM, so before the
    browser's event loop runs (Django refuses the ORM inside it)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def page_as(
    browser: Any,
    base: str,
    session: str | None = None,
    *,
    width: int = 1280,
    height: int = 900,
    timeout_ms: int = 10_000,
    bypass_csp: bool = False,
    init_script: Path | None = None,
) -> Any:
    """A fresh page (its own context) at ``width``, logged in with ``session`` if given.
    ``bypass_csp`` and ``init_script`` are for a test tool injected into every page (axe);
    everything else runs under the site's Content-Security-Policy."""
    context = browser.new_context(
        locale="da-DK", bypass_csp=bypass_csp, viewport={"width": width, "height": height}
    )
    if init_script is not None:
        context.add_init_script(path=str(init_script))
    if session is not None:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    return page
