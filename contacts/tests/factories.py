import datetime

from django.utils import timezone

import factory

from contacts.models import (
    ContactMoment,
    FollowUp,
    Organisation,
    Person,
    Question,
    QuestionEvent,
)
from kernen.tests.factories import KernFactory, UserFactory
from kernportal.tokens import hash_token

# A due date that is in the future whenever the tests run.
SOON = timezone.localdate() + datetime.timedelta(days=30)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.WELFARE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Faker("name", locale="nl_NL")
    role = "voorzitter dorpsoverleg"
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    basis = Person.Basis.PUBLIC_TASK

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kernen.set(extracted)

    class Params:
        consented = factory.Trait(
            basis=Person.Basis.CONSENT, consent_date=datetime.date(2024, 3, 1)
        )


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    kern = factory.SubFactory(KernFactory)
    happened_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))
    kind = ContactMoment.Kind.DORPSOVERLEG
    summary = "Dorpsplan besproken."
    created_by = factory.SubFactory(UserFactory)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    contact_moment = factory.SubFactory(ContactMomentFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=4))
        )
        done = factory.Trait(is_done=True, done_at=factory.LazyFunction(timezone.now))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    kind = Question.Kind.PUBLIC
    kern = factory.SubFactory(KernFactory)
    asker_name = "Jan Inwoner"
    asker_email = "jan@example.org"
    text = "Wie gaat over de speeltuin?"
    token_hash = factory.Sequence(lambda n: hash_token(f"token-{n}"))
    privacy_consent_at = factory.LazyFunction(timezone.now)
    privacy_consent_version = "2026-11"

    class Params:
        routed = factory.Trait(
            status=Question.Status.ROUTED,
            routed_to=factory.SubFactory(UserFactory, groups=["medewerker"]),
        )
        late = factory.Trait(
            received_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=21))
        )
        answered = factory.Trait(
            status=Question.Status.ANSWERED,
            answer="Bij de gemeente.",
            answered_at=factory.LazyFunction(timezone.now),
            first_response_at=factory.LazyFunction(timezone.now),
        )
        internal = factory.Trait(
            kind=Question.Kind.INTERNAL,
            privacy_consent_at=None,
            privacy_consent_version="",
            asked_by=factory.SubFactory(UserFactory, groups=["medewerker"]),
        )


class QuestionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionEvent

    question = factory.SubFactory(QuestionFactory)
    kind = QuestionEvent.Kind.RECEIVED
