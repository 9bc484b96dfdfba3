from django.conf import settings


def site(request):
    """Site-wide template values: name, demo mode, and the navigation for the user's roles."""
    from thidua.core.navigation import navigation_for
    from thidua.core.notifications import unread_count

    user = getattr(request, "user", None)
    return {
        "unread_notifications": unread_count(user) if user is not None else 0,
        "SITE_NAME": settings.SITE_NAME,
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": navigation_for(request.user) if hasattr(request, "user") else [],
    }
