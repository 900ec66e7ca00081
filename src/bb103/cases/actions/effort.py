"""What every step on a granted effort shares (a change of it, its ending): it belongs to
a granted case whose ending is not yet decided, and waits while the citizen is heard."""

from collections.abc import Iterator
from typing import ClassVar

from bb103.cases.actions.base import CaseAction, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import CaseStatus, Role


class OnGrantedEffort(CaseAction):
    """A step on a granted effort: not on a refused case, not once an ending is decided,
    and not while a partshøring is under way (forvaltningsloven § 19)."""

    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(CaseStatus.DECIDED, CaseStatus.ACTIVE)
    primary = False
    # The refusal on a refused case: "Kun en bevilget indsats kan ændres".
    effort_verb: ClassVar[str]
    # What the partshøring in the way is about, if the step knows it (" om ophør").
    hearing_about: ClassVar[str] = ""

    def relevant(self, state: CaseState) -> bool:
        return state.granted and not state.termination_pending

    def not_relevant_reason(self, state: CaseState) -> str | None:
        if not state.granted:
            return f"Kun en bevilget indsats kan {self.effort_verb}; sagen endte med afslag."
        assert state.termination is not None
        return f"Der er truffet afgørelse om ophør {danish_date(state.termination.terminated_on)}."

    def preconditions(self, state: CaseState) -> Iterator[str]:
        hearing = state.open_hearing
        if hearing is not None:
            yield (
                f"Borgeren er i partshøring{self.hearing_about} (sendt "
                f"{danish_date(hearing.sent_on)}). Afslut partshøringen først."
            )
