"""The case system's screens: server-rendered Django pages in Danish that work without
JavaScript, with htmx for partial updates. Views read only through
:mod:`bb103.cases.selectors` and write only through :mod:`bb103.cases.services`."""
