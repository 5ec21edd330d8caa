"""The govpress Markdown engine: Python-Markdown plus the kramdown-compatibility and legacy dialect processors."""
