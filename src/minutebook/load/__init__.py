"""Reading files: YAML with line numbers, Markdown front matter, the repository walk."""
