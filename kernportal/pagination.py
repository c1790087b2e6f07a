"""Every list a page shows is bounded: one helper, one page parameter (`pagina`), one include.

`paginate(request, items)` returns a Django `Page`; the template includes
`includes/pagination.html` with `page_obj=<page>`, which keeps the other query parameters
(filters, sort order, search terms) in its links.
"""

from django.core.paginator import Page, Paginator

PAGE_PARAM = "pagina"
PER_PAGE = 50


def paginate(request, items, *, per_page: int = PER_PAGE, param: str = PAGE_PARAM) -> Page:
    """The page of `items` (a QuerySet with a fixed ordering, or a list) the request asks for;
    a missing, malformed or too-high page number gives the first or last page, never an error."""
    return Paginator(items, per_page).get_page(request.GET.get(param))


def page_query(request, number: int, *, param: str = PAGE_PARAM) -> str:
    """The query string for page `number` with every other parameter kept."""
    query = request.GET.copy()
    query[param] = number
    return query.urlencode()
