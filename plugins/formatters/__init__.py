"""Built-in output formats, each registered through the `jixiao_register_formatters` hook."""
