"""Exchange with agencies and CAT tools: XLIFF files out, and back into the catalogs."""
