"""The cases app's 36 migrations up to 0035, squashed into one for a new database: the
models as they are, and the PostgreSQL triggers the old migrations install (the audit log
append-only and its purge guard, the finance files frozen), taken from those migrations'
own functions. The data fills of the old migrations are left out: a new database has no
rows to fill. A database that already has some of the old migrations applied goes on
through them (``replaces``); migrate -v 0 took 13 s through all of them on SQLite."""

import importlib
import uuid
from decimal import Decimal

import django.contrib.auth.models
import django.contrib.auth.validators
import django.core.serializers.json
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _old(name: str, function: str):
    """A function of an old migration (their module names start with a digit)."""
    return getattr(importlib.import_module(f"bb103.cases.migrations.{name}"), function)


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("cases", "0001_initial"),
        ("cases", "0002_letter"),
        ("cases", "0002_task"),
        ("cases", "0003_merge_0002_letter_0002_task"),
        ("cases", "0004_deadline_open_work"),
        ("cases", "0005_case_next_due"),
        ("cases", "0006_drop_deadline_open_work"),
        ("cases", "0007_providers_attendance_settlement"),
        ("cases", "0008_audit_reads"),
        ("cases", "0009_citizen_cpr_key"),
        ("cases", "0010_gdpr_citizen_anonymised"),
        ("cases", "0010_locking_case_version"),
        ("cases", "0011_attachment"),
        ("cases", "0012_merge_gdpr_attachment"),
        ("cases", "0013_workflow_actions"),
        ("cases", "0014_letter_request_key"),
        ("cases", "0015_audit_purge_guard"),
        ("cases", "0016_enrolment_code"),
        ("cases", "0017_text_length_limits"),
        ("cases", "0018_placement_order_goals_handleplan_declined_note"),
        ("cases", "0019_close"),
        ("cases", "0020_notes"),
        ("cases", "0021_change"),
        ("cases", "0022_correct"),
        ("cases", "0023_plan"),
        ("cases", "0024_gdpr"),
        ("cases", "0025_booking_cancel"),
        ("cases", "0026_digital_post"),
        ("cases", "0027_finance_file"),
        ("cases", "0028_api"),
        ("cases", "0029_portal"),
        ("cases", "0030_portal_acts"),
        ("cases", "0032_portal_apply"),
        ("cases", "0034_admin"),
        ("cases", "0035_overview_indexes"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Citizen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "cpr",
                    models.CharField(
                        max_length=11,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]{6}-[0-9]{4}$", "CPR-nummeret skal skrives DDMMÅÅ-XXXX."
                            )
                        ],
                        verbose_name="CPR-nummer",
                    ),
                ),
                (
                    "cpr_key",
                    models.CharField(
                        db_index=True,
                        default="",
                        editable=False,
                        max_length=64,
                        verbose_name="CPR-søgenøgle",
                    ),
                ),
                ("first_name", models.CharField(max_length=100, verbose_name="fornavn")),
                ("last_name", models.CharField(max_length=100, verbose_name="efternavn")),
                ("address", models.CharField(blank=True, max_length=200, verbose_name="adresse")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="telefon")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "living_situation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("own_home", "Egen bolig"),
                            ("botilbud", "Botilbud"),
                            ("with_family", "Hos familien"),
                        ],
                        max_length=20,
                        verbose_name="boform",
                    ),
                ),
                (
                    "digital_post_exempt",
                    models.BooleanField(default=False, verbose_name="fritaget for Digital Post"),
                ),
                (
                    "anonymised_on",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="anonymiseret"
                    ),
                ),
            ],
            options={
                "verbose_name": "borger",
                "verbose_name_plural": "borgere",
            },
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                (
                    "id",
                    models.SlugField(
                        max_length=40,
                        primary_key=True,
                        serialize=False,
                        verbose_name="id (kvalitetsstandardens id)",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="navn")),
            ],
            options={
                "verbose_name": "kommune",
                "verbose_name_plural": "kommuner",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Offer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="navn")),
                (
                    "tilbudsportalen_id",
                    models.CharField(blank=True, max_length=40, verbose_name="Tilbudsportalen-id"),
                ),
                (
                    "socialtilsyn_approved",
                    models.BooleanField(default=False, verbose_name="godkendt af socialtilsynet"),
                ),
                (
                    "places",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="pladser"),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="beskrivelse",
                    ),
                ),
                (
                    "target_groups",
                    models.JSONField(blank=True, default=list, verbose_name="målgrupper"),
                ),
                (
                    "work_types",
                    models.JSONField(blank=True, default=list, verbose_name="arbejdsopgaver"),
                ),
                (
                    "section_103",
                    models.BooleanField(default=True, verbose_name="registreret som § 103-tilbud"),
                ),
                (
                    "registry_checked_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="Tilbudsportalen-oplysninger kontrolleret",
                    ),
                ),
                (
                    "collective_agreement",
                    models.CharField(
                        default="industriens_overenskomst",
                        max_length=60,
                        verbose_name="overenskomst (mindsteløn)",
                    ),
                ),
            ],
            options={
                "verbose_name": "tilbud",
                "verbose_name_plural": "tilbud",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        error_messages={"unique": "A user with that username already exists."},
                        help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                        max_length=150,
                        unique=True,
                        validators=[django.contrib.auth.validators.UnicodeUsernameValidator()],
                        verbose_name="username",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="email address"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
            ],
            options={
                "verbose_name": "bruger",
                "verbose_name_plural": "brugere",
            },
            managers=[
                ("objects", django.contrib.auth.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name="ApiClient",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="navn")),
                (
                    "rate_per_minute",
                    models.PositiveIntegerField(default=120, verbose_name="kald pr. minut"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="oprettet"
                    ),
                ),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="spærret")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="af",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="api_client",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="klientens bruger",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="api_clients",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "systemklient",
                "verbose_name_plural": "systemklienter",
                "ordering": ["municipality_id", "name", "id"],
            },
        ),
        migrations.CreateModel(
            name="ApiKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("prefix", models.CharField(max_length=16, unique=True, verbose_name="nøglens id")),
                ("key_hash", models.CharField(max_length=64, verbose_name="nøglens SHA-256")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="udstedt"),
                ),
                ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="udløber")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="spærret")),
                (
                    "last_used_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="sidst brugt"),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="keys",
                        to="cases.apiclient",
                        verbose_name="klient",
                    ),
                ),
            ],
            options={
                "verbose_name": "API-nøgle",
                "verbose_name_plural": "API-nøgler",
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Case",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "Ansøgning modtaget"),
                            ("assessed", "Udredt"),
                            ("drafted", "Udkast til afgørelse"),
                            ("hearing", "I partshøring"),
                            ("decided", "Afgjort"),
                            ("active", "I beskyttet beskæftigelse"),
                            ("terminated", "Ophørt"),
                            ("closed", "Lukket"),
                        ],
                        default="received",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="oprettet")),
                (
                    "next_due_on",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="næste frist"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=0, editable=False, verbose_name="version"),
                ),
                (
                    "last_step_on",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="seneste skridt"
                    ),
                ),
                (
                    "last_step",
                    models.CharField(
                        blank=True,
                        editable=False,
                        max_length=64,
                        verbose_name="seneste skridt (handling)",
                    ),
                ),
                (
                    "caseworker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="rådgiver",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to="cases.citizen",
                        verbose_name="borger",
                    ),
                ),
            ],
            options={
                "verbose_name": "sag",
                "verbose_name_plural": "sager",
            },
        ),
        migrations.CreateModel(
            name="Attachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("statusattest", "Statusattest"),
                            ("laegeerklaering", "Lægeerklæring"),
                            ("udtalelse", "Udtalelse fra tilbud eller andre"),
                            ("other", "Andet bilag"),
                        ],
                        max_length=20,
                        verbose_name="art",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="titel")),
                ("original_name", models.CharField(max_length=255, verbose_name="filnavn")),
                ("content_type", models.CharField(max_length=50, verbose_name="filtype")),
                ("size", models.PositiveIntegerField(verbose_name="størrelse (byte)")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                (
                    "stored_name",
                    models.CharField(
                        editable=False, max_length=80, unique=True, verbose_name="gemt som"
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="modtaget")),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="af",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="attachments",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
            ],
            options={
                "verbose_name": "bilag",
                "verbose_name_plural": "bilag",
                "ordering": ["case", "-uploaded_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Assessment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("assessed_on", models.DateField(verbose_name="udredt")),
                (
                    "vum_level",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (0, "0 – ingen nedsat funktionsevne"),
                            (1, "1 – let nedsat funktionsevne"),
                            (2, "2 – moderat nedsat funktionsevne"),
                            (3, "3 – svært nedsat funktionsevne"),
                            (4, "4 – fuldstændigt nedsat funktionsevne"),
                        ],
                        null=True,
                        verbose_name="VUM-niveau",
                    ),
                ),
                (
                    "vum_notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="VUM-vurdering",
                    ),
                ),
                (
                    "interview_place",
                    models.CharField(blank=True, max_length=200, verbose_name="samtalen holdt"),
                ),
                (
                    "significant_reduced_function",
                    models.BooleanField(
                        blank=True,
                        null=True,
                        verbose_name="betydelig nedsat fysisk eller psykisk funktionsevne",
                    ),
                ),
                (
                    "special_social_problems",
                    models.BooleanField(
                        blank=True, null=True, verbose_name="særlige sociale problemer"
                    ),
                ),
                (
                    "can_work_on_normal_terms",
                    models.BooleanField(
                        blank=True,
                        null=True,
                        verbose_name="kan opnå eller fastholde beskæftigelse på normale vilkår",
                    ),
                ),
                (
                    "other_legislation_exhausted",
                    models.BooleanField(
                        blank=True,
                        null=True,
                        verbose_name="tilbud efter anden lovgivning er afklaret og ikke mulige",
                    ),
                ),
                (
                    "receives_foertidspension",
                    models.BooleanField(
                        blank=True, null=True, verbose_name="modtager førtidspension"
                    ),
                ),
                ("motivated", models.BooleanField(blank=True, null=True, verbose_name="motiveret")),
                (
                    "can_transport_self",
                    models.BooleanField(
                        blank=True, null=True, verbose_name="kan selv transportere sig"
                    ),
                ),
                (
                    "medical_certificate",
                    models.BooleanField(default=False, verbose_name="lægeattest indhentet"),
                ),
                (
                    "status_certificate",
                    models.BooleanField(default=False, verbose_name="statusattest indhentet"),
                ),
                (
                    "medical_consultant",
                    models.BooleanField(default=False, verbose_name="lægekonsulent inddraget"),
                ),
                (
                    "jobcenter_clarified_on",
                    models.DateField(blank=True, null=True, verbose_name="afklaret med jobcentret"),
                ),
                (
                    "information_notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="andre oplysninger",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessments",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
            ],
            options={
                "verbose_name": "udredning",
                "verbose_name_plural": "udredninger",
                "ordering": ["assessed_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="CaseClosure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("withdrawn", "Borgeren har trukket ansøgningen tilbage"),
                            ("mistake", "Sagen er oprettet ved en fejl"),
                            ("duplicate", "Sagen er en dublet af en anden sag"),
                            ("moved", "Borgeren er flyttet til en anden kommune"),
                            ("died", "Borgeren er død"),
                        ],
                        max_length=20,
                        verbose_name="årsag",
                    ),
                ),
                ("closed_on", models.DateField(verbose_name="lukket")),
                (
                    "moved_to",
                    models.CharField(blank=True, max_length=100, verbose_name="ny kommune"),
                ),
                ("moved_on", models.DateField(blank=True, null=True, verbose_name="flyttet")),
                (
                    "new_address",
                    models.CharField(blank=True, max_length=300, verbose_name="ny adresse"),
                ),
                (
                    "handover_notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                5000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="til den nye kommune",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="bemærkninger",
                    ),
                ),
                (
                    "open_deadlines",
                    models.JSONField(default=list, verbose_name="åbne frister ved lukningen"),
                ),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="closure",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "duplicate_of",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="duplicates",
                        to="cases.case",
                        verbose_name="dublet af sag",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
            ],
            options={
                "verbose_name": "lukning af sag",
                "verbose_name_plural": "lukninger af sager",
            },
        ),
        migrations.CreateModel(
            name="CitizenReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("address", "Ny adresse"),
                            ("health", "Mit helbred har ændret sig"),
                            ("living", "Jeg bor på en ny måde"),
                            ("stop", "Jeg vil gerne stoppe"),
                            ("other", "Noget andet"),
                        ],
                        max_length=20,
                        verbose_name="ændring",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="beskrivelse",
                    ),
                ),
                ("reported_on", models.DateField(verbose_name="modtaget")),
                (
                    "sent_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="modtaget (tidspunkt)"),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citizen_reports",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="af",
                    ),
                ),
            ],
            options={
                "verbose_name": "ændring fra borgeren",
                "verbose_name_plural": "ændringer fra borgeren",
                "ordering": ["case", "sent_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Deadline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("decision", "Afgørelse"),
                            ("expected_decision", "Afgørelse (dato lovet borgeren)"),
                            ("new_decision", "Ny afgørelse efter hjemvisning"),
                            ("party_hearing", "Bemærkninger i partshøring"),
                            ("complaint", "Klagefrist (borgerens)"),
                            ("forward_complaint", "Klagen sendes til Ankestyrelsen"),
                            ("follow_up", "Opfølgning"),
                            ("pension_age", "Ophør ved folkepensionsalderen"),
                        ],
                        max_length=30,
                        verbose_name="frist",
                    ),
                ),
                ("due_on", models.DateField(verbose_name="senest")),
                ("met_on", models.DateField(blank=True, null=True, verbose_name="overholdt")),
                (
                    "explanation",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="forklaring",
                    ),
                ),
                ("sources", models.JSONField(default=list, verbose_name="kilder")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deadlines",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
            ],
            options={
                "verbose_name": "frist",
                "verbose_name_plural": "frister",
                "ordering": ["due_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("municipality", "Kommunen"), ("ankestyrelsen", "Ankestyrelsen")],
                        default="municipality",
                        max_length=20,
                        verbose_name="truffet af",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("application", "Afgørelse om ansøgningen"),
                            ("change", "Afgørelse om ændring"),
                        ],
                        default="application",
                        max_length=20,
                        verbose_name="afgørelse om",
                    ),
                ),
                (
                    "effective_on",
                    models.DateField(blank=True, null=True, verbose_name="gælder fra"),
                ),
                (
                    "days_per_week",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="dage om ugen"
                    ),
                ),
                (
                    "hours_per_day",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=4,
                        null=True,
                        verbose_name="timer pr. dag",
                    ),
                ),
                (
                    "at_citizens_request",
                    models.BooleanField(default=False, verbose_name="på borgerens eget ønske"),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[("grant", "Bevilling"), ("refusal", "Afslag")],
                        max_length=20,
                        verbose_name="afgørelse",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="truffet")),
                (
                    "received_on",
                    models.DateField(
                        blank=True,
                        help_text="Digital Post: den dag, brevet er sendt; ellers den kendte modtagelsesdato.",
                        null=True,
                        verbose_name="modtaget af borgeren",
                    ),
                ),
                (
                    "reasons",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="begrundelse",
                    ),
                ),
                (
                    "individual_assessment",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="konkret, individuel vurdering",
                    ),
                ),
                (
                    "committee_deviation_reason",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="begrundelse for at afvige fra visitationsudvalget",
                    ),
                ),
                (
                    "with_klagevejledning",
                    models.BooleanField(default=True, verbose_name="med klagevejledning"),
                ),
                ("policy_id", models.CharField(max_length=40, verbose_name="kvalitetsstandard")),
                (
                    "policy_version",
                    models.CharField(max_length=40, verbose_name="version af kvalitetsstandarden"),
                ),
                (
                    "engine_outcome",
                    models.CharField(max_length=30, verbose_name="regelmotorens anbefaling"),
                ),
                (
                    "evaluation",
                    models.JSONField(verbose_name="regelmotorens vurdering med forklaringer"),
                ),
                (
                    "set_aside_on",
                    models.DateField(blank=True, null=True, verbose_name="tilsidesat"),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decisions",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
                (
                    "previous",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="changed_by",
                        to="cases.decision",
                        verbose_name="ændrer afgørelsen",
                    ),
                ),
            ],
            options={
                "verbose_name": "afgørelse",
                "verbose_name_plural": "afgørelser",
                "ordering": ["decided_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="Complaint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "about",
                    models.CharField(
                        choices=[
                            ("application", "Afgørelsen om ansøgningen"),
                            ("termination", "Afgørelsen om ophør"),
                            ("change", "Afgørelsen om ændring"),
                        ],
                        default="application",
                        max_length=20,
                        verbose_name="klagen gælder",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="modtaget")),
                (
                    "form",
                    models.CharField(
                        choices=[("written", "Skriftlig"), ("oral", "Mundtlig")],
                        max_length=20,
                        verbose_name="form",
                    ),
                ),
                (
                    "grounds",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="borgerens begrundelse",
                    ),
                ),
                (
                    "late",
                    models.BooleanField(default=False, verbose_name="modtaget efter klagefristen"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "Modtaget, afventer genvurdering"),
                            ("reassessed", "Genvurderet, afventer videresendelse"),
                            ("forwarded", "Sendt til Ankestyrelsen"),
                            ("closed", "Afsluttet"),
                        ],
                        default="received",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "reassessed_on",
                    models.DateField(blank=True, null=True, verbose_name="genvurderet"),
                ),
                (
                    "reassessment",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Afgørelsen fastholdes"),
                            ("partly_upheld", "Afgørelsen fastholdes delvist"),
                            ("changed", "Borgeren får medhold; afgørelsen ændres"),
                        ],
                        max_length=20,
                        verbose_name="genvurdering",
                    ),
                ),
                (
                    "reassessment_notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="begrundelse for genvurderingen",
                    ),
                ),
                (
                    "forwarded_on",
                    models.DateField(blank=True, null=True, verbose_name="sendt til Ankestyrelsen"),
                ),
                (
                    "anke_outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Stadfæstet"),
                            ("changed", "Ændret"),
                            ("sent_back", "Hjemvist"),
                            ("annulled", "Ophævet"),
                            ("rejected", "Afvist"),
                        ],
                        max_length=20,
                        verbose_name="Ankestyrelsens afgørelse",
                    ),
                ),
                (
                    "anke_outcome_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="Ankestyrelsens afgørelse modtaget"
                    ),
                ),
                (
                    "anke_notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                5000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="Ankestyrelsens afgørelse, kort",
                    ),
                ),
                (
                    "case_file",
                    models.BinaryField(blank=True, null=True, verbose_name="sagsakter (PDF)"),
                ),
                (
                    "case_file_sha256",
                    models.CharField(
                        blank=True, max_length=64, verbose_name="SHA-256 af sagsakterne"
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="complaints",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="cases.decision",
                        verbose_name="afgørelse",
                    ),
                ),
            ],
            options={
                "verbose_name": "klage",
                "verbose_name_plural": "klager",
                "ordering": ["received_on", "id"],
            },
        ),
        migrations.AddField(
            model_name="case",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.decision",
                verbose_name="gældende afgørelse",
            ),
        ),
        migrations.CreateModel(
            name="DraftDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("application", "Afgørelse om ansøgningen"),
                            ("termination", "Afgørelse om ophør"),
                            ("change", "Afgørelse om ændring"),
                        ],
                        default="application",
                        max_length=20,
                        verbose_name="udkast til",
                    ),
                ),
                ("created_on", models.DateField(verbose_name="udarbejdet")),
                (
                    "proposed_outcome",
                    models.CharField(
                        blank=True,
                        choices=[("grant", "Bevilling"), ("refusal", "Afslag")],
                        max_length=20,
                        verbose_name="foreslået afgørelse",
                    ),
                ),
                (
                    "termination_reason",
                    models.CharField(
                        blank=True, max_length=30, verbose_name="foreslået ophørsårsag"
                    ),
                ),
                (
                    "effective_on",
                    models.DateField(blank=True, null=True, verbose_name="foreslået ophørsdato"),
                ),
                (
                    "days_per_week",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="foreslåede dage om ugen"
                    ),
                ),
                (
                    "hours_per_day",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=4,
                        null=True,
                        verbose_name="foreslåede timer pr. dag",
                    ),
                ),
                (
                    "reasons",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="begrundelse",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="drafts",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="udarbejdet af",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.offer",
                        verbose_name="foreslået tilbud",
                    ),
                ),
            ],
            options={
                "verbose_name": "udkast til afgørelse",
                "verbose_name_plural": "udkast til afgørelse",
                "ordering": ["created_on", "id"],
            },
        ),
        migrations.AddField(
            model_name="decision",
            name="draft",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decision",
                to="cases.draftdecision",
                verbose_name="udkast",
            ),
        ),
        migrations.CreateModel(
            name="EnrolmentCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code_hash",
                    models.CharField(max_length=64, unique=True, verbose_name="kodens hash"),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="udstedt"),
                ),
                ("expires_at", models.DateTimeField(verbose_name="udløber")),
                ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="brugt")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="enrolment_codes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bruger",
                    ),
                ),
            ],
            options={
                "verbose_name": "tilknytningskode",
                "verbose_name_plural": "tilknytningskoder",
            },
        ),
        migrations.CreateModel(
            name="FollowUp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("held_on", models.DateField(verbose_name="holdt")),
                (
                    "participants",
                    models.CharField(blank=True, max_length=300, verbose_name="deltagere"),
                ),
                (
                    "vum_level",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (0, "0 – ingen nedsat funktionsevne"),
                            (1, "1 – let nedsat funktionsevne"),
                            (2, "2 – moderat nedsat funktionsevne"),
                            (3, "3 – svært nedsat funktionsevne"),
                            (4, "4 – fuldstændigt nedsat funktionsevne"),
                        ],
                        null=True,
                        verbose_name="VUM-niveau",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="referat",
                    ),
                ),
                (
                    "deviations",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="væsentlige afvigelser fra planen",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follow_ups",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
            ],
            options={
                "verbose_name": "opfølgning",
                "verbose_name_plural": "opfølgninger",
                "ordering": ["held_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="Handleplan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("offered", "Tilbudt"),
                            ("accepted", "Tilbudt og udarbejdet"),
                            ("declined", "Tilbudt, borgeren har takket nej"),
                        ],
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("offered_on", models.DateField(verbose_name="tilbudt")),
                (
                    "purpose",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="formål med indsatsen",
                    ),
                ),
                (
                    "effort",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="indsats, der skal til for at nå formålet",
                    ),
                ),
                (
                    "expected_duration",
                    models.CharField(blank=True, max_length=200, verbose_name="forventet varighed"),
                ),
                (
                    "other_matters",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="andre særlige forhold (bolig, beskæftigelse, personlig hjælp, behandling, hjælpemidler)",
                    ),
                ),
                (
                    "declined_note",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="borgerens eget ønske",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="handleplans",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
            ],
            options={
                "verbose_name": "handleplan",
                "verbose_name_plural": "handleplaner",
                "ordering": ["offered_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="IdempotentRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200, verbose_name="nøgle")),
                ("method", models.CharField(max_length=10, verbose_name="metode")),
                ("path", models.CharField(max_length=300, verbose_name="sti")),
                ("fingerprint", models.CharField(max_length=64, verbose_name="kroppens SHA-256")),
                ("status_code", models.PositiveSmallIntegerField(verbose_name="status")),
                (
                    "body",
                    models.JSONField(
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        null=True,
                        verbose_name="svar",
                    ),
                ),
                ("headers", models.JSONField(default=dict, verbose_name="svarets headere")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="modtaget"
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cases.apiclient",
                        verbose_name="klient",
                    ),
                ),
            ],
            options={
                "verbose_name": "idempotent kald",
                "verbose_name_plural": "idempotente kald",
            },
        ),
        migrations.CreateModel(
            name="JournalNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("phone", "Telefonsamtale"),
                            ("meeting", "Møde"),
                            ("email", "E-mail"),
                            ("observation", "Observation"),
                            ("other", "Andet"),
                        ],
                        max_length=20,
                        verbose_name="art",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="dato")),
                (
                    "text",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="notat",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="skrevet"),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="skrevet af",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="journal_notes",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "corrects",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="correction",
                        to="cases.journalnote",
                        verbose_name="retter notat",
                    ),
                ),
            ],
            options={
                "verbose_name": "journalnotat",
                "verbose_name_plural": "journalnotater",
                "ordering": ["-occurred_on", "-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Letter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=30, verbose_name="brevtype")),
                ("title", models.CharField(max_length=200, verbose_name="overskrift")),
                (
                    "data",
                    models.JSONField(
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="brevets data",
                    ),
                ),
                ("policy_id", models.CharField(max_length=40, verbose_name="kvalitetsstandard")),
                (
                    "policy_version",
                    models.CharField(max_length=40, verbose_name="version af kvalitetsstandarden"),
                ),
                ("pdf", models.BinaryField(verbose_name="PDF")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256 af PDF'en")),
                ("sent_on", models.DateField(verbose_name="brevets dato")),
                ("sent_at", models.DateTimeField(verbose_name="sendt")),
                (
                    "request_key",
                    models.CharField(blank=True, max_length=64, verbose_name="afsendelsens nøgle"),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="letters",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="letters",
                        to="cases.decision",
                        verbose_name="afgørelse",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sendt af",
                    ),
                ),
            ],
            options={
                "verbose_name": "brev",
                "verbose_name_plural": "breve",
                "ordering": ["sent_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="DelayNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sent_on", models.DateField(verbose_name="sendt")),
                ("expected_on", models.DateField(verbose_name="forventet afgørelse")),
                (
                    "reason",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                5000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="hvorfor sagen tager længere tid",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="delay_notices",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "letter",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="delay_notice",
                        to="cases.letter",
                        verbose_name="brev",
                    ),
                ),
            ],
            options={
                "verbose_name": "besked om forsinkelse",
                "verbose_name_plural": "beskeder om forsinkelse",
                "ordering": ["sent_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="MunicipalityContact",
            fields=[
                (
                    "municipality",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        primary_key=True,
                        related_name="contact_override",
                        serialize=False,
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                ("unit", models.CharField(blank=True, max_length=200, verbose_name="afdeling")),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="adresse")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="telefon")),
                ("email", models.CharField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "hours",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="telefontid og åbningstid"
                    ),
                ),
                ("web", models.CharField(blank=True, max_length=200, verbose_name="hjemmeside")),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="ændret"),
                ),
            ],
            options={
                "verbose_name": "kommunens kontaktoplysninger",
                "verbose_name_plural": "kommunernes kontaktoplysninger",
            },
        ),
        migrations.AddField(
            model_name="citizen",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citizens",
                to="cases.municipality",
                verbose_name="kommune",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="cases.municipality",
                verbose_name="kommune",
            ),
        ),
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("write", "Ændring"), ("read", "Opslag")],
                        default="write",
                        max_length=10,
                        verbose_name="art",
                    ),
                ),
                ("action", models.CharField(max_length=60, verbose_name="handling")),
                (
                    "ip",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP-adresse"),
                ),
                ("via", models.CharField(blank=True, max_length=10, verbose_name="kanal")),
                (
                    "at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="tidspunkt"
                    ),
                ),
                (
                    "details",
                    models.JSONField(
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="detaljer",
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bruger",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_entries",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_entries",
                        to="cases.citizen",
                        verbose_name="borger",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "logpost",
                "verbose_name_plural": "log",
                "ordering": ["at", "id"],
            },
        ),
        migrations.AddField(
            model_name="decision",
            name="offer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.offer",
                verbose_name="tilbud",
            ),
        ),
        migrations.CreateModel(
            name="CommitteeReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reviewed_on", models.DateField(verbose_name="behandlet i udvalget")),
                (
                    "recommendation",
                    models.CharField(
                        choices=[
                            ("supports", "Udvalget støtter matchet"),
                            ("does_not_support", "Udvalget støtter ikke matchet"),
                            ("needs_information", "Udvalget mangler oplysninger"),
                        ],
                        max_length=30,
                        verbose_name="udvalgets indstilling",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="bemærkninger",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="committee_reviews",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.offer",
                        verbose_name="tilbud, der er vurderet",
                    ),
                ),
            ],
            options={
                "verbose_name": "behandling i visitationsudvalget",
                "verbose_name_plural": "behandlinger i visitationsudvalget",
                "ordering": ["reviewed_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="OfferPrice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="gælder fra")),
                (
                    "unit",
                    models.CharField(
                        choices=[("day", "pr. dag"), ("month", "pr. måned")],
                        max_length=10,
                        verbose_name="enhed",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="takst (kr.)"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="bemærkning")),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="prices",
                        to="cases.offer",
                        verbose_name="tilbud",
                    ),
                ),
            ],
            options={
                "verbose_name": "takst",
                "verbose_name_plural": "takster",
                "ordering": ["offer", "valid_from"],
            },
        ),
        migrations.CreateModel(
            name="PartyHearing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("sent", "Sendt i partshøring"),
                            ("closed", "Partshøring afsluttet"),
                            ("skipped", "Partshøring undladt (forvaltningsloven § 19, stk. 2)"),
                        ],
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("sent_on", models.DateField(blank=True, null=True, verbose_name="sendt")),
                (
                    "material_received_on",
                    models.DateField(blank=True, null=True, verbose_name="materialet modtaget"),
                ),
                (
                    "days",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Tom: kvalitetsstandardens frist.",
                        null=True,
                        verbose_name="frist for bemærkninger (dage)",
                    ),
                ),
                (
                    "comments",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="borgerens bemærkninger",
                    ),
                ),
                (
                    "comments_received_on",
                    models.DateField(blank=True, null=True, verbose_name="bemærkninger modtaget"),
                ),
                ("closed_on", models.DateField(blank=True, null=True, verbose_name="afsluttet")),
                (
                    "skip_reason",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                5000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="begrundelse efter forvaltningslovens § 19, stk. 2",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hearings",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "draft",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hearings",
                        to="cases.draftdecision",
                        verbose_name="udkast",
                    ),
                ),
            ],
            options={
                "verbose_name": "partshøring",
                "verbose_name_plural": "partshøringer",
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="HearingAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="bemærkninger",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="modtaget")),
                (
                    "sent_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="modtaget (tidspunkt)"),
                ),
                (
                    "attachments",
                    models.ManyToManyField(
                        blank=True,
                        related_name="hearing_answers",
                        to="cases.attachment",
                        verbose_name="bilag",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hearing_answers",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="af",
                    ),
                ),
                (
                    "hearing",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="answers",
                        to="cases.partyhearing",
                        verbose_name="partshøring",
                    ),
                ),
            ],
            options={
                "verbose_name": "svar på partshøring",
                "verbose_name_plural": "svar på partshøring",
                "ordering": ["case", "sent_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Placement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start_on", models.DateField(verbose_name="start")),
                ("days_per_week", models.PositiveSmallIntegerField(verbose_name="dage om ugen")),
                (
                    "contact_person",
                    models.CharField(max_length=200, verbose_name="fast kontaktperson"),
                ),
                (
                    "weekdays",
                    models.CharField(default="12345", max_length=7, verbose_name="faste ugedage"),
                ),
                (
                    "hours_per_day",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("6.00"),
                        max_digits=4,
                        verbose_name="timer pr. dag",
                    ),
                ),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="ophørt")),
                (
                    "order_goals",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="mål for indsatsen i bestillingen",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="placements",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="placements",
                        to="cases.offer",
                        verbose_name="tilbud",
                    ),
                ),
            ],
            options={
                "verbose_name": "placering",
                "verbose_name_plural": "placeringer",
                "ordering": ["start_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="PedagogicalPlan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "goals",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="mål for indsatsen",
                    ),
                ),
                (
                    "methods",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="pædagogiske metoder og støtte",
                    ),
                ),
                (
                    "work_tasks",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="arbejdsopgaver",
                    ),
                ),
                ("written_at", models.DateTimeField(auto_now_add=True, verbose_name="skrevet")),
                (
                    "written_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="skrevet af",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pedagogical_plans",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
            ],
            options={
                "verbose_name": "pædagogisk plan",
                "verbose_name_plural": "pædagogiske planer",
                "ordering": ["placement", "-written_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="FollowUpBooking",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("planned_on", models.DateField(verbose_name="aftalt til")),
                ("place", models.CharField(max_length=200, verbose_name="sted")),
                (
                    "participants",
                    models.CharField(blank=True, max_length=300, verbose_name="deltagere"),
                ),
                ("booked_on", models.DateField(verbose_name="aftalt")),
                ("cancelled_on", models.DateField(blank=True, null=True, verbose_name="aflyst")),
                (
                    "cancel_reason",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="begrundelse for aflysning"
                    ),
                ),
                (
                    "booked_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="aftalt af",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follow_up_bookings",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "held",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="booking",
                        to="cases.followup",
                        verbose_name="holdt som",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookings",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
            ],
            options={
                "verbose_name": "aftalt opfølgningsmøde",
                "verbose_name_plural": "aftalte opfølgningsmøder",
                "ordering": ["planned_on", "id"],
            },
        ),
        migrations.AddField(
            model_name="followup",
            name="placement",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="follow_ups",
                to="cases.placement",
                verbose_name="placering",
            ),
        ),
        migrations.CreateModel(
            name="Deviation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("observed_on", models.DateField(verbose_name="iagttaget")),
                (
                    "text",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                5000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="hvad afviger",
                    ),
                ),
                ("reported_at", models.DateTimeField(auto_now_add=True, verbose_name="meldt")),
                (
                    "reported_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="meldt af",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deviations",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
            ],
            options={
                "verbose_name": "afvigelse",
                "verbose_name_plural": "afvigelser",
                "ordering": ["placement", "-observed_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Attendance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="dag")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("present", "Mødt"),
                            ("sick", "Syg"),
                            ("notified_absence", "Meldt afbud"),
                            ("unnotified_absence", "Udeblevet uden afbud"),
                        ],
                        max_length=20,
                        verbose_name="fremmøde",
                    ),
                ),
                (
                    "hours",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=4, null=True, verbose_name="timer"
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now=True, verbose_name="registreret")),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendance",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
            ],
            options={
                "verbose_name": "fremmøde",
                "verbose_name_plural": "fremmøde",
                "ordering": ["placement", "day"],
            },
        ),
        migrations.CreateModel(
            name="PortalIdentity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "cpr_key",
                    models.CharField(max_length=64, unique=True, verbose_name="CPR-søgenøgle"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="første login"
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="portal_identity",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bruger",
                    ),
                ),
            ],
            options={
                "verbose_name": "login til Min sag",
                "verbose_name_plural": "logins til Min sag",
            },
        ),
        migrations.CreateModel(
            name="Provider",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="navn")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("own_municipal", "Kommunens eget tilbud"),
                            ("other_municipality", "Anden kommunes tilbud"),
                            ("private_provider", "Privat leverandør"),
                            ("private_company", "Privat virksomhed"),
                        ],
                        max_length=30,
                        verbose_name="type",
                    ),
                ),
                (
                    "operator",
                    models.CharField(
                        blank=True,
                        help_text="Fx den anden kommune eller firmaet.",
                        max_length=200,
                        verbose_name="drives af",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=200, verbose_name="adresse")),
                ("cvr", models.CharField(blank=True, max_length=8, verbose_name="CVR-nummer")),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="providers",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "leverandør",
                "verbose_name_plural": "leverandører",
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="offer",
            name="provider",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offers",
                to="cases.provider",
                verbose_name="leverandør",
            ),
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("caseworker", "Rådgiver"),
                            ("committee_member", "Medlem af visitationsudvalget"),
                            ("provider_staff", "Medarbejder hos tilbud"),
                            ("manager", "Leder"),
                            ("administrator", "Administrator"),
                            ("citizen", "Borger"),
                        ],
                        max_length=30,
                        verbose_name="rolle",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bruger",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="staff",
                        to="cases.provider",
                        verbose_name="tilbud (for medarbejdere hos tilbud)",
                    ),
                ),
            ],
            options={
                "verbose_name": "rolle i kommune",
                "verbose_name_plural": "roller i kommuner",
            },
        ),
        migrations.AddField(
            model_name="apiclient",
            name="provider",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="api_clients",
                to="cases.provider",
                verbose_name="tilbud (for en leverandørs system)",
            ),
        ),
        migrations.CreateModel(
            name="Representative",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="navn")),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("relative", "Pårørende"),
                            ("bisidder", "Bisidder"),
                            ("partsrepraesentant", "Partsrepræsentant"),
                            ("guardian", "Værge"),
                            ("other", "Anden person"),
                        ],
                        max_length=30,
                        verbose_name="relation",
                    ),
                ),
                (
                    "contact",
                    models.CharField(blank=True, max_length=200, verbose_name="kontaktoplysninger"),
                ),
                (
                    "consent_given_on",
                    models.DateField(blank=True, null=True, verbose_name="samtykke givet"),
                ),
                (
                    "consent_scope",
                    models.CharField(blank=True, max_length=300, verbose_name="samtykket omfatter"),
                ),
                (
                    "consent_withdrawn_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="samtykke trukket tilbage"
                    ),
                ),
                (
                    "receives_letters",
                    models.BooleanField(default=False, verbose_name="skal have kopi af breve"),
                ),
                (
                    "cpr_key",
                    models.CharField(
                        blank=True, max_length=64, verbose_name="CPR-søgenøgle (Min sag)"
                    ),
                ),
                (
                    "portal_access",
                    models.CharField(
                        choices=[
                            ("none", "Ingen adgang til Min sag"),
                            ("read", "Må se sagen og brevene"),
                            ("act", "Må se og handle for borgeren"),
                        ],
                        default="none",
                        max_length=10,
                        verbose_name="adgang til Min sag",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="representatives",
                        to="cases.citizen",
                        verbose_name="borger",
                    ),
                ),
            ],
            options={
                "verbose_name": "repræsentant",
                "verbose_name_plural": "repræsentanter",
            },
        ),
        migrations.CreateModel(
            name="LetterCopy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="navn")),
                ("relation", models.CharField(max_length=30, verbose_name="relation")),
                (
                    "contact",
                    models.CharField(blank=True, max_length=200, verbose_name="kontaktoplysninger"),
                ),
                ("sent_on", models.DateField(verbose_name="sendt")),
                (
                    "letter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="copies",
                        to="cases.letter",
                        verbose_name="brev",
                    ),
                ),
                (
                    "representative",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="letter_copies",
                        to="cases.representative",
                        verbose_name="repræsentant",
                    ),
                ),
            ],
            options={
                "verbose_name": "kopi af brev",
                "verbose_name_plural": "kopier af breve",
                "ordering": ["letter", "id"],
            },
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        choices=[
                            ("citizen", "Borgeren"),
                            ("representative", "Repræsentant"),
                            ("assessment", "Udredningen"),
                        ],
                        max_length=20,
                        verbose_name="rettet",
                    ),
                ),
                (
                    "changes",
                    models.JSONField(
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="ændringer",
                    ),
                ),
                (
                    "deadlines",
                    models.JSONField(
                        default=list,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="flyttede frister",
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                5000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="begrundelse",
                    ),
                ),
                (
                    "corrected_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="rettet"),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="cases.assessment",
                        verbose_name="udredning",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="cases.citizen",
                        verbose_name="borger",
                    ),
                ),
                (
                    "corrected_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="rettet af",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                (
                    "representative",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="corrections",
                        to="cases.representative",
                        verbose_name="repræsentant",
                    ),
                ),
            ],
            options={
                "verbose_name": "rettelse",
                "verbose_name_plural": "rettelser",
                "ordering": ["-corrected_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Application",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "applicant",
                    models.CharField(
                        choices=[
                            ("citizen", "Borgeren selv"),
                            ("representative", "En anden med borgerens samtykke"),
                        ],
                        max_length=20,
                        verbose_name="ansøger",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("digital", "Digital selvbetjening"),
                            ("phone", "Telefon"),
                            ("letter", "Brev"),
                            ("in_person", "Personligt fremmøde"),
                        ],
                        max_length=20,
                        verbose_name="ansøgt via",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="modtaget")),
                (
                    "receipt_sent_on",
                    models.DateField(blank=True, null=True, verbose_name="kvittering sendt"),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                20000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="ansøgningen",
                    ),
                ),
                (
                    "information_consent",
                    models.BooleanField(
                        blank=True, null=True, verbose_name="samtykke til at indhente oplysninger"
                    ),
                ),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="application",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "representative",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="cases.representative",
                        verbose_name="ansøgt af",
                    ),
                ),
            ],
            options={
                "verbose_name": "ansøgning",
                "verbose_name_plural": "ansøgninger",
            },
        ),
        migrations.CreateModel(
            name="SettlementMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="måned")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Åben"), ("approved", "Godkendt og låst")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("run_at", models.DateTimeField(blank=True, null=True, verbose_name="beregnet")),
                (
                    "approved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="godkendt"),
                ),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="godkendt af",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="settlements",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                (
                    "run_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="beregnet af",
                    ),
                ),
            ],
            options={
                "verbose_name": "månedsafregning",
                "verbose_name_plural": "månedsafregninger",
                "ordering": ["municipality", "-month"],
            },
        ),
        migrations.CreateModel(
            name="SettlementLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("citizen_name", models.CharField(max_length=201, verbose_name="borger")),
                ("planned_days", models.PositiveSmallIntegerField(verbose_name="planlagte dage")),
                ("days_present", models.PositiveSmallIntegerField(verbose_name="dage mødt")),
                ("days_sick", models.PositiveSmallIntegerField(verbose_name="dage syg")),
                (
                    "days_notified_absence",
                    models.PositiveSmallIntegerField(verbose_name="dage med afbud"),
                ),
                (
                    "days_unnotified_absence",
                    models.PositiveSmallIntegerField(verbose_name="dage udeblevet"),
                ),
                (
                    "days_unregistered",
                    models.PositiveSmallIntegerField(verbose_name="dage uden registrering"),
                ),
                (
                    "hours",
                    models.DecimalField(decimal_places=2, max_digits=7, verbose_name="timer"),
                ),
                (
                    "hourly_wage",
                    models.DecimalField(
                        decimal_places=2, max_digits=8, null=True, verbose_name="timeløn"
                    ),
                ),
                (
                    "gross_wage",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="bruttoløn"),
                ),
                (
                    "tax",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="A-skat"),
                ),
                (
                    "net_earnings",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="indtjening efter skat"
                    ),
                ),
                (
                    "transport_total",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="befordring i alt"
                    ),
                ),
                (
                    "transport_cap",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, null=True, verbose_name="loft (30 %)"
                    ),
                ),
                (
                    "citizen_pays",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="borgerens andel"
                    ),
                ),
                (
                    "municipality_pays",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="kommunens andel"
                    ),
                ),
                (
                    "provider_amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="til leverandøren"
                    ),
                ),
                (
                    "explanation",
                    models.JSONField(
                        default=list,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="forklaring",
                    ),
                ),
                (
                    "warnings",
                    models.JSONField(
                        default=list,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="advarsler",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="settlement_lines",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="settlement_lines",
                        to="cases.provider",
                        verbose_name="leverandør",
                    ),
                ),
                (
                    "settlement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="cases.settlementmonth",
                        verbose_name="afregning",
                    ),
                ),
            ],
            options={
                "verbose_name": "afregningslinje",
                "verbose_name_plural": "afregningslinjer",
                "ordering": ["settlement", "citizen_name", "id"],
            },
        ),
        migrations.CreateModel(
            name="FinanceFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="måned")),
                ("content", models.BinaryField(verbose_name="indhold")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("format_version", models.PositiveSmallIntegerField(verbose_name="formatversion")),
                ("lines", models.PositiveIntegerField(verbose_name="posteringer")),
                (
                    "total",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="i alt"),
                ),
                ("generated_at", models.DateTimeField(verbose_name="dannet")),
                (
                    "generated_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="dannet af",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                (
                    "settlement",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="finance_file",
                        to="cases.settlementmonth",
                        verbose_name="afregning",
                    ),
                ),
            ],
            options={
                "verbose_name": "bogføringsfil",
                "verbose_name_plural": "bogføringsfiler",
                "ordering": ["municipality", "-month"],
            },
        ),
        migrations.CreateModel(
            name="Task",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("deadline_soon", "Fristen udløber snart"),
                            ("deadline_overdue", "Fristen er overskredet"),
                            ("follow_up_due", "Opfølgning skal holdes"),
                            ("pension_age", "Ophør ved folkepensionsalderen"),
                            ("wage_renegotiation", "Lønnen skal genforhandles"),
                            ("complaint_forward", "Klagen skal sendes til Ankestyrelsen"),
                            ("repeated_absence", "Gentaget fravær"),
                            ("deviation", "Tilbuddet har meldt en afvigelse"),
                            ("letter_undelivered", "Brevet kunne ikke leveres"),
                            ("from_citizen", "Borgeren har sendt noget i Min sag"),
                        ],
                        max_length=30,
                        verbose_name="opgave",
                    ),
                ),
                ("source", models.CharField(max_length=60, verbose_name="kilde")),
                ("due_on", models.DateField(verbose_name="senest")),
                ("title", models.CharField(max_length=300, verbose_name="opgaven")),
                (
                    "legal_source",
                    models.CharField(blank=True, max_length=300, verbose_name="hjemmel"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Åben"), ("done", "Udført")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created_on", models.DateField(verbose_name="oprettet (kørselsdato)")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="oprettet")),
                (
                    "completed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="udført"),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="bemærkning")),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="tasks",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="rådgiver",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tasks",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "complaint",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="tasks",
                        to="cases.complaint",
                        verbose_name="klage",
                    ),
                ),
                (
                    "completed_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Tom: sagen selv viser, at opgaven er løst (lukket af den daglige kørsel).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="udført af",
                    ),
                ),
                (
                    "deadline",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="tasks",
                        to="cases.deadline",
                        verbose_name="frist",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tasks",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="tasks",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
            ],
            options={
                "verbose_name": "opgave",
                "verbose_name_plural": "opgaver",
                "ordering": ["due_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="LetterDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("digital_post", "Digital Post"),
                            ("print", "Fysisk brev (print)"),
                        ],
                        max_length=20,
                        verbose_name="kanal",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Venter på afsendelse"),
                            ("sent", "Sendt til Digital Post"),
                            ("delivered", "Leveret"),
                            ("failed", "Fejlet – se opgave"),
                            ("printed", "Sendt til print"),
                        ],
                        default="queued",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "message_uuid",
                    models.UUIDField(
                        default=uuid.uuid4, unique=True, verbose_name="meddelelsens UUID"
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="forsøg")),
                (
                    "next_attempt_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="næste forsøg"),
                ),
                ("file_name", models.CharField(blank=True, max_length=200, verbose_name="fil")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="afsendt")),
                (
                    "receipt_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="kvittering"),
                ),
                (
                    "failure_reason",
                    models.CharField(blank=True, max_length=300, verbose_name="fejl"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="ændret")),
                (
                    "letter",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="delivery",
                        to="cases.letter",
                        verbose_name="brev",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.municipality",
                        verbose_name="kommune",
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cases.task",
                    ),
                ),
            ],
            options={
                "verbose_name": "levering af brev",
                "verbose_name_plural": "leveringer af breve",
            },
        ),
        migrations.CreateModel(
            name="TaxCard",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="gælder fra")),
                (
                    "kind",
                    models.CharField(
                        choices=[("main", "Hovedkort"), ("secondary", "Bikort")],
                        max_length=10,
                        verbose_name="skattekort",
                    ),
                ),
                (
                    "withholding_pct",
                    models.DecimalField(decimal_places=2, max_digits=5, verbose_name="trækprocent"),
                ),
                (
                    "monthly_deduction",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        max_digits=10,
                        verbose_name="fradrag pr. måned (kr.)",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tax_cards",
                        to="cases.citizen",
                        verbose_name="borger",
                    ),
                ),
            ],
            options={
                "verbose_name": "skattekort",
                "verbose_name_plural": "skattekort",
                "ordering": ["citizen", "valid_from"],
            },
        ),
        migrations.CreateModel(
            name="Termination",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("pension_age", "Borgeren har nået folkepensionsalderen"),
                            ("goals_reached", "Målene er nået"),
                            ("no_effect", "Indsatsen giver ikke den forventede effekt"),
                            ("no_cooperation", "Borgeren medvirker ikke til planen"),
                            ("situation_changed", "Borgerens situation har ændret sig"),
                            ("citizen_wish", "Borgeren ønsker at stoppe"),
                            ("moved", "Borgeren er flyttet fra kommunen"),
                            ("died", "Borgeren er død"),
                        ],
                        max_length=30,
                        verbose_name="årsag",
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="besluttet")),
                ("terminated_on", models.DateField(verbose_name="ophører")),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                10000,
                                message="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
                            )
                        ],
                        verbose_name="bemærkninger",
                    ),
                ),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="termination",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "draft",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="termination",
                        to="cases.draftdecision",
                        verbose_name="udkast, der er partshørt",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
            ],
            options={
                "verbose_name": "ophør",
                "verbose_name_plural": "ophør",
            },
        ),
        migrations.CreateModel(
            name="TransportArrangement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="gælder fra")),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("none", "Ingen befordring at betale"),
                            ("per_km", "Pr. km (billigste befordringsmiddel)"),
                            ("monthly_fare", "Månedskort eller fast pris pr. måned"),
                        ],
                        max_length=20,
                        verbose_name="befordring",
                    ),
                ),
                (
                    "means",
                    models.CharField(
                        blank=True,
                        help_text="Fx bus, tog eller taxa.",
                        max_length=100,
                        verbose_name="befordringsmiddel",
                    ),
                ),
                (
                    "one_way_km",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=6,
                        null=True,
                        verbose_name="afstand én vej (km)",
                    ),
                ),
                (
                    "price_per_km",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=8,
                        null=True,
                        verbose_name="pris pr. km (kr.)",
                    ),
                ),
                (
                    "monthly_fare_total",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=10,
                        null=True,
                        verbose_name="pris for hele turen pr. måned (kr.)",
                    ),
                ),
                (
                    "monthly_fare_first_10km",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=10,
                        null=True,
                        verbose_name="pris for de første 10 km pr. måned (kr.)",
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="transport",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
            ],
            options={
                "verbose_name": "befordring",
                "verbose_name_plural": "befordring",
                "ordering": ["placement", "valid_from"],
            },
        ),
        migrations.CreateModel(
            name="WageAgreement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="gælder fra")),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("by_effort", "Løn efter indsats"),
                            ("hourly_wage", "Timeløn efter arbejdsvurdering"),
                            ("arbejdsdusoer", "Arbejdsdusør"),
                        ],
                        max_length=20,
                        verbose_name="lønform",
                    ),
                ),
                (
                    "hourly_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=8,
                        null=True,
                        verbose_name="timeløn (kr.)",
                    ),
                ),
                (
                    "rate_pct",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=5,
                        null=True,
                        verbose_name="sats (% af mindstelønnen)",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="bemærkning")),
                ("set_at", models.DateTimeField(auto_now_add=True, verbose_name="registreret")),
                (
                    "placement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wages",
                        to="cases.placement",
                        verbose_name="placering",
                    ),
                ),
                (
                    "set_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="fastsat af",
                    ),
                ),
            ],
            options={
                "verbose_name": "lønaftale",
                "verbose_name_plural": "lønaftaler",
                "ordering": ["placement", "valid_from"],
            },
        ),
        migrations.CreateModel(
            name="WaitingListEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("since", models.DateField(verbose_name="på venteliste fra")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="bemærkning")),
                ("left_on", models.DateField(blank=True, null=True, verbose_name="af ventelisten")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="waiting_list",
                        to="cases.case",
                        verbose_name="sag",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="waiting_list",
                        to="cases.offer",
                        verbose_name="tilbud",
                    ),
                ),
            ],
            options={
                "verbose_name": "plads på venteliste",
                "verbose_name_plural": "venteliste",
                "ordering": ["since", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["due_on", "met_on"], name="deadline_due_met"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                fields=["kind", "met_on"], include=("case", "due_on"), name="deadline_kind_met"
            ),
        ),
        migrations.AddConstraint(
            model_name="deadline",
            constraint=models.UniqueConstraint(
                fields=("case", "kind"), name="deadline_one_per_kind"
            ),
        ),
        migrations.AddConstraint(
            model_name="idempotentrequest",
            constraint=models.UniqueConstraint(
                fields=("client", "key"), name="idempotency_key_once"
            ),
        ),
        migrations.AddIndex(
            model_name="journalnote",
            index=models.Index(fields=["case", "occurred_on"], name="journal_case_occurred"),
        ),
        migrations.AddIndex(
            model_name="letter",
            index=models.Index(fields=["case", "sent_at"], name="letter_case_sent"),
        ),
        migrations.AddConstraint(
            model_name="letter",
            constraint=models.UniqueConstraint(
                condition=models.Q(("request_key", ""), _negated=True),
                fields=("case", "request_key"),
                name="letter_sent_once_per_request",
            ),
        ),
        migrations.AddField(
            model_name="municipalitycontact",
            name="updated_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ændret af",
            ),
        ),
        migrations.AddConstraint(
            model_name="citizen",
            constraint=models.UniqueConstraint(
                fields=("municipality", "cpr"), name="citizen_cpr_once"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["municipality", "status", "caseworker"],
                include=("next_due_on", "decision"),
                name="case_muni_status",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["municipality", "next_due_on", "id"], name="case_muni_next_due"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["caseworker", "next_due_on", "id"], name="case_worker_next_due"
            ),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["citizen", "at"], name="audit_citizen_at"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["municipality", "at"], name="audit_municipality_at"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["actor", "at"], name="audit_actor_at"),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("kind", "application"), ("origin", "municipality")),
                fields=["decided_on"],
                include=("case", "id"),
                name="decision_application_day",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("outcome", "refusal")), fields=["id"], name="decision_refusal"
            ),
        ),
        migrations.AddConstraint(
            model_name="offerprice",
            constraint=models.UniqueConstraint(
                fields=("offer", "valid_from"), name="offer_price_once_a_day"
            ),
        ),
        migrations.AddIndex(
            model_name="placement",
            index=models.Index(fields=["offer", "ended_on"], name="placement_offer_ended"),
        ),
        migrations.AddConstraint(
            model_name="followupbooking",
            constraint=models.UniqueConstraint(
                condition=models.Q(("cancelled_on__isnull", True), ("held__isnull", True)),
                fields=("placement",),
                name="follow_up_booking_one_open",
            ),
        ),
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.UniqueConstraint(
                fields=("placement", "day"), name="attendance_once_a_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("user", "municipality", "role"), name="membership_one_role_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("provider__isnull", False), ("role", "provider_staff")),
                    models.Q(
                        models.Q(("role", "provider_staff"), _negated=True),
                        ("provider__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="membership_provider_iff_provider_staff",
            ),
        ),
        migrations.AddConstraint(
            model_name="apiclient",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"), name="api_client_name_once_per_municipality"
            ),
        ),
        migrations.AddConstraint(
            model_name="settlementmonth",
            constraint=models.UniqueConstraint(
                fields=("municipality", "month"), name="settlement_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="settlementline",
            constraint=models.UniqueConstraint(
                fields=("settlement", "placement"), name="settlement_line_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="financefile",
            constraint=models.UniqueConstraint(
                fields=("municipality", "month"), name="finance_file_once"
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["municipality", "status", "due_on"], name="task_muni_status_due"
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["assigned_to", "status", "due_on"], name="task_user_status_due"
            ),
        ),
        migrations.AddConstraint(
            model_name="task",
            constraint=models.UniqueConstraint(
                fields=("case", "kind", "source", "due_on"), name="task_once_per_natural_key"
            ),
        ),
        migrations.AddIndex(
            model_name="letterdelivery",
            index=models.Index(
                fields=["municipality", "channel", "status"], name="delivery_muni_channel"
            ),
        ),
        migrations.AddIndex(
            model_name="letterdelivery",
            index=models.Index(fields=["status", "next_attempt_at"], name="delivery_status_next"),
        ),
        migrations.AddConstraint(
            model_name="taxcard",
            constraint=models.UniqueConstraint(
                fields=("citizen", "valid_from"), name="tax_card_once_a_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="transportarrangement",
            constraint=models.UniqueConstraint(
                fields=("placement", "valid_from"), name="transport_once_a_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="wageagreement",
            constraint=models.UniqueConstraint(
                fields=("placement", "valid_from"), name="wage_once_a_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="wageagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("hourly_amount__isnull", False), ("rate_pct__isnull", True)),
                    models.Q(("hourly_amount__isnull", True), ("rate_pct__isnull", False)),
                    _connector="OR",
                ),
                name="wage_amount_or_rate",
            ),
        ),
        migrations.AddConstraint(
            model_name="waitinglistentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("left_on__isnull", True)),
                fields=("offer", "case"),
                name="waiting_once_per_offer",
            ),
        ),
        migrations.RunPython(
            _old("0008_audit_reads", "append_only"), _old("0008_audit_reads", "drop_append_only")
        ),
        migrations.RunPython(
            _old("0015_audit_purge_guard", "guard"), _old("0015_audit_purge_guard", "unguard")
        ),
        migrations.RunPython(
            _old("0027_finance_file", "frozen"), _old("0027_finance_file", "drop_frozen")
        ),
    ]
