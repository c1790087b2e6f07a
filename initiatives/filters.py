from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

import django_filters

from kernen.models import Kern
from kernportal.forms import LongSelect, choices_from_rows

from .forms import staff_users
from .models import Fund, Grant, Initiative, Status
from .models.initiative import Theme


class InitiativeFilter(django_filters.FilterSet):
    kern = django_filters.ModelChoiceFilter(
        label=_("Kern"),
        field_name="kernen",
        queryset=Kern.objects.all(),
        empty_label=_("Alle kernen"),
        widget=LongSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Thema"), choices=Theme.choices, empty_label=_("Alle thema's")
    )
    official = django_filters.ModelChoiceFilter(
        label=_("Contactpersoon"),
        field_name="contact_official",
        queryset=staff_users(),
        empty_label=_("Alle contactpersonen"),
        widget=LongSelect,
    )
    fund = django_filters.ModelChoiceFilter(
        label=_("Fonds"),
        method="filter_fund",
        queryset=Fund.objects.all(),
        empty_label=_("Alle fondsen"),
        widget=LongSelect,
    )
    escalated = django_filters.BooleanFilter(label=_("Geëscaleerd"))

    class Meta:
        model = Initiative
        fields = ["kern", "status", "theme", "official", "fund", "escalated"]

    def filter_fund(self, queryset, name, value):
        # EXISTS rather than a join: an initiative with two grants from the fund is listed
        # once without DISTINCT, which over every column made the page sort all matches.
        grants = Grant.objects.filter(initiative=OuterRef("pk"), fund=value)
        return queryset.filter(Exists(grants))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from_rows(
            self.filters["official"].field,
            "first_name",
            "last_name",
            "username",
            label=lambda first, last, username: f"{first} {last}".strip() or username,
        )
        choices_from_rows(self.filters["kern"].field, "name", label=str)


class PublicFilter(django_filters.FilterSet):
    kern = django_filters.ModelChoiceFilter(
        label=_("Kern"),
        field_name="kernen",
        queryset=Kern.objects.active(),
        empty_label=_("Alle kernen"),
        to_field_name="slug",
    )
    theme = django_filters.ChoiceFilter(
        label=_("Thema"), choices=Theme.choices, empty_label=_("Alle thema's")
    )

    class Meta:
        model = Initiative
        fields = ["kern", "theme"]
