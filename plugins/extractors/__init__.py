"""Built-in extractors: each reads one type of source file into a report."""
