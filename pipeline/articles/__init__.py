"""Articles: the shared model, reading seed files, German sentence segmentation, Markdown articles and per-locale typography."""
