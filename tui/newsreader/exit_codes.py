"""What `newsreader` and its subcommands exit with, the same for every command.

0: done. 1: the command ran but something failed or was found (the queue could not take a
comment, a library has problem files). 2: the input was refused (bad usage, invalid comment,
an id that does not fit); nothing was changed.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2
# `queue send`: 1 also says that some comments wait for a retry (nothing is wrong with them).
EXIT_RETRY = EXIT_FAILED
