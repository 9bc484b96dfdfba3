"""Public verification of certificates: what the certificate itself shows, and whether it still
stands. No login; nothing beyond the printed certificate (no member id, no birth date).

``check_rate`` limits each client address to ``VERIFY_RATE_LIMIT`` lookups a minute (a Django
cache counter), so codes cannot be guessed in bulk.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from thidua.decisions.models import Certificate

WINDOW_SECONDS = 60
DEFAULT_LIMIT = 60


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


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def check_rate(request):
    """Count this lookup; False when the address went over the limit in the current minute."""
    limit = getattr(settings, "VERIFY_RATE_LIMIT", DEFAULT_LIMIT)
    window = int(timezone.now().timestamp() // WINDOW_SECONDS)
    key = f"verify-rate:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS * 2):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
    return count <= limit
