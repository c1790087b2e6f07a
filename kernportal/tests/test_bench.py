"""The benchmark's helpers in the app: the floor view and the query counter."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from kernportal.bench import QueryCountMiddleware, floor


@pytest.mark.django_db
def test_the_floor_view_answers_ok_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = floor(RequestFactory().get("/bench/floor/"))
    assert response.status_code == 200 and response.content == b"ok"


@pytest.mark.django_db
@pytest.mark.parametrize("queries", [0, 3])
def test_the_query_counter_reports_the_queries_of_the_request(queries):
    def view(request):
        for _ in range(queries):
            get_user_model().objects.exists()
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == str(queries)
