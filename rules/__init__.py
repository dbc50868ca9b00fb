"""Built-in YAML rule packs (package data)."""
