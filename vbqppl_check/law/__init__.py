"""Legal knowledge as data: regimes by date, authority, administrative units, the registry of documents."""
