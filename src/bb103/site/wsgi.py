"""WSGI entry point for a production server (e.g. ``gunicorn bb103.site.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
application = get_wsgi_application()
