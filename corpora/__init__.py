"""Reference data the project owns (registry, admin units, lexicons, example drafts), shipped as package data."""
