"""Cross-cutting security plumbing: the real client address behind proxies, the session idle
timeout and the structured security log.

Security events go to the `kernportal.security` logger with `extra=` fields (`event`,
`user_id`, `username`, `ip`, ...) so a log shipper can index them; they carry no personal
data beyond the account name and id.
"""

import ipaddress
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger("kernportal.security")

SESSION_LAST_SEEN = "kernportal_last_seen"
# Writing the session on every request would cost a query per page: refresh at most this often.
_TOUCH_EVERY_SECONDS = 60


def client_ip(request) -> str:
    """The client's address: the socket address, or the entry in X-Forwarded-For added by the
    outermost of `KERNPORTAL_TRUSTED_PROXIES` proxies. Entries further left are written by the
    client itself and cannot be trusted."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.KERNPORTAL_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < proxies:
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def security_event(event: str, *, request=None, user=None, level=logging.INFO, **fields):
    """Log one security event with structured fields (no personal data beyond the account)."""
    extra = {"event": event, **fields}
    if user is not None:
        extra.setdefault("user_id", user.pk)
        extra.setdefault("username", user.get_username())
    if request is not None:
        extra.setdefault("ip", client_ip(request))
    logger.log(level, "security event: %s", event, extra=extra)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked account and address: a Dutch page, status 429."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


class IdleTimeoutMiddleware:
    """Logs a user out after `KERNPORTAL_SESSION_IDLE_MINUTES` without a request.

    The last request time lives in the session and is refreshed at most once a minute, which
    also moves the session's expiry (SESSION_COOKIE_AGE) forward."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(SESSION_LAST_SEEN)
            idle_limit = settings.KERNPORTAL_SESSION_IDLE_MINUTES * 60
            if last_seen is not None and now - last_seen > idle_limit:
                security_event("session_idle_timeout", request=request, user=user)
                logout(request)
                messages.info(
                    request,
                    _("U was te lang niet actief en bent daarom uitgelogd. Log opnieuw in."),
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen > _TOUCH_EVERY_SECONDS:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


# --- Receivers: Django's and the libraries' own signals feed the log, nothing else ---------


def _logged_in(sender, request, user, **kwargs):
    # Saved with the login itself, so the first page does not write the session again.
    if hasattr(request, "session"):
        request.session[SESSION_LAST_SEEN] = time.time()
    security_event("login", request=request, user=user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        security_event("logout", request=request, user=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted user name only: never the password, which Django already masks.
    security_event(
        "login_failed",
        request=request,
        level=logging.WARNING,
        username=str(credentials.get("username", ""))[:150],
    )


def _locked_out(sender, request, username, ip_address, **kwargs):
    security_event(
        "lockout", level=logging.WARNING, username=str(username or "")[:150], ip=ip_address
    )


def _membership_changed(sender, instance, action, pk_set, model, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    security_event(
        "permissions_changed",
        level=logging.WARNING,
        target=f"{instance._meta.label_lower}:{instance.pk}",
        relation=sender._meta.label_lower,
        action=action.removeprefix("post_"),
        related_ids=sorted(pk_set or ()),
    )


_FLAGS = ("is_active", "is_staff", "is_superuser")


def _account_flags_changing(sender, instance, update_fields=None, **kwargs):
    # Only saves that may touch the flags cost a look at the stored row (not a login's save).
    if instance.pk is None or (update_fields is not None and not set(update_fields) & set(_FLAGS)):
        return
    stored = sender.objects.filter(pk=instance.pk).values(*_FLAGS).first()
    if stored is None:
        return
    changed = {
        f: [stored[f], getattr(instance, f)] for f in _FLAGS if stored[f] != getattr(instance, f)
    }
    if changed:
        security_event(
            "account_flags_changed",
            level=logging.WARNING,
            target=f"{instance._meta.label_lower}:{instance.pk}",
            changed=changed,
        )


def _device_deleted(sender, instance, **kwargs):
    security_event(
        "2fa_removed", level=logging.WARNING, user=instance.user, device=sender._meta.model_name
    )


def connect_receivers():
    from django.contrib.auth import get_user_model, signals
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, pre_save

    from axes.signals import user_locked_out
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    signals.user_logged_in.connect(_logged_in, dispatch_uid="security-login")
    signals.user_logged_out.connect(_logged_out, dispatch_uid="security-logout")
    signals.user_login_failed.connect(_login_failed, dispatch_uid="security-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="security-lockout")
    user_model = get_user_model()
    pre_save.connect(_account_flags_changing, sender=user_model, dispatch_uid="security-flags")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_membership_changed, sender=through, dispatch_uid=f"sec-{through}")
    for device in (TOTPDevice, StaticDevice):
        post_delete.connect(_device_deleted, sender=device, dispatch_uid=f"sec-del-{device}")
