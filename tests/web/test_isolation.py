"""No URL lets one municipality reach another's case or citizen (style guide point 6).

The URL patterns are enumerated from the URLconf, so a new URL with a case or citizen in
it is tested without being listed here; a URL taking any other kind of id fails the test
until it is added. The public URLs (the published quality standards, no login) are listed
by name here, and only they may be reached without logging in."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from bb103.cases import services
from bb103.cases.models import (
    ApiClient,
    Attachment,
    Complaint,
    Decision,
    Representative,
    Task,
    TaskKind,
    TaskStatus,
    User,
)
from bb103.web.letters import LETTER_SPECS
from bb103.web.steps import STEP_VIEWS
from tests.cases.factories import assess, grant, open_case, placed, reviewed

pytestmark = pytest.mark.django_db

# URL parameters this test knows how to fill with another municipality's rows.
KNOWN_PARAMETERS = {
    "case_id",
    "citizen_id",
    "step",
    "kind",
    "letter_id",
    "task_id",
    "offer_id",
    "placement_id",
    "attachment_id",
    "complaint_id",
    "representative_id",
}
# The monthly settlement's URLs: the case's municipality and a month.
KNOWN_PARAMETERS |= {"municipality", "month"}
# The manager's overview's figures (issue 20): one figure's CSV or XLSX download.
KNOWN_PARAMETERS |= {"figure"}
# A provider's CVR number (issue 18, item 5: the finance file pays the provider by it).
KNOWN_PARAMETERS |= {"provider_id"}
# The administration screens (issue 20, point 4): a user and a system client of the
# municipality.
KNOWN_PARAMETERS |= {"user_id", "client_id"}
# Open to anyone, without login: the published quality standards. They read the policy
# data only (tests/web/test_standards.py proves it: no database query at all).
PUBLIC = {"standards", "standard", "standard-pdf", "standard-compare", "accessibility-statement"}
OPEN = PUBLIC | {"login"}


def _patterns(resolver=None) -> list[URLPattern]:
    """Every URL pattern of the staff's screens, however deeply included. The API's routes
    (``/api/v1/``) answer a system client's key, not a session, and Min sag's
    (``/min-sag/``) a citizen's login: tests/api/test_isolation.py and
    tests/portal/test_isolation.py enumerate them the same way."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if str(pattern.pattern).startswith(("api/", "min-sag/")):
            continue
        if hasattr(pattern, "url_patterns"):
            found += _patterns(pattern)
        else:
            found.append(pattern)
    return found


def _task_on(case) -> Task:
    """A task of the case's caseworker, as the daily sweep makes it."""
    return Task.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        kind=TaskKind.DEADLINE_SOON,
        source="decision",
        due_on=date(2025, 4, 23),
        title="Fristen for afgørelsen udløber snart",
        legal_source="Retssikkerhedsloven § 3, stk. 2",
        assigned_to=case.caseworker,
        created_on=date(2025, 4, 16),
    )


def _case_file_on(case) -> Complaint:
    """A complaint with its case file sent to Ankestyrelsen, for the case file's URL."""
    found = Complaint.objects.filter(case=case).exclude(case_file_sha256="").first()
    if found is not None:
        return found
    decision = case.decisions.first() or Decision.objects.create(
        # A row for the URL only: the case itself is not decided by it.
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        policy_id=case.municipality_id,
        policy_version="v1",
        engine_outcome="not_eligible",
        evaluation={},
        decided_by=case.caseworker,
    )
    return Complaint.objects.create(
        case=case,
        decision=decision,
        received_on=date(2025, 4, 10),
        form="written",
        status="forwarded",
        case_file=b"%PDF-1.7\n%%EOF\n",
        case_file_sha256="0" * 64,
    )


def _attachment_on(case) -> Attachment:
    """An attachment on the case, for the download URL."""
    found = Attachment.objects.filter(case=case).first()
    if found is not None:
        return found
    folder = Path(settings.BB103_ATTACHMENT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"isolation-{case.pk}.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    return Attachment.objects.create(
        case=case,
        kind="statusattest",
        title="Statusattest",
        original_name="attest.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        stored_name=f"isolation-{case.pk}.pdf",
        uploaded_by=case.caseworker,
    )


def _api_client_of(case) -> ApiClient:
    """A system client of the case's municipality, for the administration's URLs."""
    found = ApiClient.objects.filter(municipality_id=case.municipality_id).first()
    if found is not None:
        return found
    identity = User.objects.create(username=f"api-isolation-{case.municipality_id}")
    return ApiClient.objects.create(
        name="Isolationens fagsystem",
        municipality_id=case.municipality_id,
        user=identity,
        created_by=case.caseworker,
    )


def _representative_of(citizen) -> Representative:
    """A representative of the citizen, for the correction URL (issue 17, item 1)."""
    found = Representative.objects.filter(citizen=citizen).first()
    return found or Representative.objects.create(
        citizen=citizen, name="Isolation Værge", relation="guardian"
    )


def _urls_for(case, citizen, letter, task, placement=None) -> list[str]:
    # The provider's pages take a running placement and its offer (workshop).
    placement = placement or case.placements.first()
    urls = []
    for pattern in _patterns():
        assert pattern.name, f"every URL pattern needs a name: {pattern.pattern}"
        if pattern.name in PUBLIC:
            continue
        params = set(pattern.pattern.regex.groupindex)
        assert params <= KNOWN_PARAMETERS, f"{pattern.name}: teach this test {params}"
        if not params:
            continue
        steps = [s.slug for s in STEP_VIEWS] if "step" in params else [None]
        kinds = [s.slug for s in LETTER_SPECS] if "kind" in params else [None]
        for step in steps:
            for kind in kinds:
                values = {
                    "case_id": case.pk,
                    "citizen_id": citizen.pk,
                    "step": step,
                    "kind": kind,
                    "letter_id": letter.pk,
                    "task_id": task.pk,
                    "municipality": case.municipality_id,
                    "month": "2025-09",
                    "figure": "frister",
                    "offer_id": placement.offer_id,
                    "provider_id": placement.offer.provider_id,
                    "placement_id": placement.pk,
                    "attachment_id": _attachment_on(case).pk,
                    "complaint_id": _case_file_on(case).pk if "complaint_id" in params else None,
                    "representative_id": _representative_of(citizen).pk
                    if "representative_id" in params
                    else None,
                    "user_id": case.caseworker_id,
                    "client_id": _api_client_of(case).pk if "client_id" in params else None,
                }
                urls.append(reverse(pattern.name, kwargs={k: values[k] for k in params}))
    return urls


def _vejen_placement(vejen, citizen_of):
    """A running placement in Vejen, for the provider's pages (issue 6)."""
    case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, case)
    reviewed(vejen.committee, case, vejen.offer)
    grant(vejen.caseworker, case, offer=vejen.offer)
    return placed(vejen.caseworker, case, vejen.offer)


def test_every_url_of_another_municipalitys_case_is_404(
    client_for, ballerup, vejen, world, citizen_of
):
    _, v_case, staff = world
    letter = services.letter_send(user=vejen.caseworker, case=v_case, kind="receipt")
    task = _task_on(v_case)
    urls = _urls_for(v_case, v_case.citizen, letter, task, _vejen_placement(vejen, citizen_of))
    assert len(urls) >= len(STEP_VIEWS) + len(LETTER_SPECS) + 5
    assert f"/sager/{v_case.pk}/breve/{letter.pk}/pdf/" in urls
    for user in (ballerup.caseworker, ballerup.committee, ballerup.manager, ballerup.admin, staff):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
            assert client.post(url, {}).status_code == 404, (user.username, url)
    # The same URLs are reachable in the case's own municipality (so 404 above means
    # "not yours", not "broken").
    own = client_for(vejen.caseworker)
    assert [u for u in urls if own.get(u).status_code == 404] == []
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN  # none of the other municipality's posts did it


def test_unknown_step_is_404(client_for, ballerup, world):
    assert client_for(ballerup.caseworker).get(f"/sager/{world[0].pk}/ukendt/").status_code == 404


def test_another_municipalitys_letter_under_an_own_case_is_404(client_for, ballerup, vejen, world):
    """The letter is found through its case: an own case's id does not open another
    municipality's letter."""
    b_case, v_case, _ = world
    letter = services.letter_send(user=vejen.caseworker, case=v_case, kind="receipt")
    client = client_for(ballerup.caseworker)
    assert client.get(f"/sager/{b_case.pk}/breve/{letter.pk}/pdf/").status_code == 404


def test_only_the_listed_urls_are_public(client, world):
    """Without login every URL sends to the login page, except the public ones, which the
    views mark login_not_required: the list here and the code must agree."""
    marked = {p.name for p in _patterns() if getattr(p.callback, "login_required", True) is False}
    assert marked == OPEN
    b_case = world[0]
    letter = services.letter_send(user=b_case.caseworker, case=b_case, kind="decision_grant")
    urls = _urls_for(b_case, b_case.citizen, letter, _task_on(b_case))
    for url in [*urls, "/", "/borgere/", "/tilbud/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/log-ind/?next="), url


def test_provider_staff_see_no_other_providers_citizens_by_any_url(
    client_for, ballerup, citizen_of
):
    """Issue 6: a provider user sees no other provider's citizens by any URL, even in the
    same municipality: every URL of another provider's placement and workshop is 404, and
    neither the start page nor their own workshop's week lists that citizen."""
    from tests.cases.factories import heard, make_offer, make_user

    other_offer = make_offer(ballerup.admin, ballerup.municipality)

    def placement_at(offer):
        case = open_case(ballerup.caseworker, citizen_of(ballerup))
        assess(ballerup.caseworker, case)
        heard(ballerup.caseworker, case)
        grant(ballerup.caseworker, case, offer=offer)
        return placed(ballerup.caseworker, case, offer)

    mine, theirs = placement_at(ballerup.offer), placement_at(other_offer)
    staff = make_user("ballerup-mit-vaerksted", ballerup.municipality, "provider_staff",
                      ballerup.offer.provider)  # fmt: skip
    letter = services.letter_send(user=ballerup.caseworker, case=theirs.case, kind="decision_grant")
    urls = _urls_for(theirs.case, theirs.case.citizen, letter, _task_on(theirs.case), theirs)
    client = client_for(staff)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    name = str(theirs.case.citizen)
    for url in ("/mit-tilbud/", f"/mit-tilbud/vaerksted/{mine.offer_id}/fremmoede/?uge=2025-05-05"):
        page = client.get(url)
        assert page.status_code == 200 and name not in page.content.decode(), url
        assert str(mine.case.citizen) in page.content.decode(), url


def test_every_url_and_role_pair_reaches_no_case_data(
    client_for, ballerup, vejen, world, citizen_of
):
    """Issue 7 point 1, the access-control count: every URL pattern with a Vejen case,
    citizen, letter, task, workshop or placement in it, for GET and POST, for each role that
    must not see it: another municipality's caseworker, manager, committee member and
    administrator, another provider's staff, Vejen's own provider staff (the citizen is not
    placed with them) and an anonymous visitor. Staff get 404 or 403, the visitor the login
    page; never data. There is no API, and citizens have no login. Prints the count."""
    from tests.cases.factories import make_user

    _, v_case, other_provider_staff = world
    letter = services.letter_send(user=vejen.caseworker, case=v_case, kind="receipt")
    placement = _vejen_placement(vejen, citizen_of)
    task = _task_on(v_case)
    # The placement's own URLs are for Vejen's staff at that workshop; v_case is not placed.
    own_staff = make_user("vejen-vaerksted", vejen.municipality, "provider_staff",
                          vejen.offer.provider)  # fmt: skip
    case_urls = _urls_for(v_case, v_case.citizen, letter, task, placement)
    placement_urls = {u for u in case_urls if "/mit-tilbud/" in u}
    roles = {
        "anden kommunes rådgiver": (ballerup.caseworker, case_urls),
        "anden kommunes leder": (ballerup.manager, case_urls),
        "anden kommunes visitationsudvalg": (ballerup.committee, case_urls),
        "anden kommunes administrator": (ballerup.admin, case_urls),
        "anden leverandørs personale": (other_provider_staff, case_urls),
        "egen kommunes leverandør, borger ikke placeret": (
            own_staff,
            [u for u in case_urls if u not in placement_urls],
        ),
    }
    pairs = 0
    for role, (user, urls) in roles.items():
        client = client_for(user)
        for url in urls:
            for method in (client.get, client.post):
                assert method(url).status_code in (403, 404), (role, method.__name__, url)
                pairs += 1
    anonymous = Client()
    for url in case_urls:
        for method in (anonymous.get, anonymous.post):
            response = method(url)
            assert response.status_code == 302, ("anonym", url)
            assert response["Location"].startswith("/log-ind/?next="), ("anonym", url)
            pairs += 1
    print(f"\nadgangskontrol: {len(case_urls)} URL'er × 7 roller × GET/POST = {pairs} par")
    assert pairs >= len(case_urls) * 2 * 7 - len(placement_urls) * 2
