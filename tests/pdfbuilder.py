"""Build small PDFs for the catalogue examples: pages with a text layer, then pages that hold only an
image (a scan without OCR). pypdfium2 writes them; the standard Helvetica font carries ASCII only, so
the text pages are written without diacritics — they exist to be read, not to be judged.

Spec: {"text_pages": [["line", ...], ...], "image_pages": 1, "scan_pages": [["line", ...], ...]}
(scan_pages: the lines drawn into the page image, for OCR; the image pages are blank.)
"""
from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

A4 = (595.0, 842.0)


def build_pdf_bytes(spec: dict) -> bytes:
    from PIL import Image
    pdf = pdfium.PdfDocument.new()
    keep = []   # the text buffers must outlive the calls that read them
    for lines in spec.get("text_pages", []):
        page = pdf.new_page(*A4)
        for i, line in enumerate(lines):
            obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
            buf = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
            keep.append(buf)
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, A4[1] - 72 - 18 * i)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    for _ in range(int(spec.get("image_pages", 0))):
        page = pdf.new_page(*A4)
        img = pdfium.PdfImage.new(pdf)
        img.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (210, 297), (235, 235, 235))))
        img.set_matrix(pdfium.PdfMatrix().scale(*A4))
        page.insert_obj(img)
        page.gen_content()
    for lines in spec.get("scan_pages", []):   # a scanned page: the lines drawn into a 200-dpi image
        page = pdf.new_page(*A4)
        from PIL import ImageDraw, ImageFont
        image = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=36)
        for i, line in enumerate(lines):
            draw.text((200, 200 + 70 * i), line, fill=0, font=font)
        img = pdfium.PdfImage.new(pdf)
        img.set_bitmap(pdfium.PdfBitmap.from_pil(image.convert("RGB")))
        img.set_matrix(pdfium.PdfMatrix().scale(*A4))
        page.insert_obj(img)
        page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
