"""Test harness: fixture files, a local HTTP server, axe-core through Playwright, and the Nu Html Checker."""
