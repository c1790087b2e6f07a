"""Accessibility in a real browser (issue 15): focus that is clearly visible on every background,
a staff menu that fits every width, no sideways scrolling at 320 px on any page each role can
reach, and axe-core without serious or critical violations on the main pages and forms."""

import re
from urllib.parse import urlsplit

from django.urls import reverse

import pytest

from kernen.models import Kern
from kernportal.tests.test_csp_browser import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kernportal-demo"
ROLES = ["demo-kcp", "demo-gebiedsregisseur", "demo-wethouder", "demo-medewerker", "demo-beheerder"]

# WCAG relative luminance and contrast, computed in the page from computed colours. The
# background of a focus ring is that of the nearest ancestor with one: the ring sits outside
# the control, on whatever the control stands on.
FOCUS_FACTS = """
() => {
  function rgb(text) {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  }
  function luminance(c) {
    const f = (v) => { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function contrast(a, b) {
    const la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = rgb(style.outlineColor);
  const behind = background(el.parentElement);
  return {
    tag: el.tagName.toLowerCase() + (el.type ? "[" + el.type + "]" : ""),
    text: (el.innerText || el.value || el.name || el.id || "").trim().slice(0, 40),
    width: parseFloat(style.outlineWidth),
    style: style.outlineStyle,
    contrast: outline ? contrast(outline, behind) : 0,
  };
}
"""


def log_in(page, username):
    _log_in(page, username, PASSWORD)


def tab_through(page, count):
    """Press Tab `count` times and return the focus facts of every control reached."""
    seen = []
    for _ in range(count):
        page.keyboard.press("Tab")
        facts = page.evaluate(FOCUS_FACTS)
        if facts:
            seen.append(facts)
    return seen


def assert_focus_visible(seen, where):
    assert len(seen) >= 5, f"too few focusable controls on {where}: {seen}"
    weak = [f for f in seen if f["style"] == "none" or f["width"] < 2 or f["contrast"] < 3]
    assert not weak, f"focus too faint on {where}: {weak}"


def test_focus_is_obvious_on_public_pages_and_form_controls(page, demo):
    page.goto("/")
    assert_focus_visible(tab_through(page, 12), "the home page")
    page.goto(reverse("initiatives:submit"))
    seen = tab_through(page, 40)
    kinds = {f["tag"] for f in seen}
    # text fields, checkboxes, a select, the file field and the submit button all reached
    assert {"input[text]", "input[checkbox]", "select[select-one]", "textarea[textarea]"} <= kinds
    assert_focus_visible(seen, "the initiative form")


def test_focus_is_obvious_on_the_navy_menu_and_staff_pages(page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "demo-beheerder")
    seen = tab_through(page, 25)
    assert any(f["text"] == "Kernen" for f in seen), seen  # a menu toggle on the navy bar
    assert_focus_visible(seen, "the staff dashboard")
    # Open a menu with the keyboard: the items on the white menu get a dark ring.
    page.get_by_role("button", name="Kernen", exact=True).focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    item = page.evaluate(FOCUS_FACTS)
    assert item["text"] == "Mijn kernen" and item["width"] >= 2 and item["contrast"] >= 3, item
    kern = Kern.objects.order_by("pk").first()
    page.goto(reverse("contacts:moment_create", args=[kern.slug]))
    assert_focus_visible(tab_through(page, 30), "the contact moment form")


def test_the_focus_check_fails_on_a_faint_ring(page, demo):
    """The check above can fail: the old orange ring (2.06:1 on white) is caught."""
    page.goto("/")
    page.evaluate(
        "document.querySelectorAll('a, button').forEach("
        "el => el.style.setProperty('outline-color', '#f4a261', 'important'))"
    )
    seen = tab_through(page, 8)
    assert any(f["contrast"] < 3 for f in seen)


NAV_WIDTHS = [320, 390, 768, 1024, 1199, 1200, 1280, 1399, 1400, 1920]


@pytest.mark.parametrize("username", ["demo-gebiedsregisseur", "demo-beheerder", "demo-kcp"])
def test_the_staff_menu_fits_every_width(page, demo, username):
    log_in(page, username)
    for width in NAV_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(reverse("kernen:dashboard"))
        facts = page.evaluate(
            """() => {
              const search = document.getElementById('zoek-alles');
              const toggler = document.querySelector('.navbar-toggler');
              const nav = document.querySelector('.navbar-kernportal');
              return {
                scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                navHeight: nav.getBoundingClientRect().height,
                collapsed: getComputedStyle(toggler).display !== 'none',
                search: search.getBoundingClientRect().width,
              };
            }"""
        )
        assert facts["scroll"] <= facts["inner"], (width, facts)
        if facts["collapsed"]:
            page.get_by_role("button", name="Menu tonen").click()
            page.locator("#hoofdmenu.collapse.show").wait_for()  # the opening animation ended
        else:
            assert facts["navHeight"] < 80, f"menu wraps at {width}px: {facts}"
        assert facts["collapsed"] or facts["search"] >= 150, (width, facts)
        menu = page.locator(".navbar-kernportal .dropdown-toggle").last
        menu.click()
        logout = page.get_by_role("button", name="Uitloggen")
        logout.wait_for(state="visible")
        box = logout.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width


SKIP_LINK = re.compile(
    r"(\.csv|\.xlsx|\.ics|\.geojson|/uitloggen/|/beheer/|/bijlagen?/|/herstelcodes/|"
    r"/tweestapsverificatie/|/export|/gezond/)"
)


def _pattern(path):
    """One page per kind: /portaal/kernen/egchel/ and /portaal/kernen/beringe/ are alike."""
    return re.sub(r"/\d+/", "/N/", re.sub(r"/kernen/[^/]+/", "/kernen/S/", path))


def crawl(page, start, limit=60, refused=None):
    """Visit every kind of page reachable by following links from `start`, yielding each
    path after it loaded. Same-origin GET links only, one page per kind. Links that answer 403
    or 404 go into `refused`: a page must not link to one its reader may not open."""
    origin = urlsplit(page.url or "http://x").netloc
    queue, seen = list(start), set()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if _pattern(path) in seen:
            continue
        seen.add(_pattern(path))
        response = page.goto(path)
        if response is not None and response.status in (403, 404) and refused is not None:
            refused.append((path, response.status))
        if response is None or response.status != 200:
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        yield path
        hrefs = page.eval_on_selector_all(
            "a[href]", "els => els.map(a => a.href).filter(h => h.startsWith(location.origin))"
        )
        for href in hrefs:
            parts = urlsplit(href)
            if origin and parts.netloc != urlsplit(page.url).netloc:
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP_LINK.search(link) or _pattern(parts.path) in seen:
                continue
            queue.append(parts.path)


def check_pages(page, start):
    """Crawl from `start` at 320 px: the pages visited, those wider than the screen, and the
    axe-core violations of impact serious or critical on each."""
    visited, wide, violations, refused = [], [], [], []
    for path in crawl(page, start, refused=refused):
        visited.append(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((path, width))
        violations += serious_violations(page)
    assert refused == [], "links to pages this user may not open"
    return visited, wide, violations


def test_no_public_page_scrolls_sideways_at_320_px_or_fails_axe(page, demo):
    from kernen.tests.factories import KernFactory

    # A long Dutch compound in a title must break, not push the page sideways.
    long_name = KernFactory(name="Dorpsontwikkelingsmaatschappijvergaderingsverslagenarchief")
    page.set_viewport_size({"width": 320, "height": 640})
    start = ["/", long_name.get_public_url(), reverse("accessibility"), "/inloggen/"]
    visited, wide, violations = check_pages(page, start)
    assert len(visited) >= 6, visited
    assert wide == []
    assert violations == []


@pytest.mark.parametrize("username", ROLES)
def test_no_staff_page_scrolls_sideways_at_320_px_or_fails_axe(page, demo, username):
    from kernen.tests.factories import KernFactory

    long_name = KernFactory(name="Dorpsontwikkelingsmaatschappijvergaderingsverslagenarchief")
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, username)
    start = [reverse("kernen:dashboard"), reverse("kernen:detail", args=[long_name.slug])]
    visited, wide, violations = check_pages(page, start)
    assert len(visited) >= 8, visited
    assert wide == []
    assert violations == []


def test_the_width_check_fails_on_a_wide_table(page, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<table><tr><td>Dorpsontwikkelingsmaatschappijvergaderingsverslagen</td>"
        "<td>Kernontwikkelingsplanuitvoeringsprogramma</td></tr></table>')"
    )
    assert page.evaluate("document.documentElement.scrollWidth") > 320


def serious_violations(page):
    """axe-core (bundled with axe-playwright-python, no network) on the page as it is now:
    the violations of impact serious or critical, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def submit_empty(page, button):
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def assert_error_state(page, first_link_target=None):
    """The GOV.UK / NL Design System error pattern: 'Fout:' in the title, focus on the summary,
    each summary link leads to its field, and axe-core finds nothing serious."""
    assert page.title().startswith("Fout: "), page.title()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("el => el === document.activeElement")
    hrefs = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, "the summary links to the fields"
    for href in hrefs:
        assert page.locator(href).count() == 1, f"{href} points nowhere on {page.url}"
    if first_link_target:
        summary.locator(f"a[href='#{first_link_target}']").first.click()
        assert page.evaluate("document.activeElement.id") == first_link_target
    assert serious_violations(page) == []


def test_public_forms_in_their_error_state(page, demo):
    kern = Kern.objects.order_by("pk").first()
    page.goto(reverse("contacts:question_ask", args=[kern.slug]))
    submit_empty(page, "Vraag versturen")
    assert_error_state(page, first_link_target="id_name")

    page.goto(reverse("initiatives:submit"))
    submit_empty(page, "Initiatief versturen")
    # The kern choice is a group of checkboxes: the link goes to the first one, and the group's
    # fieldset names the error.
    assert_error_state(page, first_link_target="id_kernen_0")
    described = page.get_by_role("group", name="Voor welke kern of kernen?").get_attribute(
        "aria-describedby"
    )
    assert "id_kernen_error" in described.split()
    assert page.locator("#id_kernen_error").inner_text().strip() == "Kies minstens één kern."
    assert page.locator("#id_kernen_0").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_initiator_email").get_attribute("autocomplete") == "email"

    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("demo-kcp")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    submit_empty(page, "Inloggen")
    assert page.title().startswith("Fout: ")
    assert serious_violations(page) == []


def test_staff_forms_in_their_error_state(page, demo):
    from roles.models import ParticipationReview

    log_in(page, "demo-beheerder")
    page.goto(reverse("roles:request_create"))
    submit_empty(page, "Verzoek indienen")
    assert_error_state(page)

    from kernen.models import AgendaItem

    item = AgendaItem.objects.order_by("pk").first()
    page.goto(reverse("roles:classify", args=["kernen.agendaitem", item.pk]))
    submit_empty(page, "Rol voorstellen")
    assert_error_state(page, first_link_target="id_legal_task_0")

    review = ParticipationReview.objects.waiting().order_by("pk").first()
    page.goto(review.get_absolute_url())
    submit_empty(page, "Besluit vastleggen")
    assert_error_state(page, first_link_target="id_decision_0")
    group = page.get_by_role("group", name="Besluit")
    assert "id_decision_error" in group.get_attribute("aria-describedby").split()


@pytest.mark.parametrize("username", ROLES)
def test_the_staff_menu_passes_axe_when_open(page, demo, username):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, username)
    for toggle in page.locator(".navbar-kernportal .dropdown-toggle").all():
        toggle.click()
        assert serious_violations(page) == [], toggle.inner_text()
        page.keyboard.press("Escape")


CONTRAST_OF = """
(el) => {
  const rgb = (t) => t.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  let bg = el;
  while (bg && getComputedStyle(bg).backgroundColor.replace(/\\s/g, "") === "rgba(0,0,0,0)") bg = bg.parentElement;
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(getComputedStyle(bg).backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


def test_small_links_are_24_px_targets_and_small_text_keeps_its_contrast(page, demo):
    from initiatives.tests.factories import InitiativeFactory

    kern = Kern.objects.filter(kcp_assignments__isnull=False).order_by("pk").first()
    initiative = InitiativeFactory(escalated_=True, kernen=[kern])
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "demo-beheerder")
    page.goto(reverse("kernen:detail", args=[kern.slug]))
    end = page.get_by_role("link", name="Beëindigen", exact=False).first.bounding_box()
    assert end["height"] >= 24 and end["width"] >= 24, end
    page.goto(reverse("initiatives:detail", args=[initiative.pk]))
    button = page.get_by_role("button", name="Escalatie beëindigen")
    assert button.bounding_box()["height"] >= 24
    assert button.evaluate(CONTRAST_OF) >= 4.5
    page.goto(reverse("roles:heatmap"))
    assert page.locator(".heat-4").last.evaluate(CONTRAST_OF) >= 4.5
