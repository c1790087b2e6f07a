"""Real files made in the test, benign and hostile, for the upload checks."""

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter


def real_pdf(text_after: bytes = b"") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue() + text_after


def real_png(size=(16, 16)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 80)).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A photo whose EXIF holds a camera make and a GPS position (Egchel)."""
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 19.0, 30.0), "E", (5.0, 55.0, 10.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=20000, height=20000) -> bytes:
    """A valid 1-bit PNG of width × height white pixels: tiny on disk, huge when decoded."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )
