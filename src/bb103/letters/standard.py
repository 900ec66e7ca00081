"""The published quality standard, generated from the policy data, and the comparison of
two versions ("Gammel tekst / Ny tekst").

Every number is the parameter the engine uses for that municipality and version, so what
is published and what the system does cannot drift apart. The sections are the seeds';
where the data carries the municipality's own wording (its description of providers, its
own criteria and their sections) that wording is used.
"""

import html
from datetime import date
from typing import Any

from bb103.letters.render import render_pdf
from bb103.rules.dates import format_da
from bb103.rules.policy.model import ResolvedPolicy
from bb103.rules.policy.registry import default_registry
from bb103.rules.policy.values import WAGE_BASES

CRITERIA_DA = {
    "vum_level_3_or_4": (
        "Din funktionsevne er som udgangspunkt vurderet til niveau 3 eller 4 (VUM)."
    ),
    "can_transport_self": "Du kan som udgangspunkt selv komme til og fra arbejde.",
    "motivated": "Du er motiveret for beskyttet beskæftigelse.",
    "receives_foertidspension": "Du får førtidspension. Ellers kan jobcentret hjælpe dig først.",
}


def _resolved(municipality: str, version_id: str) -> ResolvedPolicy:
    registry = default_registry()
    policy = registry.municipalities[municipality]
    version = next(v for v in policy.versions if v.id == version_id)
    resolved = registry.resolve(municipality, version.in_force_from)
    assert resolved is not None
    return resolved


def _section(sid: str, title: str, paragraphs: list[str], sources: list[str | None]) -> dict:
    return {
        "id": sid,
        "title": title,
        "paragraphs": paragraphs,
        "sources": sorted({s for s in sources if s}),
    }


def standard_data(municipality: str, version_id: str) -> dict[str, Any]:
    """The standard of one municipality in one version, as sections of plain text."""
    p = _resolved(municipality, version_id)
    m, v = p.municipality, p.version

    def src(key: str) -> str | None:
        param = p.param(key)
        return None if param is None else param.provenance.source

    days = p.value("days_per_week")
    days_text = [f"Du kan arbejde {days.min} til {days.max} dage om ugen."]
    labels = {"own_home": "egen bolig", "botilbud": "botilbud", "with_family": "hos familien"}
    for situation, rng in days.by_living_situation.items():
        days_text.append(f"Bor du {labels[situation]}: {rng.min} til {rng.max} dage om ugen.")
    deadline = p.value("decision_deadline")
    hearing = p.value("party_hearing_period")
    criteria = p.value("municipal_criteria") or ()
    providers = p.value("providers")
    rates = p.value("wage_rates")
    wage = [f"Lønformer: {'; '.join(WAGE_BASES[b] for b in p.value('wage_basis'))}."]
    wage.append(f"En arbejdsdusør er mindst {p.value('wage_floor_pct')} % af mindstelønnen.")
    if rates is not None:
        wage.append(
            f"Lønsatser: {' og '.join(f'{r} %' for r in rates.rates_pct)} af mindstelønnen."
        )
    head = p.param("age_min")
    sections = [
        _section(
            "lovgrundlag",
            "Lovgrundlag",
            [
                "Serviceloven § 103 om beskyttet beskæftigelse.",
                "Serviceloven § 105 og bekendtgørelse nr. 483 af 19. maj 2011 om løn og transport.",
            ],
            [],
        ),
        _section(
            "formaal",
            "Formål",
            [
                "Du får et arbejde, der passer til din funktionsevne. "
                "Du kan bruge og udvikle dine evner i et arbejdsfællesskab.",
            ],
            [],
        ),
        _section(
            "maalgruppe",
            "Målgruppe",
            [
                f"Du er mindst {p.value('age_min')} år og under folkepensionsalderen.",
                "Din funktionsevne er meget nedsat, eller du har særlige sociale problemer.",
                "Du kan ikke få eller holde et job på normale vilkår, og du kan ikke få tilbud "
                "efter anden lovgivning.",
                *[CRITERIA_DA[c.id] for c in criteria],
            ],
            [None if head is None else head.provenance.source, *[c.source for c in criteria]],
        ),
        _section("indhold", "Indhold og omfang", days_text, [src("days_per_week")]),
        _section(
            "indgaar_ikke",
            "Hvad indgår ikke",
            [
                "Transport inden for de første "
                f"{p.value('transport_citizen_km')} km hver vej, mad og arbejdstøj "
                "betaler du selv.",
                "Hjælp efter anden lovgivning indgår ikke.",
            ],
            [src("transport_citizen_km")],
        ),
        _section(
            "varighed",
            "Varighed",
            [
                "Der er ingen fast slutdato. Tilbuddet stopper, når du når folkepensionsalderen.",
            ],
            [src("pension_age")],
        ),
        _section(
            "opfoelgning",
            "Opfølgning",
            [
                f"Vi følger op mindst hver {p.value('follow_up_months')}. måned.",
            ],
            [src("follow_up_months")],
        ),
        _section(
            "leverandoerer",
            "Leverandører",
            [
                *([providers.description] if providers else []),
                *(
                    [f"Egne tilbud: {', '.join(providers.own_offers)}."]
                    if providers and providers.own_offers
                    else []
                ),
                "Du har frit valg af tilbud."
                if p.value("free_choice_of_provider")
                else "Du har ikke frit valg af tilbud.",
                *(
                    ["Tilbuddet skal stå på Tilbudsportalen."]
                    if p.value("tilbudsportalen_required")
                    else []
                ),
                *(
                    ["Tilbuddet skal være godkendt af socialtilsynet."]
                    if p.value("socialtilsyn_approval_required")
                    else []
                ),
            ],
            [src("providers"), src("free_choice_of_provider"), src("tilbudsportalen_required")],
        ),
        _section(
            "loen", "Løn", wage, [src("wage_basis"), src("wage_floor_pct"), src("wage_rates")]
        ),
        _section(
            "koersel",
            "Kørsel",
            [
                f"Du betaler selv de første {p.value('transport_citizen_km')} km hver vej. "
                "Kommunen betaler resten, svarende til den billigste transport.",
                f"Din udgift er højst {p.value('transport_cap_pct')} % af din løn efter skat.",
            ],
            [src("transport_citizen_km"), src("transport_cap_pct")],
        ),
        _section(
            "sagsbehandlingstid",
            "Sagsbehandlingstid",
            [
                f"Du får en afgørelse inden for {deadline.label_da()} "
                "fra vi har fået din ansøgning."
                if deadline
                else "Standarden fastsætter ingen frist for afgørelsen.",
                *(
                    [f"Du har {hearing.label_da()} til at komme med bemærkninger til et udkast."]
                    if hearing
                    else []
                ),
                *(
                    ["Et visitationsudvalg ser på sagen, før vi beslutter."]
                    if p.value("visitation_committee")
                    else []
                ),
            ],
            [src("decision_deadline"), src("party_hearing_period"), src("visitation_committee")],
        ),
        _section(
            "klage",
            "Klagemuligheder",
            [
                f"Du kan klage inden for {p.value('complaint_period').label_da()} efter, at du har "
                "fået afgørelsen. Du kan klage mundtligt eller skriftligt til kommunen.",
                "Vi ser på sagen igen. Fastholder vi afgørelsen, sender vi klagen "
                f"til Ankestyrelsen inden for {p.value('forward_period').label_da()}.",
            ],
            [src("complaint_period"), src("forward_period")],
        ),
    ]
    return {
        "municipality": m.name,
        "municipality_id": m.id,
        "version": v.id,
        "title": v.title,
        "in_force": f"Gælder fra {format_da(v.in_force_from)}"
        + (f" til {format_da(v.in_force_to)}" if v.in_force_to else ""),
        "date": {
            "year": v.in_force_from.year,
            "month": v.in_force_from.month,
            "day": v.in_force_from.day,
        },
        "sections": sections,
    }


def standard_pdf(municipality: str, version_id: str) -> bytes:
    return render_pdf("standard", standard_data(municipality, version_id))


def standard_html(data: dict[str, Any]) -> str:
    """An HTML fragment for the public page (the view comes later); every text escaped."""
    e = html.escape
    out = [
        f'<article lang="da"><h1>{e(data["title"])}</h1>',
        f"<p>{e(data['municipality'])}. {e(data['in_force'])}.</p>",
    ]
    for s in data["sections"]:
        out.append(f'<section id="{e(s["id"])}"><h2>{e(s["title"])}</h2>')
        out += [f"<p>{e(text)}</p>" for text in s["paragraphs"]]
        if s["sources"]:
            out.append(f'<p class="sources">Kilde: {e("; ".join(s["sources"]))}</p>')
        out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


def standard_compare(municipality: str, old: str, new: str) -> list[dict[str, Any]]:
    """ "Gammel tekst / Ny tekst": each section whose text differs between two versions."""
    a = {s["id"]: s for s in standard_data(municipality, old)["sections"]}
    b = {s["id"]: s for s in standard_data(municipality, new)["sections"]}
    return [
        {
            "id": sid,
            "title": b[sid]["title"],
            "old": a[sid]["paragraphs"],
            "new": b[sid]["paragraphs"],
        }
        for sid in b
        if a[sid]["paragraphs"] != b[sid]["paragraphs"]
    ]


def versions(municipality: str) -> list[tuple[str, date]]:
    return [
        (v.id, v.in_force_from) for v in default_registry().municipalities[municipality].versions
    ]


def published() -> list[dict[str, Any]]:
    """Every municipality in the policy data with its versions, oldest first, for the
    public index: a new policy file shows up here without code. Policy data only."""
    out = []
    for m in sorted(default_registry().municipalities.values(), key=lambda m: m.name):
        out.append(
            {
                "id": m.id,
                "name": m.name,
                "versions": [
                    {
                        "id": v.id,
                        "title": v.title,
                        "in_force_from": v.in_force_from,
                        "in_force_to": v.in_force_to,
                        "approved_by": v.approved_by,
                        "approved_on": v.approved_on,
                    }
                    for v in sorted(m.versions, key=lambda v: v.in_force_from)
                ],
            }
        )
    return out


def has_version(municipality: str, version_id: str) -> bool:
    policy = default_registry().municipalities.get(municipality)
    return policy is not None and any(v.id == version_id for v in policy.versions)
