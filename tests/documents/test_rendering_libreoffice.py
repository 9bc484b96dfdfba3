"""The generated DOCX files open in LibreOffice (skipped where it is not installed)."""

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from thidua.documents.rendering.model import Kind
from thidua.documents.rendering.samples import sample
from thidua.documents.rendering.word import render_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def test_libreoffice_converts_every_kind_to_pdf(tmp_path):
    sources = []
    for kind in Kind:
        path = tmp_path / f"{kind.value}.docx"
        path.write_bytes(render_docx(sample(kind)))
        sources.append(path)
    out = tmp_path / "pdf"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    for kind in Kind:
        reader = PdfReader(out / f"{kind.value}.pdf")
        page = reader.pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width > height) == (kind == Kind.CERTIFICATE)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.extract_text()
    certificate = PdfReader(out / "certificate.pdf")
    assert len(certificate.pages) == 1
