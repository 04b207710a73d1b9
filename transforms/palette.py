"""Material's palette stylesheet with the rules of the site's own colours only.

Material's assets/stylesheets/palette.<hash>.min.css holds the rules of all its primary and
accent colours (red, pink, … twenty of each) for every page, 2.0 KB gzipped; the site uses
the colours its mkdocs.yml palette names (indigo; accents indigo and light blue), and a reader
cannot choose others. The rules that name any other colour (``[data-md-color-primary=red]``)
can never apply: left out, the file is 0.8 KB gzipped. Everything else (both schemes, the
rules that name no colour) stays, in its order.

The build's post-build step rewrites the published file in place (``trim_site``): its name,
which Material's templates link, stays.
"""
from __future__ import annotations

import re
from pathlib import Path

from transforms.assets import selector_list

_COLOUR = re.compile(r"""\[data-md-color-(primary|accent)\s*=\s*["']?([\w-]+)["']?\s*\]""")
PUBLISHED = "assets/stylesheets/palette.*.min.css"


def colour_name(value: str) -> str:
    """A colour as Material writes it in the page's attributes ("light blue" -> "light-blue")."""
    return str(value).replace(" ", "-").lower()


def used_colours(palette) -> dict[str, set[str]]:
    """{"primary": {...}, "accent": {...}} named by mkdocs.yml's theme.palette (one mapping or a
    list of them); Material's default, indigo, where one leaves a colour out."""
    entries = [palette] if isinstance(palette, dict) else list(palette or [])
    used: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for entry in entries:
        for kind in used:
            used[kind].add(colour_name(entry.get(kind) or "indigo"))
    return used


def _selectors(prelude: list) -> list[str]:
    import tinycss2

    return [tinycss2.serialize(part).strip() for part in selector_list(prelude)]


def _applies(selector: str, used: dict[str, set[str]]) -> bool:
    return all(value in used[kind] for kind, value in _COLOUR.findall(selector))


def _kept(rules, used: dict[str, set[str]]) -> list[str]:
    import tinycss2

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _applies(s, used)]
            if selectors:
                out.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in {"media", "supports"}:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                out.append(f"@{rule.lower_at_keyword}" + tinycss2.serialize(rule.prelude) + "{" + "".join(inner) + "}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return out


def palette_subset(css: str, palette) -> str:
    """The palette stylesheet less the rules of colours the palette does not name; what stays is
    written back as Material wrote it (already minified; its custom properties' values keep
    their text, which is what a script reading them gets)."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_kept(rules, used_colours(palette)))


def trim_site(site_dir: Path, palette) -> list[Path]:
    """Rewrite the published palette stylesheet(s) of a built site in place; the files rewritten."""
    done = []
    if not palette:
        return done
    for path in sorted(Path(site_dir).glob(PUBLISHED)):
        path.write_text(palette_subset(path.read_text(encoding="utf-8"), palette), encoding="utf-8")
        done.append(path)
    return done
