"""Reading the .xlsx exports of the list pages back in tests."""

import datetime
import io
from types import SimpleNamespace

from openpyxl import load_workbook

from tests.factories import verified_login
from thidua.core.models import Job


def export_of(client, user, url):
    """GET ``url`` as ``user`` and read the workbook it answers."""
    verified_login(client, user)
    response = client.get(url)
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return read_workbook(b"".join(response.streaming_content))


def read_workbook(content):
    """``title`` (the lines above the table), ``headers``, ``rows`` (values) and ``cells`` of the
    first sheet of ``content`` (bytes or a file)."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    sheet = load_workbook(source).worksheets[0]
    all_cells = list(sheet.iter_rows())
    blank = next(i for i, row in enumerate(all_cells) if all(c.value is None for c in row))
    header = all_cells[blank + 1]
    body = all_cells[blank + 2 :]
    return SimpleNamespace(
        title=[row[0].value for row in all_cells[:blank]],
        headers=[c.value for c in header if c.value is not None],
        rows=[[c.value for c in row] for row in body],
        cells=body,
    )


def column(book, header):
    index = book.headers.index(header)
    return [row[index] for row in book.rows]


def assert_date_column(book, header):
    """Every filled cell of the column is a real date shown dd/mm/yyyy."""
    index = book.headers.index(header)
    cells = [row[index] for row in book.cells if row[index].value is not None]
    assert cells, f"no value in {header}"
    for cell in cells:
        assert isinstance(cell.value, datetime.datetime | datetime.date)
        assert cell.number_format.upper() == "DD/MM/YYYY"


def assert_number_column(book, header):
    """Every cell of the column is a number with the thousands format."""
    index = book.headers.index(header)
    for row in book.cells:
        assert isinstance(row[index].value, int | float)
        assert row[index].number_format in ("#,##0", "#,##0.00")


def assert_title(book, title, unit):
    assert book.title[0] == title
    assert any(line == f"Đơn vị: {unit}" for line in book.title)
    assert book.title[-1].startswith("Lập lúc ") or book.title[-1].startswith("Generated on ")


def background_export(client, user, url, settings):
    """Export ``url`` with a background threshold of one row: the job's workbook."""
    settings.EXPORT_BACKGROUND_ROWS = 1
    verified_login(client, user)
    response = client.get(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{job.pk}/")
    assert job.status == Job.Status.SUCCEEDED
    assert job.done == job.total
    return job, read_workbook(job.output_file.open("rb"))
