"""The resource library: shared training materials with their language versions."""
