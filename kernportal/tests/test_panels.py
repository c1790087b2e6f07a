from django.template import Context, Template
from django.test import RequestFactory

import pytest

from kernportal import panels


@pytest.fixture
def slot(monkeypatch):
    monkeypatch.setattr(panels, "_registry", panels.defaultdict(list))
    return "kern_detail"


def render(**context):
    request = RequestFactory().get("/")
    return Template('{% panels "kern_detail" kern=kern %}').render(
        Context({"request": request, **context})
    )


def test_panels_render_in_order_and_hidden_ones_stay_out(slot, tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "a.html").write_text("A:{{ kern }}")
    (tmp_path / "b.html").write_text("B:{{ value }}")
    panels.register(slot, template="b.html", order=20)(lambda request, kern: {"value": "<i>"})
    panels.register(slot, template="a.html", order=10)(lambda request, kern: {})
    panels.register(slot, template="a.html", order=30)(lambda request, kern: None)
    assert render(kern="Egchel") == "A:Egchel\nB:&lt;i&gt;"


def test_unknown_slots_are_refused(slot):
    with pytest.raises(ValueError, match="Unknown panel slot"):
        panels.register("nergens", template="x.html")
