#!/usr/bin/env python3
"""Expands $VAR and ${VAR} on every line that does not start with '#'; unknown variables stay as they are."""
import os
import sys

path = sys.argv[1]
with open(path) as f:
    lines = f.readlines()
with open(path, "w") as f:
    for line in lines:
        f.write(line if line.lstrip().startswith("#") or "$" not in line else os.path.expandvars(line))
