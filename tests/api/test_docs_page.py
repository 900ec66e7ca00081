"""Issue 18, point 1: the schema's documentation page is served from the package itself
(no CDN), under the site's Content-Security-Policy, and needs no key (it holds no data)."""

import re

from django.test import Client


def test_the_docs_page_and_its_assets_come_from_this_site_only(db):
    client = Client()
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<style" not in html and "<script>" not in html  # nothing inline (CSP)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    script = client.get(next(s for s in sources if "script" in s and "?" in s))
    assert script.status_code == 200 and b"/api/v1/schema/" in script.content
    schema = client.get("/api/v1/schema/", headers={"Accept": "application/vnd.oai.openapi"})
    assert schema.status_code == 200 and schema.content.startswith(b"openapi: 3.1.0")
