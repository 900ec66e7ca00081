"""The Django project of the case system: settings, URLs, WSGI and ASGI entry points."""
