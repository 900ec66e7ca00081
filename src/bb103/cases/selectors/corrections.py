"""What the correction forms are filled in with (issue 17, item 1), scoped to the user,
and the copies of a case's letters sent to representatives (item 8)."""

from bb103.cases.errors import NotFound
from bb103.cases.models import Assessment, Case, LetterCopy, Representative, User
from bb103.cases.selectors.citizens import citizen_get_for_user
from bb103.cases.services.audit import audit_read


def representative_get_for_user(
    *, user: User, citizen_id: int, representative_id: int
) -> Representative:
    """A representative of ``citizen_id``, for its correction form (a read of the citizen,
    logged); NotFound (HTTP 404) for another municipality's, or another citizen's."""
    citizen = citizen_get_for_user(user=user, citizen_id=citizen_id)
    representative = Representative.objects.filter(pk=representative_id, citizen=citizen).first()
    if representative is None:
        raise NotFound("Repræsentanten")
    representative.citizen = citizen
    audit_read(
        actor=user,
        action="citizen_read",
        citizen=citizen,
        details={"page": "representative_correct", "representative": representative.pk},
    )
    return representative


def assessment_latest(*, case: Case) -> Assessment | None:
    """The assessment the engine sees (the latest), of a case the caller has already read
    through a scoped selector (the step form's case page)."""
    return case.assessments.order_by("-assessed_on", "-id").first()


def letter_copies_for_case(*, case: Case, letter_ids: list[int]) -> dict[int, str]:
    """Letter id -> »Navn (værge), ...« for the letters of ``case`` (read by the caller
    through a scoped selector) that went to representatives too; no query for none."""
    if not letter_ids:
        return {}
    found: dict[int, list[str]] = {}
    for copy in LetterCopy.objects.filter(letter__case=case, letter_id__in=letter_ids):
        found.setdefault(copy.letter_id, []).append(str(copy))
    return {letter: ", ".join(names) for letter, names in found.items()}
