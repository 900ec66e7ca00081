"""LIX, the Danish readability index (Björnsson): words per sentence plus the percentage of
long words (more than 6 letters). Below 25 is very easy, 25-34 easy, 35-44 average.

Sentences end at . ! ? : and at the end of each block (heading, list item, paragraph, line
of an address), since those stand alone for the reader even without a full stop. Words
are runs of letters or digits; "§" and punctuation are not words.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)")


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def lix(blocks: Iterable[str]) -> Lix:
    words = sentences = long_words = 0
    for block in blocks:
        for sentence in _SENTENCE_END.split(block):
            found = _WORD.findall(sentence)
            if not found:
                continue
            sentences += 1
            words += len(found)
            long_words += sum(1 for w in found if sum(c.isalpha() for c in w) > 6)
    return Lix(words, sentences, long_words)
