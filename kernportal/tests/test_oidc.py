"""Single sign-on through OpenID Connect: off unless configured; links logins to existing
active accounts by verified e-mail only; the provider's MFA counts as the second step only when
the ID token says so. The provider is mocked at its HTTP boundary (token, keys, userinfo)."""

import logging
import os
import subprocess
import sys
import time
from unittest import mock
from urllib.parse import parse_qs, urlparse

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

import pytest

from kernen.tests.factories import UserFactory
from kernportal.oidc import StaffOIDCBackend

BACKEND = "kernportal.oidc.StaffOIDCBackend"
PROVIDER = {
    "OIDC_RP_CLIENT_ID": "kernportal",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.gemeente.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.gemeente.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.gemeente.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.gemeente.example/jwks",
}


def test_it_is_off_by_default_with_no_urls_and_no_backend(client, db):
    assert django_settings.KERNPORTAL_OIDC is False
    assert BACKEND not in django_settings.AUTHENTICATION_BACKENDS
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert "Inloggen via" not in client.get(reverse("login")).text


def test_the_environment_switches_it_on():
    env = {**os.environ, **PROVIDER, "KERNPORTAL_OIDC_PROVIDER_NAME": "Peel en Maas"}
    env.pop("DATABASE_URL", None)
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.urls import reverse\n"
        "print(settings.KERNPORTAL_OIDC, "
        f"{BACKEND!r} in settings.AUTHENTICATION_BACKENDS, "
        "reverse('oidc_authentication_callback'))\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "kernportal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "/inloggen/oidc/terug/"]


def test_a_missing_endpoint_keeps_it_off():
    env = {**os.environ, **PROVIDER, "OIDC_OP_JWKS_ENDPOINT": ""}
    script = "import django; django.setup(); from django.conf import settings; print(settings.KERNPORTAL_OIDC)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "kernportal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "False"


@pytest.fixture
def sso(settings, db):
    settings.KERNPORTAL_OIDC = True
    settings.KERNPORTAL_OIDC_PROVIDER_NAME = "Peel en Maas"
    settings.KERNPORTAL_REQUIRE_2FA = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    settings.ROOT_URLCONF = "kernportal.tests.oidc_urls"
    for name, value in PROVIDER.items():
        setattr(settings, name, value)
    return settings


def _provider(email="jan@gemeente.example", verified=True, **id_token):
    """Patch the three calls that would go to the provider: the token endpoint, the ID token's
    signature check (keys endpoint) and the userinfo endpoint."""
    id_claims = {"sub": "abc", "nonce": "n", **id_token}
    userinfo = {"sub": "abc", "email": email, "email_verified": verified}
    return mock.patch.multiple(
        StaffOIDCBackend,
        get_token=mock.Mock(return_value={"id_token": "id", "access_token": "at"}),
        verify_token=mock.Mock(return_value=id_claims),
        get_userinfo=mock.Mock(return_value=userinfo),
    )


def _callback(client, **provider):
    session = client.session
    session["oidc_states"] = {"st": {"nonce": "n", "code_verifier": None, "added_on": time.time()}}
    session.save()
    with _provider(**provider):
        return client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": "st"})


@pytest.fixture
def jan(db):
    return UserFactory(username="jan", email="Jan@gemeente.example", groups=["medewerker"])


def test_the_login_page_offers_the_provider(client, sso):
    text = client.get(reverse("login")).text
    assert "Inloggen via Peel en Maas" in text
    assert reverse("oidc_authentication_init") in text


def test_the_start_sends_the_browser_to_the_provider(client, sso):
    response = client.get(reverse("oidc_authentication_init"))
    target = urlparse(response["Location"])
    assert (
        f"{target.scheme}://{target.netloc}{target.path}"
        == PROVIDER["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    )
    query = parse_qs(target.query)
    assert query["client_id"] == ["kernportal"] and query["state"] and query["nonce"]


def test_an_existing_user_logs_in_and_still_takes_the_portals_second_step(client, sso, jan, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    response = _callback(client, email="jan@gemeente.example")
    assert int(client.session["_auth_user_id"]) == jan.pk
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith(reverse("two_factor_enrol"))
    events = {getattr(r, "event", "") for r in caplog.records}
    assert {"login", "oidc_login"} <= events


@pytest.mark.parametrize(
    ("claims", "config", "counts"),
    [
        ({"amr": ["pwd", "mfa"]}, {}, True),
        ({"amr": ["pwd"]}, {}, False),
        ({"acr": "urn:gemeente:loa:substantieel"}, {}, False),
        (
            {"acr": "urn:gemeente:loa:substantieel"},
            {"KERNPORTAL_OIDC_MFA_ACR": ["urn:gemeente:loa:substantieel"]},
            True,
        ),
        ({"amr": "otp"}, {"KERNPORTAL_OIDC_MFA_AMR": ["otp"]}, True),
    ],
)
def test_the_providers_mfa_counts_as_the_second_step_only_when_the_id_token_says_so(
    client, sso, jan, claims, config, counts
):
    for name, value in config.items():
        setattr(sso, name, value)
    _callback(client, **claims)
    dashboard = client.get(reverse("kernen:dashboard"))
    assert (dashboard.status_code == 200) is counts


def test_an_unknown_address_is_refused_and_no_account_is_made(client, sso, jan, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    users = get_user_model().objects.count()
    response = _callback(client, email="onbekend@gemeente.example")
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
    assert response["Location"] == reverse("login")
    page = client.get(response["Location"])
    assert "Inloggen via Peel en Maas is niet gelukt" in page.text
    assert any(getattr(r, "event", "") == "login_failed" for r in caplog.records)


def test_an_unverified_address_or_an_inactive_account_is_refused(client, sso, jan):
    _callback(client, email="jan@gemeente.example", verified=False)
    assert "_auth_user_id" not in client.session
    jan.is_active = False
    jan.save()
    _callback(client, email="jan@gemeente.example")
    assert "_auth_user_id" not in client.session


def test_a_login_assigns_no_groups(client, sso):
    user = UserFactory(username="piet", email="piet@gemeente.example", groups=[])
    _callback(client, email="piet@gemeente.example", amr=["mfa"])
    assert int(client.session["_auth_user_id"]) == user.pk
    assert not user.groups.exists()


def test_repeated_failures_lock_the_address_out(client, sso, jan):
    for _ in range(sso.AXES_FAILURE_LIMIT):
        _callback(client, email="onbekend@gemeente.example")
    response = _callback(client, email="jan@gemeente.example")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 429


# The authorization matrix enumerates the URLs of the default configuration, where these do not
# exist; their rows live here as (GET, POST) per persona: anonymous visitors are sent on (to the
# provider, or back to the login page) and cannot POST; a password-only session is sent to the
# second step first, like everywhere else.
OIDC_EXPECTED = {
    "oidc_authentication_init": {"anonymous": (302, 405), "password_only": (302, 302)},
    "oidc_authentication_callback": {"anonymous": (302, 405), "password_only": (302, 302)},
}


def test_the_single_sign_on_urls_answer_each_persona_as_the_table_says(client_for, sso, jan):
    from django.test import Client
    from django.urls import get_resolver

    from kernportal.oidc import urlpatterns

    assert {p.name for p in urlpatterns} == set(OIDC_EXPECTED)
    assert set(OIDC_EXPECTED) <= set(get_resolver().reverse_dict.keys())
    personas = {"anonymous": Client(), "password_only": client_for(jan)}
    for name, row in OIDC_EXPECTED.items():
        for persona, (get_status, post_status) in row.items():
            who = personas[persona]
            assert who.get(reverse(name)).status_code == get_status, (name, persona)
            assert who.post(reverse(name)).status_code == post_status, (name, persona)
