"""The core records (`model`), the operation failures (`errors`) and hortus.toml (`config`)."""
