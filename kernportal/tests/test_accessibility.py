"""Accessibility that the HTML itself shows (issue 15); the browser checks are in
test_accessibility_browser.py."""

from django.urls import reverse

import pytest

from roles.tests.factories import ParticipationRequestFactory


@pytest.mark.django_db
def test_the_accessibility_statement_is_public_and_linked_from_every_page(client, kern):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "B: voldoet gedeeltelijk" in response.text
    assert "De Engelse versie is nieuw" in response.text
    assert '<time datetime="2026-11-24">24 november 2026</time>' in response.text
    for url in ["/", reverse("kernen:public_detail", args=[kern.slug]), "/inloggen/"]:
        assert f'href="{reverse("accessibility")}"' in client.get(url).text, url


@pytest.mark.django_db
def test_it_answers_favicon_requests(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("favicon.ico") and response.url != "/favicon.ico"
    assert '<link rel="icon"' in client.get("/").text


@pytest.mark.django_db
def test_public_and_staff_pages_of_one_kern_have_different_titles(client_for, kcp, kern):
    client = client_for(kcp)
    public = client.get(reverse("kernen:public_detail", args=[kern.slug])).text
    staff = client.get(reverse("kernen:detail", args=[kern.slug])).text
    assert "<title>Egchel – Kernportal</title>" in public
    assert "<title>Egchel (medewerkers) – Kernportal</title>" in staff


@pytest.mark.django_db
def test_a_failed_submit_says_fout_in_the_title_and_links_each_error(client, kern):
    response = client.post(reverse("contacts:question_ask", args=[kern.slug]), {"name": ""})
    assert response.status_code == 200
    assert "<title>Fout: " in response.text
    assert "data-error-summary" in response.text
    assert 'href="#id_email"' in response.text
    ok = client.get(reverse("contacts:question_ask", args=[kern.slug]))
    assert "<title>Fout: " not in ok.text and "data-error-summary" not in ok.text


@pytest.mark.django_db
def test_optional_fields_say_so_in_words_and_personal_fields_autocomplete(client):
    html = client.get(reverse("initiatives:submit")).text
    assert 'Uw telefoonnummer <span class="field-optional">(niet verplicht)</span>' in html
    assert "asteriskField" not in html
    assert 'autocomplete="tel"' in html and 'autocomplete="name"' in html


@pytest.mark.django_db
def test_a_filter_form_does_not_mark_every_field_optional(client_for, kcp):
    html = client_for(kcp).get(reverse("contacts:person_list")).text
    assert "(niet verplicht)" not in html


@pytest.mark.django_db
def test_a_wethouders_breadcrumb_never_links_to_a_page_they_may_not_open(
    client_for, wethouder, kern
):
    participation = ParticipationRequestFactory(kernen=[kern])
    client = client_for(wethouder)
    html = client.get(participation.get_absolute_url()).text
    # Links only: the footer's language switch carries the page's own address in a field.
    assert f'href="{reverse("roles:request_list")}"' not in html
    assert client.get(reverse("roles:request_list")).status_code == 403
    assert f'href="{reverse("roles:overview")}"' in html


@pytest.mark.django_db
def test_terms_of_the_trade_are_explained_beside_them(client_for, regisseur, kcp, kern):
    from kernportal.templatetags.terms import TERMS

    client = client_for(regisseur)
    heatmap = client.get(reverse("roles:heatmap")).text
    assert TERMS["participatiedruk"].split(":")[1].strip()[:30] in heatmap
    overview = client.get(reverse("roles:overview")).text
    assert "autoritaire overheid: de gemeente beslist zelf" in overview
    assert "Rolzuiver werken:" in overview
    kern_page = client_for(kcp).get(reverse("kernen:detail", args=[kern.slug])).text
    assert "Samenloop: in dezelfde maand" in kern_page
    assert "Rood, autoritaire overheid" in kern_page
