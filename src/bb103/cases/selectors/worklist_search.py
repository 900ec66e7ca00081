"""The work list's filters, order and search (issue 17, item 7): by caseworker, status,
deadline, offer and municipality, sorted by the next deadline, the day the application was
received or the citizen's name, and a search by name, case number, birth date or whole CPR
number. Conditions on the case only; the work list (``pages.worklist_for_user``) applies
them inside the user's scope, so no filter reaches a case the user may not read."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import CharField, F, OrderBy, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.views.decorators.debug import sensitive_variables

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.errors import CaseError
from bb103.cases.models import CaseStatus, Membership, Municipality, Offer, Placement, Role

# A name, a number or a date: short. The database's LIKE is not for a pasted document.
MAX_TERM = 100
MAX_WORDS = 5
# Case numbers are the cases' ids: more digits than this would overflow the column.
MAX_CASE_DIGITS = 9
# "Deadline within N days": a year ahead is as far as a work list looks.
MAX_DAYS = 366

TERM_HELP = (
    "Skriv et navn, et sagsnummer, en fødselsdato (DDMMÅÅ eller DD-MM-ÅÅÅÅ) eller et helt "
    "CPR-nummer."
)

# Sort keys as the form offers them, each with its Danish label and its order.
SORTS: dict[str, tuple[str, tuple[str | OrderBy, ...]]] = {
    "frist": ("Næste frist", (F("next_due_on").asc(nulls_last=True), "id")),
    "modtaget": ("Ansøgningen modtaget (ældste først)", ("application__received_on", "id")),
    "navn": ("Borgerens navn", ("citizen__last_name", "citizen__first_name", "id")),
}
UNASSIGNED = "ingen"


@dataclass(frozen=True)
class SearchTerm:
    """What a search term is taken for. ``kind`` names it in the audit entry (never the
    number itself): name, case_number, birth_date, birth_date_or_case_number or cpr."""

    kind: str
    words: tuple[str, ...] = ()
    case_id: int | None = None
    birth_prefix: str = ""  # DDMMÅÅ: the CPR number's first six digits
    cpr_key: str = ""

    def q(self) -> Q:
        if self.kind == "name":
            found = Q()
            for word in self.words:
                found &= Q(citizen__first_name__icontains=word) | Q(
                    citizen__last_name__icontains=word
                )
            return found
        if self.kind == "cpr":
            return Q(citizen__cpr_key=self.cpr_key)
        found = Q(pk__in=[])
        if self.case_id is not None:
            found |= Q(pk=self.case_id)
        if self.birth_prefix:
            found |= Q(citizen__cpr__startswith=f"{self.birth_prefix}-")
        return found


def _birth_prefix(day: int, month: int, year: int) -> str | None:
    """DDMMÅÅ for a date that exists in some century the two-digit year can mean (29
    February 00 is a date in 2000, not in 1900)."""
    years = [year] if year >= 100 else [1900 + year, 2000 + year]
    for full in years:
        try:
            date(full, month, day)
        except ValueError:
            continue
        return f"{day:02d}{month:02d}{full % 100:02d}"
    return None


@sensitive_variables("text", "digits")
def search_term_parse(text: str) -> SearchTerm | None:
    """The term typed in the work list's search box, or None for none; CaseError(field
    "q") in Danish for a term that can be none of them (a date that does not exist)."""
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_TERM or any(ord(c) < 32 for c in text):
        raise CaseError(f"Søgningen må højst være {MAX_TERM} tegn. {TERM_HELP}", field="q")
    if re.fullmatch(r"\d{6}-\d{4}|\d{10}", text):
        digits = text.replace("-", "")
        return SearchTerm("cpr", cpr_key=cpr_search_key(f"{digits[:6]}-{digits[6:]}"))
    dated = re.fullmatch(r"(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{2}|\d{4})", text)
    if dated:
        prefix = _birth_prefix(*(int(part) for part in dated.groups()))
        if prefix is None:
            raise CaseError(f"Datoen »{text}« findes ikke. {TERM_HELP}", field="q")
        return SearchTerm("birth_date", birth_prefix=prefix)
    numbered = re.fullmatch(r"(?:sag\s*(?:nr\.?)?\s*)?#?\s*(\d+)", text, flags=re.IGNORECASE)
    if numbered:
        digits = numbered.group(1)
        if len(digits) > MAX_CASE_DIGITS:
            raise CaseError(f"Der er ingen sag med nummeret {digits}. {TERM_HELP}", field="q")
        # Six or eight digits may be a birth date (DDMMÅÅ, DDMMÅÅÅÅ) as well as a number.
        prefix = None
        if not text[0].isalpha() and len(digits) in (6, 8):
            prefix = _birth_prefix(int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        if prefix is None:
            return SearchTerm("case_number", case_id=int(digits))
        return SearchTerm("birth_date_or_case_number", case_id=int(digits), birth_prefix=prefix)
    words = tuple(re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", text))
    if not words or re.search(r"\d", text):
        raise CaseError(
            f"»{text}« er hverken et navn, et sagsnummer eller en dato. {TERM_HELP}", field="q"
        )
    return SearchTerm("name", words=words[:MAX_WORDS])


@dataclass(frozen=True)
class WorkListFilter:
    """The work list's filters as chosen (none: the list as before)."""

    caseworker: int | None = None
    unassigned: bool = False
    status: str = ""
    due_within: int | None = None
    overdue: bool = False
    offer: int | None = None
    municipality: str = ""
    sort: str = "frist"
    term: SearchTerm | None = None

    @property
    def widens(self) -> bool:
        """A search, or another caseworker's cases, looks at every case the user reads,
        not only their own list."""
        return self.term is not None or self.caseworker is not None

    @property
    def shows_finished(self) -> bool:
        """A search or a chosen status also finds the cases that have ended."""
        return self.term is not None or bool(self.status)

    def q(self, today: date) -> Q:
        found = Q()
        if self.caseworker is not None:
            found &= Q(caseworker_id=self.caseworker)
        if self.unassigned:
            found &= Q(caseworker__isnull=True)
        if self.status:
            found &= Q(status=self.status)
        if self.due_within is not None:
            found &= Q(next_due_on__lte=today + timedelta(days=self.due_within))
        if self.overdue:
            found &= Q(next_due_on__lt=today)
        if self.offer is not None:
            found &= Q(decision__offer_id=self.offer) | Q(
                pk__in=Placement.objects.filter(offer_id=self.offer).values("case_id")
            )
        if self.municipality:
            found &= Q(municipality_id=self.municipality)
        if self.term is not None:
            found &= self.term.q()
        return found

    def order(self) -> tuple[str | OrderBy, ...]:
        return SORTS.get(self.sort, SORTS["frist"])[1]

    def audit_details(self) -> dict[str, Any]:
        """What was searched, for the log: the kind of term, never the term itself."""
        return {} if self.term is None else {"search": self.term.kind}


@dataclass(frozen=True)
class FilterChoices:
    """The choices of the work list's filter form, for the municipalities the user reads."""

    caseworkers: list[tuple[str, str]]
    offers: list[tuple[str, str]]
    municipalities: list[tuple[str, str]]  # only where the user reads several


def filter_choices_querysets(readers: set[str]) -> list[QuerySet[Any]]:
    """The caseworkers, offers and municipalities of ``readers`` as (kind, key, label)
    rows: three reads the work list makes in its one statement beside the tasks
    (``read_in_one_query``), given back to :func:`filter_choices`."""
    where = sorted(readers)
    text = CharField()
    workers = (
        Membership.objects.filter(municipality_id__in=where, role=Role.CASEWORKER)
        .annotate(
            kind=Value("c", output_field=text),
            key=Cast("user_id", text),
            label=Concat(
                "user__first_name",
                Value(" "),
                "user__last_name",
                Value("|"),
                "user__username",
                output_field=text,
            ),
        )
        .order_by()
        .values_list("kind", "key", "label")
    )
    offers = (
        Offer.objects.filter(provider__municipality_id__in=where)
        .annotate(
            kind=Value("o", output_field=text),
            key=Cast("pk", text),
            label=Concat("name", Value(" ("), "provider__name", Value(")"), output_field=text),
        )
        .order_by()
        .values_list("kind", "key", "label")
    )
    places = (
        Municipality.objects.filter(pk__in=where)
        .annotate(kind=Value("m", output_field=text), key=Cast("pk", text), label=F("name"))
        .order_by()
        .values_list("kind", "key", "label")
    )
    return [workers, offers, places]


def filter_choices(readers: set[str], rows: Iterable[tuple[str, str, str]]) -> FilterChoices:
    """The filter form's choices from the rows of :func:`filter_choices_querysets`."""
    found: dict[str, dict[str, str]] = {"c": {}, "o": {}, "m": {}}
    for kind, key, label in rows:
        if kind == "c":
            name, username = label.split("|", 1)
            label = name.strip() or username
        found[kind][key] = label
    by_label = [sorted(found[k].items(), key=lambda kv: (kv[1].lower(), kv[0])) for k in "com"]
    return FilterChoices(
        caseworkers=by_label[0],
        offers=by_label[1],
        municipalities=by_label[2] if len(readers) > 1 else [],
    )


STATUS_CHOICES = [(value, str(label)) for value, label in CaseStatus.choices]
