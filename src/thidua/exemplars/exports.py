"""Excel export of the exemplary models list (``core.list_exports``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport, filter_lines, local_date
from thidua.core.xlsx import DATE, NUMBER, Column
from thidua.exemplars.views.exemplars import filtered_exemplars

EXEMPLAR_COLUMNS = (
    Column("title", "Điển hình tiên tiến", width=40),
    Column("nominee", "Cá nhân / tập thể", width=30),
    Column("unit", "Đơn vị", width=36),
    Column("source", "Nguồn phát hiện", width=20),
    Column("status", "Trạng thái", width=18),
    Column("created_at", "Ngày ghi nhận", kind=DATE, width=14),
    Column("honored_on", "Ngày tôn vinh", kind=DATE, width=14),
    Column("replications", "Số đơn vị nhân rộng", kind=NUMBER, width=14),
)


def _exemplars(user, params):
    return filtered_exemplars(user, params)[1].annotate(replication_count=Count("replications"))


def _exemplar_row(exemplar):
    return [
        exemplar.display_title,
        exemplar.nominee_name,
        exemplar.nominee_unit.name,
        exemplar.get_source_display(),
        exemplar.get_status_display(),
        local_date(exemplar.created_at),
        exemplar.honored_on,
        exemplar.replication_count,
    ]


EXEMPLARS = ListExport(
    name="thidua.exemplars.exports.EXEMPLARS",
    title=gettext_lazy("Exemplary models"),
    sheet_title="Điển hình tiên tiến",
    file_prefix="dien-hinh-tien-tien",
    columns=EXEMPLAR_COLUMNS,
    rows=_exemplars,
    row=_exemplar_row,
    describe=lambda user, params: filter_lines(filtered_exemplars(user, params)[0]),
)
