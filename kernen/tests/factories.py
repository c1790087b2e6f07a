import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import factory

from kernen.models import AgendaItem, CommunityGroup, KcpAssignment, Kern, StaffProfile


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    # Without apostrophes ("van 't Wel"), which HTML escapes: tests look names up in pages.
    # Escaping itself is tested with hostile inputs (kernportal/tests/test_hostile_inputs.py).
    last_name = factory.LazyFunction(
        lambda: factory.Faker._get_faker("nl_NL").last_name().replace("'", "")
    )
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example")
    password = factory.django.Password("geheim-wachtwoord")
    profile = factory.RelatedFactory("kernen.tests.factories.StaffProfileFactory", "user")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """UserFactory(groups=["KCP"]) puts the user in existing permission groups."""
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory, profile=None)
    team = "Maatschappelijke Ontwikkeling"
    job_title = "Beleidsmedewerker"
    phone = "077 123 45 67"


class KernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kern

    name = factory.Sequence(lambda n: f"Kern {n}")
    slug = factory.Sequence(lambda n: f"kern-{n}")
    inhabitants = 2500
    latitude = Decimal("51.33000")
    longitude = Decimal("5.98000")
    description = "Een kern in de Peel."


class CommunityGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityGroup

    kern = factory.SubFactory(KernFactory)
    kind = CommunityGroup.Kind.DORPSOVERLEG
    name = factory.Sequence(lambda n: f"Dorpsoverleg {n}")
    email = "dorpsoverleg@example.org"


class KcpAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KcpAssignment

    kern = factory.SubFactory(KernFactory)
    user = factory.SubFactory(UserFactory, groups=["KCP"])
    role = KcpAssignment.Role.PRIMARY
    start_date = datetime.date(2024, 1, 1)
    end_date = None

    class Params:
        backup = factory.Trait(role=KcpAssignment.Role.BACKUP)
        ended = factory.Trait(end_date=datetime.date(2024, 12, 31))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    kern = factory.SubFactory(KernFactory)
    side = AgendaItem.Side.COMMUNITY
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    theme = AgendaItem.Theme.CULTURE
    start_date = factory.LazyFunction(timezone.localdate)
    responsible = "Dorpsoverleg"

    class Params:
        municipal = factory.Trait(
            side=AgendaItem.Side.MUNICIPAL,
            theme=AgendaItem.Theme.TRAFFIC,
            responsible="Openbare Ruimte",
        )
        undated = factory.Trait(start_date=None)
