"""Whether an offer may be used, by the provider rules of the municipality's policy."""

from datetime import date

from bb103.cases.engine.calendar import months_after
from bb103.cases.engine.evaluation import Evaluation, explanation_for
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import Offer, ProviderKind

# How old the offer's Tilbudsportalen data may be before a placement warns. The law sets
# no interval; a yearly check is what the issue asks for, and a warning (not a refusal)
# because an old check does not make the offer unlawful, only the catalogue uncertain.
REGISTRY_FRESH_MONTHS = 12


def offer_check(evaluation: Evaluation, offer: Offer, municipality_id: str) -> None:
    """Raise CaseError unless the offer is in the municipality's catalogue and meets the
    policy's requirements (Tilbudsportalen with a § 103 registration; socialtilsyn where
    the standard asks for it). A placement in a private company is not an offer on
    Tilbudsportalen and is the exception to both."""
    provider = offer.provider
    if provider.municipality_id != municipality_id:
        raise CaseError("Tilbuddet hører ikke til kommunens leverandører.", field="offer")
    if provider.kind == ProviderKind.PRIVATE_COMPANY:
        return
    rules = evaluation.providers
    _, sources = explanation_for(evaluation, "providers")
    if rules.tilbudsportalen_required and not offer.tilbudsportalen_id:
        raise CaseError(
            f"Der kan kun bruges tilbud, der står på Tilbudsportalen ({'; '.join(sources)}). "
            f"»{offer.name}« har intet Tilbudsportalen-id.",
            field="offer",
        )
    if rules.tilbudsportalen_required and not offer.section_103:
        raise CaseError(
            "Der kan kun bruges tilbud, der på Tilbudsportalen er registreret som tilbud "
            f"efter serviceloven § 103 ({'; '.join(sources)}). »{offer.name}« er ikke "
            "registreret som § 103-tilbud.",
            field="offer",
        )
    if rules.socialtilsyn_approval_required and not offer.socialtilsyn_approved:
        raise CaseError(
            "Kommunens kvalitetsstandard kræver, at tilbuddet er godkendt af socialtilsynet "
            f"({'; '.join(sources)}). »{offer.name}« er ikke registreret som godkendt.",
            field="offer",
        )


def registry_stale(offer: Offer, on: date) -> bool:
    """True when the offer's Tilbudsportalen data was never checked, or last checked more
    than a year before ``on``. A private company is not on Tilbudsportalen: never stale."""
    if offer.provider.kind == ProviderKind.PRIVATE_COMPANY:
        return False
    checked = offer.registry_checked_on
    return checked is None or checked < months_after(on, -REGISTRY_FRESH_MONTHS)


def offer_warnings(offer: Offer, on: date) -> list[str]:
    """What the caseworker should know before using the offer on ``on``, in Danish;
    nothing here stops the placement."""
    if not registry_stale(offer, on):
        return []
    checked = offer.registry_checked_on
    if checked is None:
        return [
            f"Oplysningerne om »{offer.name}« på Tilbudsportalen er aldrig blevet kontrolleret. "
            "Kontrollér, at tilbuddet stadig er registreret som § 103-tilbud."
        ]
    return [
        f"Oplysningerne om »{offer.name}« på Tilbudsportalen blev sidst kontrolleret "
        f"{danish_date(checked)}, mere end et år før {danish_date(on)}. Kontrollér, at "
        "tilbuddet stadig er registreret som § 103-tilbud."
    ]
