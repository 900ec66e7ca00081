from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "bb103.cases"
    label = "cases"
    verbose_name = "Sager om beskyttet beskæftigelse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        # The deploy check of the CPR key registers itself on import.
        from bb103.cases import cpr_index  # noqa: F401
        from bb103.cases.services.validation import within_limits

        # A storage limit, not a rule of the case: every row of this app, whoever saves it.
        def check_lengths(sender, instance, raw=False, **kwargs):
            if not raw and sender._meta.app_label == self.label:
                within_limits(instance)

        pre_save.connect(check_lengths, dispatch_uid="bb103.cases.text_lengths", weak=False)
