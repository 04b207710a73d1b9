"""MkDocs hook: make every page, chart, table and quote citable.

- Reads ``citation.yaml`` (the one metadata source) and the site version from git
  (``git describe --tags --always`` and the commit date, never the clock).
- Puts per-page citation metadata into ``page.meta["citation"]`` and the head tags
  (Highwire ``citation_*``, OpenGraph, schema.org JSON-LD) into the template context
  for ``overrides/main.html``.
- Adds a "Cite this page" box to every page, with its four formats (APA 7, Chicago,
  BibTeX, RIS). ``cite_box()`` makes a compact box for a chart, table or quote anchor
  (called from ``hooks/include.py`` and ``hooks/render_quote.py``): its formats go to a
  ``citations.html`` beside the page, which docs/javascripts/cite.js loads into the box
  when the reader opens it.
- Sets each page's ``update_date`` to the date git last changed its source file, so
  ``sitemap.xml`` carries per-page last-modified dates that do not depend on the clock.

``python -m hooks.cite --write`` regenerates CITATION.cff and .zenodo.json
(the same as ``python -m analysis.citation_files --write``).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.datasets import parse_yaml  # noqa: E402  (needs ROOT on sys.path; libyaml when present)

CITATION_FILE = ROOT / "citation.yaml"
REQUIRED_KEYS = ("title", "short_title", "authors", "publisher", "version", "year", "license", "repository", "url")

# Sections whose pages are scholarly text (schema.org ScholarlyArticle); others are WebPage.
SCHOLARLY_SECTIONS = ("background/", "china-uk/", "korea-uk/", "comparison")
# APA's bracketed description of what is cited, by kind of citable thing.
KIND_LABELS = {"page": None, "chart": "Chart", "table": "Table", "quote": "Interview quotation", "dataset": "Data set"}
PDF_NAME = "irc-site.pdf"

_state: dict = {}


class CitationError(ValueError):
    """citation.yaml is missing a field or has a malformed one; the message names it."""


# ---------------------------------------------------------------------------
# Metadata: citation.yaml + git
# ---------------------------------------------------------------------------
def load_metadata(path: Path = CITATION_FILE) -> dict:
    try:
        meta = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CitationError(f"{path.name}: cannot read: {exc}") from exc
    if not isinstance(meta, dict):
        raise CitationError(f"{path.name}: top level must be a mapping")
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise CitationError(f"{path.name}: missing required field(s): {', '.join(missing)}")
    for i, author in enumerate(meta["authors"], 1):
        if not isinstance(author, dict) or not (author.get("name") or author.get("family")):
            raise CitationError(f"{path.name}: authors[{i}] needs 'name' (organisation) or 'family' (person)")
        orcid = author.get("orcid")
        if orcid and not re.fullmatch(r"https://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid):
            raise CitationError(f"{path.name}: authors[{i}].orcid '{orcid}' is not a full https://orcid.org/ iD")
    if not str(meta["url"]).endswith("/"):
        raise CitationError(f"{path.name}: url must end with '/' (it is the base of every canonical URL)")
    return meta


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def site_version() -> dict:
    """The release tag (or commit) and the commit date: the same for every build of one commit."""
    describe = _git("describe", "--tags", "--always") or "unversioned"
    date = _git("log", "-1", "--format=%cs") or "1970-01-01"
    commit = _git("rev-parse", "HEAD")
    return {"describe": describe, "date": date, "commit": commit}


def git_file_dates() -> dict[str, str]:
    """Repository path -> date (YYYY-MM-DD) of the last commit that touched it, in one git call."""
    out = _git("log", "--format=%x00%cs", "--name-only", "--no-renames")
    dates: dict[str, str] = {}
    for block in out.split("\x00")[1:]:
        lines = block.strip("\n").split("\n")
        date, names = lines[0], lines[1:]
        for name in names:
            if name and name not in dates:
                dates[name] = date
    return dates


def _ensure_state(config=None) -> dict:
    if "meta" not in _state:
        _state["meta"] = load_metadata()
        _state["version"] = site_version()
        _state["file_dates"] = git_file_dates()
    if config is not None:
        _state["site_url"] = config.get("site_url") or _state["meta"]["url"]
    _state.setdefault("site_url", _state["meta"]["url"])
    return _state


# ---------------------------------------------------------------------------
# Citation text in four formats
# ---------------------------------------------------------------------------
def _author_names(meta: dict) -> list[str]:
    """Authors as cited: an organisation by its name, a person as 'Family, Given'."""
    names = []
    for a in meta["authors"]:
        names.append(a["name"] if a.get("name") else f"{a['family']}, {a['given']}" if a.get("given") else a["family"])
    return names


def _apa_authors(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def _accessed(fmt: str) -> str:
    # Filled with the reader's date by docs/javascripts/cite.js; "[date]" without JS.
    return f'<span class="irc-cite__accessed" data-format="{fmt}">[date]</span>'


def _bibtex_key(page_url: str, anchor: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{page_url} {anchor}".lower()).strip("-") or "home"
    return f"irc-{slug}"


def _record(*, url: str, title: str, page_title: str, kind: str, key: str) -> dict:
    state = _ensure_state()
    meta, version = state["meta"], state["version"]
    return {
        "kind": kind,
        "title": title,
        "page_title": page_title,
        "site": meta["short_title"],
        "authors": _author_names(meta),
        "publisher": meta["publisher"],
        "version": version["describe"],
        "release": str(meta["version"]),
        "date": version["date"],
        "year": version["date"][:4],
        "url": url,
        "bibtex_key": key,
        "license": meta["license"],
    }


def citation_record(page, config, *, anchor: str = "", title: str = "", kind: str = "page") -> dict:
    """Everything a citation of one page or one anchor on it needs, as plain data."""
    state = _ensure_state(config)
    if kind not in KIND_LABELS:
        raise CitationError(f"{page.file.src_uri}: unknown citation kind '{kind}' (known: {', '.join(KIND_LABELS)})")
    page_title = page_heading(page)
    url = page.canonical_url or state["site_url"] + page.url
    if anchor:
        url = f"{url}#{anchor}"
    return _record(
        url=url,
        title=title or page_title,
        page_title=page_title if (anchor or kind != "page") else "",
        kind=kind,
        key=_bibtex_key(page.url, anchor),
    )


def site_record() -> dict:
    """The citation of the whole site (the work), not of one page."""
    state = _ensure_state()
    return _record(url=state["site_url"], title=state["meta"]["title"], page_title="", kind="page", key="irc-site")


def format_apa(rec: dict) -> str:
    label = KIND_LABELS[rec["kind"]]
    d = dt.date.fromisoformat(rec["date"])
    title = f"<em>{escape(rec['title'])}</em>" + (f" [{label}]" if label else "")
    within = f" In <em>{escape(rec['page_title'])}</em>." if rec["page_title"] else ""
    return (
        f"{escape(_apa_authors(rec['authors']))}. ({d.year}, {d.strftime('%B')} {d.day}). {title}.{within} "
        f"{escape(rec['site'])} (Version {escape(rec['version'])}). "
        f"Retrieved {_accessed('long')}, from {escape(rec['url'])}"
    )


def format_chicago(rec: dict) -> str:
    label = KIND_LABELS[rec["kind"]]
    title = escape(rec["title"]) + (f" [{label}]" if label else "")
    within = f" In “{escape(rec['page_title'])}.”" if rec["page_title"] else ""
    return (
        f"{escape(_apa_authors(rec['authors']).replace(', &', ', and'))}. “{title}.”{within} "
        f"<em>{escape(rec['site'])}</em>. Version {escape(rec['version'])}, {_long_date(rec['date'])}. "
        f"Accessed {_accessed('long')}. {escape(rec['url'])}."
    )


def _bibtex_value(text: str) -> str:
    return escape(text.replace("&", r"\&").replace("%", r"\%"))


def format_bibtex(rec: dict) -> str:
    authors = " and ".join("{" + a + "}" if "," not in a else a for a in rec["authors"])
    label = KIND_LABELS[rec["kind"]]
    title = rec["title"] + (f" [{label}]" if label else "")
    fields = [
        ("author", "{" + _bibtex_value(authors) + "}"),
        ("title", "{{" + _bibtex_value(title) + "}}"),
    ]
    if rec["page_title"]:
        fields.append(("booktitle", "{" + _bibtex_value(rec["page_title"]) + "}"))
    fields += [
        ("howpublished", "{" + _bibtex_value(rec["site"]) + "}"),
        ("publisher", "{" + _bibtex_value(rec["publisher"]) + "}"),
        ("year", "{" + rec["year"] + "}"),
        ("date", "{" + rec["date"] + "}"),
        ("version", "{" + _bibtex_value(rec["version"]) + "}"),
        ("url", "{" + escape(rec["url"]) + "}"),
        ("urldate", "{" + _accessed("iso") + "}"),
        ("note", "{Version " + _bibtex_value(rec["version"]) + " of " + rec["date"] + "}"),
    ]
    # "&#64;" not "@": the references hook would otherwise read "@misc" as a citation key.
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields)
    return f"&#64;misc{{{rec['bibtex_key']},\n{body}\n}}"


def format_ris(rec: dict) -> str:
    label = KIND_LABELS[rec["kind"]]
    lines = [("TY", "ELEC")]
    lines += [("AU", escape(a)) for a in rec["authors"]]
    lines += [("TI", escape(rec["title"] + (f" [{label}]" if label else "")))]
    if rec["page_title"]:
        lines.append(("T2", escape(rec["page_title"])))
    lines += [
        ("T3" if rec["page_title"] else "T2", escape(rec["site"])),
        ("PB", escape(rec["publisher"])),
        ("PY", rec["year"]),
        ("DA", rec["date"].replace("-", "/")),
        ("ET", escape(rec["version"])),
        ("UR", escape(rec["url"])),
        ("Y2", _accessed("ris")),
        ("ER", ""),
    ]
    return "\n".join(f"{tag}  - {value}".rstrip() if value else f"{tag}  - " for tag, value in lines)


FORMATS = (("apa", "APA 7", format_apa), ("chicago", "Chicago", format_chicago),
           ("bibtex", "BibTeX", format_bibtex), ("ris", "RIS", format_ris))


def cite_box(page, config, *, anchor: str, title: str, kind: str, url: str | None = None, within: str | None = None) -> str:
    """HTML of a collapsible "Cite this …" box for the page (anchor="") or one anchor on it.

    ``url`` and ``within`` override the cited address and the containing page's title,
    for a thing shown on several pages but cited at one home (a quotation's permalink).
    The page's own box holds its four formats; a chart's, table's or quotation's box is
    compact: its formats go to the page's citations.html (see ``citations_document``)
    and docs/javascripts/cite.js loads them when the reader opens the box.
    No blank lines in the output: it must stay one raw-HTML block inside Markdown.
    """
    rec = citation_record(page, config, anchor=anchor, title=title, kind=kind)
    if url:
        rec["url"] = url
    if within:
        rec["page_title"] = within
    if kind == "page":
        return _box(rec, anchor)
    _registry()["pages"].setdefault(page.file.src_uri, {}).setdefault(anchor, rec)
    return _lazy_box(rec, anchor)


# The file beside each page's index.html that holds the full citations of its charts,
# tables and quotations; fetched by docs/javascripts/cite.js, linked for readers without it.
CITATIONS_FILE = "citations.html"
NOUNS = {"page": "page", "chart": "chart", "table": "table", "quote": "quotation", "dataset": "data set"}


def _registry() -> dict:
    """This build's registered citations: src_uri -> {anchor: record}, and print-page keys.

    MkDocs loads this file as a hook module by path and hooks/include.py imports it as
    hooks.cite: two module objects. Both use the dict of hooks.cite.
    """
    import importlib

    shared = importlib.import_module("hooks.cite")
    return shared._CITATIONS


_CITATIONS: dict = {"pages": {}, "print_keys": {}}


def _reset_registry() -> None:
    reg = _registry()
    reg["pages"].clear()
    reg["print_keys"].clear()


def registered_citations(src_uri: str) -> dict:
    """{anchor: citation record} of the compact boxes made for one page in this build."""
    return dict(_registry()["pages"].get(src_uri, {}))


def _group(anchor: str) -> str:
    return "irc-cite-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", anchor) or "page")


def _meta_html(rec: dict, copy_hint: bool = True) -> str:
    return (
        f'<p class="irc-cite__meta">Permanent link: <a href="{escape(rec["url"])}">{escape(rec["url"])}</a><br>'
        f'Site version {escape(rec["version"])} (release {escape(rec["release"])}, commit of {rec["date"]}). '
        f'Licence: {escape(rec["license"])}.' + (" Copy a format with the button at its top right." if copy_hint else "") + "</p>"
    )


def formats_html(rec: dict, anchor: str) -> str:
    """The four formats as Material tabs (radio inputs, labels, one <pre> each)."""
    group = _group(anchor)
    inputs, labels, blocks = [], [], []
    for i, (key, label, fmt) in enumerate(FORMATS):
        ident = f"{group}-{key}"
        inputs.append(f'<input{" checked" if i == 0 else ""} id="{ident}" name="{group}" type="radio">')
        labels.append(f'<label for="{ident}">{label}</label>')
        text = fmt(rec)
        # Every <pre> gets Material's copy button (content.code.copy). Material names the
        # button's target after the closest element with an id, so each <pre> has its own:
        # otherwise all four buttons would copy the first format.
        blocks.append(
            f'<div class="tabbed-block"><pre id="{ident}-text" class="irc-cite__text irc-cite__text--{key}">'
            f"<code>{text}</code></pre></div>"
        )
    return (
        f'<div class="tabbed-set tabbed-alternate irc-cite__formats" data-tabs="1:{len(FORMATS)}">\n'
        + "\n".join(inputs)
        + f'\n<div class="tabbed-labels">\n{chr(10).join(labels)}\n</div>\n'
        + '<div class="tabbed-content">\n' + "\n".join(blocks) + "\n</div>\n</div>"
    )


def _box(rec: dict, anchor: str, noun: str = "") -> str:
    noun = noun or NOUNS[rec["kind"]]
    return (
        # data-search-exclude: Material's search leaves citation text out of the index.
        f'<details class="irc-cite" data-cite-kind="{rec["kind"]}" data-search-exclude>'
        f"<summary>Cite this {noun}</summary>\n"
        f'<div class="irc-cite__body">\n'
        f"{_meta_html(rec)}\n"
        f"{formats_html(rec, anchor)}\n"
        "</div>\n</details>\n"
    )


def _lazy_box(rec: dict, anchor: str) -> str:
    noun = NOUNS[rec["kind"]]
    src = f"{CITATIONS_FILE}#cite-{anchor}"
    return (
        f'<details class="irc-cite" data-cite-kind="{rec["kind"]}" data-cite-src="{escape(src)}" data-search-exclude>'
        f"<summary>Cite this {noun}</summary>\n"
        f'<div class="irc-cite__body">\n'
        f"{_meta_html(rec, copy_hint=False)}\n"
        f'<p class="irc-cite__fallback"><a class="irc-cite__all" href="{escape(src)}">'
        f"This {noun} in APA 7, Chicago, BibTeX and RIS</a></p>\n"
        "</div>\n</details>\n"
    )


# The page's stylesheets and icon (without one, browsers ask for /favicon.ico).
_STYLESHEET = re.compile(r'<link rel="(?:stylesheet|icon)" href="[^"]*"[^>]*>')
_BODY = re.compile(r"<body[^>]*>")


def citations_document(page, config, entries: dict, page_html: str) -> str:
    """The standalone citations.html of one page: every compact box's four formats.

    Same stylesheets, icon and <body> attributes as the page (copied from its finished HTML,
    relative links valid from the same folder); no clock, so identical across builds.
    """
    state = _ensure_state(config)
    site_name = config.get("site_name") or state["meta"]["short_title"]
    title = page_heading(page)
    canonical = page.canonical_url or state["site_url"] + page.url
    head_end = page_html.find("</head>")
    links = [link for link in _STYLESHEET.findall(page_html[: head_end if head_end >= 0 else len(page_html)])
             if "print-site" not in link]
    body = _BODY.search(page_html)
    sections = []
    for anchor, rec in entries.items():
        label = KIND_LABELS[rec["kind"]]
        sections.append(
            f'<section class="irc-citations__item" id="cite-{escape(anchor)}">\n'
            f"<h2>{escape(label)}: {escape(rec['title'])}</h2>\n"
            f"{_meta_html(rec, copy_hint=False)}\n"
            f"{formats_html(rec, anchor)}\n"
            "</section>"
        )
    return (
        '<!doctype html>\n<html lang="en" class="no-js">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>Citations: {escape(title)} - {escape(site_name)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        + "".join(link + "\n" for link in links)
        + "</head>\n"
        + (body.group(0) if body else "<body>") + "\n"
        + '<main class="md-typeset irc-citations">\n'
        f"<h1>Citations: {escape(title)}</h1>\n"
        f'<p>Each chart, table and quotation of <a href="./">{escape(title)}</a> in four formats: '
        "APA 7, Chicago, BibTeX and RIS. Fill in the date you accessed it where the citation says [date].</p>\n"
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_citations(output: str, page, config) -> None:
    """Write citations.html beside the page's index.html, if the page has compact boxes."""
    entries = _registry()["pages"].get(page.file.src_uri)
    if not entries:
        return
    dest = Path(page.file.abs_dest_path).parent / CITATIONS_FILE
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(citations_document(page, config, entries, output), encoding="utf-8")
    # The print-site plugin turns the link "citations.html#cite-x" into "#<key>-cite-x";
    # fix_print_page_citations turns it back into a link to this file.
    from mkdocs_print_site_plugin.urls import get_page_key

    _registry()["print_keys"][get_page_key(page.url + CITATIONS_FILE)] = "../" + page.url + CITATIONS_FILE


_PRINT_LAZY_BOX = re.compile(
    r'(<details class="irc-cite" data-cite-kind="[^"]+" data-cite-src=")[^"]*("(?:(?!</details>).)*?'
    r'<a class="irc-cite__all" href=")#([^"]+)(")',
    re.DOTALL,
)


def fix_print_page_citations(html: str, print_keys: dict) -> str:
    """On the whole-site print page, point each compact cite box at its page's citations.html."""

    def fix(match: re.Match) -> str:
        target = match.group(3)
        for key, file in print_keys.items():
            if target.startswith(key + "-cite-"):
                href = escape(f"{file}#{target[len(key) + 1:]}")
                return f"{match.group(1)}{href}{match.group(2)}{href}{match.group(4)}"
        return match.group(0)

    return _PRINT_LAZY_BOX.sub(fix, html)


def related_publications_html() -> str:
    """The published studies the site is built from, as an APA-style list (from citation.yaml)."""
    from analysis.citation_files import reference_text

    items = []
    for rel in _ensure_state()["meta"].get("related", []):
        text = escape(reference_text(rel))
        if rel.get("doi"):
            doi_url = f"https://doi.org/{rel['doi']}"
            text = text.replace(escape(doi_url), f'<a href="{escape(doi_url, quote=True)}">{escape(doi_url)}</a>')
        items.append(f'<li id="related-{escape(rel["id"], quote=True)}">{text}</li>')
    return '<ul class="irc-related">\n' + "\n".join(items) + "\n</ul>\n"


def render_citation(name: str, page) -> str:
    """``{{ citation("NAME") }}`` in a page (a kind in hooks/include.py RENDERERS)."""
    from mkdocs.exceptions import PluginError

    state = _ensure_state()
    if name == "site":
        return "\n" + _box(site_record(), "site", noun="site") + "\n"
    if name == "related":
        return "\n" + related_publications_html() + "\n"
    if name == "version":
        v = state["version"]
        return escape(f"{v['describe']} (release {state['meta']['version']}, commit of {v['date']})")
    if name == "repository":
        url = state["meta"]["repository"]
        return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'
    raise PluginError(f"{page.file.src_uri}: no citation block named '{name}' (known: site, related, version, repository)")


# ---------------------------------------------------------------------------
# Page metadata and head tags
# ---------------------------------------------------------------------------
_HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.MULTILINE)


def page_heading(page) -> str:
    """The page's title as readers see it: front-matter title, else its first H1, else MkDocs' title."""
    meta_title = (page.meta or {}).get("title")
    if meta_title:
        return str(meta_title)
    match = _HEADING.search(page.markdown or "")
    if match:
        # Strip Markdown emphasis and code marks from the heading text.
        return re.sub(r"[*_`]", "", match.group(1)).strip()
    return page.title or ""


def _page_date(page, state: dict) -> str:
    src = page.file.abs_src_path
    if src:
        try:
            rel = Path(src).resolve().relative_to(ROOT).as_posix()
        except ValueError:
            rel = ""
        if rel in state["file_dates"]:
            return state["file_dates"][rel]
    # Not yet committed (or generated): the date of the commit being built.
    return state["version"]["date"]


def head_metadata(page, config) -> dict:
    """The tags overrides/main.html writes into <head>: Highwire, OpenGraph, JSON-LD."""
    state = _ensure_state(config)
    meta, version = state["meta"], state["version"]
    rec = citation_record(page, config)
    modified = _page_date(page, state)
    is_home = page.is_homepage
    title = meta["title"] if is_home else rec["title"]
    description = (page.meta or {}).get("description") or config.get("site_description") or meta.get("abstract", "")
    description = " ".join(str(description).split())
    site_url = state["site_url"]
    highwire = [("citation_title", title)]
    highwire += [("citation_author", a) for a in rec["authors"]]
    highwire += [
        # Google Scholar asks for YYYY/MM/DD.
        ("citation_publication_date", version["date"].replace("-", "/")),
        ("citation_online_date", modified.replace("-", "/")),
        ("citation_publisher", meta["publisher"]),
        ("citation_public_url", rec["url"]),
        ("citation_abstract_html_url", rec["url"]),
        ("citation_language", meta.get("language", "en")),
        ("citation_keywords", "; ".join(meta.get("keywords", []))),
    ]
    if is_home:
        highwire.append(("citation_pdf_url", site_url + PDF_NAME))
    og = [
        ("og:type", "website" if is_home else "article"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", rec["url"]),
        ("og:site_name", meta["short_title"]),
        ("og:locale", "en_GB" if meta.get("language", "en") == "en" else meta["language"]),
    ]
    if not is_home:
        og.append(("article:modified_time", modified))
    authors_ld = [
        {"@type": "Organization", "name": a["name"]} if a.get("name")
        else {"@type": "Person", "familyName": a["family"], "givenName": a.get("given", ""), **({"@id": a["orcid"]} if a.get("orcid") else {})}
        for a in meta["authors"]
    ]
    website = {
        "@type": "WebSite",
        "name": meta["short_title"],
        "url": site_url,
        "publisher": {"@type": "Organization", "name": meta["publisher"]},
        "license": meta.get("license_url", meta["license"]),
        "isBasedOn": [_related_ld(r) for r in meta.get("related", [])],
    }
    scholarly = any(page.file.src_uri.startswith(s) for s in SCHOLARLY_SECTIONS)
    jsonld = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle" if scholarly else "WebPage",
        ("headline" if scholarly else "name"): title,
        "description": description,
        "url": rec["url"],
        "author": authors_ld,
        "publisher": {"@type": "Organization", "name": meta["publisher"]},
        "datePublished": version["date"],
        "dateModified": modified,
        "version": version["describe"],
        "inLanguage": meta.get("language", "en"),
        "license": meta.get("license_url", meta["license"]),
        "isPartOf": website,
    }
    return {
        "highwire": highwire,
        "og": og,
        # Every "<" is escaped so that no string in the data can close the <script> element or open a comment.
        "jsonld": json.dumps(jsonld, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"),
        "modified": modified,
    }


def _related_ld(rel: dict) -> dict:
    out = {
        "@type": "ScholarlyArticle" if rel.get("type") == "article" else "Report",
        "name": " ".join(str(rel["title"]).split()),
        "author": [{"@type": "Person", "familyName": a["family"], "givenName": a.get("given", "")} for a in rel["authors"]],
        "datePublished": str(rel["year"]),
    }
    if rel.get("doi"):
        out["sameAs"] = f"https://doi.org/{rel['doi']}"
    if rel.get("institution"):
        out["publisher"] = {"@type": "Organization", "name": rel["institution"]}
    return out


# ---------------------------------------------------------------------------
# MkDocs events
# ---------------------------------------------------------------------------
def on_config(config):
    _state.clear()
    # mkdocs serve rebuilds in one process: each build registers its own citations.
    _reset_registry()
    try:
        _ensure_state(config)
    except CitationError as exc:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(exc)) from exc
    # MkDocs loads this file as a hook module by path, while hooks/include.py imports
    # it as hooks.cite: two module objects. Share one state so both see the site URL.
    import importlib

    shared = importlib.import_module("hooks.cite")
    if shared._state is not _state:
        shared._state.clear()
        shared._state.update(_state)
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    state = _ensure_state(config)
    # The sitemap's <lastmod> reads update_date: make it the file's last commit date.
    page.update_date = _page_date(page, state)
    return markdown


_LINK = re.compile(r'<a\s(?P<attrs>[^>]*?)href="(?P<href>[^"#][^"]*)"')


def print_urls(html: str, base_url: str) -> str:
    """Give each relative link a data-print-url with its absolute address, for print.css."""
    from urllib.parse import urljoin

    def add(match: re.Match) -> str:
        href = match.group("href")
        if re.match(r"[a-z][a-z0-9+.-]*:", href) or "data-print-url" in match.group("attrs"):
            return match.group(0)  # already absolute (http:, mailto:) or done
        from html import unescape

        # href is already HTML-escaped ("&amp;"): unescape before escaping the joined URL.
        return f'{match.group(0)} data-print-url="{escape(urljoin(base_url, unescape(href)), quote=True)}"'

    return _LINK.sub(add, html)


_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)
_BLOCK_SEAM = re.compile(
    r"(</(?:tr|p|blockquote|figcaption|div|details|ul|ol|table|figure)>)(?=<(?:tr|p|div|figcaption|details|blockquote|footer|ul|ol|table|figure)[\s>])"
)


def break_long_lines(html: str) -> str:
    """Put a newline between adjacent block elements (never inside <pre>).

    The print-site plugin rewrites anchor ids with a regex that backtracks along each
    line; one 5,000-character line of table rows took it 15 s. Whitespace between
    block elements does not change how a page renders.
    """
    parts = _PRE.split(html)
    return "".join(part if i % 2 else _BLOCK_SEAM.sub("\\1\n", part) for i, part in enumerate(parts))


def on_page_content(html: str, page, config, files) -> str:
    state = _ensure_state(config)
    return break_long_lines(print_urls(html, page.canonical_url or state["site_url"] + page.url))


_PRINT_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
_ID = re.compile(r'(?<=\sid=")([^"]+)(?=")')


def fix_print_page_ids(html: str) -> str:
    """Prefix the ids of charts, tables and quotations on the whole-site print page.

    The print-site plugin points every in-page link at "#<page>-<id>" but renames only
    the ids of headings, list items and footnotes; a link to a chart, table or quotation
    would dangle. Each id that such a link expects gets the page prefix here.
    """
    # A link to another page with a query string (the quote filters) becomes "#<page>-?q=…";
    # on paper it can only lead to that page's section. A link to the print page itself
    # becomes "#print_page"; it leads to the top of the combined page.
    html = re.sub(r'href="#([^"?]+?)-\?[^"]*"', r'href="#\1"', html)
    html = html.replace('href="#print_page"', 'href="#print-site-page"')
    wanted = set(re.findall(r'href="#([^"]+)"', html))
    existing = set(_ID.findall(html))
    starts = [(m.start(), m.group(1)) for m in _PRINT_SECTION.finditer(html)]
    if not starts:
        return html
    out = [html[: starts[0][0]]]
    for i, (pos, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(html)

        def prefix(match: re.Match, key: str = key) -> str:
            ident = match.group(1)
            target = f"{key}-{ident}"
            return target if target in wanted and target not in existing else ident

        out.append(_ID.sub(prefix, html[pos:end]))
    return "".join(out)


def on_post_build(config):
    print_page = Path(config["site_dir"]) / "print_page" / "index.html"
    if print_page.is_file():  # written by the print-site plugin's on_post_build, which runs before hooks
        html = print_page.read_text(encoding="utf-8")
        fixed = fix_print_page_citations(fix_print_page_ids(html), _registry()["print_keys"])
        if fixed != html:
            print_page.write_text(fixed, encoding="utf-8")


def on_page_context(context, page, config, nav):
    # The print-site plugin keeps each page's HTML from its own on_page_content, which
    # runs before any hook's; hand it the finished content (glossary links, print URLs).
    if hasattr(page, "html") and page.content:
        page.html = page.content
    head = head_metadata(page, config)
    page.meta["citation"] = citation_record(page, config)
    context["irc_head"] = page.irc_head = head
    # The whole-site print page is rendered by the print-site plugin without this
    # event; its template reads the head tags from the page object instead.
    print_page = getattr(config.plugins.get("print-site"), "print_page", None)
    if print_page is not None and getattr(print_page, "irc_head", None) is None:
        print_page.irc_head = head_metadata(print_page, config)
    if not (page.meta or {}).get("hide_cite_box"):
        context["irc_cite_box"] = cite_box(page, config, anchor="", title="", kind="page")
    return context


# ---------------------------------------------------------------------------
# Command line: regenerate CITATION.cff and .zenodo.json
# ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    from analysis import citation_files

    return citation_files.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())


# The print-site plugin adds its CSS and JS to every page, but only print_page/ uses
# them. print_page/ is not in the sitemap, so Material's instant navigation never
# swaps it in (it loads in full, with its assets): other pages need not download them.
_PRINT_SITE_ASSETS = re.compile(
    r'[ \t]*(?:<link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css">'
    r'|<script src="[^"]*js/print-site\.js"></script>)\n?'
)


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri.startswith("print_page"):
        return output
    output = _PRINT_SITE_ASSETS.sub("", output)
    write_citations(output, page, config)
    return output
