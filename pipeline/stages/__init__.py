"""The stages, one module per command: extract, translate, status, evaluate."""
