"""Whether an offer may be used, by the provider rules of the municipality's policy."""

from bb103.cases.engine_adapter import Evaluation, explanation_for
from bb103.cases.errors import CaseError
from bb103.cases.models import Offer, ProviderKind


def offer_check(evaluation: Evaluation, offer: Offer, municipality_id: str) -> None:
    """Raise CaseError unless the offer is in the municipality's catalogue and meets the
    policy's requirements (Tilbudsportalen; socialtilsyn where the standard asks for it).
    A placement in a private company is not an offer on Tilbudsportalen and is the
    exception to both."""
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
    if rules.socialtilsyn_approval_required and not offer.socialtilsyn_approved:
        raise CaseError(
            "Kommunens kvalitetsstandard kræver, at tilbuddet er godkendt af socialtilsynet "
            f"({'; '.join(sources)}). »{offer.name}« er ikke registreret som godkendt.",
            field="offer",
        )
