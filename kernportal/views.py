import datetime
import sys

from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from auditlog.models import LogEntry

from . import audit, consent
from .pagination import paginate

# The date of the accessibility statement: change it with the statement's text.
STATEMENT_DATE = datetime.date(2026, 11, 24)


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
    return render(request, "privacy.html", {"version": consent.statement_version()})


@login_not_required
def accessibility_statement(request):
    return render(request, "pages/accessibility.html", {"statement_date": STATEMENT_DATE})


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


def audit_history(request, label, pk):
    """Every audit entry of one object, 50 a page: for holders of the audit right who may also
    see the object itself (the owning app's access check, through `audit`'s registry)."""
    obj = audit.get_history_object_for_user(request.user, label, pk)
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_pk=str(pk)
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
    page = paginate(request, entries)
    context = {"page_obj": page, "model_name": obj._meta.verbose_name, "object": obj, "pk": pk}
    return render(request, "kernportal/audit_history.html", context)


@login_not_required
@csrf_exempt
@require_POST
def language_switch(request):
    """Django's set_language, without a CSRF token in the footer of every page.

    The footer's form is on every page, public pages that are cached included; a token there
    would set a CSRF cookie for every visitor and make those pages uncacheable. Switching the
    language only sets a preference cookie, and set_language only follows a `next` on this
    host, so a forged switch can do no more than change the language of the page.
    """
    return set_language(request)
