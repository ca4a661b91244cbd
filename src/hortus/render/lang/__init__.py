"""One message catalogue per language. Keys are the same in each (a test checks it)."""
