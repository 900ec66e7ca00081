"""The print batch's PDF: the day's letters one after another, each starting on a new sheet
(a letter with an odd number of pages is followed by a blank page, for duplex printing)."""

from io import BytesIO

from pypdf import PdfReader, PdfWriter


def joined_pdf(pdfs: list[bytes]) -> bytes:
    writer = PdfWriter()
    for pdf in pdfs:
        reader = PdfReader(BytesIO(pdf))
        writer.append(reader)
        if len(reader.pages) % 2:
            last = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
