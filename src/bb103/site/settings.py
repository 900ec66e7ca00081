"""Settings for the case system, taken from the environment so one build runs anywhere.

- ``DATABASE_URL``: PostgreSQL in production and CI (``postgres://user@host:5432/name``);
  without it, an embedded SQLite file under ``var/`` in the repository (or ``BB103_VAR_DIR``).
- ``BB103_SECRET_KEY``: required in production; the fallback is marked insecure so that
  ``manage check --deploy`` reports it.
- ``BB103_DEBUG=1``: development only.
- ``BB103_ALLOWED_HOSTS``: comma-separated host names.

The app keeps no state in the process: sessions live in the database, so instances can run
side by side behind a load balancer.
"""

import os
from pathlib import Path

import dj_database_url

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
    "bb103.cases",
    "bb103.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the screens are written in Danish only so far, so a browser asking
    # for English must not get English dates and Django messages amid Danish text.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view requires login unless marked otherwise (only the login page is).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "bb103.sqlite3")}


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cases.User"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "worklist"
LOGOUT_REDIRECT_URL = "login"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
