"""Transparency: what the public may see, the open data API, search and the public cache.

`public.py` is the one place that decides what is public; the API, the CSV downloads and the
search read only through it, so a draft cannot leak through one door that another keeps shut.
"""
