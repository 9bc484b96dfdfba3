"""Electronic signatures of PDF files (pyHanko): verification, PAdES signing, keys at rest.

``verify_pdf`` reads every embedded signature and sums them up: signed, intact (the signed bytes are
unchanged and nothing but allowed updates follows them), trusted (the signer's certificate chains to
an active ``TrustAnchor``), the signer's common name and the signing time.

Signing keys are stored as PKCS#12 bytes and password, both encrypted with Fernet under a key
derived by HKDF from ``SECRET_KEY`` (``SECRET_KEY_FALLBACKS`` still decrypt after a key rotation).
"""

import base64
import datetime
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exceptions import InvalidInput

logger = logging.getLogger(__name__)
# The font subsetter of the signature stamp logs every glyph at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "LiberationSerif-Regular.ttf"
SIGNATURE_FIELD = "ThiduaSignature"
# The visible stamp: bottom right of the last page, in PDF points (1/72 inch).
STAMP_BOX = (330, 30, 565, 95)


# --- keys at rest -----------------------------------------------------------------------------


def _fernet_for(secret):
    key = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"thidua.documents",
        info=b"signing-certificate",
    ).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _fernet():
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet_for(secret) for secret in secrets])


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken:
        raise InvalidInput(
            _("The signing key cannot be decrypted (the server's secret key has changed).")
        ) from None


# --- certificates -----------------------------------------------------------------------------


def common_name(name: x509.Name) -> str:
    attributes = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attributes[0].value) if attributes else name.rfc4514_string()


def fingerprint(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex()


@dataclass(frozen=True)
class Pkcs12Info:
    certificate: x509.Certificate

    @property
    def subject(self):
        return common_name(self.certificate.subject)

    @property
    def issuer(self):
        return common_name(self.certificate.issuer)


def read_pkcs12(data: bytes, password: str) -> Pkcs12Info:
    """Open a PKCS#12 file; refuses a wrong password, a file without key or certificate."""
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(
            data, password.encode() if password else None
        )
    except (ValueError, TypeError):
        message = _("The file is not a PKCS#12 certificate, or the password is wrong.")
        raise InvalidInput(message, errors=[{"field": "file", "message": message}]) from None
    if key is None or certificate is None:
        message = _("The PKCS#12 file must hold both the private key and its certificate.")
        raise InvalidInput(message, errors=[{"field": "file", "message": message}])
    return Pkcs12Info(certificate)


def read_pem_certificate(text: str) -> x509.Certificate:
    """A certificate from PEM (or DER) text; refuses anything else."""
    raw = text.encode() if isinstance(text, str) else text
    try:
        if b"-----BEGIN" in raw:
            return x509.load_pem_x509_certificate(raw)
        return x509.load_der_x509_certificate(raw)
    except ValueError:
        message = _("This is not an X.509 certificate in PEM or DER form.")
        raise InvalidInput(message, errors=[{"field": "certificate", "message": message}]) from None


def to_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


# --- verification -----------------------------------------------------------------------------


def empty_summary():
    return {
        "signed": False,
        "intact": None,
        "trusted": None,
        "signer": "",
        "signed_at": None,
        "signatures": [],
    }


def _trust_roots():
    from thidua.documents.models import TrustAnchor

    roots = []
    for pem in TrustAnchor.objects.filter(active=True).values_list("certificate_pem", flat=True):
        try:
            der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(
                serialization.Encoding.DER
            )
            roots.append(asn1_x509.Certificate.load(der))
        except ValueError:
            logger.warning("Skipping an unreadable trust anchor")
    return roots


def verify_pdf(data: bytes) -> dict:
    """The signature summary of a PDF (see the module docstring), never raising on a bad file."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    summary = empty_summary()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            reader.decrypt(b"")
        embedded = list(reader.embedded_signatures)
    except Exception:
        # Not readable as a PDF by pyHanko: nothing can be said about signatures.
        logger.info("Signature scan failed", exc_info=True)
        return summary
    if not embedded:
        return summary
    roots = _trust_roots()
    total_revisions = reader.xrefs.total_revisions
    results = [_verify_one(signature, roots, total_revisions) for signature in embedded]
    first = results[0]
    summary.update(
        signed=True,
        intact=all(r["intact"] for r in results),
        trusted=all(r["trusted"] for r in results),
        signer="; ".join(dict.fromkeys(r["signer"] for r in results if r["signer"])),
        signed_at=first["signed_at"],
        signatures=results,
    )
    return summary


def _verify_one(embedded, roots, total_revisions):
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    result = {
        "field": embedded.field_name,
        "signer": "",
        "signed_at": None,
        "intact": False,
        "trusted": False,
    }
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except Exception:
        logger.info("Signature validation failed", exc_info=True)
        return result
    certificate = status.signing_cert
    if certificate is not None:
        result["signer"] = certificate.subject.native.get("common_name") or (
            certificate.subject.human_friendly
        )
    signed_at = status.signer_reported_dt
    result["signed_at"] = signed_at.isoformat() if signed_at else None
    coverage_ok = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        # Later revisions exist (a countersignature, a timestamp) and only make allowed changes;
        # bytes appended after the last revision without being one are a tampering.
        and embedded.signed_revision < total_revisions - 1
        and status.modification_level
        in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
        and status.docmdp_ok is not False
    )
    result["intact"] = bool(status.intact and status.valid and coverage_ok)
    result["trusted"] = bool(result["intact"] and status.trusted)
    return result


def parse_signed_at(value):
    if not value:
        return None
    return datetime.datetime.fromisoformat(value)


# --- signing ----------------------------------------------------------------------------------


def sign_pdf(data: bytes, pkcs12_data: bytes, password: str, *, reason="", location="") -> bytes:
    """Sign ``data`` (PAdES baseline B) with a visible stamp naming the signer and the time."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle

    signer = signers.SimpleSigner.load_pkcs12_data(
        pkcs12_data, other_certs=[], passphrase=password.encode() if password else None
    )
    if signer is None:
        raise InvalidInput(_("The signing certificate cannot be opened."))
    local_now = timezone.localtime()
    style = TextStampStyle(
        stamp_text=_("Signed by: %(name)s\nTime: %(time)s")
        % {"name": "%(signer)s", "time": local_now.strftime("%d/%m/%Y %H:%M:%S %z")},
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT_PATH)), font_size=9),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=_unused_field_name(data),
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        if writer.prev.encrypted:
            writer.encrypt(b"")
    except Exception:
        raise InvalidInput(_("The PDF cannot be opened for signing.")) from None
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(meta.field_name, on_page=-1, box=STAMP_BOX),
    )
    pdf_signer.sign_pdf(writer, output=output)
    return output.getvalue()


def _unused_field_name(data):
    """A signature field name not yet used in the file (each signature gets its own)."""
    digest = hashlib.sha256(data).hexdigest()[:8]
    return f"{SIGNATURE_FIELD}-{digest}"
