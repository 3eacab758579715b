"""What an organisation's branding may be: checked when it is set, so that a report never fails,
or carries something unsafe, because of it.

- Name: 1 to 200 printable characters. Colours: `#RRGGBB`. Disclaimer: 1 to 2,000 characters.
- Logo: PNG or SVG, told by its bytes. A PNG of at most 512 KiB, 16 to 4,000 pixels a side, that
  Pillow decodes whole. An SVG of at most 256 KiB, parsed without entities or a DOCTYPE
  (defusedxml), with an `<svg>` root and nothing that runs or fetches: no `<script>`,
  `<foreignObject>`, event attributes (`onload`, ...) or references outside the file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

MAX_NAME = 200
MAX_DISCLAIMER = 2_000
MAX_PNG_BYTES = 512 * 1024
MAX_SVG_BYTES = 256 * 1024
MIN_SIDE, MAX_SIDE = 16, 4_000
PNG = "image/png"
SVG = "image/svg+xml"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)  # url(#gradient) is inside
_UNSAFE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "object", "embed"})


@dataclass(frozen=True)
class BrandingProblem:
    field: str
    code: str  # INVALID_NAME, INVALID_COLOUR, INVALID_DISCLAIMER, LOGO_TOO_LARGE, LOGO_UNSUPPORTED
    message: str


def name_problem(name: str) -> BrandingProblem | None:
    if not name.strip() or len(name) > MAX_NAME or not name.isprintable():
        return BrandingProblem("name", "INVALID_NAME", f"1 to {MAX_NAME} printable characters.")
    return None


def colour_problem(field: str, colour: str) -> BrandingProblem | None:
    if _COLOUR.fullmatch(colour) is None:
        return BrandingProblem(field, "INVALID_COLOUR", "A colour is #RRGGBB, e.g. #1F3A5F.")
    return None


def disclaimer_problem(text: str) -> BrandingProblem | None:
    if not text.strip() or len(text) > MAX_DISCLAIMER or "\x00" in text:
        return BrandingProblem(
            "disclaimer", "INVALID_DISCLAIMER", f"1 to {MAX_DISCLAIMER:,} characters."
        )
    return None


def logo_media_type(data: bytes) -> str | BrandingProblem:
    """The logo's media type, or why it cannot be one."""
    if data.startswith(_PNG_MAGIC):
        return _checked_png(data)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")):
        return _checked_svg(data)
    return _unsupported("The logo must be a PNG or an SVG file.")


def _checked_png(data: bytes) -> str | BrandingProblem:
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_PNG_BYTES:
        return _too_large(MAX_PNG_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
                return _unsupported(f"A PNG logo is {MIN_SIDE} to {MAX_SIDE:,} pixels a side.")
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return _unsupported("The PNG could not be decoded.")
    return PNG


def _checked_svg(data: bytes) -> str | BrandingProblem:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    if len(data) > MAX_SVG_BYTES:
        return _too_large(MAX_SVG_BYTES)
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, SyntaxError, ValueError):
        return _unsupported("The SVG could not be parsed (or declares entities).")
    if _local(root.tag) != "svg":
        return _unsupported("An SVG logo has an <svg> root element.")
    for element in root.iter():
        if _local(element.tag).lower() in _UNSAFE_ELEMENTS:
            return _unsupported(f"An SVG logo may not contain <{_local(element.tag)}>.")
        for attribute, value in element.attrib.items():
            name = _local(attribute).lower()
            if name.startswith("on"):
                return _unsupported("An SVG logo may not carry event handlers.")
            if name == "href" and not value.strip().startswith(("#", "data:image/png;base64,")):
                return _unsupported("An SVG logo may not refer to anything outside itself.")
            if _EXTERNAL_URL.search(value):
                return _unsupported("An SVG logo may not refer to anything outside itself.")
        if element.text and _EXTERNAL_URL.search(element.text):  # a <style> sheet's url(...)
            return _unsupported("An SVG logo may not refer to anything outside itself.")
    return SVG


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _too_large(limit: int) -> BrandingProblem:
    return BrandingProblem("logo", "LOGO_TOO_LARGE", f"The logo is over {limit // 1024} KiB.")


def _unsupported(message: str) -> BrandingProblem:
    return BrandingProblem("logo", "LOGO_UNSUPPORTED", message)
