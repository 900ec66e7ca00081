"""A sent letter's metadata over the API; its PDF is a resource of its own."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bb103.cases.models import DeliveryChannelKind, DeliveryStatus, Letter
from bb103.cases.selectors.delivery import letter_delivery_status

S = serializers


class DeliverySerializer(S.Serializer):  # type: ignore[type-arg]
    status = S.ChoiceField(choices=DeliveryStatus.choices)
    label = S.CharField(help_text="Som på sagen: »Leveret«, »Fejlet – se opgave«, …")
    channel = S.ChoiceField(choices=DeliveryChannelKind.choices)
    message_uuid = S.UUIDField(help_text="MeMo-meddelelsens messageUUID.")
    attempts = S.IntegerField()
    sent_at = S.DateTimeField(allow_null=True)
    receipt_at = S.DateTimeField(allow_null=True)
    failure_reason = S.CharField()
    task_id = S.IntegerField(allow_null=True, help_text="Opgaven til rådgiveren ved fejl.")


class LetterSerializer(S.Serializer):  # type: ignore[type-arg]
    """A sent letter: it never changes, and ``sha256`` is that of the PDF at ``pdf``."""

    id = S.IntegerField()
    case = S.IntegerField(source="case_id")
    kind = S.CharField(help_text="Brevtypen, som i POST /cases/{id}/actions/letter_send_<kind>.")
    title = S.CharField()
    decision = S.IntegerField(source="decision_id", allow_null=True)
    sent_on = S.DateField(help_text="Brevets dato.")
    sent_at = S.DateTimeField()
    sha256 = S.CharField(help_text="SHA-256 af PDF'en (hex).")
    policy_id = S.CharField(help_text="Kvalitetsstandarden, brevet bygger på.")
    policy_version = S.CharField()
    pdf = S.SerializerMethodField()
    delivery = S.SerializerMethodField()

    def get_pdf(self, letter: Letter) -> str:
        return reverse("api-letter-pdf", args=[letter.case_id, letter.pk])

    @extend_schema_field(DeliverySerializer(allow_null=True))
    def get_delivery(self, letter: Letter) -> dict[str, Any] | None:
        """The letter's way to the citizen (Digital Post or print); null for a letter sent
        before deliveries were recorded."""
        state = letter_delivery_status(letter)
        return None if state is None else DeliverySerializer(state).data
