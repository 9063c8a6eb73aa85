"""Check implementations, one module per finding category; every module here is imported by the
engine so that its @check functions are registered."""
