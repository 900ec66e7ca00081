"""Demo journal notes (issue 17, item 3): a phone call, a meeting and an e-mail on two cases
of each municipality, one of them corrected by a later note. Fictitious, like every demo
citizen. Running it again adds nothing: a case with notes is left as it is."""

from datetime import date, timedelta

from bb103.cases import services
from bb103.cases.models import Case, JournalKind

# (days after the application was received, kind, text)
_NOTES = [
    (2, JournalKind.PHONE, "Borgeren ringede og spurgte, hvornår samtalen om udredningen "
     "bliver holdt. Aftalt, at hun får et brev med tid og sted."),
    (6, JournalKind.MEETING, "Samtale med borgeren og hendes kontaktperson fra bostøtten. "
     "Borgeren vil gerne arbejde med hænderne, helst om formiddagen."),
    (9, JournalKind.EMAIL, "E-mail fra egen læge: statusattesten er sendt med posten."),
]  # fmt: skip
_CORRECTION = (
    "Rettelse: det var borgerens bror, ikke kontaktpersonen fra bostøtten, der deltog i "
    "samtalen. Resten af notatet står ved magt."
)


def load(*, today: date, only: frozenset[str] | None = None, per_municipality: int = 2) -> int:
    """Notes on the first ``per_municipality`` cases with a caseworker of each municipality
    (``only``: those); returns the number of notes written."""
    cases = Case.objects.filter(caseworker__isnull=False).select_related("application")
    if only is not None:
        cases = cases.filter(municipality_id__in=only)
    written = 0
    done: dict[str, int] = {}
    for case in cases.order_by("municipality_id", "id"):
        if done.get(case.municipality_id, 0) >= per_municipality:
            continue
        done[case.municipality_id] = done.get(case.municipality_id, 0) + 1
        if case.journal_notes.exists():
            continue
        received = case.application.received_on
        notes = []
        for after, kind, text in _NOTES:
            day = min(received + timedelta(days=after), today)
            notes.append(
                services.journal_note_add.as_on(
                    day, user=case.caseworker, case=case, kind=kind, occurred_on=day, text=text
                )
            )
        meeting = notes[1]
        day = min(meeting.occurred_on + timedelta(days=1), today)
        services.journal_note_add.as_on(
            day, user=case.caseworker, case=case, kind=JournalKind.MEETING,
            occurred_on=meeting.occurred_on, text=_CORRECTION, corrects=meeting,
        )  # fmt: skip
        written += len(notes) + 1
    return written
