"""jixiao's built-in plugins: rule kinds, extractors and formatters.

They are registered by `jixiao.plugins.builtin` through the entry-point group `jixiao`, exactly as a
third-party plugin registers its own.
"""
