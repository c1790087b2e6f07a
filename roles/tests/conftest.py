import datetime

import pytest

from .factories import ParticipationRequestFactory


@pytest.fixture
def requester(db):
    from kernen.tests.factories import UserFactory

    return UserFactory(
        username="aanvrager", groups=["medewerker"], email="aanvrager@gemeente.example"
    )


@pytest.fixture
def pending(kern, requester):
    """A request for `kern` (and nothing else) waiting for its KCP's review."""
    request = ParticipationRequestFactory(
        kernen=[kern],
        requester=requester,
        subject="Consultatieavond Dorpsstraat",
        start_date=datetime.date(2026, 5, 1),
    )
    return request.reviews.get()
