"""Reading commitments out of the legacy site's sources (department-response partials, strategy, home page)."""
