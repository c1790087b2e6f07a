from django.template import Context, Template
from django.test import RequestFactory

from kernportal.pagination import page_query, paginate


def test_it_keeps_the_other_parameters_in_page_links():
    request = RequestFactory().get("/lijst/", {"q": "dorp huis", "sorteer": "termijn", "pagina": 2})
    assert page_query(request, 3) == "q=dorp+huis&sorteer=termijn&pagina=3"


def test_a_malformed_or_too_high_page_gives_a_page_not_an_error():
    items = list(range(120))
    assert paginate(RequestFactory().get("/", {"pagina": "x"}), items).number == 1
    last = paginate(RequestFactory().get("/", {"pagina": "99"}), items)
    assert last.number == 3 and list(last) == items[100:]


def test_the_include_links_the_neighbouring_pages_and_hides_for_one_page():
    template = Template('{% include "includes/pagination.html" %}')
    request = RequestFactory().get("/", {"q": "a", "pagina": 2})
    html = template.render(Context({"request": request, "page_obj": paginate(request, range(160))}))
    assert 'href="?q=a&amp;pagina=1"' in html and 'href="?q=a&amp;pagina=3"' in html
    assert "Pagina 2 van 4" in html
    single = paginate(request, range(10))
    assert "pagination" not in template.render(Context({"request": request, "page_obj": single}))
