from django.conf import settings
from django.db import models

from bb103.cases.models.citizen import Citizen
from bb103.cases.models.municipality import Municipality


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "Ansøgning modtaget"
    ASSESSED = "assessed", "Udredt"
    DRAFTED = "drafted", "Udkast til afgørelse"
    HEARING = "hearing", "I partshøring"
    DECIDED = "decided", "Afgjort"
    ACTIVE = "active", "I beskyttet beskæftigelse"
    TERMINATED = "terminated", "Ophørt"
    # Ended before any placement started: withdrawn, a mistake, a duplicate, a move or a
    # death (models/closure.py says why); nothing more happens on it.
    CLOSED = "closed", "Lukket"


class Case(models.Model):
    """One § 103 case: from the application to the decision and, if granted, the placement
    until it ends. ``status`` is changed only by the services in bb103.cases.services."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="cases", verbose_name="kommune"
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="cases", verbose_name="borger"
    )
    status = models.CharField(
        "status", max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="rådgiver",
    )
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    # The earliest open deadline the municipality must meet (not the citizen's own
    # complaint period), or None: what the work list orders by. Written only by
    # services/deadlines.py, together with the Deadline rows it is derived from.
    next_due_on = models.DateField("næste frist", null=True, blank=True, editable=False)
    # Optimistic locking: every step on the case adds one (services/transition.py), so a
    # form rendered at version n cannot overwrite a step someone else took after it.
    version = models.PositiveIntegerField("version", default=0, editable=False)
    # The decision in force, if any: a case decided again after Ankestyrelsen sent the
    # decision back has several (``decisions``); written only by the case actions.
    decision = models.ForeignKey(
        "cases.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gældende afgørelse",
        editable=False,
    )
    # The day of the case's latest step and that step's action (``CaseAction.date_input``):
    # a step recorded later cannot be dated before it. None on a case whose steps were
    # taken before it was kept (no check then beyond each step's own).
    last_step_on = models.DateField("seneste skridt", null=True, blank=True, editable=False)
    last_step = models.CharField(
        "seneste skridt (handling)", max_length=64, blank=True, editable=False
    )

    class Meta:
        verbose_name = "sag"
        verbose_name_plural = "sager"
        indexes = [
            # The manager's overview counts a municipality's cases by caseworker and state,
            # and which are still open, from this index alone (PostgreSQL: an index-only
            # scan; the included columns are ignored elsewhere).
            models.Index(
                fields=["municipality", "status", "caseworker"],
                include=["next_due_on", "decision"],
                name="case_muni_status",
            ),
            # The work list's order, read a page at a time by index: a manager's list of a
            # municipality, and a caseworker's own cases.
            models.Index(fields=["municipality", "next_due_on", "id"], name="case_muni_next_due"),
            models.Index(fields=["caseworker", "next_due_on", "id"], name="case_worker_next_due"),
        ]

    def __str__(self) -> str:
        return f"Sag {self.pk}"
