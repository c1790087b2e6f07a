"""The shared pages, the plumbing's messages and the digest e-mail in English.

A visitor who chose English (the language cookie the footer's switch sets) sees the English
text of the pages the plumbing owns, and none of their Dutch labels; e-mail follows the
recipient's language. Dutch stays the default everywhere.
"""

import datetime as dt

from django.conf import settings
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from kernen.tests.factories import KcpAssignmentFactory, UserFactory
from kernportal.amounts import AmountError, parse_amount
from kernportal.dates import date_errors, format_date
from kernportal.delivery import digests_build_for
from kernportal.mail import render_email
from kernportal.views import ratelimited

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)
# On every page: the footer and the skip link.
EVERY_PAGE_EN = ["Accessibility", "Language:", "Skip to content", '<html lang="en">']
EVERY_PAGE_NL = ["Toegankelijkheid", "Taal:", "Naar de inhoud", '<html lang="nl">']


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def assert_english(html, present, absent):
    for text in [*EVERY_PAGE_EN, *present]:
        assert text in html, f"missing English text {text!r}"
    for text in [*EVERY_PAGE_NL, *absent]:
        assert text not in html, f"Dutch text {text!r} on an English page"


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", groups=["beheerder"])


def test_the_login_page_and_the_public_menu_are_english(client):
    html = english(client).get(reverse("login")).text
    assert_english(
        html,
        ["Staff login", "User name", "Password", ">Villages<", ">Initiatives<"],
        ["Inloggen voor medewerkers", "Gebruikersnaam", "Wachtwoord", ">Kernen<"],
    )


def test_a_wrong_password_is_explained_in_english(client, kcp):
    response = english(client).post(reverse("login"), {"username": "kcp", "password": "nee"})
    assert "User name or password is wrong." in response.text
    assert "klopt niet" not in response.text


def test_the_privacy_statement_is_english(client):
    html = english(client).get(reverse("privacy")).text
    assert_english(
        html,
        ["Privacy statement", "How long the municipality keeps your data", "Your rights"],
        ["Privacyverklaring", "Bewaartermijn", "Uw rechten", "Autoriteit Persoonsgegevens."],
    )


def test_the_accessibility_statement_is_english_with_an_english_date(client):
    html = english(client).get(reverse("accessibility")).text
    assert_english(
        html,
        ["Accessibility statement", "B: partially compliant", "24 November 2026"],
        ["Toegankelijkheidsverklaring", "voldoet gedeeltelijk", "24 november 2026"],
    )


def test_the_two_factor_pages_are_english(client, settings):
    settings.KERNPORTAL_REQUIRE_2FA = True
    user = UserFactory(username="jan", groups=["medewerker"])
    english(client).force_login(user)
    enrol = client.get(reverse("two_factor_enrol")).text
    assert_english(
        enrol,
        ["Set up two-step verification", "Code from the app", "QR code to add Kernportal"],
        ["Tweestapsverificatie instellen", "Code uit de app", "QR-code om"],
    )
    wrong = client.post(reverse("two_factor_enrol"), {"code": "000000"}).text
    assert "This code is wrong. Check that the time on your phone is correct." in wrong
    assert "<title>Error: " in wrong

    # A fresh device: the wrong enrolment code has throttled the first one.
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    verify = client.get(reverse("two_factor_verify")).text
    assert_english(
        verify,
        ["Log in: second step", "Code from the app or recovery code", "Log out"],
        ["Inloggen: tweede stap", "Code uit de app of herstelcode", "Uitloggen"],
    )
    wrong = client.post(reverse("two_factor_verify"), {"code": "123456"}).text
    assert "This code is wrong or has already been used." in wrong


def test_the_recovery_codes_page_is_english(client, settings):
    settings.KERNPORTAL_REQUIRE_2FA = False
    user = UserFactory(username="jan", groups=["medewerker"])
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    english(client).force_login(user)
    html = client.get(reverse("two_factor_recovery")).text
    assert_english(
        html,
        ["Recovery codes", "Make new recovery codes", "Two-step verification is off"],
        ["Herstelcodes", "Nieuwe herstelcodes maken", "Tweestapsverificatie staat uit"],
    )
    codes = client.post(reverse("two_factor_recovery")).text
    assert "I have saved the codes, continue" in codes and "Ik heb de codes" not in codes


def test_the_staff_menu_and_the_audit_history_are_english(client_for, regisseur, kern):
    client = english(client_for(regisseur))
    html = client.get(reverse("audit_history", args=["kernen.kern", kern.pk])).text
    assert_english(
        html,
        [
            "Change history (staff) – Kernportal</title>",
            ">Contacts and questions<",
            ">My villages<",
            ">Log out<",
            "Search Kernportal",
            '<th scope="col">When</th>',
        ],
        [
            "Wijzigingsgeschiedenis",
            "(medewerkers)",
            "Contacten en vragen",
            "Mijn kernen",
            "Uitloggen",
            "Wanneer",
        ],
    )


def test_the_access_request_page_and_its_errors_are_english(client_for, beheerder):
    client = english(client_for(beheerder))
    html = client.post(reverse("access_request"), {"email": "geen adres", "action": "lookup"}).text
    assert_english(
        html,
        [
            "<title>Error: Privacy requests",
            "Access and erasure requests",
            "Something went wrong. Correct the errors below.",
            "E-mail address of the person concerned",
            ">Look up<",
        ],
        ["Fout:", "Inzage- en verwijderverzoeken", "Er ging iets mis", "Opzoeken"],
    )
    found = client.post(
        reverse("access_request"), {"email": "anna@example.nl", "action": "erase"}
    ).text
    assert "Sent e-mails" in found and "Anonymise for good" in found
    assert "Verstuurde e-mails" not in found and "Definitief anonimiseren" not in found


def test_the_403_and_404_pages_are_english(client_for, wethouder):
    client = english(client_for(wethouder))
    forbidden = client.get(reverse("roles:request_list"))
    assert forbidden.status_code == 403
    assert_english(forbidden.text, ["No access", "To the home page"], ["Geen toegang"])
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404
    assert_english(missing.text, ["Page not found", "home page"], ["Pagina niet gevonden"])


def test_the_429_page_is_english():
    request = RequestFactory().get("/")
    request.user = UserFactory.build()
    with translation.override("en"):
        html = ratelimited(request).content.decode()
    assert "Please wait a while" in html and "Even geduld" not in html


@pytest.mark.parametrize(
    ("path", "english_text", "dutch_text"),
    [
        ("/weg/", "Kernportal is temporarily unavailable", "even niet bereikbaar"),
        ("/kapot/", "Something went wrong", "Er ging iets mis"),
    ],
)
def test_the_500_and_503_pages_are_english(settings, path, english_text, dutch_text):
    settings.ROOT_URLCONF = "kernportal.tests.failing_urls"
    html = english(Client(raise_request_exception=False)).get(path).text
    assert english_text in html and '<html lang="en">' in html
    assert dutch_text not in html


def test_the_digest_email_follows_the_recipients_language(kernen_section, settings):
    settings.SITE_URL = "https://kernportal.example.nl"
    user = KcpAssignmentFactory(kern__name="Egchel", user__first_name="Anouk").user
    digest = digests_build_for([user.pk], NOW)[user.pk]

    subject, text, html = render_email("digest", {"digest": digest}, language="en")
    assert subject == "Kernportal: 1 item for you"
    assert "Dear Anouk," in text and "This needs your attention in Kernportal" in text
    assert "November 2026" in text and "november 2026" not in text
    assert '<html lang="en">' in html and "Your Kernportal summary" in html
    assert "My summary e-mail</a>" in html
    for dutch in ["Beste", "Dit vraagt uw aandacht", "voorkeuren", "verstuurd door"]:
        assert dutch not in text + html, dutch

    subject, text, html = render_email("digest", {"digest": digest})
    assert subject == "Kernportal: 1 punt voor u"
    assert "Beste Anouk," in text and "november 2026" in text
    assert '<html lang="nl">' in html and "Dear" not in text


def test_the_test_message_follows_the_language():
    subject, text, _ = render_email("test_message", {"name": "Anouk"}, language="en")
    assert subject == "Test message for Anouk" and "This is a test message" in text
    subject, text, _ = render_email("test_message", {"name": "Anouk"})
    assert subject == "Testbericht voor Anouk" and "Dit is een testbericht" in text


def test_dates_are_written_the_same_way_round_in_both_languages():
    day = dt.date(2026, 12, 3)
    with translation.override("en"):
        assert format_date(day) == "3 December 2026"
        assert Template("{{ d|date }}").render(Context({"d": day})) == "3 December 2026"
        assert date_errors(dt.date(1999, 1, 1), today=dt.date(2026, 1, 1)) == [
            "Choose a date between 1 January 2000 and 31 December 2036."
        ]
    with translation.override("nl"):
        assert format_date(day) == "3 december 2026"
        assert date_errors(dt.date(1999, 1, 1), today=dt.date(2026, 1, 1)) == [
            "Kies een datum tussen 1 januari 2000 en 31 december 2036."
        ]


def test_validation_messages_are_english():
    with pytest.raises(AmountError) as error:
        parse_amount("1,250.50")
    with translation.override("en"):
        assert str(error.value.message).startswith("Enter an amount in euros")
    assert str(error.value.message).startswith("Vul een bedrag in euro in")
    with translation.override("en"):
        html = Template('{% load terms %}{% explain "hefboom" %}').render(Context())
    assert "Leverage: how many euros" in html and "Hefboom" not in html
