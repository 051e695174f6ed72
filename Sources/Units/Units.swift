// Units: see files in this directory.
