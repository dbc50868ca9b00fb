"""Scans sent as image files (.jpg, .png, .tif, .bmp, .webp): every page (a TIFF may hold several) read by OCR
where the `ocr` extra is installed, exactly as a scanned PDF's pages are (ocr.py): every value read has
`"ocr": true` in its provenance, one info finding says the figures came from OCR, and a page OCR could not read
(out of time, failed, no text) is named. Without the extra, one warning and a report that is not checked.

A page is turned upright by its EXIF orientation (a phone photo), laid on white where it is transparent, kept in
colour for scantables (a red seal is lifted off it there; OCR reads it in greyscale) and scaled down when its longer
side passes ocr's limit. An image of more than MAX_PIXELS (a
decompression bomb, or a page scanned at 1,200 dpi) is refused before it is decoded; a damaged or cut-off image is
an input error naming the file. Pillow comes with the `ocr` extra (RapidOCR needs it).
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from jixiao.kit import Extraction, InputError

from . import ocr
from .messages import message
from .prose import lang_of

MAX_PIXELS = 100_000_000  # A4 at 1,000 dpi is 94 million

IMAGE = ocr.Wording("image", "image_no_ocr", "image_ocr_broken", "image_ocr_empty", "image_ocr_read",
                    "image_pages_ocr_empty", "image_ocr_timeout", "image_ocr_failed", read_whole="image_ocr_read_whole")


def extract_image(path: str, data: bytes, options: Any = None) -> Extraction:
    lang = lang_of(options)
    try:
        import PIL  # noqa: F401  (the ocr extra brings it; without it nothing in an image can be read)
    except ImportError:
        return ocr.read_scan(path, ocr.Outcome(installed=False), None, options, IMAGE)
    image = _open(path, data, lang)
    try:
        pages = list(range(1, getattr(image, "n_frames", 1) + 1))
        reader, problem = ocr.engine()
        if reader is None:
            outcome = ocr.Outcome(installed=problem is not None, problem=problem)
        else:
            outcome = ocr.recognise_pages(reader, pages, lambda number: page_image(image, number, colour=True), tables=True)
    finally:
        image.close()
    return ocr.read_scan(path, outcome, len(pages), options, IMAGE)


def _open(path: str, data: bytes, lang: str) -> Any:
    """The image, its first page decoded (so a damaged file is told at once); InputError when it is not an image
    Pillow reads, is damaged, or is too large."""
    try:
        return decode(data)
    except Undecodable as exc:
        if exc.size is not None:
            raise InputError(path, None, None, _too_large(*exc.size, lang), key="too_large") from None
        if exc.bomb:
            raise InputError(path, None, None, message("image_broken", lang, detail=str(exc)), key="too_large") from None
        raise InputError(path, None, None, message("image_broken", lang, detail=str(exc))) from None


class Undecodable(ValueError):
    """Why an image's bytes could not be decoded: not an image Pillow reads, damaged, refused by its format; `size`
    where it has more than MAX_PIXELS, `bomb` where Pillow refused it as a decompression bomb."""

    def __init__(self, detail: str, size: tuple[int, int] | None = None, bomb: bool = False):
        super().__init__(detail)
        self.size, self.bomb = size, bomb


def decode(data: bytes, refused: tuple[str, ...] = ()) -> Any:
    """An image file's bytes opened and its first page decoded (an image of more than MAX_PIXELS refused before it is
    decoded; a format in `refused` too, by its name and 矢量图: an EMF Pillow cannot draw); Undecodable says why not.
    Needs Pillow (the `ocr` extra)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # MAX_PIXELS below decides
            image = Image.open(io.BytesIO(data))
            if image.format in refused:
                image.close()
                raise Undecodable(f"{image.format} 矢量图")
            width, height = image.size
            if width * height > MAX_PIXELS:
                image.close()
                raise Undecodable(f"{width}×{height}", size=(width, height))
            image.load()
    except Undecodable:
        raise
    except Image.DecompressionBombError as exc:
        raise Undecodable(str(exc), bomb=True) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise Undecodable(str(exc) or type(exc).__name__) from None
    return image


def _too_large(width: int, height: int, lang: str) -> str:
    limit = f"{MAX_PIXELS // 100_000_000} 亿" if lang == "zh" else f"{MAX_PIXELS // 1_000_000} million"
    return message("image_too_large", lang, width=width, height=height, limit=limit)


def page_image(image: Any, number: int, colour: bool = False) -> Any:
    """Page `number` (1-based) upright, on white, greyscale (with `colour`, RGB when it is in colour: a red seal is
    told from ink by its colour), its longer side at most ocr's limit."""
    from PIL import Image, ImageOps

    image.seek(number - 1)
    page = ImageOps.exif_transpose(image) or image
    if page.mode in ("RGBA", "LA", "PA") or (page.mode == "P" and "transparency" in page.info):
        rgba = page.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        page = Image.alpha_composite(white, rgba)
    page = page.convert("RGB" if colour and page.mode not in ("L", "1", "I", "I;16", "F") else "L")
    longest = max(page.size)
    if longest > ocr.MAX_SIDE:
        scale = ocr.MAX_SIDE / longest
        page = page.resize((max(1, round(page.size[0] * scale)), max(1, round(page.size[1] * scale))),
                           Image.Resampling.LANCZOS)
    return page
