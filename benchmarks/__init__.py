"""`make bench`: drive the real program and print medians and ratios (see DESIGN.md)."""
