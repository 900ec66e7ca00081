"""Settings for the case system, taken from the environment so one build runs anywhere.

- ``DATABASE_URL``: PostgreSQL in production and CI (``postgres://user@host:5432/name``);
  without it, an embedded SQLite file under ``var/`` in the repository (or ``BB103_VAR_DIR``).
- ``BB103_SECRET_KEY``: required in production; the fallback is marked insecure so that
  ``manage check --deploy`` reports it.
- ``BB103_DEBUG=1``: development only.
- ``BB103_ALLOWED_HOSTS``: comma-separated host names.
- ``BB103_REQUIRE_OTP=1``: staff must confirm a TOTP code after the password (on in
  :mod:`bb103.site.production`).
- ``BB103_OIDC_*``: the municipality's OpenID Connect identity provider (see
  :mod:`bb103.site.oidc`); without them, users log in with a password here.

Production runs with ``DJANGO_SETTINGS_MODULE=bb103.site.production``, which adds HTTPS-only
cookies, HSTS and the second factor on top of these.

The app keeps no state in the process: sessions live in the database, so instances can run
side by side behind a load balancer.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from bb103.site import oidc

# src/bb103/site/settings.py -> the repository root (an editable install, as the Makefile does).
REPO_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("BB103_VAR_DIR", REPO_DIR / "var"))

DEBUG = os.environ.get("BB103_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("BB103_SECRET_KEY", "django-insecure-bb103-local-development-only")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("BB103_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    # No django.contrib.admin: it would read every municipality's rows past the scoped
    # selectors, and CPR numbers and health information are sensitive.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # htmx (vendored in the package as a static file) and request.htmx.
    "django_htmx",
    # Partials as named template blocks ({% partialdef %}), for htmx responses.
    "template_partials",
    # Login throttling: repeated failed logins lock the username from that address.
    "axes",
    # Second factor for staff: time-based one-time codes (TOTP, RFC 6238).
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The API (issue 18): Django REST framework, its OpenAPI 3.1 schema (drf-spectacular)
    # and the schema's documentation pages served from the package (the sidecar: no CDN).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The job queue (django-tasks, the backport of Django 6's django.tasks) and its
    # database backend: letters are delivered by `bb103 manage db_worker`, never in a
    # request (docs/integrations.md).
    "django_tasks",
    "django_tasks_db",
    "bb103.cases",
    "bb103.web",
    *oidc.installed_apps(),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp), Permissions-Policy and no-store on every page
    # that is not declared public (issue 14, point 8).
    "csp.middleware.CSPMiddleware",
    "bb103.web.security_headers.SecurityHeadersMiddleware",
    # The client's address for the audit log, for the whole request.
    "bb103.web.request_origin.RequestOriginMiddleware",
    # The user's memberships read once per request, however many parts of a page ask.
    "bb103.web.request_scope.RequestScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the screens are written in Danish only so far, so a browser asking
    # for English must not get English dates and Django messages amid Danish text.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every view requires login unless marked otherwise (only the login page is).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A Min sag login (a citizen's) reaches only Min sag's pages (issue 19).
    "bb103.web.portal.access.PortalOnlyMiddleware",
    # After authentication: staff without a confirmed second factor reach only its pages.
    "bb103.web.second_factor.SecondFactorMiddleware",
    # A database still busy after its wait: a Danish 503, not a 500 (issue 14, point 5).
    "bb103.web.database_busy.DatabaseBusyMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bb103.site.urls"
WSGI_APPLICATION = "bb103.site.wsgi.application"
ASGI_APPLICATION = "bb103.site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The main menu: only the areas the user may open (issue 16, point 7).
                "bb103.web.menu.menu",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.postgresql":
            # No JIT compilation: the case system's queries each run in milliseconds, and
            # PostgreSQL's JIT, which its cost estimate switches on for an aggregate over a
            # municipality's cases, spent some 50 ms compiling to save less (measured on
            # the overview at 10⁵ cases). The usual setting for transaction workloads.
            options = config.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        return config
    path = VAR_DIR / "bb103.sqlite3"
    _owner_only(path)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Concurrent posts wait for the write lock instead of failing with "database is
        # locked" (issue 14, point 5): BEGIN IMMEDIATE takes it at the start of a
        # transaction, so no transaction fails to upgrade a read lock halfway, and a
        # writer waits up to 20 s for another's commit.
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }


def _owner_only(database: Path) -> None:
    """var/ (the database, attachments, backups) and the SQLite file readable by their
    owner only, whatever the umask (issue 14, point 11); SQLite gives its journal and WAL
    files the database file's mode."""
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not database.exists():
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
    for target, mode in ((VAR_DIR, 0o700), (database, 0o600)):
        try:
            if target.stat().st_mode & 0o077:
                target.chmod(mode)
        except PermissionError:  # someone else's, on purpose: leave it to them
            pass


DATABASES = {"default": _database()}
# Indexes with included (non-key) columns make PostgreSQL's overview counts index-only
# scans; SQLite, the embedded default, builds the same indexes without them, which is
# what W040 says on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cases.User"
# Django's database sessions, read with one statement written once (bb103/web/sessions.py).
SESSION_ENGINE = "bb103.web.sessions"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    *oidc.authentication_backends(),
    *oidc.nemlogin_backends(),
    "django.contrib.auth.backends.ModelBackend",
]
# Django's default hasher (PBKDF2-SHA256 with the release's iteration count).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # aaaaaaaaaaaa and Danish favourites such as sommerfugl2024 (issue 14, point 11).
    {"NAME": "bb103.cases.passwords.DistinctCharactersValidator"},
    {"NAME": "bb103.cases.passwords.DanishCommonPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# Sessions: cookie not readable by scripts, ended when the browser closes and after 8 hours
# at most (a working day), and renewed on login (Django does that itself).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Only this site's own files: the htmx bundle is served from here, and no page carries an
# inline script, style or event handler, so an injected one does not run (issue 14, point 8).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# django-axes: 5 failed logins for a username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("BB103_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("BB103_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the municipality's proxy the client address comes from X-Forwarded-For; set the
# number of trusted proxies in production (BB103_TRUSTED_PROXIES).
BB103_TRUSTED_PROXIES = int(os.environ.get("BB103_TRUSTED_PROXIES", "0"))
AXES_IPWARE_PROXY_COUNT = BB103_TRUSTED_PROXIES or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Second factor (django-otp): staff confirm a TOTP code after the password.
BB103_REQUIRE_OTP = os.environ.get("BB103_REQUIRE_OTP", "") == "1"
OTP_TOTP_ISSUER = "BB103"

# OpenID Connect (the municipality's SSO), configured by the environment only.
globals().update(oidc.settings_from_env(os.environ))

# Error reports (the e-mail to ADMINS, the debug page) with every CPR-shaped number masked,
# wherever it stands in the request or a frame (issue 14, point 7).
DEFAULT_EXCEPTION_REPORTER = "bb103.site.error_reports.CprSafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "bb103.site.error_reports.CprSafeExceptionReporterFilter"

# The key of the CPR numbers' search hash (bb103.cases.cpr_index); required in production.
BB103_CPR_HASH_KEY = os.environ.get("BB103_CPR_HASH_KEY", "bb103-local-development-only")
# Production settings set it; the demo loader refuses to run there unless told so.
BB103_PRODUCTION = False

# Attachments (a statusattest, say): outside the web root and the static files, never
# served but through the scoped view; at most 10 MB each, PDF, PNG or JPEG.
BB103_ATTACHMENT_DIR = Path(os.environ.get("BB103_ATTACHMENT_DIR", VAR_DIR / "attachments"))
BB103_ATTACHMENT_MAX_BYTES = int(os.environ.get("BB103_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))

# How long the log of who looked at a citizen's case is kept (changes stay with the case).
BB103_AUDIT_READ_RETENTION_DAYS = int(os.environ.get("BB103_AUDIT_READ_RETENTION_DAYS", "1826"))

# The job queue: jobs are rows in this database (django-tasks-db), so they survive a
# restart and need no broker; `bb103 manage db_worker` runs them (`make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Digital Post (docs/integrations.md). The channel a municipality's letters go out on: its
# id (the policy id, "ballerup") maps to a channel configuration, "default" to the rest.
# CHANNEL is the class (bb103.cases.delivery.channel.DeliveryChannel), OPTIONS its keyword
# arguments, SENDER the MeMo sender (id and idType "CVR"; without it the municipality's
# id in BB103 with idType "Andet"). The embedded file channel writes each letter as a MeMo
# message into <dir>/outbox and reads receipts from <dir>/inbox; "dir" defaults to
# BB103_DIGITAL_POST_DIR. Example for one municipality on its own folder and CVR:
#   "ballerup": {"CHANNEL": "bb103.cases.delivery.file_channel.FileChannel",
#                "OPTIONS": {"dir": "/srv/bb103/dp-ballerup"},
#                "SENDER": {"id": "12345678", "id_type": "CVR"}},
BB103_DIGITAL_POST_DIR = Path(os.environ.get("BB103_DIGITAL_POST_DIR", VAR_DIR / "digital-post"))
BB103_DIGITAL_POST = {
    "default": {"CHANNEL": "bb103.cases.delivery.file_channel.FileChannel", "OPTIONS": {}},
}
# A channel that fails is tried again after 1, 2, 4, ... minutes, this many times in all;
# then the letter is marked failed and the caseworker gets a task.
BB103_DIGITAL_POST_ATTEMPTS = int(os.environ.get("BB103_DIGITAL_POST_ATTEMPTS", "5"))
BB103_DIGITAL_POST_BACKOFF_SECONDS = int(os.environ.get("BB103_DIGITAL_POST_BACKOFF", "60"))
# Letters to citizens exempt from Digital Post: one PDF per municipality and day here.
BB103_PRINT_DIR = Path(os.environ.get("BB103_PRINT_DIR", VAR_DIR / "print"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "worklist"
LOGOUT_REDIRECT_URL = "login"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"


# The API (issue 18). Only a system client's key authenticates (no session: a person uses
# the screens); JSON in and out; errors as problem details (RFC 9457); each client's own
# rate limit; pages of 50 with a stable order.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["bb103.api.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["bb103.api.throttling.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "bb103.api.pagination.Pages",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bb103.api.problems.problem_handler",
    "UNAUTHENTICATED_USER": None,
    # No OPTIONS self-description: the OpenAPI schema is the description.
    "DEFAULT_METADATA_CLASS": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BB103 API",
    "DESCRIPTION": (
        "Beskyttet beskæftigelse (serviceloven § 103): sager, borgere, breve, tilbud, "
        "fremmøde, afregning og regelmotoren for kommunernes og tilbuddenes systemer. "
        "Hvert trin på en sag er samme handling som på skærmen. Fejl er problem details "
        "(RFC 9457) med dansk og engelsk tekst."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    # One name per choice set where several fields share one ("outcome").
    "ENUM_NAME_OVERRIDES": {
        "DecisionOutcomeEnum": ["grant", "refusal"],
        "AnkeOutcomeEnum": ["upheld", "changed", "sent_back", "annulled", "rejected"],
        # Fields named alike (status, kind) in several resources: each choice set by its name.
        "AttendanceStatusEnum": "bb103.cases.models.AttendanceStatus",
        "SettlementStatusEnum": "bb103.cases.models.SettlementStatus",
        "TaskStatusEnum": "bb103.cases.models.TaskStatus",
        "TaskStatusFilterEnum": ["open", "done", "all"],
        "TaskKindEnum": "bb103.cases.models.TaskKind",
        "ProviderKindEnum": "bb103.cases.models.ProviderKind",
    },
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}


# Min sag (issue 19). NemLog-in (MitID) for citizens and their representatives, from the
# environment (bb103.site.oidc). The development login, which lets anyone pick a demo
# citizen, is on only outside production (production.py refuses it).
BB103_NEMLOGIN = oidc.nemlogin_settings_from_env(os.environ)
# The ID token's claim holding the person's CPR number (the OIO profile's, unless set).
BB103_NEMLOGIN_CPR_CLAIM = os.environ.get("BB103_NEMLOGIN_CPR_CLAIM", oidc.CPR_CLAIM)
BB103_CITIZEN_DEV_LOGIN = os.environ.get("BB103_CITIZEN_DEV_LOGIN", "1") == "1"
