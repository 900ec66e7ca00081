"""The engine's findings in plain Danish for the citizen: "du", short sentences.

The engine's own explanations are written for a caseworker (with sources in every
sentence); a letter needs the same finding said simply, with the sources gathered under
"Regler". Each criterion id the engine knows has a sentence for met, not met and not
clarified. A legal number in a sentence is the policy's in force (``{age_min}``), passed in
with the letter's facts, so a reform changes what the letter says.
"""

from decimal import Decimal
from typing import Any

from bb103.rules.explain import num

# criterion id -> (met, not met)
CRITERIA: dict[str, tuple[str, str]] = {
    "age_min": ("Du er fyldt {age_min} år.", "Du er ikke fyldt {age_min} år."),
    "below_pension_age": (
        "Du har ikke nået folkepensionsalderen.",
        "Du har nået folkepensionsalderen.",
    ),
    "reduced_function_or_social_problems": (
        "Din evne til at klare dig er meget nedsat, eller du har store sociale problemer.",
        "Din evne til at klare dig er ikke meget nedsat. "
        "Du har heller ikke store sociale problemer.",
    ),
    "cannot_work_on_normal_terms": (
        "Du kan ikke få eller holde et job på normale vilkår.",
        "Du kan få eller holde et job på normale vilkår.",
    ),
    "other_legislation_exhausted": (
        "Du kan ikke få hjælp efter andre love, fx et fleksjob.",
        "Du kan få hjælp efter andre love, fx et fleksjob. Jobcentret kan hjælpe dig.",
    ),
    "vum_level_3_or_4": (
        "Vi har vurderet din funktionsevne til niveau 3 eller 4.",
        "Vi har ikke vurderet din funktionsevne til niveau 3 eller 4.",
    ),
    "motivated": (
        "Du er motiveret for beskyttet beskæftigelse.",
        "Vi vurderer, at du ikke er motiveret for beskyttet beskæftigelse nu.",
    ),
    "can_transport_self": (
        "Du kan selv komme til og fra arbejde.",
        "Du kan ikke selv komme til og fra arbejde.",
    ),
    "receives_foertidspension": (
        "Du får førtidspension.",
        "Du får ikke førtidspension. Jobcentret kan hjælpe dig først.",
    ),
}


def criterion_sentence(criterion: dict[str, Any], *, age_min: int) -> str:
    met, not_met = CRITERIA.get(criterion["id"], (None, None))
    if criterion["met"] is True and met:
        return met.format(age_min=age_min)
    if criterion["met"] is False and not_met:
        return not_met.format(age_min=age_min)
    return f"Det er ikke afklaret endnu: {criterion['label'].lower()}."


def wage_lines(facts: dict[str, Any]) -> list[str]:
    lines = ["Du får løn for dit arbejde. Stedet betaler din løn."]
    bases = facts["wage_basis"]
    if "by_effort" in bases:
        lines.append("Din løn passer til det, du kan.")
    if "hourly_wage" in bases:
        lines.append("Du kan få en timeløn. Den bygger på en vurdering af dit arbejde.")
    if "agreed_with_workplace" in bases:
        lines.append("Din løn aftales med stedet.")
    if facts["wage_rates_pct"]:
        rates = " eller ".join(f"{r} %" for r in facts["wage_rates_pct"])
        # The standard's own name for its wage (Vejen: "Løn efter Vejen Kommunes
        # lønsatser"), as the provider's screen shows it.
        name = facts["wage_name"]
        if name:
            named = name[:1].lower() + name[1:]
            lines.append(f"Du får {named}: {rates} af den laveste løn i faget.")
        else:
            lines.append(f"Løn er {rates} af den laveste løn i faget.")
    if facts["wage_start_rate_pct"]:
        lines.append(f"Du starter på {facts['wage_start_rate_pct']} %.")
    if facts["wage_renegotiate"]:
        first, then = facts["wage_renegotiate"]
        lines.append(f"Lønnen aftales igen efter {first} måneder og så hver {then}. måned.")
    # A dusør is promised where one may be agreed: every standard that does not restrict
    # the law's forms (Ballerup, Roskilde), not Vejen, whose rates are its wage.
    if "arbejdsdusoer" in facts["wage_forms"]:
        lines.append(
            "Kan du kun arbejde lidt, får du en dusør. "
            f"Den er mindst {facts['wage_floor_pct']} % af den laveste løn i faget."
        )
    return lines


def handleplan_lines(facts: dict[str, Any]) -> list[str]:
    """The § 141 handleplan as the standard promises it: made together with the citizen
    (Lejre's new text), or offered for the citizen to decide (the law, and the others);
    where there is none, the goals go into the order to the provider (Vejen)."""
    if facts["handleplan"] == "together":
        lines = ["Vi laver en handleplan sammen med dig. Den siger, hvad du vil nå."]
    else:
        lines = [
            "Vi tilbyder dig en handleplan. Den siger, hvad du vil nå. "
            "Du bestemmer, om du vil have en."
        ]
    if facts["goals_in_order"]:
        lines.append(
            "Vil du ikke have en handleplan, skriver vi dine mål i bestillingen til stedet."
        )
    return lines


def transport_lines(facts: dict[str, Any]) -> list[str]:
    km = facts["transport_km"]
    return [
        f"Du betaler selv for de første {km} km hver vej.",
        "Er der længere, betaler kommunen resten. Det gælder den billigste måde at rejse på.",
        f"Du betaler aldrig mere end {facts['transport_cap_pct']} % af din løn efter skat.",
    ]


def follow_up_text(months: int) -> str:
    """How often we follow up (policy ``follow_up_months``), said plainly."""
    if months == 12:
        return "Vi taler med dig om, hvordan det går. Det gør vi mindst én gang om året."
    return f"Vi taler med dig om, hvordan det går. Det gør vi mindst hver {months}. måned."


def scope_da(days: int | None, hours: Decimal | None) -> str:
    """ "4 dage om ugen, 6 timer om dagen", or the part that is set."""
    parts = []
    if days is not None:
        parts.append(f"{days} {'dag' if days == 1 else 'dage'} om ugen")
    if hours is not None:
        parts.append(f"{num(hours)} {'time' if hours == 1 else 'timer'} om dagen")
    return ", ".join(parts)


def days_text(
    facts: dict[str, Any],
    placement_days: int | None,
    granted: tuple[int | None, Decimal | None] = (None, None),
) -> str:
    """The scope the decision grants; for a decision without one (made before the scope
    was recorded), the placement's days or the standard's range."""
    if granted[0] is not None:
        return f"Du får beskyttet beskæftigelse {scope_da(*granted)}."
    if placement_days is not None:
        return f"Du skal arbejde {placement_days} dage om ugen."
    d = facts["days_per_week"]
    if d["min"] == d["max"]:
        return f"Du skal arbejde {d['min']} dage om ugen."
    return f"Du kan arbejde {d['min']} til {d['max']} dage om ugen. Vi aftaler det med dig."
