"""Watching the vault: watchdog events (`watcher`), their debounce, and the notes kept in
memory between saves (`live`)."""
