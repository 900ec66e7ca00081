"""Issue 20, point 5: the annual report for the council, a PDF (Typst, PDF/UA like the
letters) of the overview's own figures per municipality; another municipality's manager
gets 404."""

from django.test import Client
from django.utils import timezone

from tests.cases.conftest import ballerup, municipalities, vejen  # noqa: F401
from tests.letters.pdf_text import pdf_text


def test_the_annual_report_holds_every_figure_and_only_the_managers_municipality(
    ballerup,  # noqa: F811
    vejen,  # noqa: F811
):
    from bb103.cases import overview_figures, selectors

    manager = Client()
    manager.force_login(ballerup.manager)
    response = manager.get("/overblik/ballerup/aarsrapport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Ballerup" in text and "årsrapport" in text
    today = timezone.localdate()
    data = selectors.overview_for_user(
        user=ballerup.manager, municipality_id="ballerup", year=today.year, today=today
    )
    for figure in overview_figures.figures(data):
        assert figure.title.split(" ")[0] in text, figure.title
    assert "Vejen" not in text
    assert manager.get("/overblik/vejen/aarsrapport.pdf").status_code == 404
    caseworker = Client()
    caseworker.force_login(ballerup.caseworker)
    assert caseworker.get("/overblik/ballerup/aarsrapport.pdf").status_code == 403
