"""Min sag (issue 19): the citizen's and their representative's own pages, under
``/min-sag/``. A channel like the screens and the API: it reads through scoped selectors
and acts through the same action objects, with the channel "borger" in the audit log."""
