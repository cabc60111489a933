"""Django's admin autodiscovery imports this module; it registers every domain's admin
classes with the one admin site (site.py)."""

from samverkan.backoffice.admins import accounts, audit, followup, organisation, planning, strategy

__all__ = ["accounts", "audit", "followup", "organisation", "planning", "strategy"]
