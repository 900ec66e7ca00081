"""Whom a Min sag login may apply for, and where (issue 19, point 4): the person themself
in a municipality whose standard is in force, and each citizen who recorded them as
representative with access to act. Whether one already has an open case is the
application's own rule (``services.application.open_cases``), asked here, not re-derived."""

from dataclasses import dataclass, field

from django.utils import timezone

from bb103.cases.engine.policy import policy_in_force
from bb103.cases.models import Citizen, Municipality, User
from bb103.cases.permissions import portal_citizen_ids, portal_cpr_key
from bb103.cases.services.application import open_cases

SELF = "self"


@dataclass(frozen=True)
class ApplyTarget:
    """One person the application may be for: ``value`` is the form's choice ("self", or
    "c<citizen id>"), ``open_case`` the case that stands in the way (None: may apply)."""

    value: str
    label: str
    citizen: Citizen | None = None
    open_case: int | None = None


@dataclass(frozen=True)
class ApplyChoices:
    targets: list[ApplyTarget]
    # Where the person themself may apply: (id, name), a standard in force today.
    municipalities: list[tuple[str, str]]
    # The person's own records, by municipality (the form fills in the name from them).
    own: dict[str, Citizen] = field(default_factory=dict)

    @property
    def may_apply(self) -> bool:
        return any(t.open_case is None for t in self.targets)


def portal_apply_choices(*, user: User) -> ApplyChoices:
    """The login's choices; none for a user who is not a Min sag login. A fixed number of
    queries, however many citizens the login reaches."""
    key = portal_cpr_key(user)
    mine = portal_citizen_ids(user, acting=True)
    if key is None or mine is None:
        return ApplyChoices(targets=[], municipalities=[])
    citizens = list(
        Citizen.objects.filter(mine, anonymised_on__isnull=True)
        .select_related("municipality")
        .order_by("last_name", "first_name", "id")
    )
    blocking = dict(
        open_cases()
        .filter(citizen_id__in=[c.pk for c in citizens])
        .order_by("id")  # the newest open case of each citizen is named
        .values_list("citizen_id", "id")
    )
    own = {c.municipality_id: c for c in citizens if c.cpr_key == key}
    own_open = next((blocking[c.pk] for c in own.values() if c.pk in blocking), None)
    targets = [ApplyTarget(SELF, "Mig selv", None, own_open)]
    targets += [
        ApplyTarget(f"c{c.pk}", f"{c.first_name} {c.last_name}", c, blocking.get(c.pk))
        for c in citizens
        if c.cpr_key != key
    ]
    today = timezone.localdate()
    municipalities = [
        (m.pk, m.name)
        for m in Municipality.objects.order_by("name")
        if policy_in_force(m.pk, today)
    ]
    return ApplyChoices(targets=targets, municipalities=municipalities, own=own)
