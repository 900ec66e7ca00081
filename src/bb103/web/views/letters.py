"""Letters on a case: a preview rendered from the same Typst template as the PDF, the form
that sends it through ``services.letter_send``, and the stored PDF of a sent letter."""

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from bb103.cases import selectors
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.selectors import CasePage
from bb103.letters.render import CONTROL_CHARACTERS, html_fragment, render_html
from bb103.web.forms.letters import LetterForm
from bb103.web.letters import LETTER_BY_SLUG, LetterSpec
from bb103.web.views.common import submit


def _preview(
    page: CasePage, spec: LetterSpec, *, user, extra_text: str, expected_on: date | None
) -> tuple[str | None, str | None]:
    """The letter as it would be sent today, as HTML, or the Danish reason it cannot be
    made yet (a notice of delay without its date, say)."""
    try:
        data = letter_data(
            spec.kind,
            page.case,
            user=user,
            on=timezone.localdate(),
            extra_text=extra_text,
            expected_on=expected_on,
        )
    except CaseError as exc:
        return None, exc.message
    # Safe: Typst escapes every text that comes from the data (see html_fragment).
    return mark_safe(html_fragment(render_html(spec.kind, data))), None


def letter_page(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """GET: the preview and the form. POST with ``vis=1`` ("Forhåndsvis"): the preview of
    what is typed (htmx gets only the preview). Other POST: send the letter, then back to
    the case page."""
    spec = LETTER_BY_SLUG.get(kind)
    if spec is None:
        raise Http404("Brevtypen findes ikke.")
    # 404 for a case the user may not read, before anything else is revealed.
    page = selectors.case_page_for_user(user=request.user, case_id=case_id)
    # 403 for anyone but the case's municipality's caseworkers.
    action = spec.action
    if not action.role_allows(page.roles):
        raise AccessDenied(action.role_message())
    case_url = reverse("case", args=[case_id])
    posted = request.POST if request.method == "POST" else None
    form = LetterForm(posted, user=request.user, case=page.case, spec=spec)
    previewing = request.method == "POST" and request.POST.get("vis") == "1"
    if not previewing:
        response = submit(
            request,
            form,
            lambda kwargs: action(user=request.user, case=page.case, **kwargs),
            success=lambda _: f"{case_url}#breve",
            message=f"Brevet er sendt: {spec.title}.",
        )
        if response is not None:
            return response
    # The preview follows what is typed, even while another field is still wrong.
    extra_text, expected_on = "", None
    if form.is_bound:
        form.is_valid()  # cleaned_data then holds the fields that are valid
        if previewing:
            form.errors.clear()  # a preview is no attempt to send: no errors yet
        # What is typed, less any control character (the form says so beside the field).
        extra_text = CONTROL_CHARACTERS.sub("", form.data.get("extra_text") or "")
        expected_on = form.cleaned_data.get("expected_on")
    preview, preview_error = _preview(
        page, spec, user=request.user, extra_text=extra_text, expected_on=expected_on
    )
    context = {
        "case": page.case,
        "spec": spec,
        "form": form,
        "preview": preview,
        "preview_error": preview_error,
        "sent": [s for s in page.state.letters if s.kind == spec.kind],
        "not_open": None
        if page.verdict(action).allowed
        else "Brevet passer ikke til sagen lige nu.",
        "back_url": case_url,
    }
    template = "web/letter.html#preview" if previewing and request.htmx else "web/letter.html"
    return render(request, template, context)


@never_cache  # a letter carries sensitive personal data: no copy in any cache
def letter_pdf(request: HttpRequest, case_id: int, letter_id: int) -> HttpResponse:
    """The letter's PDF as stored when it was sent (never rendered again here)."""
    letter = selectors.letter_get_for_user(user=request.user, case_id=case_id, letter_id=letter_id)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="brev-{letter.case_id}-{letter.pk}-{letter.sent_on:%Y-%m-%d}.pdf"'
    )
    return response


@never_cache  # the case file carries sensitive personal data: no copy in any cache
def complaint_case_file(request: HttpRequest, case_id: int, complaint_id: int) -> HttpResponse:
    """The case file sent to Ankestyrelsen with the complaint, as stored when it was sent."""
    complaint = selectors.complaint_case_file_for_user(
        user=request.user, case_id=case_id, complaint_id=complaint_id
    )
    response = HttpResponse(bytes(complaint.case_file), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="sagsakter-{complaint.case_id}-klage-{complaint.pk}.pdf"'
    )
    return response
