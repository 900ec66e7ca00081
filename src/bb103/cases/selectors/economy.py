"""A case's transport, the citizen's tax cards and the case's waiting list entries: the
caseworker's inputs to the monthly settlement, for the case page's block."""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Prefetch

from bb103.cases.actions.economy import transport_set
from bb103.cases.actions.roles import tax_card_record
from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Case,
    Placement,
    TaxCard,
    TransportArrangement,
    User,
    WaitingListEntry,
)
from bb103.cases.permissions import roles_in
from bb103.cases.selectors.scope import reader_municipalities
from bb103.cases.services.audit import audit_read

Row = TypeVar("Row", TransportArrangement, TaxCard)


@dataclass
class CaseEconomy:
    case: Case
    # The running placement, or the last one of an ended case; its transport newest first.
    placement: Placement | None
    transport: list[TransportArrangement]
    transport_now: TransportArrangement | None
    tax_cards: list[TaxCard]  # newest first
    tax_card_now: TaxCard | None
    waiting: list[WaitingListEntry]  # every entry of the case, open ones first
    may_transport: bool = False  # the user's role allows registering transport
    may_tax_card: bool = False  # and a tax card


def _in_force(rows: list[Row], today: date) -> Row | None:
    return next((r for r in rows if r.valid_from <= today), None)


def case_economy_for_user(*, user: User, case_id: int, today: date) -> CaseEconomy:
    """For a reader of the case's municipality's cases (caseworker, committee member,
    manager), or NotFound: the tax card and the transport are the municipality's
    business, not the provider's. Five queries."""
    case = (
        Case.objects.filter(pk=case_id, municipality_id__in=reader_municipalities(user))
        .select_related("citizen", "municipality")
        .prefetch_related(
            Prefetch(
                "placements",
                queryset=Placement.objects.select_related("offer__provider")
                .prefetch_related(
                    Prefetch(
                        "transport",
                        queryset=TransportArrangement.objects.order_by("-valid_from", "-id"),
                    )
                )
                .order_by("-start_on", "-id"),
            ),
            Prefetch("citizen__tax_cards", queryset=TaxCard.objects.order_by("-valid_from", "-id")),
            Prefetch(
                "waiting_list",
                queryset=WaitingListEntry.objects.select_related("offer__provider").order_by(
                    "left_on", "-since", "-id"
                ),
            ),
        )
        .first()
        if user.is_authenticated and user.is_active
        else None
    )
    if case is None:
        raise NotFound("Sagen")
    audit_read(actor=user, action="economy_read", case=case)
    roles = roles_in(user, case.municipality_id)
    placements = list(case.placements.all())
    placement = next((p for p in placements if p.ended_on is None), None) or next(
        iter(placements), None
    )
    transport = [] if placement is None else list(placement.transport.all())
    tax_cards = list(case.citizen.tax_cards.all())
    waiting = sorted(case.waiting_list.all(), key=lambda e: e.left_on is not None)
    return CaseEconomy(
        case=case,
        placement=placement,
        transport=transport,
        transport_now=_in_force(transport, today),
        tax_cards=tax_cards,
        tax_card_now=_in_force(tax_cards, today),
        waiting=waiting,
        may_transport=transport_set.role_allows(roles),
        may_tax_card=tax_card_record.role_allows(roles),
    )
