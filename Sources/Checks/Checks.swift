// Checks: see files in this directory.
