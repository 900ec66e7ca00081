"""Letters and the published quality standard are PDF/UA-1 (ISO 14289-1) documents.

The law on public bodies' websites (lov om tilgængelighed af offentlige organers websteder
og mobilapplikationer, which points to EN 301 549 and so WCAG 2.1 AA) covers the documents
a municipality offers, letters to the citizen among them. Typst checks PDF/UA-1's rules
while it writes (a title, headings in order, alt text on images) and refuses a PDF that
breaks one; these tests hold it to that, and to the two marks a reader's software looks
for: the PDF/UA identifier in the XMP metadata, and the document's title shown in the
window instead of its file name (/ViewerPreferences /DisplayDocTitle; WCAG 2.4.2, Page
Titled). veraPDF could not be installed here (docs/accessibility.md says why).
"""

import io
import re

import pypdf
import pytest

from bb103.letters.kinds import LetterKind
from bb103.letters.render import render_pdf
from bb103.letters.standard import published, standard_pdf
from tests.letters.test_letters import _letter

pytestmark = pytest.mark.django_db


def _assert_pdf_ua(pdf: bytes, title: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    # <pdfuaid:part>1</pdfuaid:part> or pdfuaid:part="1": either way XMP writes it.
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), "no PDF/UA-1 identifier in the XMP"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert str(root["/Lang"]).startswith("da")
    assert title in reader.metadata.title


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_letter_is_pdf_ua_with_its_title_shown(walk, staff_of, kind):
    """Every letter kind: PDF/UA-1, tagged, Danish, its title shown (WCAG 2.4.2)."""
    _, data = _letter(walk, staff_of, "ballerup", kind)
    _assert_pdf_ua(render_pdf(kind, data), data["title"])


def test_the_published_standard_is_pdf_ua_with_its_title_shown():
    """The quality standard's PDF, a public document, is PDF/UA-1 as the letters are."""
    for m in published():
        version = m["versions"][-1]
        vid = version if isinstance(version, str) else version["id"]
        _assert_pdf_ua(standard_pdf(m["id"], vid), m["name"])
