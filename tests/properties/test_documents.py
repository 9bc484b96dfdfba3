"""Numbering of official documents: create, issue and cancel by every role, on several dates.

Invariants: an issued or cancelled-after-issue document keeps its number; within a unit, year and
series the numbers are exactly 1..n (never repeated, never reused after a cancellation); a draft
has no number; every status change is a recorded transition; refused calls change nothing.
"""

import datetime
from collections import defaultdict

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from tests.properties.machine import ServiceMachine, actors, assert_recorded, run
from thidua.documents import services
from thidua.documents.models import DOCUMENT_TRANSITIONS, Document, DocumentStatus

ISSUERS = {"bvdk": {"bvdk.chutich", "bvdk.thidua"}, "sector": {"nganh.admin", "nganh.thidua"}}
CANCELLERS = {
    "bvdk": ISSUERS["bvdk"] | ISSUERS["sector"],
    "sector": ISSUERS["sector"],
}


@pytest.mark.django_db
def test_numbers_never_repeat_whatever_is_issued_or_cancelled(tree, people):
    users = people.users
    today = timezone.localdate()
    dates = [
        today,
        today.replace(month=1, day=1),
        today.replace(month=1, day=1).replace(year=today.year - 1),
        today + datetime.timedelta(days=1),
    ]
    units = {"bvdk": tree.bvdk, "sector": tree.sector}

    class Numbering(ServiceMachine):
        def records(self):
            return Document.objects.order_by("pk").values_list("pk", "status", "number", "version")

        @rule(unit=st.sampled_from(sorted(units)), doc_type=st.sampled_from(["KH", "QĐ", "CV"]))
        def create(self, unit, doc_type):
            by = users["bvdk.thidua" if unit == "bvdk" else "nganh.thidua"]
            services.create_document(
                org=units[unit], by=by, doc_type=doc_type, title="Kế hoạch thi đua"
            )

        @rule(data=st.data(), pick=st.integers(0, 9), issued_on=st.sampled_from(dates))
        def issue(self, data, pick, issued_on):
            document = self.pick(pick)
            if document is None:
                return
            unit = "bvdk" if document.org_id == tree.bvdk.pk else "sector"
            actor = data.draw(actors(ISSUERS[unit], users), label="actor")
            if self.attempt(
                services.issue_document, document, by=users[actor], issued_on=issued_on
            ):
                assert actor in ISSUERS[unit] and issued_on <= today

        @rule(data=st.data(), pick=st.integers(0, 9))
        def cancel(self, data, pick):
            document = self.pick(pick)
            if document is None:
                return
            unit = "bvdk" if document.org_id == tree.bvdk.pk else "sector"
            actor = data.draw(actors(CANCELLERS[unit], users), label="actor")
            number = document.number
            cancelled = self.attempt(
                services.cancel_document, document, by=users[actor], reason="Ban hành nhầm"
            )
            if cancelled:
                assert actor in CANCELLERS[unit]
                assert cancelled.number == number

        def pick(self, index):
            documents = list(Document.objects.order_by("pk"))
            return documents[index % len(documents)] if documents else None

        @invariant()
        def numbers_are_one_to_n_per_unit_year_and_series(self):
            series = defaultdict(list)
            for document in Document.objects.exclude(number=None):
                series[(document.org_id, document.year, document.series)].append(document.number)
                assert document.number_symbol.startswith(f"{document.number:02d}/")
            for numbers in series.values():
                assert sorted(numbers) == list(range(1, len(numbers) + 1)), numbers

        @invariant()
        def drafts_have_no_number_and_changes_are_recorded(self):
            for document in Document.objects.all():
                assert_recorded(document, DOCUMENT_TRANSITIONS, DocumentStatus.DRAFT)
                if document.status == DocumentStatus.DRAFT:
                    assert document.number is None
                if document.status == DocumentStatus.ISSUED:
                    assert document.number is not None

    run(Numbering)
