"""Benchmark mode (`make bench`, setting KERNPORTAL_BENCH): the floor view and a query counter.

Never enabled in production: the floor view is an unauthenticated URL and the header tells
anyone how much SQL a page costs.
"""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse


@login_not_required
def floor(request):
    """The cheapest page this stack can serve: 'ok' through the whole middleware chain."""
    return HttpResponse("ok", content_type="text/plain")


class QueryCountMiddleware:
    """Counts the SQL statements a request runs (also with DEBUG off) into `X-Query-Count`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
