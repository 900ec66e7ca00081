"""Providers and their offers as the catalogue shows them, each offer with its prices
(takster) and the one in force today."""

from rest_framework import serializers

from bb103.cases.models import PriceUnit, ProviderKind

S = serializers


class RefSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    name = S.CharField()


class ProviderSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    municipality = S.CharField(source="municipality_id", help_text="Kataloget, den står i.")
    name = S.CharField()
    kind = S.ChoiceField(choices=ProviderKind.choices)
    kind_label = S.CharField(source="get_kind_display")
    operator = S.CharField(help_text="Drives af (fx den anden kommune eller firmaet).")
    address = S.CharField()


class ProviderDetailSerializer(ProviderSerializer):
    offers = RefSerializer(
        many=True, source="offers_listed", help_text="Leverandørens tilbud: GET /offers/{id}."
    )


class OfferPriceSerializer(S.Serializer):  # type: ignore[type-arg]
    valid_from = S.DateField(help_text="Taksten gælder fra denne dag.")
    unit = S.ChoiceField(choices=PriceUnit.choices)
    unit_label = S.CharField(source="get_unit_display")
    amount = S.DecimalField(max_digits=12, decimal_places=2, help_text="Kroner.")
    note = S.CharField()


class OfferSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    provider = RefSerializer()
    municipality = S.CharField(source="provider.municipality_id")
    name = S.CharField()
    tilbudsportalen_id = S.CharField()
    socialtilsyn_approved = S.BooleanField()
    section_103 = S.BooleanField(help_text="Registreret som § 103-tilbud.")
    places = S.IntegerField(allow_null=True)
    target_groups = S.ListField(child=S.CharField())
    work_types = S.ListField(child=S.CharField())
    collective_agreement = S.CharField()
    registry_checked_on = S.DateField(allow_null=True)
    price_in_force = OfferPriceSerializer(
        allow_null=True, help_text="Taksten i kraft i dag (den seneste fra i dag eller før)."
    )
    prices = OfferPriceSerializer(
        many=True, source="price_list", help_text="Alle takster, ældste først."
    )
