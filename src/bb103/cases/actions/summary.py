"""The work list's one line on what a case waits for, from the case row alone (no query
per row): a summary of the workflow's states, not a decision about them — the case page
asks the actions themselves."""

from bb103.cases.models import Case, CaseStatus, DeadlineKind, Outcome

_NEXT_STEP = {
    CaseStatus.RECEIVED: "Udredning",
    CaseStatus.ASSESSED: "Udkast til afgørelse",
    CaseStatus.DRAFTED: "Partshøring eller afgørelse",
    CaseStatus.HEARING: "Afvent bemærkninger, afslut partshøringen",
    CaseStatus.ACTIVE: "Opfølgning",
    CaseStatus.TERMINATED: "Ingen (sagen er afsluttet)",
    CaseStatus.CLOSED: "Ingen (sagen er lukket)",
}


def next_step(case: Case, open_kinds: set[str] = frozenset()) -> str:
    """``case.decision`` should be loaded (select_related) for a decided case."""
    if DeadlineKind.FORWARD_COMPLAINT in open_kinds:
        return "Klagen: genvurdering, eventuelt videresendelse til Ankestyrelsen"
    if DeadlineKind.NEW_DECISION in open_kinds:
        return "Ny afgørelse (sagen er genoptaget)"
    if case.status == CaseStatus.DECIDED:
        decision = case.decision
        if DeadlineKind.DECISION in open_kinds or (
            decision is not None and decision.received_on is None
        ):
            return "Send afgørelsesbrevet til borgeren"
        if decision is not None and decision.outcome == Outcome.GRANT:
            return "Handleplan og start hos tilbuddet"
        return "Ingen (afslag; klagefristen løber)"
    return _NEXT_STEP[CaseStatus(case.status)]
