"""The design doc as a living check: `design sync` writes the parts of docs/design-doc.md
that the code and the config know, `design check` holds the rest of the doc against them.

Only `facts.code_facts` imports the loops' code (and so the data stack); the rest reads
text, the config and files, so that a new project's doc is filled without installing it.
"""
