"""Uploads are checked by content and by parsing, with hostile files made here."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from kernportal.uploads import clean_upload

from .files import jpeg_with_gps, png_bomb, real_pdf, real_png


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refused(name, data, message):
    with pytest.raises(ValidationError) as caught:
        clean_upload(upload(name, data))
    assert message in caught.value.messages[0]


def test_a_real_pdf_passes_unchanged():
    data = real_pdf()
    clean = clean_upload(upload("plan.pdf", data))
    assert (clean.content, clean.content_type, clean.extension) == (data, "application/pdf", "pdf")


def test_a_photo_loses_its_exif_and_gps_but_keeps_its_pixels():
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    clean = clean_upload(upload("foto.jpg", data))
    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "JPEG"
    assert image.size == (32, 24)
    assert not image.getexif()
    assert b"Telefoonmerk" not in clean.content


def test_a_png_is_encoded_again():
    clean = clean_upload(upload("kaart.png", real_png()))
    assert Image.open(io.BytesIO(clean.content)).format == "PNG"


def test_a_jpeg_header_followed_by_html_is_refused():
    refused("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"<p>hallo</p>" * 40, "geen geldige")


def test_a_valid_jpeg_with_html_appended_is_refused():
    refused(
        "foto.jpg",
        jpeg_with_gps() + b"<script>alert(document.cookie)</script>",
        "webpagina-code",
    )


def test_a_pdf_html_polyglot_is_refused():
    refused(
        "plan.pdf",
        b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n" + real_pdf()[9:],
        "webpagina-code",
    )


def test_a_pdf_header_without_a_pdf_is_refused():
    refused("plan.pdf", b"%PDF-1.7\n" + b"0" * 500, "geen geldige PDF")


def test_a_pdf_with_javascript_is_refused():
    data = real_pdf().replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    )
    refused("plan.pdf", data, "scripts")


def test_a_decompression_bomb_is_refused_before_decoding():
    data = png_bomb(20000, 20000)
    assert len(data) < 5 * 1024 * 1024
    refused("kaart.png", data, "te veel beeldpunten")


def test_an_image_over_the_portal_pixel_limit_is_refused():
    refused("kaart.png", png_bomb(7000, 7000), "te veel beeldpunten")


def test_an_html_file_named_png_is_refused():
    refused("foto.png", b"<!doctype html><script>alert(1)</script>", "geen PDF, PNG of JPEG")


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError, match="groter dan 1 MB"):
        clean_upload(upload("plan.pdf", real_pdf() + b"0" * (1024 * 1024)), max_bytes=1024 * 1024)


def test_no_url_serves_uploaded_files_directly():
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/media/initiatives/0123456789abcdef.pdf")
