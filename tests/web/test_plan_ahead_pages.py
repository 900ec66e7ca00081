"""Issue 17, item 4 on screen: the case page says when a placement starts ahead and shows
the follow-up meeting booked; the booking's step form books it and refuses a day already
past next to the field."""

from datetime import date

import pytest

from bb103.cases.models import FollowUpBooking
from tests.cases.factories import granted_case, on_day, placed

pytestmark = pytest.mark.django_db


def test_case_page_says_starter_for_a_placement_ahead(client_for, ballerup, vejen, citizen_of):
    """Issue 17, item 4: "Starter 2. juni 2025" until the start day, "fra" after it."""
    case = granted_case(ballerup, citizen_of)
    with on_day(date(2025, 4, 10)):
        placed(ballerup.caseworker, case, ballerup.offer, on=date(2025, 6, 2))
        page = client_for(ballerup.caseworker).get(f"/sager/{case.pk}/")
    assert "Starter 2. juni 2025" in page.content.decode()
    with on_day(date(2025, 6, 3)):
        page = client_for(ballerup.caseworker).get(f"/sager/{case.pk}/")
    assert "fra 2. juni 2025" in page.content.decode()
    # Another municipality's caseworker does not see the case at all.
    assert client_for(vejen.caseworker).get(f"/sager/{case.pk}/").status_code == 404


def test_a_follow_up_meeting_is_booked_on_its_form_and_shown(client_for, ballerup, citizen_of):
    """Issue 17, item 4: the form books the meeting; the case page shows day and place; a
    day already past is refused next to the field."""
    case = granted_case(ballerup, citizen_of)
    placed(ballerup.caseworker, case, ballerup.offer)
    client = client_for(ballerup.caseworker)
    url = f"/sager/{case.pk}/opfoelgning-aftal/"
    with on_day(date(2025, 6, 10)):
        assert client.get(url).status_code == 200
        refused = client.post(url, {"planned_on": "2025-06-09", "place": "Værkstedet"})
        assert refused.status_code == 200
        assert "Mødedatoen kan ikke ligge før i dag" in refused.content.decode()
        done = client.post(
            url, {"planned_on": "2025-09-15", "place": "Værkstedet", "participants": "Borgeren"}
        )
        assert done.status_code == 302
        page = client.get(f"/sager/{case.pk}/").content.decode()
    assert FollowUpBooking.objects.get(case=case).planned_on == date(2025, 9, 15)
    assert "Aftalt til 15. september 2025, Værkstedet" in page
