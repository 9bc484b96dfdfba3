import datetime
import shutil
import subprocess

import pytest

from tests.documents import samples
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.documents import services, signatures
from thidua.documents.models import IssuerSettings, SigningCertificate
from thidua.documents.storage import read_blob


@pytest.fixture
def unit_certificate(tree, people, pki):
    return services.add_signing_certificate(
        org=tree.bvdk,
        by=people.nganh_admin,
        name="Chữ ký số BVDK",
        data=pki.pkcs12,
        password=pki.password,
    )


@pytest.fixture
def issued_pdf(people, make_document):
    document = make_document(
        doc_type="QD",
        title="Quyết định khen thưởng",
        data=samples.pdf_bytes("Quyet dinh khen thuong"),
        file_name="qd.pdf",
    )
    return services.issue_document(document, by=people.bvdk_thidua, signer_name="Nguyễn Văn Ký")


def test_key_and_password_are_encrypted_at_rest(unit_certificate, pki):
    stored = SigningCertificate.objects.get(pk=unit_certificate.pk)
    assert pki.pkcs12 not in bytes(stored.pkcs12_encrypted)
    assert pki.password.encode() not in bytes(stored.password_encrypted)
    assert signatures.decrypt(stored.pkcs12_encrypted) == pki.pkcs12
    assert signatures.decrypt(stored.password_encrypted).decode() == pki.password
    assert stored.subject == "Nguyễn Văn Ký"
    assert IssuerSettings.objects.get(org=stored.org).signing_certificate == stored


def test_wrong_pkcs12_password_is_refused(tree, people, pki):
    with pytest.raises(InvalidInput):
        services.add_signing_certificate(
            org=tree.bvdk, by=people.nganh_admin, name="x", data=pki.pkcs12, password="sai"
        )
    assert not SigningCertificate.objects.exists()


def test_only_the_sector_admin_manages_certificates(tree, people, pki):
    for user in (
        people.bvdk_chutich,
        people.bvdk_thidua,
        people.nganh_thidua,
        people.bvnhi_chutich,
    ):
        with pytest.raises(Forbidden):
            services.add_signing_certificate(
                org=tree.bvdk, by=user, name="x", data=pki.pkcs12, password=pki.password
            )
    with pytest.raises(Forbidden):
        services.add_trust_anchor(by=people.bvdk_chutich, name="CA", pem=pki.ca_pem)


def test_sign_then_verify_untrusted_then_trusted(people, unit_certificate, issued_pdf, pki):
    original_sha = issued_pdf.file.sha256
    signed = services.sign_document(issued_pdf, by=people.bvdk_thidua)
    assert signed.file.sha256 != original_sha
    assert signed.signed is True
    assert signed.signature_intact is True
    assert signed.signature_trusted is False
    assert signed.signature_signer == "Nguyễn Văn Ký"
    assert abs(
        signed.signature_signed_at - datetime.datetime.now(datetime.UTC)
    ) < datetime.timedelta(minutes=5)

    services.add_trust_anchor(by=people.nganh_admin, name="CA thử nghiệm", pem=pki.ca_pem)
    verified = services.verify_document(signed, by=people.bvdk_thidua)
    assert verified.signature_trusted is True and verified.signature_intact is True
    assert verified.signature == {
        "signed": True,
        "intact": True,
        "trusted": True,
        "signer": "Nguyễn Văn Ký",
        "signed_at": verified.signature_signed_at,
    }


def test_uploaded_signed_pdf_is_verified(people, make_document, unit_certificate, issued_pdf, pki):
    signed = services.sign_document(issued_pdf, by=people.bvdk_thidua)
    data = read_blob(signed.file)
    services.add_trust_anchor(by=people.nganh_admin, name="CA", pem=pki.ca_pem)
    uploaded = make_document(data=data, file_name="da-ky.pdf")
    assert (uploaded.signed, uploaded.signature_intact, uploaded.signature_trusted) == (
        True,
        True,
        True,
    )


@pytest.mark.parametrize("tamper", ["append", "change"])
def test_tampered_file_reads_not_intact(
    people, make_document, unit_certificate, issued_pdf, pki, tamper
):
    signed = services.sign_document(issued_pdf, by=people.bvdk_thidua)
    services.add_trust_anchor(by=people.nganh_admin, name="CA", pem=pki.ca_pem)
    data = bytearray(read_blob(signed.file))
    if tamper == "append":
        data += b"\n% extra bytes after the signature\n"
    else:
        position = data.find(b"Quyet dinh")
        assert position > 0
        data[position] = ord("X")
    summary = signatures.verify_pdf(bytes(data))
    assert summary["signed"] is True
    assert summary["intact"] is False
    assert summary["trusted"] is False
    uploaded = make_document(data=bytes(data), file_name="sua.pdf")
    assert uploaded.signature_intact is False


def test_unsigned_pdf_has_an_empty_summary(make_document):
    document = make_document(data=samples.pdf_bytes(), file_name="a.pdf")
    assert document.signature == {
        "signed": False,
        "intact": None,
        "trusted": None,
        "signer": None,
        "signed_at": None,
    }


def test_signing_needs_an_issued_pdf_and_a_certificate(people, make_document, issued_pdf, pki):
    with pytest.raises(InvalidInput):  # no certificate yet
        services.sign_document(issued_pdf, by=people.bvdk_thidua)
    services.add_signing_certificate(
        org=issued_pdf.org, by=people.nganh_admin, name="x", data=pki.pkcs12, password=pki.password
    )
    draft = make_document(data=samples.pdf_bytes(), file_name="a.pdf")
    with pytest.raises(InvalidTransition):
        services.sign_document(draft, by=people.bvdk_thidua)
    word = services.issue_document(
        make_document(data=samples.docx_bytes("x"), file_name="a.docx"), by=people.bvdk_thidua
    )
    with pytest.raises(InvalidInput):
        services.sign_document(word, by=people.bvdk_thidua)
    with pytest.raises(Forbidden):
        services.sign_document(issued_pdf, by=people.bvnhi_thidua)


def test_trust_anchor_is_refused_twice_and_bad_pem_is_refused(people, pki):
    from thidua.core.exceptions import Conflict

    services.add_trust_anchor(by=people.nganh_admin, name="CA", pem=pki.ca_pem)
    with pytest.raises(Conflict):
        services.add_trust_anchor(by=people.nganh_admin, name="CA again", pem=pki.ca_pem)
    with pytest.raises(InvalidInput):
        services.add_trust_anchor(by=people.nganh_admin, name="rác", pem="not a certificate")


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_reports_the_signature_valid(people, unit_certificate, issued_pdf, tmp_path):
    signed = services.sign_document(issued_pdf, by=people.bvdk_thidua)
    path = tmp_path / "signed.pdf"
    path.write_bytes(read_blob(signed.file))
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert "Signature is Valid" in output, output
    assert "Nguyễn Văn Ký" in output
