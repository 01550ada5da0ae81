"""Article localisation pipeline: German articles to French and English editions via gettext."""
