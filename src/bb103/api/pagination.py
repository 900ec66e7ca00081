"""Pages of a list."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """``?page=N&page_size=M`` (at most 200); each list has an order ending in the id, so a
    page holds the same rows however often it is read."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
