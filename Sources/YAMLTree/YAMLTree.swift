// YAMLTree: see files in this directory.
