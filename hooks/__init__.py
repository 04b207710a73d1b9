"""MkDocs hooks: the glue between generated artifacts and the pages of docs/."""
