"""Reading a set-up file: YAML in, a checked SetupFile out, or every error with its line.

A secretariat writes this file by hand, so a refusal must say where: each error carries the
line of the key or list item it concerns. Nothing is written here; services.apply() does
that, and only with a file that has passed every check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from samverkan.organisation.services import LOGO_MAX_BYTES, logo_check
from samverkan.setup.schema import SetupFile, cross_references


@dataclass(frozen=True)
class Problem:
    line: int | None
    where: str  # the path in the file, such as municipalities[2].code
    message: str

    def __str__(self) -> str:
        place = _("line %(n)s") % {"n": self.line} if self.line else _("the file")
        return (
            f"{place}: {self.where}: {self.message}" if self.where else f"{place}: {self.message}"
        )


class SetupFileError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# The file comes from a person, also through the web form: it is small and plain. Caps
# keep a hostile one from taking the server's memory or stack.
MAX_BYTES = 1_000_000
MAX_DEPTH = 20


class _Refused(yaml.MarkedYAMLError):
    """A file PyYAML could read but that we will not: the problem is already in Swedish."""


class _Loader(yaml.SafeLoader):
    """YAML without its own date reading: `2019-13-45` would stop PyYAML with a bare
    ValueError and no line; as text, the schema refuses it at its line like any other value.

    Without aliases: `*name` repeats what `&name` marked, and nested repeats grow
    exponentially ("billion laughs": a few hundred bytes that build billions of values).
    A set-up file never needs them. And no deeper than MAX_DEPTH: the composer recurses."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _Refused(
                problem=_(
                    "references (an alias *name to an anchor &name) are not allowed: write "
                    "the value out in full"
                ),
                problem_mark=self.peek_event().start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    problem=_("the file nests more than %(n)s levels deep") % {"n": MAX_DEPTH},
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _lines(node: yaml.Node, path: tuple = (), found: dict | None = None) -> dict[tuple, int]:
    """The line (1-based) of every key and list item, by its path in the document."""
    found = {} if found is None else found
    found.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            found[child] = key.start_mark.line + 1
            _lines(value, child, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            found[child] = item.start_mark.line + 1
            _lines(item, child, found)
    return found


def _where(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line_of(path: tuple, lines: dict[tuple, int]) -> int | None:
    # The deepest part of the path the file has: a missing key is reported at its parent.
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


# Pydantic's messages are English; these are the ones a hand-written file meets.
def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "string_type" and error["loc"] and error["loc"][-1] == "code":
        # YAML reads 1234 as a number and would read 0123 as 123.
        return _("write the code in quotes, such as '0180': a code may begin with 0")
    known = {
        "missing": _("this is required"),
        "extra_forbidden": _("unknown key (check the spelling)"),
        "int_parsing": _("write a whole number"),
        "int_type": _("write a whole number"),
        "bool_parsing": _("write true or false"),
        "bool_type": _("write true or false"),
        "date_from_datetime_parsing": _("write a date as YYYY-MM-DD"),
        "date_parsing": _("write a date as YYYY-MM-DD"),
        "date_type": _("write a date as YYYY-MM-DD"),
        "string_type": _("write text"),
        "list_type": _("write a list"),
        "model_type": _("write the keys of a section"),
        "dict_type": _("write the keys of a section"),
        "string_too_short": _("this cannot be empty"),
        "string_too_long": _("this is too long"),
        "too_short": _("the list cannot be empty"),
        "string_pattern_mismatch": _(
            "use only lower-case letters a–z, digits and hyphens, such as 'bibliotek'"
        ),
    }
    if kind in known:
        return str(known[kind])
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return _("choose one of %(choices)s") % {"choices": ", ".join(choices)}
    if kind in {"greater_than", "greater_than_equal"}:
        return _("the number is too small")
    if kind in {"less_than", "less_than_equal"}:
        return _("the number is too large")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def read(path: Path | str, commitment_codes: set[str]) -> SetupFile:
    """The checked contents of the file at `path`; raises SetupFileError with every problem."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise SetupFileError([Problem(None, "", _too_large())])
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupFileError([Problem(None, "", _("cannot be read: %(e)s") % {"e": exc})]) from exc
    return parse(text, commitment_codes, folder=Path(path).parent)


def _too_large() -> str:
    return _("the file is larger than %(mb)s MB: a set-up file is much smaller") % {
        "mb": MAX_BYTES // 1_000_000
    }


def _read_logo(spec: SetupFile, folder: Path | None, lines: dict[tuple, int]) -> None:
    """Read and check the logo the file names, beside the file; pasted text has no beside."""
    name = spec.cooperation.logo
    if not name:
        return
    path = ("cooperation", "logo")

    def refuse(message: str) -> SetupFileError:
        return SetupFileError([Problem(_line_of(path, lines), _where(path), message)])

    if folder is None:
        # An uploaded or pasted file has no folder beside it: the rest is set up, the logo
        # is left for the administration (the page says so; see logo_left_out).
        return
    try:
        with (folder / name).open("rb") as file:
            data = file.read(LOGO_MAX_BYTES + 1)
    except OSError as exc:
        raise refuse(_("the logo cannot be read: %(e)s") % {"e": exc}) from exc
    try:
        logo_check(data)
    except DjangoValidationError as exc:
        raise refuse(" ".join(exc.messages)) from exc
    spec.cooperation._logo_data = data


def parse(text: str, commitment_codes: set[str], *, folder: Path | None = None) -> SetupFile:
    """The checked contents of `text`; a logo it names is read from `folder`."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise SetupFileError([Problem(None, "", _too_large())])
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader: builds plain data only
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise SetupFileError([Problem(line, "", str(exc.problem))]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SetupFileError(
            [Problem(line, "", _("not valid YAML: %(problem)s") % {"problem": problem})]
        ) from exc
    if not isinstance(data, dict) or node is None:
        raise SetupFileError([Problem(1, "", _("the file must start with the key cooperation:"))])
    lines = _lines(node)
    try:
        spec = SetupFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
            problems.append(Problem(_line_of(path, lines), _where(path), _message(error)))
        raise SetupFileError(sorted(problems, key=lambda p: p.line or 0)) from exc
    crossed = cross_references(spec, commitment_codes)
    if crossed:
        raise SetupFileError(
            sorted(
                (
                    Problem(_line_of(path, lines), _where(path), message)
                    for path, message in crossed
                ),
                key=lambda p: p.line or 0,
            )
        )
    _read_logo(spec, folder, lines)
    return spec
