"""The Content-Security-Policy lets the maps load tiles from the configured tile service only:
`img-src` follows `KERNPORTAL_MAP_TILE_URL`, so a municipality on the PDOK basemap needs no
code change and the OpenStreetMap host is not allowed when it is not used."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.urls import reverse

import pytest

from kernportal.settings import tile_source

PDOK = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        (PDOK, ["https://service.pdok.nl"]),
        ("https://{s}.tiles.example.nl:8443/{z}/{x}/{y}.png", ["https://*.tiles.example.nl:8443"]),
        ("/static/tegels/{z}/{x}/{y}.png", []),  # served by the portal: 'self' covers it
        ("", []),  # no tiles: kern points only
    ],
)
def test_the_tile_source_is_the_scheme_and_host_of_the_tile_url(url, source):
    assert tile_source(url) == source


def _img_src_with(tile_url: str) -> list[str]:
    """The img-src the settings build in a fresh process with this tile URL configured."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kernportal.settings"}
    env["KERNPORTAL_MAP_TILE_URL"] = tile_url
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_policy_allows_the_configured_tile_host_and_not_openstreetmap():
    img_src = _img_src_with(PDOK)
    assert "https://service.pdok.nl" in img_src
    assert not any("openstreetmap" in source for source in img_src)
    assert "'unsafe-inline'" not in img_src


@pytest.mark.django_db
def test_the_map_pages_send_the_tile_host_in_their_policy(client):
    host = tile_source(settings.KERNPORTAL_MAP_TILE_URL)[0]
    for url in (reverse("initiatives:public_list"), reverse("initiatives:submit")):
        response = client.get(url)
        img_src = next(
            part
            for part in response.headers["Content-Security-Policy"].split(";")
            if part.strip().startswith("img-src")
        )
        assert host in img_src.split(), url
