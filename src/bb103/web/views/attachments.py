"""A case's attachments: the list with an upload form, and the download."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bb103.cases.errors import CaseError
from bb103.cases.selectors.attachments import attachment_case_for_user, attachment_file_for_user
from bb103.cases.services.attachments import attachment_upload
from bb103.web.forms.attachments import AttachmentForm


def attachments(request: HttpRequest, case_id: int) -> HttpResponse:
    case, rows = attachment_case_for_user(user=request.user, case_id=case_id)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment_upload(
                user=request.user,
                case=case,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                name=upload.name,
                size=upload.size,
                data=upload,
            )
        except CaseError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Bilaget er gemt på sagen.")
            return redirect(reverse("attachments", args=[case.pk]))
    return render(
        request, "web/attachments.html", {"case": case, "attachments": rows, "form": form}
    )


def attachment_download(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    attachment, path = attachment_file_for_user(
        user=request.user, case_id=case_id, attachment_id=attachment_id
    )
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
