"""Every kind of page works under the enforced Content-Security-Policy: Chromium reports no
violation on the public pages, the staff pages and Django admin (list, add and change)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from contacts.models import ContactMoment, Person, Question
from initiatives.models import Initiative
from initiatives.tests.factories import InitiativeFactory
from kernen.models import Kern
from roles.models import ParticipationRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _log_in(page, username, password):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/portaal/")


class Watcher:
    """Collects what the browser reports: securitypolicyviolation events and console errors."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, url
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "permissions-policy" in response.headers, url
        self.page.wait_for_load_state("load")
        return self.violations()

    def violations(self):
        found = self.page.evaluate("window.__cspViolations") + self.console
        self.console = []
        return found


def test_the_watcher_catches_an_inline_style(page, demo):
    watcher = Watcher(page)
    assert watcher.visit("/") == []
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    page.wait_for_timeout(200)
    assert watcher.violations(), "an inline style must be reported"


def test_no_page_violates_the_content_security_policy(page, demo):
    watcher = Watcher(page)
    kern = Kern.objects.order_by("pk").first()
    initiative = Initiative.objects.filter(may_publish=True).order_by("pk").first()
    tracked = InitiativeFactory(kernen=[kern])  # knows its raw tracking token
    public = [
        "/",
        reverse("kernen:public_detail", args=[kern.slug]),
        reverse("contacts:question_ask", args=[kern.slug]),
        reverse("initiatives:public_list"),
        reverse("initiatives:submit"),
        reverse("initiatives:track", args=[tracked.tracking_token]),
        reverse("initiatives:withdraw", args=[tracked.tracking_token]),
        reverse("privacy"),
        "/inloggen/",
    ]
    for url in public:
        assert watcher.visit(url) == [], url

    _log_in(page, "demo-beheerder", "kernportal-demo")
    staff = [
        reverse("kernen:dashboard"),
        reverse("kernen:list"),
        reverse("kernen:detail", args=[kern.slug]),
        reverse("kernen:edit", args=[kern.slug]),
        reverse("contacts:person_list"),
        reverse("contacts:person_detail", args=[Person.objects.order_by("pk").first().pk]),
        reverse("contacts:moment_create", args=[kern.slug]),
        reverse("contacts:moment_detail", args=[ContactMoment.objects.order_by("pk").first().pk]),
        reverse("contacts:question_list"),
        reverse("contacts:question_detail", args=[Question.objects.order_by("pk").first().pk]),
        reverse("contacts:search") + "?q=a",
        reverse("initiatives:board"),
        reverse("initiatives:detail", args=[initiative.pk]),
        reverse("initiatives:funds"),
        reverse("initiatives:cofundings", args=[initiative.pk]),
        reverse("initiatives:leverage"),
        reverse("roles:role_guide"),
        reverse("roles:overview"),
        reverse("roles:heatmap"),
        reverse("roles:request_list"),
        reverse("roles:request_create"),
        reverse(
            "roles:request_detail",
            args=[ParticipationRequest.objects.order_by("pk").first().pk],
        ),
        reverse("kernen:digest_preview"),
        reverse("two_factor_enrol"),  # the server-drawn QR code
    ]
    for url in staff:
        assert watcher.visit(url) == [], url

    user = get_user_model().objects.get(username="demo-kcp")
    admin_pages = [
        reverse("admin:index"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[user.pk]),  # filter_horizontal widgets
        reverse("admin:kernen_kern_change", args=[kern.pk]),  # inlines
        reverse("admin:initiatives_initiative_change", args=[initiative.pk]),
        reverse("admin:kernen_kern_add"),
    ]
    for url in admin_pages:
        assert watcher.visit(url) == [], url
    # Open an inline's "add another" and a date shortcut: the admin's scripts work.
    page.goto(reverse("admin:kernen_kern_change", args=[kern.pk]))
    page.get_by_role("link", name="Nog een", exact=False).first.click()
    assert watcher.violations() == []
