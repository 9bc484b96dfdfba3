"""Registry of the API's routers: ``(prefix, router)``; a new domain adds one line here."""

from thidua.api.routers import identity, members, orgs

ROUTERS = [
    ("", identity.router),
    ("/orgs", orgs.router),
    ("/members", members.router),
]
