import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static


@login_not_required
def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)


def server_error(request):
    """handler500. Called while the exception is being handled, from any middleware or view:
    a database that is down or too slow gets the friendly 503 page (a retry will help), any
    other error the 500 page. Neither template touches the database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


@login_not_required
def privacy(request):
    """The privacy statement the public forms link to (a plain page the municipality edits)."""
    return render(request, "privacy.html")


@login_not_required
def accessibility_statement(request):
    return render(request, "pages/accessibility.html")


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
