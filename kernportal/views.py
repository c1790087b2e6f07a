import datetime
import sys

from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
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
from . import search as search_registry
from .forms import SearchForm
from .pagination import paginate

# The date of the accessibility statement: change it with the statement's text.
STATEMENT_DATE = datetime.date(2026, 11, 24)
PER_KIND_PAGE = 25


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


def search(request):
    """Every kind the user may search, the first matches of each with its count. 403 for
    whoever may search nothing (everyone but staff)."""
    if not search_registry.providers_for(request.user):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    groups = None
    if form.is_valid():
        groups = search_registry.search(request.user, form.cleaned_data["q"])
    return render(request, "kernportal/search.html", {"form": form, "groups": groups})


def search_kind(request, kind):
    """All matches of one kind, a page at a time. 403 for whoever may search nothing, 404 for
    a kind the user may not search."""
    if not search_registry.providers_for(request.user):
        raise PermissionDenied
    provider = search_registry.provider_for(request.user, kind)
    if provider is None:
        raise Http404
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        matches = search_registry.matching(provider, request.user, form.cleaned_data["q"])
        page = paginate(request, matches, per_page=PER_KIND_PAGE)
    capped = page is not None and page.paginator.count >= search_registry.MAX_FOUND
    context = {"form": form, "provider": provider, "page_obj": page, "capped": capped}
    return render(request, "kernportal/search_kind.html", context)


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
