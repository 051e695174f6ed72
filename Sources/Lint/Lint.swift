// Lint: see files in this directory.
