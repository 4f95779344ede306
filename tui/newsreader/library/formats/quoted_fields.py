"""A fast path for front matter in the shape the fetcher writes: every line `key: "…"` or
`key: ["…", …]`, each value a JSON string; and for the simplest hand-written lines,
`key: plain words` (letters, digits, spaces and `.,'()/+-&!?`, starting with a letter or
digit: no colon, no `#`, nothing YAML reads as a boolean or null).

For those shapes JSON (or the text itself) and YAML agree, once the few differences are
ruled out (raw characters YAML reads as line breaks or refuses, `\\u` escapes of surrogate
halves, keys YAML reads as booleans or null); `tests/test_quoted_fields.py` checks the
agreement against PyYAML on generated input. Anything else returns None and goes to the YAML
loader. Loading 5,000 fetched articles' front matter took PyYAML (with libyaml) 1.2 s of a
3.5 s first indexing; and a `newsreader comment` on an article with `title: Harbour news`
need not import PyYAML at all.
"""

from __future__ import annotations

import json
import re

_LINE = re.compile(r'([A-Za-z0-9_][A-Za-z0-9_-]*): ([\["].*)')
# A plain scalar that our loader (no int, float or date resolvers) reads as the text itself.
_PLAIN_LINE = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]*): ([^\W_](?:[\w .,'()/+&!?-]*[\w.)!?])?)")
# Raw, YAML folds or refuses these; escaped, it refuses surrogate halves.
_YAML_DIFFERS = re.compile(
    "[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|\\\\u[dD][89abAB]"
)
_NOT_TEXT_KEYS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}


def load_quoted_fields(yaml_text: str) -> dict[str, str | list[str]] | None:
    """The fields of front matter in the quoted shape, or None when it is not."""
    if _YAML_DIFFERS.search(yaml_text):
        return None
    fields: dict[str, str | list[str]] = {}
    for line in yaml_text.split("\n"):
        plain = _PLAIN_LINE.fullmatch(line)
        if plain is not None and plain[2].lower() not in _NOT_TEXT_KEYS:
            if plain[1].lower() in _NOT_TEXT_KEYS:
                return None
            fields[plain[1]] = plain[2]
            continue
        found = _LINE.fullmatch(line)
        if found is None or found[1].lower() in _NOT_TEXT_KEYS:
            return None
        try:
            value = json.loads(found[2])
        except (ValueError, RecursionError):  # `[[[[…`: the YAML path refuses it in words
            return None
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                return None
        elif not isinstance(value, str):
            return None
        fields[found[1]] = value
    return fields
