"""Read a ``.vale.ini``: where the styles are, which rules run on which files, and how.

The file is INI as Vale reads it (go-ini with shadowed keys): ``key = value``
lines, ``;`` and ``#`` comment lines, ``[glob]`` sections, and a key given
twice keeping both values. Every mistake is a FactlintError naming the file
and line, so ``factlint check`` exits 2 with one line instead of guessing.
"""

from __future__ import annotations

import re
from pathlib import Path

from factlint.errors import FactlintError
from factlint.files import display_path
from factlint import regexstore
from factlint.records import field, record

LEVELS = {"suggestion": 1, "warning": 2, "error": 3}
CORE_KEYS = {"StylesPath", "MinAlertLevel", "IgnoredScopes", "SkippedScopes", "IgnoredClasses",
             "Vocab", "WordTemplate", "NLPEndpoint", "Packages"}
SYNTAX_KEYS = {"BasedOnStyles", "BlockIgnores", "TokenIgnores", "IgnorePatterns",
               "CommentDelimiters", "Transform", "Lang"}
CONFIG_NAMES = (".vale.ini", "_vale.ini", "vale.ini", ".vale", "_vale")

_SECTION = regexstore.compile(r"^\[(.*)\]\s*(?:[;#].*)?$")
_KEY = regexstore.compile(r"^([^=:]+?)\s*[=:]\s*(.*)$")


def is_vale_config(path: Path) -> bool:
    return path.name in CONFIG_NAMES or path.suffix == ".ini"


@record
class Section:
    """One ``[glob]`` section: the styles and rule settings for the files it matches."""

    pattern: str
    line: int
    base_styles: list[str] | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)
    comment_delimiters: tuple[str, str] | None = None

    def matches(self, path: str) -> bool:
        return bool(glob_regex(self.pattern).fullmatch(path.replace("\\", "/")))


@record
class ValeConfig:
    path: Path
    styles_paths: list[Path] = field(default_factory=list)
    min_level: int = 1
    # Vale's defaults; applied by view.doc_blocks (inline tags ignored, block tags skipped).
    ignored_scopes: list[str] = field(default_factory=lambda: ["code", "tt"])
    skipped_scopes: list[str] = field(default_factory=lambda: ["script", "style", "pre", "figure"])
    vocab: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    word_template: str = ""
    global_styles: list[str] = field(default_factory=list)
    global_checks: dict[str, bool] = field(default_factory=dict)
    # Level overrides from "Style.Rule = warning" (Vale keeps one per rule, the last).
    rule_levels: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    # Where each rule was named, for messages.
    rule_lines: dict[str, int] = field(default_factory=dict)
    global_block_ignores: list[str] = field(default_factory=list)
    global_token_ignores: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        return display_path(self.path)

    @property
    def styles_path(self) -> Path | None:
        return self.styles_paths[-1] if self.styles_paths else None

    def all_styles(self) -> list[str]:
        names = list(self.global_styles)
        for sec in self.sections:
            names.extend(sec.base_styles or [])
        return list(dict.fromkeys(names))

    def named_rules(self) -> list[str]:
        names = list(self.global_checks)
        for sec in self.sections:
            names.extend(sec.checks)
        return list(dict.fromkeys(n for n in names if "." in n))

    def for_file(self, path: str) -> tuple[list[str], dict[str, bool], list[Section]]:
        """(base styles, rule switches, matching sections) for one draft's path."""
        styles = list(self.global_styles)
        checks: dict[str, bool] = {}
        matched = []
        for sec in self.sections:
            if sec.matches(path):
                matched.append(sec)
                if sec.base_styles is not None:
                    styles = list(sec.base_styles)
                checks.update(sec.checks)
        return styles, checks, matched

    def rule_runs(self, rule: str, styles: list[str], checks: dict[str, bool]) -> bool:
        """Vale's decision for one rule on one file: its section, then [*], then its style."""
        if rule in checks:
            return checks[rule]
        if rule in self.global_checks:
            return self.global_checks[rule]
        return rule.split(".")[0] in styles


def _values(raw: list[str]) -> list[str]:
    out: list[str] = []
    for value in raw:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _strip_comment(value: str) -> str:
    # go-ini with SpaceBeforeInlineComment: " ;" or " #" starts a comment.
    m = re.search(r"\s[;#]", value)
    value = value[:m.start()] if m else value
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        value = value[1:-1]
    return value


def parse_ini(text: str, display: str) -> list[tuple[str, int, list[tuple[str, str, int]]]]:
    """Sections in order: (name, line, [(key, value, line)]); the core section is ''."""
    sections: list[tuple[str, int, list[tuple[str, str, int]]]] = [("", 0, [])]
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 1
        i += 1
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        m = _SECTION.match(line)
        if m:
            sections.append((m.group(1).strip(), number, []))
            continue
        m = _KEY.match(line)
        if not m:
            raise FactlintError(f"cannot read this line: expected 'key = value' or '[section]', "
                                f"not {line[:60]!r}", display, number, 1)
        key, value = m.group(1).strip(), m.group(2)
        if value.strip().startswith('"""'):  # a multi-line value
            body = [value.strip()[3:]]
            while i < len(lines) and '"""' not in body[-1]:
                body.append(lines[i])
                i += 1
            value = "\n".join(body).split('"""')[0]
            sections[-1][2].append((key, value.strip(), number))
            continue
        while value.endswith("\\") and i < len(lines):  # a continued line
            value = value[:-1] + lines[i].strip()
            i += 1
        sections[-1][2].append((key, _strip_comment(value), number))
    return sections


def _level(key: str, value: str, display: str, line: int, cfg: ValeConfig) -> bool:
    if value == "YES":
        return True
    if value == "NO":
        return False
    if value in LEVELS:
        cfg.rule_levels[key] = value
        return True
    raise FactlintError(f"{key} = {value[:40]!r}: use YES, NO, suggestion, warning or error",
                        display, line, 1)


def load_ini(path: Path) -> ValeConfig:
    """Load ``path`` (a .vale.ini) and resolve its StylesPath and vocabularies."""
    display = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactlintError(f"cannot read Vale config: {exc}", display) from None
    cfg = ValeConfig(path=path)
    root = path.resolve().parent
    for name, sec_line, items in parse_ini(text, display):
        if name == "":
            _core(cfg, items, root, display)
            continue
        if name in ("formats",):
            for key, value, _ in items:
                cfg.formats[key.lstrip(".")] = value.lstrip(".")
            continue
        if name in ("asciidoctor", "DEFAULT"):
            continue
        try:
            glob_regex(name)
        except re.error as exc:
            raise FactlintError(f"section [{name}] is not a usable glob: {exc}", display, sec_line, 1) \
                from None
        section = Section(name, sec_line)
        for key, value, line in items:
            if key in CORE_KEYS:
                raise FactlintError(f"'{key}' is a core option; it must come before any [section]",
                                    display, line, 1)
            if key == "BasedOnStyles":
                styles = _values([value])
                if name == "*":
                    cfg.global_styles = styles
                else:
                    section.base_styles = (section.base_styles or []) + styles
            elif key in ("BlockIgnores", "IgnorePatterns"):
                target = cfg.global_block_ignores if name == "*" else section.block_ignores
                target.extend(_values([value]) if key == "BlockIgnores" else [value])
            elif key == "TokenIgnores":
                target = cfg.global_token_ignores if name == "*" else section.token_ignores
                target.extend(_values([value]))
            elif key == "CommentDelimiters":
                parts = _values([value])
                if len(parts) != 2:
                    raise FactlintError("CommentDelimiters needs two delimiters, an opening and a "
                                        "closing one", display, line, 1)
                section.comment_delimiters = (parts[0], parts[1])
            elif key in SYNTAX_KEYS:
                continue  # Transform, Lang: not used by factlint
            else:
                if "." not in key:
                    raise FactlintError(f"unknown setting {key!r} (a rule is written Style.Rule)",
                                        display, line, 1)
                on = _level(key, value, display, line, cfg)
                if name == "*":
                    cfg.global_checks[key] = on
                else:
                    section.checks[key] = on
                cfg.rule_lines.setdefault(key, line)
        if name != "*":
            cfg.sections.append(section)
    _load_vocab(cfg, display)
    return cfg


def _core(cfg: ValeConfig, items: list[tuple[str, str, int]], root: Path, display: str) -> None:
    for key, value, line in items:
        if key in SYNTAX_KEYS:
            raise FactlintError(f"'{key}' is a syntax-specific option; put it in a section such as "
                                f"[*.md]", display, line, 1)
        if key == "StylesPath":
            target = (root / Path(value).expanduser()).resolve()
            if not target.is_dir():
                raise FactlintError(f"StylesPath {value!r} is not a folder (relative to {root})",
                                    display, line, 1)
            cfg.styles_paths = [target]
        elif key == "MinAlertLevel":
            if value not in LEVELS:
                raise FactlintError("MinAlertLevel must be suggestion, warning or error", display,
                                    line, 1)
            cfg.min_level = LEVELS[value]
        elif key == "IgnoredScopes":
            cfg.ignored_scopes = [v.lower() for v in _values([value])]
        elif key == "SkippedScopes":
            cfg.skipped_scopes = [v.lower() for v in _values([value])]
        elif key == "Vocab":
            cfg.vocab = _values([value])
            cfg.rule_lines.setdefault("Vocab", line)
        elif key == "WordTemplate":
            cfg.word_template = value


def _load_vocab(cfg: ValeConfig, display: str) -> None:
    for name in cfg.vocab:
        folder = None
        for base in cfg.styles_paths:
            for candidate in (base / "config" / "vocabularies" / name, base / "Vocab" / name):
                if candidate.is_dir():
                    folder = candidate
                    break
            if folder:
                break
        if folder is None:
            raise FactlintError(f"Vocab {name!r}: no folder config/vocabularies/{name} (or Vocab/{name}) "
                                f"under StylesPath", display, cfg.rule_lines.get("Vocab"), 1)
        for file in sorted(folder.rglob("*.txt")):
            if file.name not in ("accept.txt", "reject.txt"):
                continue
            target = cfg.accepted if file.name == "accept.txt" else cfg.rejected
            for word in file.read_text(encoding="utf-8-sig").splitlines():
                word = word.strip()
                if word and not word.startswith("# "):
                    target.append(word)


_GLOB_CACHE: dict[str, "re.Pattern[str]"] = {}


def glob_regex(pattern: str) -> "re.Pattern[str]":
    """Vale's globs: ``*`` and ``**`` match across folders, ``{a,b}`` alternatives, ``[...]``."""
    found = _GLOB_CACHE.get(pattern)
    if found is not None:
        return found
    out, i, depth = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            while i + 1 < len(pattern) and pattern[i + 1] == "*":
                i += 1
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                raise re.error("unclosed [")
            body = pattern[i + 1:end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body + "]")
            i = end
        elif c == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 1
        else:
            out.append(re.escape(c))
        i += 1
    if depth:
        raise re.error("unclosed {")
    compiled = re.compile("(?:.*/)?" + "".join(out) if "/" not in pattern else "".join(out))
    _GLOB_CACHE[pattern] = compiled
    return compiled
