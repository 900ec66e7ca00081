from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "bb103.cases"
    label = "cases"
    verbose_name = "Sager om beskyttet beskæftigelse"
    default_auto_field = "django.db.models.BigAutoField"
