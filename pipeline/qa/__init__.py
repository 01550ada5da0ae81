"""Quality checks of translations (``pipeline check``) and what they know about words."""
