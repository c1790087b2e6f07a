import datetime

import pytest

from kernen.models import CommunityGroup
from kernen.tests.factories import CommunityGroupFactory
from roles import classifiable
from roles.models import ParticipationRequest
from roles.services import classification_set

from .factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_registered():
    """A stand-in for another app's model: community groups, registered for the test only."""
    classifiable.register(
        CommunityGroup,
        kern_getter=lambda group: group.kern,
        title_getter=lambda group: group.name,
        url_getter=lambda group: f"/groep/{group.pk}/",
        get_for_user=lambda user, pk: CommunityGroup.objects.get(pk=pk),
    )
    yield
    classifiable.unregister(CommunityGroup)


def test_participation_requests_are_registered_with_all_their_kernen(kern, other_kern):
    request = ParticipationRequestFactory(kernen=[kern, other_kern], subject="Enquête")
    entry = classifiable.get(request)
    assert entry.model is ParticipationRequest
    assert {k.pk for k in entry.kernen(request)} == {kern.pk, other_kern.pk}
    assert entry.title_getter(request) == "Enquête"
    assert entry.url_getter(request) == f"/portaal/participatie/{request.pk}/"


def test_any_model_can_be_registered_and_classified(fake_registered, kern, kcp):
    group = CommunityGroupFactory(kern=kern, name="Dorpsoverleg Egchel")
    assert classifiable.get_by_label("kernen.communitygroup") is not None
    [row] = classification_set(obj=group, role="green", owner="community", user=kcp)
    assert (row.kern, row.title, row.content_object) == (kern, "Dorpsoverleg Egchel", group)


def test_an_unregistered_model_cannot_be_classified(kern, kcp):
    group = CommunityGroupFactory(kern=kern)
    assert classifiable.get(group) is None
    with pytest.raises(ValueError):
        classification_set(obj=group, role="green", owner="community", user=kcp)


def test_the_community_agenda_is_empty_until_a_source_is_registered(kern):
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
    assert classifiable.community_agenda(kern, start, end) == []

    def festival(k, s, e):
        return [(datetime.date(2026, 2, 14), f"Carnaval in {k.name}")]

    classifiable.register_agenda_source(festival)
    try:
        assert classifiable.community_agenda(kern, start, end) == [
            (datetime.date(2026, 2, 14), "Carnaval in Egchel")
        ]
    finally:
        classifiable.unregister_agenda_source(festival)
    assert classifiable.community_agenda(kern, start, end) == []
