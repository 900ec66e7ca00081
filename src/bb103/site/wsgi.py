"""WSGI entry point for a production server (e.g. ``gunicorn bb103.site.wsgi``)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
application = get_wsgi_application()

# The code, the models, the address patterns and the views live as long as the process, but
# Python's oldest-generation garbage collection walked all of them (some 150 000 objects,
# 70-100 ms a time, every few dozen requests): about 2 ms of every work-list request
# (issue 21, point 5). Loaded now and frozen, a collection walks only what requests made.
_ = get_resolver().url_patterns
gc.freeze()
