"""Letters to citizens and the published quality standards, rendered with Typst.

A renderer of plain data: it imports nothing from :mod:`bb103.cases` (make lint's import
contract checks it). A letter's data is built from a case by :mod:`bb103.cases.letter_data`.

- :mod:`bb103.letters.kinds`: the letter types;
- :mod:`bb103.letters.plain`: the engine's findings in plain Danish for the citizen;
- :mod:`bb103.letters.render`: data + template -> PDF or HTML;
- :mod:`bb103.letters.lix`, :mod:`bb103.letters.text`: readability of what is rendered;
- :mod:`bb103.letters.standard`: the published quality standard and its comparison.

A sent letter is a ``Letter`` row in ``bb103.cases``; the published standard reads the
policy data through ``bb103.rules``.
"""
