"""The incremental note store (`notestore`), its record codec (`codec`), the on-disk cache
(`cache`) and the key that says nothing changed (`unchanged`)."""
