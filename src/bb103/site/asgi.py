"""ASGI entry point for an ASGI server (e.g. ``uvicorn bb103.site.asgi:application``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
application = get_asgi_application()
