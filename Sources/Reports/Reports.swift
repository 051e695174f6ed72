// Reports: see files in this directory.
