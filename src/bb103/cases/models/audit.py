from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from bb103.cases.models.case import Case
from bb103.cases.models.citizen import Citizen
from bb103.cases.models.municipality import Municipality


class AuditKind(models.TextChoices):
    WRITE = "write", "Ændring"
    READ = "read", "Opslag"


# Each kind of read in words the citizen understands (their access log, the GDPR export);
# a read is named by what was shown, a list by where the citizen appeared.
READ_LABELS = {
    "case_read": "så sagen",
    "citizen_read": "så dine oplysninger",
    "letter_read": "læste et brev",
    "order_read": "tilbuddet så bestillingen",
    "economy_read": "så befordring og skattekort",
    "attachment_read": "åbnede et bilag",
    "attachments_listed": "så listen over bilag",
    "complaint_case_file_read": "så sagsakterne sendt til Ankestyrelsen",
    "case_handover_read": "så oplysningerne til din nye kommune",
    "access_log_read": "så, hvem der har set dine sager",
    "gdpr_export_read": "så, hvad en udskrift af dine oplysninger rummer",
    "search_listed": "fandt dig ved en søgning",
    "worklist_listed": "så dig på sin arbejdsliste",
    "audit_log_listed": "så loggen over dine sager",
    "settlement_listed": "så dig i den månedlige afregning",
    "settlement_exported": "hentede den månedlige afregning med dig",
    "finance_file_exported": "hentede bogføringsfilen, hvor din sag er nævnt som reference",
    "provider_listed": "tilbuddet så dig på sin liste",
    "journal_searched": "søgte i journalnotaterne på din sag",
    "worklist_searched": "fandt dig ved en søgning på arbejdslisten",
    "api_listed": "et fagsystem hentede en liste med dig",
}


class AuditEntry(models.Model):
    """Who did or read what, when, on which citizen's case, and from where.

    A change is written by its service in the same transaction as the change itself; a read
    of a citizen's case, citizen page or letter by the selector that serves it. Append-only:
    on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0008), except the deletion
    of reads older than the retention period by ``audit_purge``."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name="kommune"
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name="sag",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="bruger"
    )
    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name="borger",
    )
    kind = models.CharField(
        "art", max_length=10, choices=AuditKind.choices, default=AuditKind.WRITE
    )
    action = models.CharField("handling", max_length=60)
    # Where from: the client's address and the channel (web, cli); empty for the daily sweep.
    ip = models.GenericIPAddressField("IP-adresse", null=True, blank=True)
    via = models.CharField("kanal", max_length=10, blank=True)
    at = models.DateTimeField("tidspunkt", default=timezone.now)
    details = models.JSONField("detaljer", default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "logpost"
        verbose_name_plural = "log"
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["citizen", "at"], name="audit_citizen_at"),
            models.Index(fields=["municipality", "at"], name="audit_municipality_at"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
        ]

    @property
    def read_label(self) -> str:
        """What was read, in the citizen's words (a read of a kind not named: "så sagen")."""
        return READ_LABELS.get(self.action, READ_LABELS["case_read"])

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
