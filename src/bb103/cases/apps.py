from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "bb103.cases"
    label = "cases"
    verbose_name = "Sager om beskyttet beskæftigelse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The deploy check of the CPR key registers itself on import.
        from bb103.cases import cpr_index  # noqa: F401
