"""The published site: pages generated as a pure function of the checked dataset.

``pages.render_site`` returns {path: content}; only ``plugin`` imports MkDocs.
"""
