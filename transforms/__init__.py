"""Stage 2: text and metadata extraction, normalisation, identity and dedup."""
