"""Whole-page cache for the public pages (kernen, kern page, initiative list, map data).

Only what every anonymous visitor sees alike is cached: a request from a logged-in user, one
that carries messages to show, or anything but GET/HEAD is never served from the cache nor
stored in it, and a response that sets a cookie, varies by something else or is not a 200
is not stored. The key holds the active language (the footer's language switch is on every
page and deliberately token-free), the path with its query string and a version number.

Staleness is bounded twice: a model an app registers with `invalidate_on` bumps the version
when a row is saved or deleted (every cached page is then missed), and every entry expires
after `TIMEOUT` seconds, which also covers bulk `update()`s that send no signal and rows that
age by the calendar (a KCP assignment ending today). Redis down means the fail-open cache
answers per process (`kernportal.cache`); the pages then stay correct, only less shared.
"""

import functools

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

TIMEOUT = 60
VERSION_KEY = "public-page:version"
_models: set = set()


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY) or 1
    return value


def invalidate(**kwargs) -> None:
    """Every cached public page is missed once the change is committed (a page rendered
    before the commit must not be stored under the new version); old entries expire."""
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: nothing cached under one either
        cache.add(VERSION_KEY, 1, timeout=None)


def invalidate_on(*models, ignore_fields=()) -> None:
    """Saving or deleting a row of these models (or changing their many-to-many relations)
    invalidates the public pages. Called by the apps in AppConfig.ready().

    A save that names only `ignore_fields` in its `update_fields` changes nothing a public
    page shows and leaves the cache alone: a staff login saves the user's `last_login`, and
    a municipality's working day is full of logins."""
    ignored = frozenset(ignore_fields)

    def saved(update_fields=None, **kwargs):
        if ignored and update_fields and ignored.issuperset(update_fields):
            return
        invalidate()

    for model in models:
        if model in _models:
            continue
        _models.add(model)
        uid = f"public-cache-{model._meta.label}"
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                invalidate,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
                weak=False,
            )


def _has_messages(request) -> bool:
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.contrib.messages.storage.session import SessionStorage

    if CookieStorage.cookie_name in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    # An anonymous visitor without a session cookie has no stored messages: no session load.
    return bool(
        session is not None and session.session_key and session.get(SessionStorage.session_key)
    )


def cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not _has_messages(request)
    )


def _key(request) -> str:
    return f"public-page:{version()}:{get_language()}:{request.get_full_path()}"


def cache_public_page(view):
    """Serve the view's response to anonymous visitors from the cache (see the module)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        if response.status_code == 200:
            # Browsers and proxies keep nothing: a staff member logging in must see the staff
            # navigation at once, and a shared proxy has no say in the language.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapper


def _storable(request, response) -> bool:
    """A plain 200 that holds nothing of this visitor: no cookie, no messages added while it
    was made, no CSRF token (a form that posts is never shared between visitors)."""
    storage = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not getattr(storage, "_queued_messages", None)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
    )
