import datetime
import threading

import pytest
from django.db import connection, connections

from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.core.models import AuditEntry
from thidua.documents import services
from thidua.documents.models import Document, DocumentStatus, IssuerSettings, NumberCounter
from thidua.documents.numbering import format_number_symbol

D = datetime.date


def issue(document, by, on):
    return services.issue_document(document, by=by, issued_on=on)


def test_symbol_has_two_digits_below_ten_and_the_type_and_unit(tree, people, types, make_document):
    sector_officer = people.nganh_thidua
    first = make_document(org=tree.sector, by=sector_officer, doc_type="KH")
    issued = issue(first, sector_officer, D(2026, 3, 20))
    assert issued.number == 1
    assert issued.number_symbol == "01/KH-CĐN"
    assert issued.status == DocumentStatus.ISSUED
    assert issued.year == 2026
    assert format_number_symbol(12, types["QD"], tree.sector) == "12/QĐ-CĐN"
    assert format_number_symbol(36, types["KH"], tree.sector) == "36/KH-CĐN"


def test_unit_without_symbol_uses_its_code(tree, people, make_document):
    document = issue(make_document(doc_type="QD"), people.bvdk_thidua, D(2026, 1, 5))
    assert document.number_symbol == "01/QĐ-BVDK"


def test_official_letter_has_no_type_abbreviation(tree, people, make_document):
    officer = people.nganh_thidua
    make_document(org=tree.sector, by=officer, doc_type="KH")
    for _ in range(4):
        issue(make_document(org=tree.sector, by=officer, doc_type="KH"), officer, D(2026, 2, 1))
    letter = issue(
        make_document(org=tree.sector, by=officer, doc_type="CV"), officer, D(2026, 2, 2)
    )
    assert letter.number_symbol == "05/CĐN"


def test_numbers_restart_on_the_first_of_january(people, make_document):
    officer = people.bvdk_thidua
    assert issue(make_document(), officer, D(2025, 12, 30)).number == 1
    assert issue(make_document(), officer, D(2025, 12, 31)).number == 2
    new_year = issue(make_document(), officer, D(2026, 1, 1))
    assert (new_year.number, new_year.year, new_year.number_symbol) == (1, 2026, "01/KH-BVDK")


def test_one_series_for_all_types_by_default(people, make_document):
    officer = people.bvdk_thidua
    numbers = [
        issue(make_document(doc_type=code), officer, D(2026, 4, 1)).number_symbol
        for code in ("KH", "QD", "BC")
    ]
    assert numbers == ["01/KH-BVDK", "02/QĐ-BVDK", "03/BC-BVDK"]


def test_per_type_series_when_the_unit_says_so(tree, people, make_document):
    services.update_issuer_settings(tree.bvdk, by=people.nganh_admin, per_type_series=True)
    officer = people.bvdk_thidua
    symbols = [
        issue(make_document(doc_type=code), officer, D(2026, 4, 1)).number_symbol
        for code in ("KH", "QD", "KH", "QD", "BC")
    ]
    assert symbols == ["01/KH-BVDK", "01/QĐ-BVDK", "02/KH-BVDK", "02/QĐ-BVDK", "01/BC-BVDK"]
    assert IssuerSettings.objects.get(org=tree.bvdk).per_type_series is True


def test_cancelled_number_is_never_given_again(people, make_document):
    officer = people.bvdk_thidua
    first = issue(make_document(), officer, D(2026, 5, 1))
    cancelled = services.cancel_document(first, by=officer, reason="Sai nội dung")
    assert cancelled.status == DocumentStatus.CANCELLED
    assert cancelled.number == 1 and cancelled.number_symbol == "01/KH-BVDK"
    second = issue(make_document(), officer, D(2026, 5, 2))
    assert second.number == 2
    assert NumberCounter.objects.get(org=officer.home_org, year=2026).last_number == 2


def test_issuing_twice_is_a_conflict_and_takes_no_number(people, make_document):
    officer = people.bvdk_thidua
    document = issue(make_document(), officer, D(2026, 6, 1))
    with pytest.raises(InvalidTransition) as exc:
        issue(document, officer, D(2026, 6, 2))
    assert exc.value.status == 409
    assert NumberCounter.objects.get(org=officer.home_org, year=2026).last_number == 1
    cancelled = services.cancel_document(document, by=officer, reason="Thu hồi")
    with pytest.raises(InvalidTransition):
        issue(cancelled, officer, D(2026, 6, 3))


def test_cancel_needs_a_reason(people, make_document):
    document = make_document()
    with pytest.raises(InvalidInput):
        services.cancel_document(document, by=people.bvdk_thidua, reason="  ")
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT


def test_issue_date_in_the_future_is_refused(people, make_document):
    document = make_document()
    with pytest.raises(InvalidInput):
        issue(document, people.bvdk_thidua, D(2999, 1, 1))
    assert not NumberCounter.objects.exists()


@pytest.mark.parametrize(
    "username", ["bvnhi_thidua", "bvnhi_chutich", "doanvien", "kiemtra", "ldld", "hoidong"]
)
def test_only_issuers_of_the_unit_issue(people, make_document, username):
    document = make_document()
    with pytest.raises(Forbidden):
        issue(document, getattr(people, username), D(2026, 1, 2))
    document.refresh_from_db()
    assert document.number is None and document.status == DocumentStatus.DRAFT


def test_sector_staff_do_not_take_numbers_of_a_grassroots_unit(people, make_document):
    document = make_document()
    with pytest.raises(Forbidden):
        issue(document, people.nganh_admin, D(2026, 1, 2))


def test_issue_is_audited_with_its_number(people, make_document):
    document = issue(make_document(), people.bvdk_chutich, D(2026, 7, 1))
    entry = AuditEntry.objects.filter(object_id=str(document.pk), action="update").first()
    assert entry.after["number_symbol"] == "01/KH-BVDK"
    assert entry.actor == people.bvdk_chutich
    assert AuditEntry.objects.filter(object_id=str(document.pk), action="transition").exists()


def _postgres():
    return connection.vendor == "postgresql"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_consecutive_numbers(tree, people, types):
    if not _postgres():
        pytest.skip("row locks need PostgreSQL")
    officer = people.bvdk_thidua
    drafts = [
        services.create_document(org=tree.bvdk, by=officer, doc_type="QD", title=f"Quyết định {i}")
        for i in range(20)
    ]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def worker(document):
        try:
            barrier.wait()
            services.issue_document(document, by=officer, issued_on=D(2026, 8, 1))
        except Exception as exc:  # collected and reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Document.objects.filter(org=tree.bvdk).values_list("number", flat=True))
    assert numbers == list(range(1, 21))
    assert NumberCounter.objects.get(org=tree.bvdk, year=2026).last_number == 20
