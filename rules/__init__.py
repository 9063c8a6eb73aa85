"""Rule data (YAML catalogue, JSON Schemas, regimes, authority matrix), shipped as package data."""
