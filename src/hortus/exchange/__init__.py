"""Other services' files: importers, exporters, the garden's dates as calendar events, the
vobject adapter (`vcf`) and the import report (`report`)."""
