"""Signals of changes to the union tree that data kept per subtree must follow.

``subtree_changing`` is sent (``sender=OrgUnit``, ``org=``) inside the transaction before a unit
moves to another parent or changes kind or employer type, ``subtree_changed`` after it (the unit
reloaded). ``dashboard.rollups`` moves the unit's awards between the pre-aggregated statistics of
the old and the new upper units.
"""

from django.dispatch import Signal

subtree_changing = Signal()
subtree_changed = Signal()
