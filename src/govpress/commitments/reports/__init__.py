"""Quarterly progress reports and the exemplar services' progress through the service phases."""
