"""Page skew: estimated by a projection-profile search and corrected by rotating the page back.

A scanned or photographed page is rarely square to the sensor; a statement's rows then drift
across its columns, and the text detector's boxes either tilt or merge neighbouring rows. The
method is the projection profile (Postl, "Detection of linear oblique structures and skew scan
in digitized documents", ICPR 1986; surveyed in Hull, "Document image skew detection: survey and
annotated bibliography", 1998): project the dark pixels onto the vertical axis at a trial angle;
at the page's true skew the text lines collapse into narrow, tall peaks with empty gaps between
them, so the profile's sharpness (the sum of squared differences between adjacent bins) is
largest. It relies on text lines, which a statement has many of, and needs no model.

The search is coarse-to-fine over -`MAX_SKEW`..`MAX_SKEW` degrees (0.25 degree steps, then 0.025
about the best), on the page downscaled to `_WORK_WIDTH` pixels wide, rotating the pixels'
coordinates rather than the picture, so it costs about 50 ms a page. On the fixture statement
(tests/fixtures/scans.py) turned by every angle from -5 to 5 degrees in steps of 0.35, clean or
with the scan's noise and JPEG artefacts, the error is at most 0.075 degrees (mean 0.03); the
tests hold 1.5 and -3 degrees (and two more) to 0.3. At 1,240 pixels wide a 0.05 degree error
moves a line's ends by one pixel, about the method's resolution.

It does not find pages turned by 90 or 180 degrees (those need the page's orientation, not its
skew) nor skew beyond 5 degrees, which a flatbed scan does not produce.

Angles follow Pillow's convention: positive is counter-clockwise as the page is viewed, so
`Image.rotate(a)` of a straight page has skew `a`, and `deskew` rotates it by `-a`.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

MAX_SKEW = 5.0  # degrees
_WORK_WIDTH = 1240  # pixels: A4 at 150 dpi; lines stay distinct, the search stays cheap
_COARSE_STEP = 0.25
_FINE_STEP = 0.025
_MAX_POINTS = 400_000  # dark pixels sampled; more sharpen nothing
_MIN_POINTS = 500  # fewer dark pixels than this is a blank page: nothing to align
_NEGLIGIBLE = 0.05  # degrees: below this, resampling would blur more than it straightens
NOISY = 1.5  # grey levels of `noise_level`: between the fixture's mild noise and heavy noise


def estimate_skew(image: Image.Image, max_angle: float = MAX_SKEW) -> float:
    """The page's skew in degrees (counter-clockwise positive); 0.0 for a blank page."""
    points = _dark_pixels(image)
    if points.shape[1] < _MIN_POINTS:
        return 0.0
    coarse = np.arange(-max_angle, max_angle + _COARSE_STEP / 2, _COARSE_STEP)
    best = _best_angle(points, coarse)
    fine = np.arange(best - _COARSE_STEP, best + _COARSE_STEP + _FINE_STEP / 2, _FINE_STEP)
    return round(float(np.clip(_best_angle(points, fine), -max_angle, max_angle)), 3)


def rotate(image: Image.Image, angle: float) -> Image.Image:
    """`image` turned by `angle` degrees about its centre, the same size, corners filled white.

    OpenCV's affine warp with bicubic interpolation: the same picture as Pillow's `rotate` and
    about five times faster on a 300 dpi page (0.15 s against 0.75 s on one core)."""
    pixels = np.asarray(image.convert("RGB"))
    height, width = pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D(((width - 1) / 2, (height - 1) / 2), angle, 1.0)
    turned = cv2.warpAffine(
        pixels,
        matrix,
        (width, height),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(255, 255, 255),
    )
    return Image.fromarray(turned)


def deskew(image: Image.Image, max_angle: float = MAX_SKEW) -> tuple[Image.Image, float]:
    """The page straightened, and the skew that was removed (degrees, counter-clockwise)."""
    angle = estimate_skew(image, max_angle)
    if abs(angle) < _NEGLIGIBLE:
        return image, 0.0
    return rotate(image, -angle), angle


def noise_level(image: Image.Image) -> float:
    """The mean absolute difference, in grey levels, between the page and its 3x3 median.

    For the fixture statement rendered at 300 dpi: 0.08 from the text PDF; from its 200 dpi scan,
    0.7 with the fixture's noise (12 grey levels, JPEG quality 45), 1.9 at 30 levels and quality
    25, 3.3 at 45 and 20. At the scan's own 200 dpi the same are 0.26, 1.9 and 8.8 at 45 and 20:
    the measure falls as resolution rises, so a page rendered at 300 dpi is filtered less often."""
    gray = np.asarray(image.convert("L"))
    return float(np.mean(cv2.absdiff(gray, cv2.medianBlur(gray, 3))))


def denoise(image: Image.Image) -> Image.Image:
    """A 3x3 median filter on a noisy page (`noise_level` above `NOISY`); a clean page as it is.

    On the statement scanned with noise of 45 grey levels and saved at JPEG quality 20, OCR reads
    "1,215" as "1.215" without it and exactly with it; on a clean page it would only erode thin
    strokes, so it is not applied there. Binarising (Otsu) was tried too: it reads the noisy scans
    as well but lowers the recogniser's confidence on mildly noisy ones (0.95 against 0.98), since
    the models were trained on grey images, so pages are not binarised."""
    if noise_level(image) <= NOISY:
        return image
    return Image.fromarray(cv2.medianBlur(np.asarray(image.convert("RGB")), 3))


def prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """The page denoised if noisy, then straightened; and the skew removed (degrees)."""
    return deskew(denoise(image))


def _dark_pixels(image: Image.Image) -> npt.NDArray[np.float64]:
    """Coordinates (x, y; 2 x n, centred) of the ink on the page downscaled to the work width."""
    gray = np.asarray(image.convert("L"))
    scale = min(1.0, _WORK_WIDTH / gray.shape[1])
    if scale < 1.0:
        size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    # A median filter first: isolated noise pixels would otherwise pass Otsu's threshold.
    gray = cv2.medianBlur(gray, 3)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if len(xs) > _MAX_POINTS:
        step = math.ceil(len(xs) / _MAX_POINTS)
        ys, xs = ys[::step], xs[::step]
    return np.vstack(
        [xs.astype(np.float64) - gray.shape[1] / 2, ys.astype(np.float64) - gray.shape[0] / 2]
    )


def _best_angle(points: npt.NDArray[np.float64], angles: npt.NDArray[np.float64]) -> float:
    scores = [_sharpness(points, float(angle)) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def _sharpness(points: npt.NDArray[np.float64], angle: float) -> float:
    """Postl's criterion: the profile's squared first differences at the trial angle.

    A line of a page skewed counter-clockwise by `angle` runs y = -x tan(angle); projecting
    onto y' = x sin(angle) + y cos(angle) maps it to one row."""
    theta = math.radians(angle)
    rows = points[0] * math.sin(theta) + points[1] * math.cos(theta)
    profile = np.bincount(np.round(rows - rows.min()).astype(np.int64))
    return float(np.sum(np.diff(profile.astype(np.float64)) ** 2))
