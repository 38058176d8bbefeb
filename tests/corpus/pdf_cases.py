"""Notice PDFs that must not verify: cut, unsigned, re-signed, updated after signing, not PDFs.

``notice verify`` runs on the laptop that issued the notice (no sign-in); a file that is
not a PDF at all is an error (exit 2 with the message), a PDF that fails a check is a
verdict (exit 2, the file named with NOT VALID or TAMPERED and the reasons).
"""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from tests.corpus.case import Spec, data
from tests.corpus.world import World


def specs() -> list[Spec]:
    """The PDF cases."""
    return [
        _pdf("pdf-truncated.pdf", lambda w: _signed(w)[: len(_signed(w)) * 2 // 3],
             ("incomplete",), "a signed notice cut at two thirds"),
        _pdf("pdf-truncated-in-signature.pdf", lambda w: _signed(w)[:-300], ("incomplete",),
             "a signed notice missing its last 300 bytes"),
        _pdf("pdf-unsigned.pdf", lambda w: _plain_pdf(), ("NOT VALID", "not signed"),
             "a PDF with no signature"),
        _pdf("pdf-notice-unsigned.pdf", lambda w: _before_signing(_signed(w)),
             ("NOT VALID", "not signed"), "the notice as it was before it was signed"),
        _pdf("pdf-resigned-unknown-key.pdf", _signed_again,
             ("TAMPERED", "carries 2 signatures", "not issued by a trusted office authority"),
             "the notice signed over by another office's auditor"),
        _pdf("pdf-incremental-update.pdf", lambda w: _updated(_signed(w)),
             ("TAMPERED", "added to the file afterwards"),
             "an incremental update (a new title and an annotation) appended after signing"),
        _pdf("pdf-content-changed.pdf", lambda w: _changed_inside(_signed(w)),
             ("TAMPERED", "changed after it was signed"), "one byte of the signed content changed"),
        _pdf("pdf-not-a-pdf.pdf", lambda w: b"PK\x03\x04" + bytes(400), ("not a PDF",),
             "a zip file renamed .pdf"),
        _pdf("pdf-empty.pdf", lambda w: b"", ("not a PDF",), "zero bytes"),
    ]


def _pdf(name: str, produce, reasons: tuple[str, ...], describe: str) -> Spec:
    return Spec(name, "pdf", describe, reasons, data(produce))


def _signed(world: World) -> bytes:
    return world.notice_pdf.read_bytes()


def _before_signing(signed: bytes) -> bytes:
    """The first revision: everything up to the first end-of-file marker."""
    return signed[: signed.find(b"%%EOF") + len(b"%%EOF\n")]


def _plain_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Rectification notice (forged, unsigned)")
    page.save()
    return buffer.getvalue()


def _signed_again(world: World) -> bytes:
    """The notice with a second signature over it, by a certificate our office never issued."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    from reports import pades

    meta = signers.PdfSignatureMetadata(field_name="Forged", md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES, name="赵六")
    writer = IncrementalPdfFileWriter(io.BytesIO(_signed(world)))
    return signers.PdfSigner(meta, pades._signer(world.stranger)).sign_pdf(writer).getvalue()


def _updated(signed: bytes) -> bytes:
    """The signed notice with an incremental update: a new title and a text annotation."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.set_info(generic.DictionaryObject(
        {generic.NameObject("/Title"): generic.TextStringObject("整改期限已延长")}))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject(map(generic.NumberObject,
                                                             (50, 50, 80, 80))),
        generic.NameObject("/Contents"): generic.TextStringObject("期限改为明年")}))
    annotations = page.get("/Annots", generic.ArrayObject())
    page[generic.NameObject("/Annots")] = generic.ArrayObject([*annotations, note])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _changed_inside(signed: bytes) -> bytes:
    data = bytearray(signed)
    data[data.find(b"stream", 1000) + 30] ^= 0x20
    return bytes(data)
