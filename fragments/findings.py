"""A finding of the register as HTML, and the home page's one line per headline finding.

analysis/findings.py loads and checks the register (data/findings.csv) and fills a
finding's {value_name} placeholders (``resolve``); this module renders the result
through the one fragments environment (templates finding.html.j2, findings_glance.html.j2).
A finding lands inside Markdown, so every plain string is escaped for Markdown too
(``analysis.findings.markdown_safe``, built on analysis.escape.escape_markdown) before
the template sees it; the template's own escaping then leaves it as it is.
"""
from __future__ import annotations

from markupsafe import Markup

from analysis.findings import markdown_safe, resolve, source_label
from fragments import environment

STUDY_LABELS = {"china_uk": "China-UK study", "korea_uk": "Korea-UK study", "both": "Both studies"}
GLANCE_LABELS = {"china_uk": "China-UK", "korea_uk": "Korea-UK", "both": "Both"}
READING_LABELS = {"study": "The study’s reading", "site": "This site’s reading"}


def _safe(value) -> Markup:
    """A plain string escaped for Markdown and HTML; Markup (resolved text, a cite box) as it is."""
    return value if isinstance(value, Markup) else Markup(markdown_safe(value))


def _lines(html: str) -> str:
    """No blank lines: a finding is one raw-HTML block inside Markdown."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def evidence_items(f: dict, values: dict, link) -> list[dict]:
    """Display items for one finding's evidence; ``link(kind, name)`` gives (href, label) or None."""
    items = []
    for kind, name in f["evidence"]:
        if kind == "value":
            v = values[name]
            items.append({"kind": "Number", "label": f"{v['text']} ({v['source']})", "href": ""})
        elif kind == "source":
            items.append({"kind": "Source", "label": source_label(name), "href": ""})
        else:
            href, label = link(kind, name)
            items.append({"kind": {"chart": "Chart", "table": "Table", "quote": "Quotation", "page": "Section"}[kind],
                          "label": label, "href": href})
    return items


def render(f: dict, values: dict, *, link, element_id: str | None, permalink: str, cite_html: str = "", compact: bool = False) -> str:
    """One finding as HTML (no blank lines: one raw-HTML block inside Markdown)."""
    evidence = [{key: _safe(value) for key, value in item.items()} for item in evidence_items(f, values, link)]
    html = environment().get_template("finding.html.j2").render(
        f={key: _safe(f[key]) for key in ("id", "study", "reading")},
        element_id=_safe(element_id) if element_id else None,
        title=resolve(f["title"], values, f["id"]),
        statement=resolve(f["statement"], values, f["id"]),
        caveats=resolve(f["caveats"], values, f["id"]) if f["caveats"] else "",
        study_label=_safe(STUDY_LABELS[f["study"]]),
        reading_label=_safe(READING_LABELS[f["reading"]]),
        source=_safe(source_label(f["source_ref"])) if f["source_ref"] else "",
        evidence=evidence,
        permalink=_safe(permalink),
        cite_html=Markup(cite_html),
        compact=compact,
    )
    return _lines(html)


def render_glance(findings: list[dict], values: dict, *, href, show_study: bool = True) -> str:
    """The home page's first screen: one line per headline finding, linked to the full finding."""
    html = environment().get_template("findings_glance.html.j2").render(
        items=[{"study": _safe(GLANCE_LABELS[f["study"]]), "study_key": _safe(f["study"]),
                "title": resolve(f["title"], values, f["id"]), "reading": f["reading"], "href": _safe(href(f))}
               for f in findings],
        show_study=show_study,
    )
    return _lines(html)
