"""The translation memory: reviewed translations for exact and fuzzy matches, TMX files."""
