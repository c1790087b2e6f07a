"""Optional single sign-on through the municipality's own identity provider (OpenID Connect,
mozilla-django-oidc). Switched on by settings only (`KERNPORTAL_OIDC`, see settings.py and
README "Security and privacy"); without them no URL and no backend exists.

The provider vouches for who someone is; the portal still decides what they may do. A login is
accepted only for an existing active account with the same e-mail address, and only when the
provider says it verified that address: no account is created and no group is assigned here.
The portal's own second step (TOTP) still applies unless the ID token says the provider did
multi-factor authentication itself (`acr` / `amr`, configurable).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import resolve_url
from django.urls import path
from django.utils.translation import gettext as _

from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .security import security_event
from .twofactor import OIDC_MFA_SESSION_KEY as MFA_SESSION_KEY


def is_enabled() -> bool:
    return settings.KERNPORTAL_OIDC


def provider_name() -> str:
    return settings.KERNPORTAL_OIDC_PROVIDER_NAME


def asserts_mfa(id_token_claims: dict) -> bool:
    """Whether the ID token says the provider did multi-factor authentication: its `acr` is one
    of KERNPORTAL_OIDC_MFA_ACR, or its `amr` holds one of KERNPORTAL_OIDC_MFA_AMR."""
    acr = id_token_claims.get("acr")
    if isinstance(acr, str) and acr in settings.KERNPORTAL_OIDC_MFA_ACR:
        return True
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return any(value in settings.KERNPORTAL_OIDC_MFA_AMR for value in amr)


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Links a provider login to an existing active account by verified e-mail address."""

    def verify_claims(self, claims):
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        return None  # accounts are made by an administrator, never by a login

    def update_user(self, user, claims):
        return user  # names, groups and flags stay as the administrator set them

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            # `payload` is the verified ID token; the callback view stores the outcome.
            user.oidc_mfa = asserts_mfa(payload)
        return user


class CallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def login_success(self):
        response = super().login_success()
        mfa = getattr(self.user, "oidc_mfa", False)
        if mfa:
            self.request.session[MFA_SESSION_KEY] = True
        security_event("oidc_login", request=self.request, user=self.user, mfa=mfa)
        return response

    def login_failure(self):
        if not self.request.user.is_authenticated:
            messages.error(
                self.request,
                _(
                    "Inloggen via %(provider)s is niet gelukt. Alleen wie al een account in "
                    "Kernportal heeft, met hetzelfde e-mailadres, kan zo inloggen. Vraag het "
                    "de beheerder, of log in met uw gebruikersnaam en wachtwoord."
                )
                % {"provider": provider_name()},
            )
        return super().login_failure()


urlpatterns = [
    path(
        "inloggen/oidc/start/",
        login_not_required(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "inloggen/oidc/terug/",
        login_not_required(CallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
