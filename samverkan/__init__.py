"""samverkan — planning and follow-up for a regional cooperation between municipalities."""

__version__ = "0.1.0"
