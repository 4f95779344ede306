"""The quoted-fields fast path gives what PyYAML gives, or steps aside (None)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.feeds.entry_files import yaml_quoted
from newsreader.library.formats.front_matter import _front_matter_loader, split_front_matter
from newsreader.library.formats.quoted_fields import load_quoted_fields

ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=30)
KEYS = st.one_of(
    st.sampled_from(["title", "Title", "yes", "No", "null", "on", "1984", "a_b", "x-y", "~"]),
    st.text("abcXYZ019_-~ :", min_size=1, max_size=8),
)
# Value text as a person (or an attacker) might type it between the quotes: escapes of
# every kind, valid or not, in JSON's syntax or YAML's.
ESCAPY = st.text(
    st.sampled_from([*'ab "\\/ubdfnrtxUeN0_89DAc#:[],\t', "\u2028", "\x85", "é", "😀"]),
    max_size=16,
)


def yaml_says(text: str) -> object:
    try:
        return yaml.load(text, Loader=_front_matter_loader())
    except (yaml.YAMLError, ValueError):
        return "YAML refuses it"


def check(text: str) -> None:
    fast = load_quoted_fields(text)
    if fast is not None:
        assert fast == yaml_says(text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(KEYS, st.one_of(ANY_TEXT, st.lists(ANY_TEXT, max_size=3)))))
def test_what_the_fetcher_writes_loads_the_same_either_way(
    fields: list[tuple[str, str | list[str]]],
) -> None:
    lines = []
    for key, value in fields:
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(map(yaml_quoted, value))}]")
        else:
            lines.append(f"{key}: {yaml_quoted(value)}")
    check("\n".join(lines))


@settings(max_examples=600, deadline=None)
@given(KEYS, ESCAPY, st.sampled_from(['"{}"', '["{}"]', '["{}", "x"]', '"{}"  ', "'{}'", "{}"]))
def test_hand_written_values_load_the_same_or_go_to_yaml(key: str, inner: str, shape: str) -> None:
    check(f"{key}: {shape.format(inner)}")


def test_the_fetchers_shape_takes_the_fast_path() -> None:
    text = 'title: "Tide \\"clocks\\"\\u0085"\ntags: ["harbour", "ferries"]\nid: "urn:1"'
    assert load_quoted_fields(text) == {
        "title": 'Tide "clocks"\x85',
        "tags": ["harbour", "ferries"],
        "id": "urn:1",
    }


def test_other_shapes_go_to_yaml() -> None:
    for text in ('yes: "a"', 'a: "x" # note', 'a: "\\ud83d\\ude00"', "", "a: yes", "a: b: c"):
        assert load_quoted_fields(text) is None, text


def test_simple_hand_written_lines_take_the_fast_path() -> None:
    text = "title: Harbour's wall (2026)\nauthor: Zoë Ng\ndate: 2026-11-21\nsource: 1984"
    assert load_quoted_fields(text) == {
        "title": "Harbour's wall (2026)",
        "author": "Zoë Ng",
        "date": "2026-11-21",
        "source": "1984",  # no number resolvers on our loader: text, as YAML gives it
    }


# Plain values as people type them, with what YAML treats specially mixed in.
PLAIN = st.text(
    st.sampled_from([*"aZ09 .,'()/+&!?-_:#@*%|>`~[]{}\"\t", "é", "ß", "ǅ", "\u0301", "٣", "😀"]),
    min_size=1,
    max_size=14,
)


@settings(max_examples=800, deadline=None)
@given(KEYS, PLAIN, st.sampled_from(["{}", "Yes", "NULL", "off", "{} ", " {}"]))
def test_plain_values_load_the_same_or_go_to_yaml(key: str, value: str, shape: str) -> None:
    check(f"{key}: {shape.format(value) if '{}' in shape else shape}")
    check(f"title: Fine words\n{key}: {value}")


def test_keys_are_folded_as_on_the_yaml_path() -> None:
    found = split_front_matter('---\nTitle: "Loud"\n---\nBody\n')
    assert found.fields == {"title": "Loud"} and found.problems == ()
