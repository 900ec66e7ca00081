from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.complaint import Complaint
from bb103.cases.models.deadline import Deadline
from bb103.cases.models.municipality import Municipality
from bb103.cases.models.placement import Placement


class TaskKind(models.TextChoices):
    DEADLINE_SOON = "deadline_soon", "Fristen udløber snart"
    DEADLINE_OVERDUE = "deadline_overdue", "Fristen er overskredet"
    FOLLOW_UP_DUE = "follow_up_due", "Opfølgning skal holdes"
    PENSION_AGE = "pension_age", "Ophør ved folkepensionsalderen"
    WAGE_RENEGOTIATION = "wage_renegotiation", "Lønnen skal genforhandles"
    COMPLAINT_FORWARD = "complaint_forward", "Klagen skal sendes til Ankestyrelsen"
    REPEATED_ABSENCE = "repeated_absence", "Gentaget fravær"
    DEVIATION = "deviation", "Tilbuddet har meldt en afvigelse"
    LETTER_UNDELIVERED = "letter_undelivered", "Brevet kunne ikke leveres"
    # Issue 19: the citizen (or their representative) sent something in Min sag.
    FROM_CITIZEN = "from_citizen", "Borgeren har sendt noget i Min sag"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Åben"
    DONE = "done", "Udført"


class Task(models.Model):
    """A task for the case's caseworker, made by the daily sweep (``bb103 sweep``).

    ``(case, kind, source, due_on)`` is the task's natural key: the sweep may run twice, be
    killed halfway or run on several workers at once, and the database still holds each
    task once. ``source`` names what the task comes from (a deadline's kind, a complaint or a
    placement) in the key, because the rows it points to may be rewritten or removed.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="tasks", verbose_name="kommune"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="tasks", verbose_name="sag"
    )
    kind = models.CharField("opgave", max_length=30, choices=TaskKind.choices)
    source = models.CharField("kilde", max_length=60)
    due_on = models.DateField("senest")
    title = models.CharField("opgaven", max_length=300)
    legal_source = models.CharField("hjemmel", max_length=300, blank=True)
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="frist",
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="klage",
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="placering",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="rådgiver",
    )
    status = models.CharField(
        "status", max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_on = models.DateField("oprettet (kørselsdato)")
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    completed_at = models.DateTimeField("udført", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="udført af",
        help_text="Tom: sagen selv viser, at opgaven er løst (lukket af den daglige kørsel).",
    )
    note = models.CharField("bemærkning", max_length=300, blank=True)

    class Meta:
        verbose_name = "opgave"
        verbose_name_plural = "opgaver"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "source", "due_on"], name="task_once_per_natural_key"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "due_on"], name="task_muni_status_due"),
            models.Index(fields=["assigned_to", "status", "due_on"], name="task_user_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} senest {self.due_on}"
