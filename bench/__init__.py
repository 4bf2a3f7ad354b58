"""`make bench`: speed and weight of the knowledge base, measured on synthetic corpora."""
