"""A sent letter's metadata over the API; its PDF is a resource of its own."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bb103.cases.models import Letter

S = serializers


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

    @extend_schema_field(
        S.DictField(
            allow_null=True,
            help_text="Leveringen til borgeren (Digital Post eller print); null indtil videre.",
        )
    )
    def get_delivery(self, letter: Letter) -> dict[str, Any] | None:
        # The Digital Post delivery status (issue 18, point 4) fills this in; until the
        # letters have a delivery channel there is nothing to tell, so null.
        return None
