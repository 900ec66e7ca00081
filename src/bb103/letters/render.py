"""Typst rendering: a template and JSON data in, PDF or HTML bytes out.

The data goes to the template as one JSON string in ``sys.inputs`` and is read there with
``json(...)``; no Typst source is ever built from data, so nothing needs escaping. Only the
fonts embedded in the typst package are used (system fonts ignored), and the PDF's creation
date is the letter's own date, so the same data gives the same bytes on any machine.
"""

import json
import re
import threading
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import typst

TEMPLATES = Path(__file__).resolve().parent / "templates"

# The standards every PDF is written to (Typst >= 0.14 checks PDF/UA-1 while writing).
PDF_STANDARDS = ["ua-1"]

# Control characters (C0 but tab and line breaks, DEL, C1) and Unicode's noncharacters:
# nothing a letter can print, and Typst fails on them (a NUL; C1 and U+FFFE in HTML; issue
# 14, point 5). Forms refuse them; this is the last guard.
_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef" + re.escape(_NONCHARACTERS) + "]"
)


class LetterDataError(ValueError):
    """The data holds something no letter can show; names where."""


def _refuse_control_characters(value: Any, where: str = "data") -> None:
    if isinstance(value, str):
        if CONTROL_CHARACTERS.search(value):
            raise LetterDataError(f"{where}: a control character cannot be in a letter")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_control_characters(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _refuse_control_characters(item, f"{where}[{i}]")


# One compiler per template keeps Typst's parsed sources and fonts between renders
# (milliseconds per letter); a compiler is not safe to share between threads.
_lock = threading.Lock()


@cache
def _compiler(template: str) -> typst.Compiler:
    path = TEMPLATES / f"{template}.typ"
    if not path.is_file():
        raise ValueError(f"no letter template {template!r}")
    return typst.Compiler(str(path), root=str(TEMPLATES), ignore_system_fonts=True)


def data_json(data: dict[str, Any]) -> str:
    """The canonical JSON a template reads: sorted keys, so equal data is equal text."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def _timestamp(data: dict[str, Any]) -> datetime:
    d = data["date"]
    return datetime(d["year"], d["month"], d["day"], 12, tzinfo=UTC)


def _compile(template: str, data: dict[str, Any], fmt: str) -> bytes:
    _refuse_control_characters(data)
    # PDF/UA-1 (ISO 14289-1) for every PDF: Typst then refuses to write a PDF that breaks
    # the rules it can check (a document title, alt text on images, headings in order) and
    # marks the file as PDF/UA with the title shown instead of the file name
    # (/DisplayDocTitle). The law on public bodies' websites (lov om tilgængelighed af
    # offentlige organers websteder og mobilapplikationer) covers documents offered there.
    standards = {"pdf_standards": PDF_STANDARDS} if fmt == "pdf" else {}
    with _lock:
        out = _compiler(template).compile(
            format=fmt,
            sys_inputs={"data": data_json(data)},
            timestamp=_timestamp(data),
            # Tagged PDF (structure, reading order, language from `set text(lang: "da")`).
            pdf_tags=True,
            **standards,
        )
    assert isinstance(out, bytes)
    return out


def render_pdf(template: str, data: dict[str, Any]) -> bytes:
    return _compile(template, data, "pdf")


def render_html(template: str, data: dict[str, Any]) -> str:
    """The same template as an HTML document (Typst's HTML export), for a preview."""
    return _compile(template, data, "html").decode("utf-8")


def html_fragment(document: str) -> str:
    """The inside of an HTML document's ``<body>``, to show a letter inside a page.
    Typst escapes every text from the data, so the fragment holds no markup of the
    caseworker's or citizen's making (tested with ``<script>`` in the caseworker's text)."""
    start = document.find("<body>")
    end = document.rfind("</body>")
    if start < 0 or end < 0:
        raise ValueError("not an HTML document from Typst")
    return document[start + len("<body>") : end]
