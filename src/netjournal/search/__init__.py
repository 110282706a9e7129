"""Layer 3: finding people.

One text analyser, the full-text index, synonyms, the matcher behind
introductions, and search queries. Imports layers 0 to 2.
"""
