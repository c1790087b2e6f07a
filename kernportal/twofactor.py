"""Two-factor authentication: TOTP (an authenticator app) with single-use recovery codes,
on django-otp's devices and our own small Dutch views.

With `KERNPORTAL_REQUIRE_2FA` on, a user who logged in with a password counts as logged in
only after a second step: users with a device enter a code, users without one are sent to
enrolment first. Everything else, Django admin included, redirects them until then.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import django_otp
import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .security import security_event

# Set by kernportal.oidc (not imported here: it needs mozilla-django-oidc only when enabled).
OIDC_MFA_SESSION_KEY = "kernportal_oidc_mfa"
RECOVERY_CODES = 10
ENROL_URL = "two_factor_enrol"
VERIFY_URL = "two_factor_verify"
RECOVERY_URL = "two_factor_recovery"
_EXEMPT_URLS = (ENROL_URL, VERIFY_URL, "logout")


def is_required() -> bool:
    return settings.KERNPORTAL_REQUIRE_2FA


def is_verified(request) -> bool:
    """The second step is done: a code from a device in this session, or a single sign-on
    whose ID token asserted multi-factor authentication (kernportal.oidc)."""
    return request.user.is_verified() or bool(request.session.get(OIDC_MFA_SESSION_KEY))


def context(request):
    """Template context: pages warn logged-in users when the second step is switched off."""
    return {"two_factor_off": not is_required()}


class RequireTwoFactorMiddleware:
    """Sends a password-only session to the second step (or to enrolment) before any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if is_required() and user.is_authenticated and not is_verified(request):
            exempt = {reverse(name) for name in _EXEMPT_URLS}
            if request.path not in exempt and not request.path.startswith(
                "/" + settings.STATIC_URL.lstrip("/")
            ):
                target = VERIFY_URL if django_otp.user_has_device(user) else ENROL_URL
                return redirect(_with_next(target, _safe_next(request, request.get_full_path())))
        return self.get_response(request)


def _safe_next(request, candidate) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _throttled_message(device) -> str | None:
    allowed, _details = device.verify_is_allowed()
    if allowed:
        return None
    return _("Te veel onjuiste codes achter elkaar. Wacht even en probeer het dan opnieuw.")


def _verify(user, code):
    """(device, error): the device that accepts `code` (a 6-digit app code or a recovery code),
    or a Dutch error. Devices throttle themselves after wrong codes."""
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    for device in devices:
        if error := _throttled_message(device):
            return None, error
        if device.verify_token(code):
            return device, None
    return None, _("Deze code klopt niet of is al gebruikt. Controleer de code en probeer opnieuw.")


def verify(request):
    """The second step after the password: a code from the app or a recovery code."""
    user = request.user
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if is_verified(request):
        return redirect(next_url)
    if not django_otp.user_has_device(user):
        return redirect(_with_next(ENROL_URL, next_url))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, error = _verify(user, form.cleaned_data["code"])
        if device is None:
            security_event("2fa_failed", request=request, user=user)
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                security_event("2fa_recovery_code_used", request=request, user=user, left=left)
                messages.warning(
                    request,
                    _(
                        "U heeft een herstelcode gebruikt; u heeft er nog %(left)s. Elke code "
                        "werkt maar één keer. Onder 'Herstelcodes' in het menu maakt u nieuwe aan."
                    )
                    % {"left": left},
                )
            return redirect(next_url)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url})


def _qr_svg(url: str) -> str:
    # Drawn on the server as SVG: no script, no third party sees the secret.
    return segno.make(url, error="m").svg_inline(
        scale=5, light="#fff", title=_("QR-code om Kernportal toe te voegen aan uw app")
    )


def _grouped(secret: bytes) -> str:
    text = base64.b32encode(secret).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """Fresh single-use recovery codes for `user`, replacing any earlier ones.

    Side effects: the user's recovery-code device is deleted and created again holding
    `RECOVERY_CODES` new codes. Returns the codes: they are shown once and stored only there."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Herstelcodes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_enrol_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm a verified app device and issue fresh recovery codes (recovery_codes_issue)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_issue(user=device.user)


def recovery_codes(request):
    """How many recovery codes are left; a POST replaces them all with new ones."""
    user = request.user
    if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect(_with_next(ENROL_URL, reverse(RECOVERY_URL)))
    if request.method == "POST":
        codes = recovery_codes_issue(user=user)
        security_event("2fa_recovery_codes_renewed", request=request, user=user)
        return render(
            request,
            "registration/two_factor_codes.html",
            {"codes": codes, "next": reverse(settings.LOGIN_REDIRECT_URL)},
        )
    left = StaticToken.objects.filter(device__user=user).count()
    return render(request, "registration/two_factor_recovery.html", {"left": left})


def enrol(request):
    """Set up the authenticator app: a QR code and the secret as text, then a first code."""
    user = request.user
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect(_with_next(VERIFY_URL, next_url))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if error := _throttled_message(device):
            form.add_error("code", error)
        elif device.verify_token(code):
            codes = totp_enrol_confirm(device=device)
            django_otp.login(request, device)
            security_event("2fa_enrolled", request=request, user=user)
            return render(
                request,
                "registration/two_factor_codes.html",
                {"codes": codes, "next": next_url},
            )
        else:
            form.add_error("code", _("Deze code klopt niet. Kijk of de tijd op uw telefoon klopt."))
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (our own SVG)
        "secret": _grouped(device.bin_key),
    }
    return render(request, "registration/two_factor_enrol.html", context)
