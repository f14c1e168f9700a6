"""Code under audit, NumPy only: ``seed`` (the article's code as published) and
``fixed`` (its corrected twin, same public API)."""
