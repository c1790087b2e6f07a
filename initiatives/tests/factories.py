import datetime
from decimal import Decimal

from django.utils import timezone

import factory

from initiatives.models import CoFunding, Fund, Grant, Initiative, Status, StatusStep
from initiatives.models.initiative import Theme
from kernen.tests.factories import KernFactory
from kernportal.tokens import hash_token, new_token


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    description = "Een bankje bij de kerk en een plek om elkaar te treffen."
    theme = Theme.LIVEABILITY
    goal = "Meer ontmoeting in de kern."
    help_asked = factory.LazyFunction(lambda: ["money"])
    amount_requested = Decimal("1500.00")
    initiator_name = "Els Initiatiefnemer"
    initiator_email = "els@voorbeeld.example"
    initiator_phone = "06 12345678"
    may_publish = True
    privacy_consent_at = factory.LazyFunction(timezone.now)
    privacy_consent_version = "2026-11"
    status = Status.RECEIVED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Like a real submission: the instance knows its raw token, the database only the hash.
        token = new_token()
        kwargs.setdefault("token_hash", hash_token(token))
        initiative = super()._create(model_class, *args, **kwargs)
        initiative.tracking_token = token
        return initiative

    class Params:
        running = factory.Trait(status=Status.RUNNING)
        completed = factory.Trait(status=Status.COMPLETED)
        granted = factory.Trait(status=Status.GRANTED)
        private = factory.Trait(may_publish=False)
        escalated_ = factory.Trait(
            escalated=True,
            escalation_level="department",
            escalation_reason="Vastgelopen tussen afdelingen.",
            escalated_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if not create:
            return
        self.kernen.set(extracted if extracted is not None else [KernFactory()])

    @factory.post_generation
    def first_step(self, create, extracted, **kwargs):
        if create:
            StatusStep.objects.create(
                initiative=self, from_status="", to_status=Status.RECEIVED, at=self.created_at
            )


class CoFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoFunding

    initiative = factory.SubFactory(InitiativeFactory)
    source = "Oranjefonds"
    amount = Decimal("3000.00")


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fonds {n}")
    year = 2026
    kind = Fund.Kind.FIXED
    fixed_amount = Decimal("10000.00")

    class Params:
        per_inhabitant = factory.Trait(
            kind=Fund.Kind.PER_INHABITANT, fixed_amount=None, amount_per_inhabitant=Decimal("2.00")
        )

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kernen.set(extracted)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    fund = factory.SubFactory(FundFactory)
    initiative = factory.SubFactory(InitiativeFactory, granted=True)
    kern = factory.LazyAttribute(lambda grant: grant.initiative.kernen.order_by("name").first())
    amount = Decimal("1000.00")
    decided_at = datetime.date(2026, 3, 1)
