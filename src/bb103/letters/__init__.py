"""Letters to citizens and the published quality standards, rendered with Typst.

- :mod:`bb103.letters.kinds`: the letter types;
- :mod:`bb103.letters.from_case`: a letter's data from a case (through the engine adapter);
- :mod:`bb103.letters.render`: data + template -> PDF or HTML;
- :mod:`bb103.letters.lix`, :mod:`bb103.letters.text`: readability of what is rendered;
- :mod:`bb103.letters.standard`: the published quality standard and its comparison.

This package itself holds no state; a sent letter is a ``Letter`` row in ``bb103.cases``.
"""
