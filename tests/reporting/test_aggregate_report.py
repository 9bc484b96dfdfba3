"""The aggregated report (BC) sums the figures of the accepted reports only."""

import io

import docx
import pytest

from thidua.core.exceptions import Conflict, Forbidden, RuleViolation
from thidua.documents.models import DocumentStatus
from thidua.documents.storage import read_blob
from thidua.reporting import services
from thidua.reporting.aggregate import aggregate_report, build_document
from thidua.reporting.figures import sum_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(make_round, people, tree):
    from tests.factories import make_org

    make_org(code="TTYT", name="Công đoàn cơ sở Trung tâm Y tế", parent=tree.sector)
    round_ = make_round()
    numbers = {"BVDK": 100, "BVNHI": 40, "TTYT": 7}
    for report in round_.reports.select_related("org"):
        code = report.org.code
        by = {"BVDK": people.bvdk_thidua, "BVNHI": people.bvnhi_thidua}.get(code)
        if by is None:
            continue  # TTYT never reports
        services.submit_report(
            report,
            by=by,
            content=f"Báo cáo của {code}. " + "Nội dung chi tiết. " * 60,
            figures={
                "members_participating": numbers[code],
                "initiatives": 2,
                "exemplars_found": 1,
                "awards_proposed": 3,
            },
        )
    services.accept_report(round_.reports.get(org__code="BVDK"), by=people.nganh_thidua)
    return round_


def _text(document):
    data = read_blob(document.file)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    tables = [
        cell.text
        for table in docx.Document(io.BytesIO(data)).tables
        for row in table.rows
        for cell in row.cells
    ]
    return "\n".join(paragraphs + tables)


def test_sums_only_accepted_reports(round_):
    counts, _targets = sum_figures([r for r in round_.reports.all() if r.status == "accepted"])
    assert counts == {
        "members_participating": 100,
        "initiatives": 2,
        "exemplars_found": 1,
        "awards_proposed": 3,
    }
    model = build_document(
        round_, list(round_.reports.select_related("org")), signer_name="A", signer_title="Chủ tịch"
    )
    body = "\n".join(b.text for b in model.body)
    assert "**100**" in body and "**140**" not in body
    assert "Báo cáo của BVDK" in body and "Báo cáo của BVNHI" not in body
    assert model.annex.rows[-1] == ("Tổng cộng", "100", "2", "1", "3")


def test_issues_a_numbered_bc_document_with_the_docx(round_, people):
    document = aggregate_report(round_, by=people.nganh_thidua, signer_name="Đàm Đức Chính")
    round_.refresh_from_db()
    assert round_.aggregate_document == document
    assert document.status == DocumentStatus.ISSUED
    assert document.doc_type.code == "BC"
    assert document.number_symbol.startswith("01/BC-")
    text = _text(document)
    assert "Đàm Đức Chính" in text
    assert document.number_symbol in text
    assert "Báo cáo của BVDK" in text


def test_a_second_generation_is_refused_while_the_first_stands(round_, people):
    aggregate_report(round_, by=people.nganh_thidua)
    with pytest.raises(Conflict):
        aggregate_report(round_, by=people.nganh_thidua)


def test_nothing_accepted_means_nothing_to_aggregate(make_round, people):
    with pytest.raises(RuleViolation):
        aggregate_report(make_round(), by=people.nganh_thidua)


def test_grassroots_users_cannot_aggregate(round_, people):
    with pytest.raises(Forbidden):
        aggregate_report(round_, by=people.bvdk_chutich)
