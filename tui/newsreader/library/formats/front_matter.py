"""YAML front matter: find it, and load it without trusting it.

Article files come from anywhere, so the YAML between the `---` lines is hostile until
proven otherwise. What could hurt, and what stops it:

- `!!python/object` and other tags that run code: the safe loader refuses them.
- alias bombs ("billion laughs": anchors that repeat anchors): aliases are refused outright.
  Front matter has no use for them, and even a small bomb becomes 10⁹ strings the moment
  anything walks the loaded value.
- deep nesting (`[[[[…`): the composer recurses (in C, with libyaml), so nesting is capped
  at 32 levels, checked on the parser's events before anything is composed.
- sheer size: front matter over 64 KB is not parsed at all.
- numbers with 100,000 digits (int() raises ValueError past 4,300 digits): only strings,
  booleans and nulls are resolved implicitly, so `title: 1984` stays the text "1984" and
  `date: 2026-02-30` stays a string the date parser can reject on its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsreader.library.formats.quoted_fields import load_quoted_fields

if TYPE_CHECKING:
    import yaml

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_NESTING = 32
_KEPT_IMPLICIT_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What `split_front_matter` found: the loaded mapping (empty when there was none or
    it was unusable), the Markdown after it, and what went wrong."""

    fields: dict[str, Any]
    body: str
    problems: tuple[str, ...] = ()


class _Refused(Exception):
    """The YAML asks for something we do not allow; the message says what, for the reader."""


@functools.cache
def _front_matter_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader that makes only text, booleans and nulls of plain scalars.

    Built on first need: front matter in the fetcher's quoted shape never needs PyYAML,
    and `newsreader comment` on such an article does without importing it.
    """
    import yaml

    try:  # libyaml: about six times faster, which a scan of thousands of articles feels
        from yaml import CSafeLoader as safe_loader
    except ImportError:  # pragma: no cover - PyYAML built without libyaml: same rules, slower
        from yaml import SafeLoader as safe_loader  # type: ignore[assignment]

    resolvers = {
        first: [(tag, pattern) for tag, pattern in found if tag in _KEPT_IMPLICIT_TAGS]
        for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return type("FrontMatterLoader", (safe_loader,), {"yaml_implicit_resolvers": resolvers})


def split_front_matter(text: str) -> FrontMatter:
    """Separate `---` … `---` (or `...`) front matter from the Markdown body and load it.

    `text` must already have `\\n` line endings. Without a `---` first line the whole text
    is the body. Whatever is wrong with the front matter, the body is still returned.
    """
    if text.split("\n", 1)[0].rstrip() != "---":
        return FrontMatter({}, text)
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:number])
            body = "\n".join(lines[number + 1 :])
            break
    else:
        # A lone `---` may just be a thematic break: show everything, but say why the
        # fields a writer expected are missing.
        return FrontMatter({}, text, ("front matter starts with '---' but never ends",))
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        limit_kb = MAX_FRONT_MATTER_CHARS // 1024
        return FrontMatter({}, body, (f"front matter is over {limit_kb} KB and was ignored",))
    fields, problem = _load(yaml_text)
    return FrontMatter(fields, body, (problem,) if problem else ())


def _refuse_aliases_and_deep_nesting(yaml_text: str) -> None:
    """Walk the parser's events (no objects built yet) and stop at anything we refuse.

    The parser keeps its own stack, so even 60,000 nested `[` are walked safely here; the
    composer that runs afterwards recurses, and with libyaml it recurses in C.
    """
    import yaml

    depth = 0
    for event in yaml.parse(yaml_text, Loader=_front_matter_loader()):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("front matter uses YAML aliases (*name), which are not allowed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise _Refused(f"front matter is nested more than {MAX_NESTING} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _load(yaml_text: str) -> tuple[dict[str, Any], str | None]:
    quoted = load_quoted_fields(yaml_text)
    if quoted is not None:
        return {key.strip().casefold(): value for key, value in quoted.items()}, None
    import yaml

    try:
        _refuse_aliases_and_deep_nesting(yaml_text)
        loaded = yaml.load(yaml_text, Loader=_front_matter_loader())  # a SafeLoader subclass
    except _Refused as refusal:
        return {}, str(refusal)
    except yaml.constructor.ConstructorError as error:
        if "constructor for the tag" in str(error.problem):
            return {}, f"front matter uses a YAML tag that is not allowed ({_where(error)})"
        return {}, f"front matter could not be loaded ({_where(error)})"
    except yaml.YAMLError as error:
        return {}, f"front matter is not valid YAML ({_where(error)})"
    except (ValueError, RecursionError, MemoryError) as error:  # explicit !!int, !!timestamp
        return {}, f"front matter could not be read ({type(error).__name__})"
    if loaded is None:
        return {}, None
    if not isinstance(loaded, dict):
        return {}, f"front matter is a {_kind(loaded)}, not a set of fields; ignored"
    # Keys are matched case-insensitively (`Title:` works); non-text keys cannot be ours.
    return {
        key.strip().casefold(): value for key, value in loaded.items() if isinstance(key, str)
    }, None


def _where(error: yaml.YAMLError) -> str:
    """`line 3: found undefined tag handle` — line numbers counted in the whole file."""
    import yaml

    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = " ".join(str(error.problem or error.context or "").split())[:100]
        if mark is not None:
            return f"line {mark.line + 2}: {what}"  # +1 for 1-based, +1 for the opening ---
        return what
    return type(error).__name__


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "piece of text"
    return type(value).__name__
