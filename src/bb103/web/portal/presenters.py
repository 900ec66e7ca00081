"""What Min sag says about a case, in plain Danish for the citizen (issue 19, points 2 and
5): the state in one sentence, the date the municipality promised an answer by and where
that promise comes from, what happens next, who to contact, and who has read the data.
Short sentences and short words: every page stays at LIX 40 or below."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from bb103.cases.engine.formatting import danish_date as format_da
from bb103.cases.engine.policy import municipality_letterheads
from bb103.cases.models import Case, CaseStatus, Deadline, DeadlineKind, Outcome, Role
from bb103.cases.selectors.portal import AccessLogRow

# One plain sentence per state of the case, as the citizen meets it.
STATE_WORDS = {
    CaseStatus.RECEIVED: "Vi har fået din ansøgning. Vi behandler den nu.",
    CaseStatus.ASSESSED: "Vi behandler din ansøgning.",
    CaseStatus.DRAFTED: "Vi er ved at skrive et svar på din ansøgning.",
    CaseStatus.HEARING: "Vi har sendt dig et udkast til et svar. Sig din mening om det.",
    CaseStatus.DECIDED: "Vi har svaret på din ansøgning.",
    CaseStatus.ACTIVE: "Du har fået beskyttet beskæftigelse.",
    CaseStatus.TERMINATED: "Din beskyttede beskæftigelse er stoppet.",
    CaseStatus.CLOSED: "Din sag er afsluttet.",
}

# Before the decision, the answer is what the municipality owes; these states wait for it.
WAITING = frozenset(
    {CaseStatus.RECEIVED, CaseStatus.ASSESSED, CaseStatus.DRAFTED, CaseStatus.HEARING}
)

# What happens next where no deadline says it: waiting for the answer, or nothing more.
NEXT_WORDS = {
    **dict.fromkeys(WAITING, "Du skal ikke gøre noget nu. Vi skriver til dig, når vi har et svar."),
    CaseStatus.CLOSED: "Der sker ikke mere i sagen.",
    CaseStatus.TERMINATED: "Der sker ikke mere i sagen.",
}

# The promise of an answer, strongest first: the date in a notice of delay replaces the
# standard's deadline (Retssikkerhedsloven § 3, stk. 2), a new decision after Ankestyrelsen
# sent the case back has its own.
PROMISES = (DeadlineKind.EXPECTED_DECISION, DeadlineKind.NEW_DECISION, DeadlineKind.DECISION)

# Where no standard sets a deadline, what the law itself promises.
LAW_PROMISE = (
    "Kommunen skal have en frist for, hvor lang tid det tager at give dig svar. "
    "Hvis vi ikke kan nå det, skal vi skrive til dig og sige, hvornår du får svar."
)
LAW_SOURCE = "Retssikkerhedsloven § 3, stk. 2"

OUTCOME_WORDS = {
    Outcome.GRANT: "Du har fået ja til beskyttet beskæftigelse.",
    Outcome.REFUSAL: "Du har fået nej til beskyttet beskæftigelse.",
}

# Who read the data, by role and organisation only (see docs/portal.md: GDPR art. 15 gives
# the citizen the recipients or categories of recipients, not the staff member's name).
ROLE_WORDS = {
    Role.CASEWORKER: "En rådgiver",
    Role.COMMITTEE_MEMBER: "Et medlem af visitationsudvalget",
    Role.MANAGER: "En leder",
    Role.ADMINISTRATOR: "En administrator",
}
RELATION_WORDS = {
    "guardian": "Din værge",
    "partsrepraesentant": "Din partsrepræsentant",
    "bisidder": "Din bisidder",
    "relative": "Din pårørende",
}


@dataclass(frozen=True)
class Promise:
    """The date the municipality promised an answer by (None: no date, the law's words)."""

    due_on: date | None
    text: str
    sources: tuple[str, ...]


def open_deadlines(case: Case) -> list[Deadline]:
    """The case's open deadlines (prefetched by the portal's selectors)."""
    return [d for d in getattr(case, "portal_deadlines", []) if d.met_on is None]


def state_words(case: Case) -> str:
    return STATE_WORDS[CaseStatus(case.status)]


def promise(case: Case) -> Promise | None:
    """The answer the municipality owes while the application waits for it, or None once
    it has been given (or the case ended without one)."""
    if case.status not in WAITING:
        return None
    by_kind = {d.kind: d for d in open_deadlines(case)}
    for kind in PROMISES:
        deadline = by_kind.get(kind)
        if deadline is not None:
            return Promise(
                deadline.due_on,
                f"Du får svar senest {format_da(deadline.due_on)}.",
                tuple(deadline.sources),
            )
    return Promise(None, LAW_PROMISE, (LAW_SOURCE,))


def next_step(case: Case) -> str:
    """What happens next, in one sentence, from the nearest deadline that concerns the
    citizen (their own first: a partshøring or a complaint period)."""
    by_kind = {d.kind: d for d in open_deadlines(case)}
    hearing = by_kind.get(DeadlineKind.PARTY_HEARING)
    if hearing is not None:
        return f"Send os det, du mener om udkastet, senest {format_da(hearing.due_on)}."
    complaint = by_kind.get(DeadlineKind.COMPLAINT)
    if complaint is not None:
        return f"Er du uenig i svaret, kan du klage senest {format_da(complaint.due_on)}."
    forward = by_kind.get(DeadlineKind.FORWARD_COMPLAINT)
    if forward is not None:
        return (
            "Vi ser på din klage igen. Får du ikke ret, sender vi klagen til Ankestyrelsen "
            f"senest {format_da(forward.due_on)}."
        )
    # Where no deadline speaks, the words for the case's status (words only: which steps a
    # status allows is the actions' answer).
    words = NEXT_WORDS.get(case.status)
    if words is not None:
        return words
    follow_up = by_kind.get(DeadlineKind.FOLLOW_UP)
    if follow_up is not None:
        return f"Vi taler med dig om, hvordan det går, senest {format_da(follow_up.due_on)}."
    return "Du skal ikke gøre noget lige nu."


def decision(case: Case) -> dict[str, Any] | None:
    """The decision in force: what it says, when, and until when the citizen may complain
    (the open complaint deadline; none once it has passed or while the letter is unsent)."""
    made = case.decision
    if made is None:
        return None
    complaint = next((d for d in open_deadlines(case) if d.kind == DeadlineKind.COMPLAINT), None)
    return {
        "words": OUTCOME_WORDS[Outcome(made.outcome)],
        "decided_on": format_da(made.decided_on),
        "complaint_until": None if complaint is None else format_da(complaint.due_on),
    }


def contact(case: Case, heads: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Who to ask: the caseworker by name (None when no caseworker is set, or the user has
    no name on record), and the municipality's contact data as its standard gives them;
    nothing is made up where the standard is silent."""
    worker = case.caseworker
    name = "" if worker is None else worker.get_full_name().strip()
    if heads is None:
        heads = municipality_letterheads([case.municipality_id])
    head = heads[case.municipality_id]["municipality"]
    return {"caseworker": name or None, "municipality": head}


def who_read(row: AccessLogRow) -> str:
    """The reader as the citizen may know them: a role and an organisation."""
    if row.who == "self":
        return "Du selv"
    if row.who == "representative":
        return RELATION_WORDS.get(row.role, "En, der må handle for dig")
    if row.who == "api":
        return f"Et fagsystem (API) i {row.organisation}"
    if row.who == "provider":
        return f"Tilbuddet {row.organisation}"
    if row.who == "staff":
        return f"{ROLE_WORDS.get(Role(row.role), 'En medarbejder')} i {row.organisation}"
    return f"En medarbejder i {row.organisation}"


def format_date(value: date | None) -> str:
    return "" if value is None else format_da(value)
