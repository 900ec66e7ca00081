from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "bb103.web"
    label = "web"
    verbose_name = "Skærmbilleder"
