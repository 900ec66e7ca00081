"""Legal numbers in what a caseworker or citizen reads come from the policy in force, so a
reform changes them too (style guide point 2: every legal number is dated data).

Each test swaps in the shipped policy data with a reform from 1 January 2020 (see
tests/policy_in_force.py) that changes, in Ballerup: the citizen's own transport distance
(BEK 483 § 2, stk. 1: 10 km; here 8), the cap on the citizen's transport cost (§ 2,
stk. 2: 30 % of earnings after tax; here 25), the lower age (Serviceloven § 103, stk. 1:
18; here 19) and the follow-up interval (Serviceloven § 148: 12 months; here 6)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from bb103.cases import services
from bb103.cases.errors import CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import Placement, TransportArrangement
from bb103.cases.selectors.settlement import SettlementPage, settlement_page_of
from bb103.cases.settlement_export import csv_bytes
from tests.cases.factories import running_placement
from tests.policy_in_force import reformed, registry_in_force

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2025, 9, 1)


@pytest.fixture
def reform(tmp_path):
    municipalities_stating_18 = ("ballerup", "lejre", "roskilde", "vejen")
    registry = reformed(
        tmp_path,
        ("national", "transport_cap_pct", "25"),
        # Vejen and Sønderborg restate the 30 % cap; a reform must lower theirs too.
        ("vejen", "transport_cap_pct", "25"),
        ("soenderborg", "transport_cap_pct", "25"),
        ("ballerup", "transport_citizen_km", "8"),
        ("national", "age_min", "19"),
        *[(m, "age_min", "19") for m in municipalities_stating_18],
        ("ballerup", "follow_up_months", "6"),
    )
    with registry_in_force(registry):
        yield registry


@pytest.fixture
def placement(ballerup, citizen_of, reform) -> Placement:
    return running_placement(ballerup, citizen_of)


def monthly_fare(placement: Placement, first_km: str | None) -> TransportArrangement:
    return TransportArrangement.objects.create(
        placement=placement,
        valid_from=date(2025, 5, 1),
        mode="monthly_fare",
        monthly_fare_total=Decimal("700"),
        monthly_fare_first_10km=None if first_km is None else Decimal(first_km),
    )


def test_transport_form_intro_and_label_follow_the_policy(ballerup, placement, client_for):
    """web/views/economy.py (the intro) and web/forms/economy.py (the monthly fare's label)."""
    page = client_for(ballerup.caseworker).get(f"/sager/{placement.case_id}/oekonomi/befordring/")
    text = page.content.decode()
    assert "Borgeren betaler selv de første 8 km hver vej" in text
    assert "borgerens egen udgift er højst 25 % af nettoindtægten" in text
    assert "Pris for de første 8 km pr. måned (kr.)" in text
    assert "10 km" not in text and "30 %" not in text


def test_economy_rows_name_the_distance_in_force(ballerup, placement, client_for):
    """web/templates/web/case_economy.html: a monthly fare's own part."""
    monthly_fare(placement, "400")
    page = client_for(ballerup.caseworker).get(f"/sager/{placement.case_id}/oekonomi/oversigt/")
    text = page.content.decode()
    assert "heraf de første 8 km" in text and "10 km" not in text


def test_transport_service_errors_name_the_distance_in_force(ballerup, placement):
    """cases/services/transport.py: the caseworker's error on a missing or too high part."""

    def refused(**amounts: Decimal) -> CaseError:
        with pytest.raises(CaseError) as error:
            services.transport_set(
                user=ballerup.caseworker,
                placement=placement,
                valid_from=date(2025, 6, 1),
                mode="monthly_fare",
                **amounts,
            )
        assert error.value.field == "monthly_fare_first_10km"
        return error.value

    missing = refused(monthly_fare_total=Decimal("700"))
    assert missing.message.startswith("Pris for de første 8 km pr. måned skal udfyldes")
    too_high = refused(monthly_fare_total=Decimal("400"), monthly_fare_first_10km=Decimal("480"))
    assert too_high.message.startswith("Pris for de første 8 km pr. måned (480 kr.)")


def test_settlement_warning_names_the_distance_in_force(ballerup, placement):
    """cases/services/settlement_lines.py: a monthly fare without the citizen's part."""
    monthly_fare(placement, None)
    services.settlement_run(
        user=ballerup.caseworker, municipality=ballerup.municipality, month=SEPTEMBER
    )
    (line,) = settlement_page_of(ballerup.municipality, SEPTEMBER).lines
    assert (
        "Befordring med månedskort mangler prisen for hele turen eller for de første 8 km: "
        "sat til 0 kr." in line.warnings
    )


def test_settlement_export_names_the_cap_in_force(ballerup, reform):
    """cases/settlement_export.py: the cap column's header (CSV and XLSX share it)."""
    page = SettlementPage(ballerup.municipality, SEPTEMBER, None, [])
    header = next(csv.reader(io.StringIO(csv_bytes(page).decode("utf-8-sig")), delimiter=";"))
    assert "Loft (25 %)" in header and "Loft (30 %)" not in header


def test_grant_letter_says_the_numbers_in_force(ballerup, placement):
    """cases/letter_data.py and letters/plain.py: the age, the transport terms and how
    often we follow up, in the decision letter to the citizen."""
    data = letter_data(
        "decision_grant", placement.case, user=ballerup.caseworker, on=date(2025, 4, 1)
    )
    assert "Du er fyldt 19 år." in data["reasons"]
    assert data["transport"][0] == "Du betaler selv for de første 8 km hver vej."
    assert data["transport"][2] == "Du betaler aldrig mere end 25 % af din løn efter skat."
    assert "Det gør vi mindst hver 6. måned." in " ".join(data["next_steps"])


def test_the_age_criterion_names_the_age_in_force(reform):
    """Serviceloven § 103, stk. 1 (the lower age, law data): the criterion the caseworker
    reads on the case page and in the frozen evaluation follows the age in force."""
    from bb103.rules import evaluate, parse_scenario

    with registry_in_force(reform):
        scenario = parse_scenario(
            {
                "municipality": "ballerup",
                "as_of": "2025-09-01",
                "citizen": {"birth_date": "1990-05-17"},
            },
            reform.ids(),
        )
        (age,) = [c for c in evaluate(scenario, reform).criteria if c.id == "age_min"]
    assert age.label == "Borgeren er fyldt 19 år"
