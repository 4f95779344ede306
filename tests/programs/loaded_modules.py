"""Import some modules, then print (as JSON) which modules under some names got loaded.

usage: loaded_modules.py MODULE... -- NAME...
A module counts as under NAME when it is NAME or inside it (NAME.something).
"""

import importlib
import json
import sys

split = sys.argv.index("--")
for module in sys.argv[1:split]:
    importlib.import_module(module)
names = sys.argv[split + 1 :]
loaded = sorted(
    module
    for module in sys.modules
    if any(module == name or module.startswith(name + ".") for name in names)
)
print(json.dumps(loaded))
