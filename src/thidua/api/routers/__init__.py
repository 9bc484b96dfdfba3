"""Registry of the API's routers: ``(prefix, router)``; a new domain adds one line here."""

from thidua.api.routers import (
    awards,
    council,
    documents,
    exemplars,
    forwarding,
    identity,
    kpis,
    members,
    movements,
    nominations,
    orgs,
    oversight,
    reporting,
)

ROUTERS = [
    ("", identity.router),
    ("/orgs", orgs.router),
    ("/members", members.router),
    ("/documents", documents.router),
    ("/movements", movements.router),
    ("/plans", movements.plans_router),
    ("/reporting-rounds", reporting.rounds_router),
    ("/reports", reporting.reports_router),
    ("/kpis", kpis.router),
    ("/award-types", awards.award_types_router),
    ("/base-salaries", awards.base_salaries_router),
    ("/initiatives", awards.initiatives_router),
    ("/quotas", nominations.quotas_router),
    # Fixed paths (/nominations/publish) before the router whose paths take an id.
    ("/nominations", council.notice_router),
    ("/nominations", nominations.router),
    ("/nominations", forwarding.upper_router),
    ("/forwarding", forwarding.router),
    ("/exemplars", exemplars.router),
    ("/inspections", oversight.inspections_router),
    ("/officers", oversight.officers_router),
    ("/trainings", oversight.trainings_router),
    ("/feedback", council.feedback_router),
    ("/council-sessions", council.sessions_router),
]
