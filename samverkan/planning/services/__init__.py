"""Writes to plans and reports: `services.plans` and `services.reports`."""
