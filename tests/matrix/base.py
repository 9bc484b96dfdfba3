"""The vocabulary of the visibility matrix: the demo logins, ``expect``, ``Check`` and the lazy
``World`` whose records are built on first use by the ``@builder`` functions of each area module.
"""

from dataclasses import dataclass, field

USERS = [
    "nganh.admin",
    "nganh.thidua",
    "hoidong.1",
    "kiemtra",
    "ldld",
    "bvdk.chutich",
    "bvdk.thidua",
    "bvnhi.chutich",
    "bvnhi.thidua",
    "doanvien",
]
SECTOR_READERS = {"nganh.admin", "nganh.thidua", "hoidong.1", "kiemtra", "ldld"}
BVDK_STAFF = {"bvdk.chutich", "bvdk.thidua"}
BVNHI_STAFF = {"bvnhi.chutich", "bvnhi.thidua"}
STAFF = SECTOR_READERS | BVDK_STAFF | BVNHI_STAFF
MEMBER_EDITORS_OF_BVDK = {"nganh.admin", "nganh.thidua"} | BVDK_STAFF


def expect(allowed, *, denied=403, hidden=(), ok=200, **special):
    """``{username: status}``: 404 for ``hidden`` (outside their reach), ``ok`` (200, or 302 for
    a form that redirects after a successful POST) for ``allowed``, ``denied`` for the others;
    ``special`` overrides one user (``doanvien=302``)."""
    statuses = {u: 404 if u in hidden else ok if u in allowed else denied for u in USERS}
    statuses.update({name.replace("_", ".", 1): status for name, status in special.items()})
    return statuses


@dataclass
class Check:
    """One page or endpoint and the status each login gets.

    For a list, ``shows(world)`` gives a text that identifies one record (its title, code or
    id in the JSON); the logins in ``shown_to`` must find it in a 200 answer and every other
    login answered 200 must not.
    """

    name: str
    url: object  # callable(world) -> str
    statuses: dict
    method: str = "get"
    api: bool = False
    data: object = field(default_factory=dict)  # a dict, or callable(world) -> dict
    htmx: bool = False
    shows: object = None  # callable(world) -> str
    shown_to: frozenset = frozenset()

    def __str__(self):
        return self.name

    def payload(self, world):
        return self.data(world) if callable(self.data) else self.data


BUILDERS = {}


def builder(name):
    """Register ``function(world)`` as the builder of ``world.<name>`` (built once, when used)."""

    def register(function):
        if name in BUILDERS:
            raise ValueError(f"two builders for world.{name}")
        BUILDERS[name] = function
        return function

    return register


class World:
    """The records the checks point at: the fixed ones given at creation, the others built by
    their registered builder the first time a check asks for them."""

    def __init__(self, **records):
        self.__dict__.update(records)

    def __getattr__(self, name):
        if name.startswith("_") or name not in BUILDERS:
            raise AttributeError(name)
        value = BUILDERS[name](self)
        setattr(self, name, value)
        return value
