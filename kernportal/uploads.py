"""Checking uploaded files by content and by parsing, before anything is stored.

Images are decoded and encoded again with Pillow: what is stored is Pillow's own output, so
EXIF and GPS data, comments and anything appended to the image are gone, and a file that only
starts like an image is refused. PDFs must parse with pypdf, have pages and carry no scripts.
Every file is refused when it holds HTML markers, so no stored file can turn into a web page
in a browser that sniffs content. Files are stored under random names by the caller.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import filetype
from PIL import Image, ImageOps
from pypdf import PdfReader

MAX_BYTES = 5 * 1024 * 1024
# Enough for any phone photo (48 MP sensors store 12 MP images); a decompression bomb has more.
MAX_PIXELS = 40_000_000
TOO_MANY_PIXELS = gettext_lazy(
    "'%(name)s' heeft te veel beeldpunten. Verklein de afbeelding tot hoogstens "
    "%(megapixels)s miljoen beeldpunten (bijvoorbeeld 6000 × 6000)."
)
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
# Long markers only: a 5+ byte match by chance in compressed image data is vanishingly rare.
HTML_MARKERS = (
    b"<html",
    b"<script",
    b"<body",
    b"<head",
    b"<iframe",
    b"<svg",
    b"<!doctype",
    b"<object",
    b"<embed",
    b"<meta",
    b"javascript:",
)
PDF_ACTIVE_CONTENT = (b"/javascript", b"/js ", b"/js(", b"/js<", b"/launch", b"/embeddedfile")


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def _refuse(name, message, **params):
    """`message` names the file as '%(name)s' (one whole sentence to translate)."""
    return ValidationError(message % {"name": name, **params})


def clean_upload(upload, *, allowed=tuple(EXTENSIONS), max_bytes=MAX_BYTES) -> CleanFile:
    """The upload as it may be stored, or a Dutch ValidationError. Reads the whole file (at
    most `max_bytes`); stores nothing."""
    name = upload.name
    if upload.size > max_bytes:
        raise _refuse(
            name,
            _("'%(name)s' is groter dan %(mb)s MB. Kies een kleiner bestand."),
            mb=max_bytes // (1024 * 1024),
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise _refuse(name, _("'%(name)s' is te groot."))
    kind = filetype.guess(data[:262])
    if kind is None or kind.mime not in allowed:
        raise _refuse(name, _("'%(name)s' is geen PDF, PNG of JPEG. Alleen die mogen."))
    lowered = data.lower()
    if any(marker in lowered for marker in HTML_MARKERS):
        raise _refuse(name, _("'%(name)s' bevat webpagina-code en is daarom geweigerd."))
    if kind.mime == "application/pdf":
        return CleanFile(_check_pdf(name, data, lowered), kind.mime)
    return CleanFile(_reencode_image(name, data, kind.mime), kind.mime)


def _check_pdf(name, data: bytes, lowered: bytes) -> bytes:
    if not data.startswith(b"%PDF-"):
        raise _refuse(name, _("'%(name)s' is geen geldige PDF."))
    if any(marker in lowered for marker in PDF_ACTIVE_CONTENT):
        raise _refuse(
            name,
            _("'%(name)s' bevat scripts of ingesloten bestanden. Sla de PDF opnieuw op zonder."),
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise _refuse(
                    name,
                    _("'%(name)s' is beveiligd met een wachtwoord. Stuur een onbeveiligde PDF."),
                )
            if len(reader.pages) < 1:
                raise _refuse(name, _("'%(name)s' heeft geen pagina's."))
            catalog = reader.trailer["/Root"]
            if "/OpenAction" in catalog or "/AA" in catalog:
                raise _refuse(
                    name, _("'%(name)s' start automatisch acties en is daarom geweigerd.")
                )
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds on broken files
        raise _refuse(name, _("'%(name)s' is geen geldige PDF of is beschadigd.")) from error
    return data


def _reencode_image(name, data: bytes, mime: str) -> bytes:
    expected = {"image/png": "PNG", "image/jpeg": "JPEG"}[mime]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if image.format != expected:
                    raise _refuse(name, _("'%(name)s' is geen geldige afbeelding."))
                if width * height > MAX_PIXELS:
                    raise _refuse(name, TOO_MANY_PIXELS, megapixels=MAX_PIXELS // 1_000_000)
                image.load()
                icc = image.info.get("icc_profile")
                clean = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _refuse(name, TOO_MANY_PIXELS, megapixels=MAX_PIXELS // 1_000_000) from error
    except Exception as error:  # truncated or forged image data
        raise _refuse(name, _("'%(name)s' is geen geldige afbeelding of is beschadigd.")) from error
    out = io.BytesIO()
    if expected == "JPEG":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=90, icc_profile=icc)
    else:
        if clean.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            clean = clean.convert("RGBA")
        clean.save(out, "PNG", icc_profile=icc)
    return out.getvalue()
