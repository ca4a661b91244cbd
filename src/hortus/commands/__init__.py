"""The commands composed from the loader and the person and exchange layers: `person`
(log, add, show, open, completion) and `transfer` (import, export)."""
