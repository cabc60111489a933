"""The licence of the open data, named once for the API, the CSV files and the pages."""

# CC0: the cooperation's own decisions, plans and reports may be reused without conditions,
# as the Swedish open data guidance recommends for public bodies' data.
LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"
KOLADA_CITATION = "Källa: Kolada"
