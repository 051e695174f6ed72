// Model: see files in this directory.
