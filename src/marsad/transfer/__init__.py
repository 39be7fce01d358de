"""Getting data in and out: spreadsheet and external-dataset imports, exports, public releases.

The pure halves live in ``marsad.engines`` (reading files, parsing rows, UCDP/ACLED mapping,
writing formats, public coarsening); this package joins them to the database.
"""
