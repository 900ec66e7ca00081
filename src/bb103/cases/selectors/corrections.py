"""What the correction forms are filled in with (issue 17, item 1), scoped to the user."""

from bb103.cases.errors import NotFound
from bb103.cases.models import Assessment, Case, Representative, User
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
