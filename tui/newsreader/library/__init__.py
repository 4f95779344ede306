"""Articles as data: reading files, scanning a library, read marks. Never imports textual."""
