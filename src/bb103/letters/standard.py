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

from bb103.letters.plain import handleplan_lines
from bb103.letters.render import render_pdf
from bb103.rules.dates import format_da
from bb103.rules.policy.model import MunicipalPolicy, PolicyVersion, ResolvedPolicy
from bb103.rules.policy.registry import default_registry
from bb103.rules.policy.values import WAGE_BASES, Addressee, DaysPerWeek

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

    days_text = _days_text(p.value("days_per_week"))
    hearing = p.value("party_hearing_period")
    criteria = p.value("municipal_criteria") or ()
    providers = p.value("providers")
    wage = _wage_text(p)
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
        *_optional_section(
            "handleplan",
            "Handleplan",
            _handleplan_text(p),
            _sources(p, "handleplan", "goals_in_order_without_handleplan"),
        ),
        # Each standard's own words on what the citizen pays; nothing where it says nothing.
        *_optional_section(
            "udgifter",
            "Udgifter for dig",
            list(p.value("citizen_costs") or ()),
            [src("citizen_costs")],
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
            "loen",
            "Løn",
            wage,
            [src("wage_basis"), src("wage_forms"), src("wage_floor_pct"), src("wage_rates")],
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
                _deadline_text(p),
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
            _sources(p, "decision_deadline", "decision_deadline_by_council", "party_hearing_period")
            + ([src("visitation_committee")] if p.value("visitation_committee") else []),
        ),
        *_optional_section(
            "ogsaa", "Det kan du også regne med", list(p.value("promises") or ()), [src("promises")]
        ),
        _section(
            "klage",
            "Klagemuligheder",
            [
                f"Du kan klage inden for {p.value('complaint_period').label_da()} efter, at du har "
                "fået afgørelsen. Du kan klage mundtligt eller skriftligt til kommunen.",
                "Vi ser på sagen igen. Fastholder vi afgørelsen, sender vi klagen "
                f"til Ankestyrelsen inden for {p.value('forward_period').label_da()}.",
                *_complaints_to(m),
            ],
            [
                src("complaint_period"),
                src("forward_period"),
                *(m.complaints.sources.values() if m.complaints else ()),
            ],
        ),
        *_optional_section(
            "klage_sagsbehandling",
            "Klage over sagsbehandlingen og borgerrådgiver",
            _addressee_text(p),
            _sources(p, "case_handling_complaints", "borgerraadgiver"),
        ),
        _section(
            "soeg",
            "Sådan søger du",
            _apply_text(p),
            [src("how_to_apply"), *m.contact.sources.values()],
        ),
    ]
    return {
        "municipality": m.name,
        "municipality_id": m.id,
        "version": v.id,
        "title": v.title,
        "in_force": validity(v),
        "date": {
            "year": v.in_force_from.year,
            "month": v.in_force_from.month,
            "day": v.in_force_from.day,
        },
        "sections": sections,
    }


def validity(v: PolicyVersion) -> str:
    """When a version is in force; a date the standard does not give itself is said to be
    assumed (the data lists the assumption), never shown as fact."""
    text = f"Gælder fra {format_da(v.in_force_from)}" + (
        f" til {format_da(v.in_force_to)}" if v.in_force_to else ""
    )
    if v.dates_assumed:
        text += " (datoen er antaget)"
    return text


def _sources(p: ResolvedPolicy, *keys: str) -> list[str | None]:
    return [None if p.param(k) is None else p.param(k).provenance.source for k in keys]  # type: ignore[union-attr]


def _optional_section(
    sid: str, title: str, paragraphs: list[str], sources: list[str | None]
) -> list[dict]:
    return [_section(sid, title, paragraphs, sources)] if paragraphs else []


_LIVING = {
    "own_home": "i egen bolig",
    "botilbud": "i et botilbud",
    "with_family": "hos din familie eller pårørende",
}


def _days_text(days: DaysPerWeek) -> list[str]:
    """The weekly days, by living situation where the standard sets them so (Ballerup)."""
    if not days.by_living_situation:
        text = f"Du kan arbejde {days.min} til {days.max} dage om ugen."
        if days.default is not None:
            text += f" Udgangspunktet er {days.default} dage om ugen."
        return [text]
    groups: dict[tuple[int, int], list[str]] = {}
    for situation, rng in days.by_living_situation.items():
        groups.setdefault((rng.min, rng.max), []).append(_LIVING[situation])
    return [
        f"Bor du {' eller '.join(where)}, kan du arbejde {low} til {high} dage om ugen."
        for (low, high), where in groups.items()
    ]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _wage_text(p: ResolvedPolicy) -> list[str]:
    """The wage in the standard's own words (Vejen: its rates are its wage, no dusør), or,
    where a standard restricts no form, every form the law allows (BEK nr. 483 § 1)."""
    forms = p.value("wage_forms")
    own = p.param("wage_forms").provenance.layer == "municipal"  # type: ignore[union-attr]
    floor = p.value("wage_floor_pct")
    rates = p.value("wage_rates")
    if own:
        text = [f"Din løn er {' eller '.join(_lower_first(f.name) for f in forms)}."]
    else:
        names = [_lower_first(f.name) for f in forms]
        text = [f"Din løn kan være {', '.join(names[:-1])} eller {names[-1]}."]
        described = [b for b in p.value("wage_basis") if b == "agreed_with_workplace"]
        text += [f"{WAGE_BASES[b][:1].upper()}{WAGE_BASES[b][1:]}." for b in described]
    if rates is not None:
        text.append(
            f"Der er {len(rates.rates_pct)} lønsatser: "
            f"{' og '.join(f'{r} %' for r in rates.rates_pct)} af den overenskomstmæssige "
            "mindsteløn."
        )
        if rates.start_rate_pct is not None:
            text.append(f"Du starter på {rates.start_rate_pct} %.")
        if rates.renegotiate_first_after_months is not None:
            text.append(
                f"Lønnen aftales igen efter {rates.renegotiate_first_after_months} måneder "
                f"og så hver {rates.renegotiate_then_every_months}. måned."
            )
    if any(f.id == "arbejdsdusoer" for f in forms):
        text.append(f"En arbejdsdusør er mindst {floor} % af mindstelønnen i faget.")
    else:
        text.append(f"Din løn er mindst {floor} % af mindstelønnen i faget.")
    return text


def _handleplan_text(p: ResolvedPolicy) -> list[str]:
    """The handleplan as the grant letter says it (one wording for both, bb103.letters.plain)."""
    return handleplan_lines(
        {
            "handleplan": p.value("handleplan"),
            "goals_in_order": bool(p.value("goals_in_order_without_handleplan")),
        }
    )


def _deadline_text(p: ResolvedPolicy) -> str:
    deadline = p.value("decision_deadline")
    council = p.value("decision_deadline_by_council")
    if deadline is not None:
        return (
            f"Du får en afgørelse inden for {deadline.label_da()}, fra vi har fået din ansøgning."
        )
    if council is not None:
        return (
            f"Fristen for afgørelsen bliver fastsat af {council.set_by}. "
            f"Du kan se den på {council.published_at} eller spørge os."
        )
    return "Standarden har ingen fast frist for afgørelsen."


def _reach(
    unit: str,
    address: tuple[str, ...],
    phones: tuple[str, ...],
    email: str | None,
    web: str | None = None,
) -> str:
    """One line with every way to reach someone the standard names, in its order."""
    parts = [unit, *address, *(f"telefon {phone}" for phone in phones)]
    parts += [f"e-mail {email}"] if email else []
    parts += [web] if web else []
    return ", ".join(parts) + "."


def _addressee(a: Addressee) -> str:
    return _reach(a.unit, a.address, a.phones, a.email, a.web)


def _addressee_text(p: ResolvedPolicy) -> list[str]:
    text = []
    handling = p.value("case_handling_complaints")
    if handling is not None:
        text.append(
            "Er du utilfreds med vores sagsbehandling, kan du henvende dig til "
            f"{handling.role}, mundtligt eller skriftligt: {_addressee(handling)}"
        )
    br = p.value("borgerraadgiver")
    if br is not None:
        text.append(f"Du kan også kontakte {br.role}: {_addressee(br)}")
        if br.description:
            text.append(br.description)
    return text


def _complaints_to(m: MunicipalPolicy) -> list[str]:
    """Where a complaint goes, where the standard gives its own address for them."""
    c = m.complaints
    if c is None:
        return []
    phones = (c.phone,) if c.phone else ()
    return ["Send din klage til " + _reach(c.unit, c.address, phones, c.email)]


def _apply_text(p: ResolvedPolicy) -> list[str]:
    """How to apply, in the standard's words, and whom to call: its contact data."""
    c = p.municipality.contact
    text = list(p.value("how_to_apply") or ())
    reach = [c.unit, *c.address]
    text.append("Kontakt: " + ", ".join(reach) + ".")
    if c.phone:
        text.append(f"Telefon: {c.phone}" + (f", {c.hours}." if c.hours else "."))
    if c.email:
        text.append(f"E-mail: {c.email}.")
    if c.web:
        text.append(f"Hjemmeside: {c.web}.")
    return text


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
    # A section one version has and the other lacks (a standard silent on costs) shows
    # as empty on that side.
    ids = list(dict.fromkeys([*a, *b]))
    return [
        {
            "id": sid,
            "title": (b.get(sid) or a[sid])["title"],
            "old": a[sid]["paragraphs"] if sid in a else [],
            "new": b[sid]["paragraphs"] if sid in b else [],
        }
        for sid in ids
        if (a[sid]["paragraphs"] if sid in a else []) != (b[sid]["paragraphs"] if sid in b else [])
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
                        "validity": validity(v),
                    }
                    for v in sorted(m.versions, key=lambda v: v.in_force_from)
                ],
            }
        )
    return out


def has_version(municipality: str, version_id: str) -> bool:
    policy = default_registry().municipalities.get(municipality)
    return policy is not None and any(v.id == version_id for v in policy.versions)
