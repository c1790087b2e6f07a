"""A URLconf with a view whose database is gone, for the 503 page test."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from kernportal.urls import urlpatterns as portal_urls


@login_not_required
def database_gone(request):
    raise OperationalError("could not connect to server")


@login_not_required
def broken(request):
    raise ValueError("a bug")


handler500 = "kernportal.views.server_error"
urlpatterns = [path("weg/", database_gone), path("kapot/", broken), *portal_urls]
