"""Reading notes: finding and decoding files (`read`), the fast line scanner (`scanner`), and
the Markdown parse into records (`parse`)."""
