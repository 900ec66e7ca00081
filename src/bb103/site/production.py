"""Production settings: everything in :mod:`bb103.site.settings`, served over HTTPS only.

``manage check --deploy`` with these settings gives no warnings (tested). A secret key must
come from the environment: without one the process refuses to start rather than run with a
known key.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from bb103.cases.cpr_index import cpr_hash_key_problem
from bb103.site.settings import *  # noqa: F403

if not os.environ.get("BB103_SECRET_KEY"):
    raise ImproperlyConfigured("BB103_SECRET_KEY must be set in production.")
SECRET_KEY = os.environ["BB103_SECRET_KEY"]
if not os.environ.get("BB103_CPR_HASH_KEY"):
    raise ImproperlyConfigured("BB103_CPR_HASH_KEY must be set in production.")
BB103_CPR_HASH_KEY = os.environ["BB103_CPR_HASH_KEY"]
# The public development key or a short one would let anyone with the database reverse the
# search keys to CPR numbers: refused at start, as the deploy check (bb103.E001) reports.
if _cpr_key_problem := cpr_hash_key_problem(BB103_CPR_HASH_KEY):
    raise ImproperlyConfigured(_cpr_key_problem)
# load_demo refuses to run here unless told so explicitly.
BB103_PRODUCTION = True
DEBUG = False

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

BB103_REQUIRE_OTP = os.environ.get("BB103_REQUIRE_OTP", "1") == "1"

# Min sag's development login picks any demo citizen without MitID: never in production.
if os.environ.get("BB103_CITIZEN_DEV_LOGIN") == "1":
    raise ImproperlyConfigured(
        "BB103_CITIZEN_DEV_LOGIN=1 is refused in production: citizens log in with MitID "
        "through NemLog-in (BB103_NEMLOGIN_CLIENT_ID, …)."
    )
BB103_CITIZEN_DEV_LOGIN = False
