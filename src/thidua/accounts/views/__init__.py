"""Account pages, one module per feature: auth, two_factor, profile, users."""
