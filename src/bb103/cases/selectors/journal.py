"""The case's journal notes (issue 17, item 3), as the case page and the correction form
read them: scoped to the municipalities whose cases the user reads."""

from django.db.models import Q, QuerySet

from bb103.cases.models import Case, JournalKind, JournalNote, User
from bb103.cases.selectors.scope import reader_municipalities
from bb103.cases.services.audit import audit_read

# A search of a case's notes: a few words, not a pasted document.
MAX_NOTE_QUERY = 100


def _notes_of(user: User, case: Case) -> QuerySet[JournalNote]:
    return JournalNote.objects.filter(
        case=case, case__municipality_id__in=reader_municipalities(user)
    )


def journal_notes_for_case(*, user: User, case: Case, query: str = "") -> list[JournalNote]:
    """The case's notes, newest first, each with its author and the notes it corrects and
    is corrected by (one query). With ``query``, only the notes whose text or kind holds
    every word of it, and the search is logged as a read of the case (the caller has
    read the case itself through ``case_page_for_user``, which logs that)."""
    notes = _notes_of(user, case)
    words = query.split()
    for word in words:
        # "møde" finds the meetings as well as the notes that mention one.
        kinds = [k.value for k in JournalKind if word.lower() in str(k.label).lower()]
        notes = notes.filter(Q(text__icontains=word) | Q(kind__in=kinds))
    found = list(
        notes.select_related("author", "corrects", "correction").order_by(
            "-occurred_on", "-created_at", "-id"
        )
    )
    if words:
        # What was searched is the case's notes; the words themselves are not kept (they
        # may name someone).
        audit_read(actor=user, action="journal_searched", case=case, details={"found": len(found)})
    return found


def journal_notes_correctable(*, user: User, case: Case | None) -> QuerySet[JournalNote]:
    """The case's notes not corrected yet: the ones a correction may point to."""
    if case is None:
        return JournalNote.objects.none()
    return (
        _notes_of(user, case)
        .filter(correction__isnull=True)
        .order_by("-occurred_on", "-created_at", "-id")
    )
