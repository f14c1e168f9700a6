"""A target that will not import: gradaudit must say so in one line (exit 2)."""
raise ImportError("this module is broken on purpose")
