"""Letters to citizens and the published quality standards, rendered with Typst.

- :mod:`bb103.letters.kinds`: the letter types;
- :mod:`bb103.letters.render`: data + template -> PDF or HTML;
- :mod:`bb103.letters.lix`, :mod:`bb103.letters.text`: readability of what is rendered;
- :mod:`bb103.letters.standard`: the published quality standard and its comparison.

This package takes plain data and imports nothing of the case system: a letter's data is
made from a case by ``bb103.cases.letter_builders``, and a sent letter is a ``Letter`` row
there.
"""
