import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

import factory

from kernen.tests.factories import KernFactory, UserFactory
from roles.definitions import Owner, Role
from roles.models import (
    Classification,
    ParticipationRequest,
    ParticipationReview,
    QuietPeriod,
    ReviewStatus,
)


class ParticipationRequestFactory(factory.django.DjangoModelFactory):
    """ParticipationRequestFactory(kernen=[k1, k2]) also creates a pending review per kern."""

    class Meta:
        model = ParticipationRequest
        skip_postgeneration_save = True

    department = "Openbare Ruimte"
    requester = factory.SubFactory(UserFactory, groups=["medewerker"])
    subject = factory.Sequence(lambda n: f"Verzoek {n}")
    ask = "Denk mee over de herinrichting."
    form = ParticipationRequest.Form.EVENING
    start_date = datetime.date(2026, 5, 1)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    effort = ParticipationRequest.Effort.SMALL
    role = Role.BLUE

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            for kern in extracted:
                ParticipationReview.objects.create(request=self, kern=kern)


class ParticipationReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationReview

    request = factory.SubFactory(ParticipationRequestFactory)
    kern = factory.SubFactory(KernFactory)
    status = ReviewStatus.PENDING

    class Params:
        approved = factory.Trait(
            status=ReviewStatus.APPROVED,
            reason="Past in de planning.",
            decided_at=factory.LazyFunction(timezone.now),
        )
        declined = factory.Trait(status=ReviewStatus.DECLINED, reason="Te vaak gevraagd.")
        postponed = factory.Trait(
            status=ReviewStatus.POSTPONED,
            reason="Na de kermis.",
            postponed_to=datetime.date(2026, 6, 1),
        )


def approved_on(kern, start_date, end_date=None):
    """An approved request for `kern` starting on `start_date`."""
    request = ParticipationRequestFactory(start_date=start_date, end_date=end_date or start_date)
    return ParticipationReviewFactory(request=request, kern=kern, approved=True)


class ClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classification
        exclude = ["obj"]

    obj = factory.SubFactory(ParticipationRequestFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.obj))
    object_id = factory.LazyAttribute(lambda o: o.obj.pk)
    kern = factory.SubFactory(KernFactory)
    title = factory.LazyAttribute(lambda o: str(o.obj))
    role = Role.BLUE
    owner = Owner.MUNICIPALITY
    classified_by = factory.SubFactory(UserFactory)

    class Params:
        red = factory.Trait(role=Role.RED)
        green = factory.Trait(role=Role.GREEN)
        community = factory.Trait(owner=Owner.COMMUNITY)


class QuietPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuietPeriod

    kern = factory.SubFactory(KernFactory)
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2026, 9, 7)
    reason = "Kermis"
