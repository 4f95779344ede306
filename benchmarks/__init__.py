"""`make bench`: drive the real reader (and its references) in a terminal and time it."""
