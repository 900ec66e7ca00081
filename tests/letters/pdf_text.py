"""What a citizen reads: the text of a rendered PDF, not of the template or its HTML twin.

pypdf (already a dependency) extracts each page's text from the PDF's own glyphs and their
Unicode map, so a test that asserts on it checks the bytes the letter is sent as."""

import io
import re

import pypdf


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, its own line breaks kept."""
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """The whole document as one line: every run of white space (a line wrapped by the
    layout, a page break) is one space, so a sentence is found wherever the line broke."""
    return re.sub(r"\s+", " ", " ".join(pdf_pages(pdf))).strip()
