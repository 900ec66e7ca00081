"""The published quality standard: generated from the same parameters the engine uses."""

import pytest

from bb103.letters.lix import lix
from bb103.letters.standard import standard_compare, standard_data, standard_html, standard_pdf
from bb103.rules.policy.registry import default_registry

ALL = [(m.id, v.id) for m in default_registry().municipalities.values() for v in m.versions]


def _text(data) -> str:
    return "\n".join(p for s in data["sections"] for p in s["paragraphs"])


@pytest.mark.parametrize(("mid", "version"), ALL)
def test_standard_states_the_numbers_the_engine_uses(mid, version):
    """The published standard and the engine read the same parameter (decision deadline,
    days per week, follow-up, transport, wage floor, complaint periods) for that version."""
    v = next(x for x in default_registry().municipalities[mid].versions if x.id == version)
    p = default_registry().resolve(mid, v.in_force_from)
    text = _text(standard_data(mid, version))
    deadline = p.value("decision_deadline")
    expected = [
        f"{p.value('days_per_week').min} til {p.value('days_per_week').max} dage om ugen",
        f"mindst hver {p.value('follow_up_months')}. måned",
        f"første {p.value('transport_citizen_km')} km",
        f"højst {p.value('transport_cap_pct')} %",
        f"mindst {p.value('wage_floor_pct')} %",
        f"inden for {p.value('complaint_period').label_da()}",
        deadline.label_da()
        if deadline
        else "fastsat af byrådet"
        if p.value("decision_deadline_by_council")
        else "ingen fast frist",
    ]
    for part in expected:
        assert part in text, (mid, version, part)
    assert {s["id"] for s in standard_data(mid, version)["sections"]} >= {
        "lovgrundlag",
        "formaal",
        "maalgruppe",
        "indhold",
        "handleplan",
        "varighed",
        "opfoelgning",
        "leverandoerer",
        "loen",
        "koersel",
        "sagsbehandlingstid",
        "klage",
        "soeg",
    }


@pytest.mark.parametrize(("mid", "version"), ALL)
def test_standard_renders_as_pdf_and_escaped_html(mid, version):
    assert standard_pdf(mid, version).startswith(b"%PDF-")
    html = standard_html(standard_data(mid, version))
    assert html.startswith('<article lang="da">') and "<script" not in html
    assert lix([_text(standard_data(mid, version))]).value < 60


def test_lejre_old_and_new_text_compared():
    """Lejre's two versions: the comparison is made from the data (20 weeks -> 12 weeks,
    the VUM 3-4 and motivation criteria added in the new text)."""
    changes = {c["id"]: c for c in standard_compare("lejre", "gammel-tekst", "ny-tekst")}
    deadline = changes["sagsbehandlingstid"]
    assert any("20 uger" in t for t in deadline["old"])
    assert any("12 uger" in t for t in deadline["new"])
    assert any("niveau 3 eller 4" in t for t in changes["maalgruppe"]["new"])
    assert not any("niveau 3 eller 4" in t for t in changes["maalgruppe"]["old"])
    assert "klage" not in changes  # unchanged sections are left out
