"""URLs of the letters on a case and of the public quality standards (issue 5), kept apart
from bb103.web.urls so the case system's own URLs can change without conflicts."""

from django.urls import path

from bb103.web.views import letters, standards

urlpatterns = [
    path("sager/<int:case_id>/breve/<slug:kind>/", letters.letter_page, name="case-letter"),
    path(
        "sager/<int:case_id>/breve/<int:letter_id>/pdf/",
        letters.letter_pdf,
        name="case-letter-pdf",
    ),
    path(
        "sager/<int:case_id>/klager/<int:complaint_id>/sagsakter.pdf",
        letters.complaint_case_file,
        name="complaint-case-file",
    ),
    # Public: no login (the views are marked login_not_required).
    path("kvalitetsstandarder/", standards.standard_index, name="standards"),
    path(
        "kvalitetsstandarder/<slug:municipality>/<slug:version>/",
        standards.standard_page,
        name="standard",
    ),
    path(
        "kvalitetsstandarder/<slug:municipality>/<slug:version>/pdf/",
        standards.standard_pdf_download,
        name="standard-pdf",
    ),
    path(
        "kvalitetsstandarder/<slug:municipality>/sammenligning/<slug:old>/<slug:new>/",
        standards.standard_comparison,
        name="standard-compare",
    ),
]
