"""Public verification of certificates: what the certificate itself shows, and whether it still
stands. No login; nothing beyond the printed certificate (no member id, no birth date).

``check_rate`` limits each client address to ``RATE_LIMIT_VERIFY_PER_ADDRESS`` lookups (page
and API together, ``thidua.core.ratelimit``), so codes cannot be guessed in bulk.
"""

from thidua.core import ratelimit
from thidua.decisions.models import Certificate


def find(code):
    """The certificate of ``code``, or None (malformed codes included)."""
    code = (code or "").strip()
    if not code or len(code) > 40:
        return None
    return (
        Certificate.objects.select_related(
            "item__decision__org",
            "item__award_type",
            "item__holder_org",
            "item__member__org",
            "item__revocation",
        )
        .filter(code=code)
        .first()
    )


def public_status(certificate):
    """The public facts of ``certificate`` (the API's verify object)."""
    item = certificate.item
    decision = item.decision
    revocation = getattr(item, "revocation", None)
    return {
        "code": certificate.code,
        "valid": revocation is None,
        "status": "valid" if revocation is None else "revoked",
        "recipient": item.recipient_name,
        "unit": item.member.org.name if item.member_id else item.holder_org.name,
        "award": item.award_type.name,
        "decision_number": decision.number_symbol,
        "decided_on": decision.signed_on,
        "issued_by": decision.org.name,
        "revoked_on": revocation.revoked_on if revocation else None,
        "revocation_reason": revocation.reason_text if revocation else None,
    }


def check_rate(request):
    """Count this lookup; the seconds to wait when the address went over the limit, else 0."""
    return ratelimit.hit("RATE_LIMIT_VERIFY_PER_ADDRESS", ratelimit.client_address(request))
