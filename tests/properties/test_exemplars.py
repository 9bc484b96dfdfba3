"""Exemplars found, verified and honoured by every role.

Invariants: each exemplar only moves found → verified → honoured with a recorded transition; a
verified exemplar has who and when, an honoured one its date; refused calls change nothing.
"""

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from tests.properties.machine import ServiceMachine, actors, assert_recorded, run
from thidua.exemplars import services
from thidua.exemplars.models import EXEMPLAR_TRANSITIONS, Exemplar, ExemplarStatus

# Where each finder records; the sector's roles verify and honour anything below CDN-YT.
FINDERS = {
    "bvdk.chutich": "bvdk",
    "bvdk.thidua": "bvdk",
    "bvnhi.chutich": "bvnhi",
    "bvnhi.thidua": "bvnhi",
    "nganh.admin": "sector",
    "nganh.thidua": "sector",
    "kiemtra": "sector",
}
MANAGERS = {"nganh.admin", "nganh.thidua"}


@pytest.mark.django_db
def test_no_sequence_of_actions_breaks_the_exemplar_rules(tree, people):
    users = people.users
    units = {"bvdk": tree.bvdk, "bvnhi": tree.bvnhi, "sector": tree.sector}
    nominees = {"bvdk": people.hong, "bvnhi": people.child_doctor, "sector": people.nurse}
    today = timezone.localdate()

    class Exemplars(ServiceMachine):
        def records(self):
            return Exemplar.objects.order_by("pk").values_list("pk", "status", "version")

        @rule(actor=actors(FINDERS, users), unit=st.sampled_from(sorted(units)))
        def find(self, actor, unit):
            found = self.attempt(
                services.create_exemplar,
                by=users[actor],
                owner_org=units[unit],
                member=nominees[unit],
                source="field_visit",
                story="Tận tụy chăm sóc người bệnh",
            )
            if found is not None:
                assert actor in FINDERS
                assert unit == FINDERS[actor] or FINDERS[actor] == "sector"

        @rule(data=st.data(), pick=st.integers(0, 5), honor=st.booleans())
        def review(self, data, pick, honor):
            exemplars = list(Exemplar.objects.order_by("pk"))
            if not exemplars:
                return
            exemplar = exemplars[pick % len(exemplars)]
            actor = data.draw(actors(MANAGERS, users), label="actor")
            if honor:
                done = self.attempt(
                    services.honor_exemplar,
                    exemplar,
                    by=users[actor],
                    honored_on=today,
                    how="ceremony",
                )
            else:
                done = self.attempt(services.verify_exemplar, exemplar, by=users[actor])
            if done is not None:
                assert actor in MANAGERS

        @invariant()
        def every_change_is_a_recorded_allowed_transition(self):
            for exemplar in Exemplar.objects.all():
                assert_recorded(exemplar, EXEMPLAR_TRANSITIONS, ExemplarStatus.FOUND)
                if exemplar.status != ExemplarStatus.FOUND:
                    assert exemplar.verified_at and exemplar.verified_by_id
                if exemplar.status == ExemplarStatus.HONORED:
                    assert exemplar.honored_on == today

    run(Exemplars)
