"""Terms of the trade with a one-line plain explanation, shown beside the term on staff pages
(issue 15): `{% explain "samenloop" %}`. One list, so the same word is explained the same way
everywhere; the README's word list says what public pages say instead."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

TERMS = {
    "rollen": _(
        "De gemeente kiest per taak een rol. Rood, autoritaire overheid: de gemeente "
        "beslist zelf, zoals bij handhaving. Blauw, regelgestuurde overheid: de gemeente beslist, "
        "inwoners praten mee. Groen, communicatieve overheid: inwoners zijn eigenaar, de gemeente "
        "helpt mee."
    ),
    "samenloop": _(
        "Samenloop: in dezelfde maand staat er iets op de agenda van de kern én op die "
        "van de gemeente. Dat kan botsen."
    ),
    "hefboom": _(
        "Hefboom: hoeveel euro een initiatief in totaal heeft voor elke euro van de gemeente."
    ),
    "rolzuiver": _(
        "Rolzuiver werken: de gekozen rol past bij wie eigenaar is. Een signaal betekent "
        "dat rol en eigenaar niet bij elkaar passen."
    ),
    "participatiedruk": _(
        "Participatiedruk: hoe vaak de gemeente een kern vraagt om mee te denken "
        "of mee te doen. Te vaak vragen kost de kern energie voor haar eigen plannen."
    ),
    "participatierem": _(
        "Participatierem: per kwartaal mag een kern maar een beperkt aantal keer "
        "gevraagd worden, en niet in haar stille perioden."
    ),
}


@register.simple_tag
def explain(term):
    return format_html(
        '<small class="d-block text-body-secondary term-explanation mb-2">{}</small>', TERMS[term]
    )
