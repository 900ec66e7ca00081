"""LIX of a Min sag page (issue 19: LIX ≤ 40 on every page): the text a reader meets in
<main>, block by block (headings, paragraphs, list items, labels, legends, buttons, table
cells), as bb103.letters.lix counts it. Each test that renders a portal page calls
``page_lix`` and records the figure; tests/portal/test_readability.py prints them all."""

from html.parser import HTMLParser

from bb103.letters.lix import lix

BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "label", "legend", "button", "td", "th", "dt",
          "dd", "summary", "caption", "a"}  # fmt: skip


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_main = 0
        self.stack: list[list[str]] = []
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag == "main":
            self.in_main += 1
        elif self.in_main and tag in BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        elif self.in_main and tag in BLOCKS and self.stack:
            text = " ".join("".join(self.stack.pop()).split())
            if text:
                self.blocks.append(text)

    def handle_data(self, data: str) -> None:
        if self.in_main and self.stack:
            self.stack[-1].append(data)


def page_lix(html: str) -> float:
    parser = _Blocks()
    parser.feed(html)
    return round(lix(parser.blocks).value, 1)


def assert_readable(html: str, where: str, limit: float = 40.0) -> float:
    value = page_lix(html)
    print(f"LIX {value:5.1f}  {where}")
    assert value <= limit, f"{where}: LIX {value} > {limit}"
    return value
