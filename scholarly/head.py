"""What a page's <head> says about it: OpenGraph, Dublin Core and PRISM tags, JSON-LD.

Checked against Zotero's own translators (bench/zotero_check.py), which read the tags
and not the JSON-LD:

- ``og:type`` ``website`` makes a Web Page (``citation_title`` alone made a journal
  article without a journal). Dataset pages leave it out and say ``DC.type`` Dataset,
  which Zotero saves as a Dataset.
- An organisation is written "IRC Research Team," in ``DC.creator``: Zotero reads a
  name with a comma as "Family, Given", and with nothing after the comma keeps it as
  one name (a single-field creator). Without the comma it splits off "Team" as a surname.
- ``prism.publicationName`` is the site in its version, which Zotero keeps as the
  website title: a Web Page has no version field of its own. ``prism.edition`` is the
  version, which a Dataset keeps as its version.
- ``DC.date`` is the page's last change (the date of the version cited); JSON-LD has
  both its first publication and its last change.
- On a release, ``eprints.official_url`` is the page's permanent address in that
  release (``…/v/X.Y.Z/…``), which Zotero saves as the item's URL; ``og:url`` stays
  the canonical, latest address.

Google Scholar's Highwire tags (``citation_*``) are only for pages that are scholarly
articles; no page of this site is one (each retells published studies), so none
carries them unless its front matter says ``scholarly_article: true``.
"""
from __future__ import annotations

import json

from scholarly.formats import version_phrase
from scholarly.metadata import Site
from scholarly.records import author_names


def dumps(data) -> str:
    """JSON for a <script> element: every "<" escaped, so no string can close the element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _dc_name(author: dict) -> str:
    if author.get("name"):
        return author["name"] + ","
    return ", ".join(x for x in (author["family"], author.get("given")) if x)


def _author_ld(author: dict) -> dict:
    if author.get("name"):
        return {"@type": "Organization", "name": author["name"]}
    out = {"@type": "Person", "familyName": author["family"], "givenName": author.get("given", "")}
    if author.get("orcid"):
        out["@id"] = author["orcid"]
    return out


def cited_work_ld(work: dict) -> dict:
    out = {"@type": "CreativeWork", "name": work["title"]}
    if work.get("authors"):
        out["author"] = [{"@type": "Person", "name": name} for name in work["authors"]]
    if work.get("year"):
        out["datePublished"] = work["year"]
    if work.get("container"):
        out["isPartOf"] = {"@type": "CreativeWork", "name": work["container"]}
    if work.get("doi"):
        out["sameAs"] = f"https://doi.org/{work['doi']}"
    return out


def highwire_reference(work: dict) -> str:
    """One cited work as Google Scholar's ``citation_reference`` content."""
    parts = [f"citation_title={work['title']}"]
    parts += [f"citation_author={name}" for name in work.get("authors", [])]
    if work.get("year"):
        parts.append(f"citation_publication_date={work['year']}")
    if work.get("container"):
        parts.append(f"citation_journal_title={work['container']}")
    if work.get("doi"):
        parts.append(f"citation_doi={work['doi']}")
    return "; ".join(parts)


def related_ld(rel: dict) -> dict:
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


def website_ld(site: Site) -> dict:
    meta = site.meta
    out = {
        "@type": "WebSite",
        "@id": site.root_url + "#website",
        "name": meta["short_title"],
        "url": site.root_url,
        "publisher": {"@type": "Organization", "name": meta["publisher"]},
        "license": meta.get("license_url", meta["license"]),
        "isBasedOn": [related_ld(r) for r in meta.get("related", [])],
    }
    if site.doi:
        out["identifier"] = f"https://doi.org/{site.doi}"
    return out


def complete_dataset(site: Site, rec: dict, dataset: dict, *, folder: str, published: str, modified: str) -> dict:
    """A dataset page's schema.org Dataset with what Google Dataset Search recommends.

    Coverage and the study it is drawn from come from citation.yaml's ``dataset_coverage``
    (only what the sources state); version and dates from the build.
    """
    meta = site.meta
    out = dict(dataset)
    cover = (meta.get("dataset_coverage") or {}).get(folder, {})
    name = str(out.get("identifier", ""))
    spatial = (cover.get("spatial_by_dataset") or {}).get(name) or cover.get("spatial")
    if spatial:
        out["spatialCoverage"] = [{"@type": "Place", "name": place} for place in spatial]
    if cover.get("temporal") and name in cover.get("temporal_datasets", []):
        out["temporalCoverage"] = str(cover["temporal"])
    related = {r["id"]: r for r in meta.get("related", [])}
    studies = [related_ld(related[k]) for k in cover.get("study", []) if k in related]
    if studies:
        out["citation"] = studies
    out["keywords"] = list(meta.get("keywords", []))
    if rec["known"]:
        out["version"] = rec["version"]
    if published:
        out["datePublished"] = published
    if modified:
        out["dateModified"] = modified
    # identifier: addresses, not a bare name (the name stays as alternateName).
    ids = [rec["url"]] + ([f"https://doi.org/{site.doi}"] if site.doi else [])
    if name:
        out["alternateName"] = name
    out["identifier"] = ids if len(ids) > 1 else ids[0]
    out["url"] = rec["latest_url"]
    out["publisher"] = {"@type": "Organization", "name": meta["publisher"]}
    return out


def head(site: Site, rec: dict, *, title: str, description: str, published: str, modified: str,
         cited: list[dict] = (), dataset: dict | None = None, scholarly_article: bool = False) -> dict:
    """The page's tags as (attribute, name, content) and its JSON-LD, from its citation record.

    ``dataset`` is the page's schema.org Dataset (dataset pages), completed here from
    ``dataset_extra`` and tied to the page; ``cited`` the works the page cites.
    """
    meta = site.meta
    url = rec["latest_url"]
    tags = []
    if dataset is None:
        tags.append(("property", "og:type", "website"))
    tags += [
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", meta["short_title"]),
        ("property", "og:locale", "en_GB" if meta.get("language", "en") == "en" else meta["language"]),
        ("name", "DC.title", title),
    ]
    tags += [("name", "DC.creator", _dc_name(a)) for a in meta["authors"]]
    if rec["date"]:
        tags.append(("name", "DC.date", rec["date"]))
    tags += [("name", "DC.publisher", meta["publisher"]), ("name", "DC.language", meta.get("language", "en"))]
    tags.append(("name", "DC.rights", meta.get("license_url", meta["license"])))
    if dataset is not None:
        tags.append(("name", "DC.type", "Dataset"))
    else:
        tags.append(("name", "prism.publicationName", f"{rec['site']} ({version_phrase(rec)})"))
    if rec["known"]:
        tags.append(("name", "prism.edition", rec["version"]))
    if rec["url"] != url:
        # A release: Zotero takes the item's address from this tag before og:url (the latest address).
        tags.append(("name", "eprints.official_url", rec["url"]))
    if scholarly_article:
        tags += [("name", "citation_title", title)]
        tags += [("name", "citation_author", name) for name in author_names(rec)]
        if published:
            tags.append(("name", "citation_publication_date", published.replace("-", "/")))
        tags.append(("name", "citation_public_url", url))
        tags += [("name", "citation_reference", highwire_reference(w)) for w in cited]

    page_id = url + "#webpage"
    page_ld = {
        "@type": "ScholarlyArticle" if scholarly_article else "WebPage",
        "@id": page_id,
        "name": title,
        "description": description,
        "url": url,
        "author": [_author_ld(a) for a in meta["authors"]],
        "publisher": {"@type": "Organization", "name": meta["publisher"]},
        "inLanguage": meta.get("language", "en"),
        "license": meta.get("license_url", meta["license"]),
        "isPartOf": {"@id": site.root_url + "#website"},
    }
    if rec["known"]:
        page_ld["version"] = rec["version"]
    if rec["url"] != url:
        page_ld["sameAs"] = rec["url"]  # this page in the release, at its permanent address
    if published:
        page_ld["datePublished"] = published
    if modified:
        page_ld["dateModified"] = modified
    if cited:
        page_ld["citation"] = [cited_work_ld(w) for w in cited]
    graph = [website_ld(site), page_ld]
    if dataset is not None:
        data = dict(dataset)
        data.pop("@context", None)
        data["@id"] = url + "#dataset"
        data["mainEntityOfPage"] = {"@id": page_id}
        page_ld["mainEntity"] = {"@id": data["@id"]}
        graph.append(data)
    return {"tags": tags, "jsonld": dumps({"@context": "https://schema.org", "@graph": graph})}
