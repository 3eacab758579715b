"""Pages as pictures for OCR: a PDF's pages rendered with PDFium, or an uploaded image's frames.

A page is rendered at 300 dpi by default, the resolution scans are usually made at: the page is
denoised and straightened at that resolution, where resampling loses least, and the OCR engine
then scales it to its own working size (documents/ocr.py, `MAX_SIDE`: an A4 page to about 171
dpi, a smaller page less or not at all). Rendering streams one page at a time (a 300 dpi A4
page is about 26 MB as RGB), so memory stays bounded by one page whatever the document's length.

Each picture comes with its page's size in PDF points, which is what positions are expressed in:
a PDF page's own size (its /Rotate applied, as PDFium renders it), or for an image its size in
pixels x 72 / dpi, with the dpi the file states or `DEFAULT_IMAGE_DPI` when it states none.
"""

from __future__ import annotations

import io
import numbers
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageOps, ImageSequence

DEFAULT_DPI = 300
DEFAULT_IMAGE_DPI = 300  # a scanner's usual setting; used when an image states no resolution

IMAGE_MEDIA_TYPES = frozenset({"image/png", "image/jpeg", "image/tiff"})
PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True, slots=True)
class PagePicture:
    """One page as pixels, with its size in PDF points (for converting positions)."""

    number: int  # 1-based
    image: Image.Image  # RGB
    width: float  # points
    height: float  # points

    @property
    def points_per_pixel(self) -> tuple[float, float]:
        return self.width / self.image.width, self.height / self.image.height


def render_pdf_pages(
    data: bytes, dpi: int = DEFAULT_DPI, pages: Collection[int] | None = None
) -> Iterator[tuple[int, Image.Image]]:
    """Each page (or only `pages`, 1-based) as an RGB image at `dpi`, in page order."""
    for picture in pdf_page_pictures(data, dpi, pages):
        yield picture.number, picture.image


def pdf_page_pictures(
    data: bytes, dpi: int = DEFAULT_DPI, pages: Collection[int] | None = None
) -> Iterator[PagePicture]:
    """`render_pdf_pages` with each page's size in points."""
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            number = index + 1
            if pages is not None and number not in pages:
                continue
            page = document[index]
            try:
                width, height = page.get_size()
                if page.get_rotation() in (90, 270):
                    width, height = height, width
                bitmap = page.render(scale=dpi / 72)
                try:
                    image = bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
            finally:
                page.close()
            yield PagePicture(number, image, float(width), float(height))
    finally:
        document.close()


def load_images(data: bytes) -> Iterator[PagePicture]:
    """Each frame of a PNG, JPEG or TIFF (a multi-page TIFF gives one page per frame), upright
    (EXIF orientation applied, as a phone photo is shown) and in RGB.

    Pillow's decompression-bomb limit stands (an error above 179 megapixels, twice its warning
    level): A4 at 1,200 dpi is 140, so a larger image is not a page scan."""
    with Image.open(io.BytesIO(data)) as opened:
        for index, frame in enumerate(ImageSequence.Iterator(opened)):
            dpi = _stated_dpi(frame.info.get("dpi"))
            upright = ImageOps.exif_transpose(frame).convert("RGB")
            yield PagePicture(
                number=index + 1,
                image=upright,
                width=upright.width * 72 / dpi,
                height=upright.height * 72 / dpi,
            )


def pictures(
    data: bytes, media_type: str, dpi: int = DEFAULT_DPI, pages: Collection[int] | None = None
) -> Iterator[PagePicture]:
    """The pages of a PDF or an image, whichever `media_type` says."""
    if media_type == PDF_MEDIA_TYPE:
        yield from pdf_page_pictures(data, dpi, pages)
    elif media_type in IMAGE_MEDIA_TYPES:
        for picture in load_images(data):
            if pages is None or picture.number in pages:
                yield picture
    else:
        raise ValueError(f"cannot rasterise {media_type!r}: expected a PDF, PNG, JPEG or TIFF")


def _stated_dpi(value: object) -> float:
    # TIFF states it as IFDRational, a numbers.Real but not a float.
    if isinstance(value, tuple) and value and isinstance(value[0], numbers.Real):
        # PNG stores pixels per metre, so 200 dpi reads back as 199.9996: undo that rounding.
        stated = round(float(value[0]), 1)
        if stated > 0:
            return stated
    return float(DEFAULT_IMAGE_DPI)
