"""Quality suites: accessibility (axe-core) and HTML validity (Nu Html Checker) of built sites."""
