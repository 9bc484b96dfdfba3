from django.conf import settings


def site(request):
    """Site-wide template values: name, demo mode, and the navigation for the user's roles."""
    from thidua.core.navigation import navigation_for

    return {
        "SITE_NAME": settings.SITE_NAME,
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": navigation_for(request.user) if hasattr(request, "user") else [],
    }
