import pytest

from .factories import InitiativeFactory


@pytest.fixture
def initiative(kern, kcp):
    """An initiative for `kern`, guided by its KCP."""
    return InitiativeFactory(kernen=[kern], contact_official=kcp)
