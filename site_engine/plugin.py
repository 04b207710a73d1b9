"""The site's one MkDocs plugin: it owns the order of the build's events and the build's state,
and wires each event to plain functions of the engine-agnostic packages.

Registered as ``research-site`` (pyproject.toml entry point) and listed in mkdocs.yml
``plugins:`` after every plugin but print-site (which must be last): its page events run
after the others' and hand print-site each page's finished HTML. Within one event the
steps run in the order written here; ``CombinedEvent`` and ``event_priority`` give a step
its own place where it must run before or after every other plugin (the partial site
folder; the final checks; the fixes of the whole-site page print-site writes; publishing).

State lives on ``self.build`` (a ``SiteBuild``), made anew in each ``on_config``: every
build, each rebuild of ``mkdocs serve`` included, starts from nothing.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Section
from mkdocs.utils import CountHandler

from analysis import paths, site_pages
from analysis.datasets import DataError
from analysis.errors import SiteError
from analysis.pipeline import ArtifactError
from scholarly.metadata import CitationError
from site_engine import notebooks
from site_engine.pages import page_ref, print_key, print_page_of, rewrite_print_page, serve_guard
from transforms import (assets, bibliography, cite, citations, glossary, glossary_links, include, material_css, notebook_html, palette,
                        print_fixes, safe_output, safe_site)
from transforms.build import SiteBuild, commit_epoch

log = logging.getLogger("mkdocs.plugins.research_site")

# The project's own errors, each a build that must stop: the engine reports them as its own.
PROJECT_ERRORS = (SiteError, DataError, ArtifactError, CitationError)
TEMPLATE_CACHE = paths.GENERATED / "template-cache"


class ResearchSiteConfig(base.Config):
    # The sections of generated pages (analysis/site_pages.py) the site shows: all by default;
    # a test site of one section leaves the others out.
    generated_sections = c.Optional(c.ListOfItems(c.Type(str)))


class ResearchSitePlugin(BasePlugin[ResearchSiteConfig]):
    def __init__(self):
        self.build: SiteBuild | None = None
        self.final: Path | None = None  # the site folder a good build replaces
        self.partial: Path | None = None  # the folder this build writes into
        self.notebook_job = None
        self.glossary_url: str | None = None

    # -- configuration ------------------------------------------------------
    @event_priority(100)  # before every plugin reads site_dir
    def _write_beside_the_site(self, config):
        self.final = Path(config.site_dir)
        self.partial = safe_site.start(self.final)
        config.site_dir = str(self.partial)
        return config

    def _configure(self, config):
        # Dates in the build come from the commit, not the clock: two builds of one
        # commit give the same bytes (MkDocs reads SOURCE_DATE_EPOCH for its dates).
        if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := _stop_on_error(commit_epoch, log.info)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        # The notebook pages' kernels run in a second process while the analysis runs here.
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None:
            notebooks.key_cache(jupyter)
            if jupyter.config["cache"]:
                self.notebook_job = notebooks.start(jupyter, sorted(paths.DOCS.rglob("*.ipynb")))
        from analysis import pipeline

        try:
            manifest = pipeline.build(log=log.info)
        except (DataError, ArtifactError, SiteError) as exc:
            self._finish_notebooks()
            raise PluginError(f"analysis failed:\n{exc}") from exc
        except OSError as exc:  # e.g. a read-only generated/: say which file and why, not a traceback
            self._finish_notebooks()
            raise PluginError(f"analysis failed: cannot write {exc.filename or paths.GENERATED}: {exc.strerror or exc}") from exc
        from scholarly import metadata

        metadata.reset()  # citation.yaml and the version are read afresh for each build
        self.build = SiteBuild(manifest, site_url=config.site_url or "", site_name=config.site_name or "",
                               use_directory_urls=config.use_directory_urls)
        _stop_on_error(lambda: (self.build.site, self.build.bibliography, self.build.glossary_terms))
        _stop_on_error(assets.check_listed, [str(x) for x in config.extra_css], [str(x) for x in config.extra_javascript])
        self._cache_templates(config)
        return config

    on_config = CombinedEvent(_write_beside_the_site, _configure)

    @staticmethod
    def _cache_templates(config) -> None:
        """Compiled page templates survive between builds (Jinja's bytecode cache): MkDocs makes a
        new Jinja environment for every build and print-site one more for the whole-site page.
        Jinja keys each cached template on its name and source, so an edit is never served stale."""
        theme = config.theme
        make_env = type(theme).get_env.__get__(theme)  # the class's method, so a rebuild never wraps twice

        def get_env():
            env = make_env()
            TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(TEMPLATE_CACHE))
            return env

        theme.get_env = get_env

    # -- files and navigation -----------------------------------------------
    def on_files(self, files, config):
        for site_path, source in include.published_files():
            files.append(File.generated(config, site_path, abs_src_path=source))
        for target, sources in assets.BUNDLES.items():
            content = _stop_on_error(assets.bundle, sources)
            if target.endswith(".css"):
                self.build.inline_css = assets.stylesheet(content)
            files.append(File.generated(config, target, content=content))
            # The sources are in the bundle; published on their own they would only be loaded by mistake.
            for rel in sources:
                if (source := files.get_file_from_path(rel)) is not None:
                    files.remove(source)
        # The bibliography is site data: downloadable beside the other datasets.
        for name in bibliography.PUBLISHED_FILES:
            files.append(File.generated(config, f"data/references/{name}", abs_src_path=str(bibliography.BIB_FILE.parent / name)))
        # Dataset pages, the Data landing page and the quote bank, written by the pipeline.
        if not config.use_directory_urls:
            raise PluginError("the generated pages (analysis/site_pages.py) link as use_directory_urls: true builds them")
        sections = self.config.generated_sections
        for uri, source in site_pages.files():
            if sections is not None and uri.split("/")[0] not in sections:
                continue
            existing = files.get_file_from_path(uri)
            if existing is not None and not uri.startswith("datasets/index."):
                raise PluginError(f"docs/{uri}: this page is generated from data/ (analysis/site_pages.py); remove the hand-written file")
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, abs_src_path=source))
        self.glossary_url = getattr(files.get_file_from_path(glossary.GLOSSARY_PAGE), "url", None)
        return files

    @event_priority(-100)  # after mkdocs-awesome-nav has set the titles of its .nav.yml files
    def on_nav(self, nav, config, files):
        def walk(items):
            for item in items:
                # MkDocs 1.6 keeps a title given by the navigation in the instance dict.
                if (isinstance(item, (Section, Link)) or "title" in vars(item)) and item.title is not None:
                    item.title = safe_output.escape_title(item.title)
                if isinstance(item, Section):
                    walk(item.children)

        walk(nav.items)
        return nav

    @event_priority(-100)  # every page has read its front matter; no page is rendered yet
    def on_env(self, env, config, files):
        for file in files.documentation_pages():
            page = file.page
            if page is not None and "title" in page.meta and "title" not in vars(page):
                page.title = safe_output.plain_text(page.meta["title"])
        return env

    # -- pages --------------------------------------------------------------
    def on_pre_page(self, page, config, files):
        # mkdocs-jupyter reads its cache when it renders the page, after this event.
        if page.file.src_uri.endswith(".ipynb"):
            self._finish_notebooks()
        return page

    def on_page_markdown(self, markdown, page, config, files):
        ref = page_ref(self.build, page)
        markdown = _stop_on_error(include.expand, markdown, self.build, ref)
        markdown, ref.cited = _stop_on_error(citations.cite_in_page, markdown, ref.src_uri, ref.meta, self.build.bibliography)
        # The sitemap's <lastmod> reads update_date: the page's own last change.
        page.update_date = cite.page_dates(self.build, ref)[1] or page.update_date
        return markdown

    def on_page_content(self, html, page, config, files):
        ref = page_ref(self.build, page)
        html = print_fixes.break_long_lines(html)
        html = notebook_html.notebook_page(html, ref.src_uri)
        return glossary_links.link_page(html, ref.src_uri, ref.file_url, ref.meta, self.glossary_url, self.build.glossary_terms)

    def _page_context(self, context, page, config, nav):
        # The print-site plugin keeps each page's HTML from its own on_page_content, which
        # runs before this plugin's; hand it the finished content (glossary links, print URLs).
        if hasattr(page, "html") and page.content:
            page.html = page.content
        ref = page_ref(self.build, page)
        page.meta["citation"] = cite.citation_record(self.build, ref)
        context["irc_head"] = page.irc_head = cite.head_metadata(self.build, ref, config.site_description or "")
        # The whole-site print page is rendered by the print-site plugin without this
        # event; its template reads the head tags from the page object instead.
        whole = print_page_of(config)
        if whole is not None and getattr(whole, "irc_head", None) is None:
            whole.irc_head = cite.head_metadata(self.build, page_ref(self.build, whole), config.site_description or "")
        if not page.meta.get("hide_cite_box"):
            context["irc_cite_box"] = cite.cite_box(self.build, ref, anchor="", title="", kind="page")
        return context

    @event_priority(-100)  # after the search plugin and the head metadata read the plain text
    def _escape_meta(self, context, page, config, nav):
        for key in ("title", "description"):
            if page.meta.get(key) is not None:
                page.meta[key] = safe_output.plain_text(page.meta[key])
        return context

    on_page_context = CombinedEvent(_page_context, _escape_meta)

    def _post_page(self, output, page, config):
        if page.file.src_uri.startswith("print_page"):
            return output
        output = print_fixes.strip_print_site_assets(output)
        # Before citations.html copies the page's stylesheet links (its template enables the disabled one).
        output = assets.inline_stylesheet(output, self.build.inline_css)
        ref = page_ref(self.build, page)
        if cite.write_citations(self.build, output, ref):
            # The print-site plugin turns "citations.html#cite-x" into "#<key>-cite-x";
            # fix_print_page_citations turns it back into a link to this file.
            self.build.print_keys[print_key(ref.url + cite.CITATIONS_FILE)] = "../" + ref.url + cite.CITATIONS_FILE
        return assets.lean_html(output)

    @event_priority(-100)
    def _check_page(self, output, page, config):
        _stop_on_error(safe_output.check_page, output, page.content, page.file.src_uri)
        return output

    on_post_page = CombinedEvent(_post_page, _check_page)

    # -- the end of a build ---------------------------------------------------
    @event_priority(-10)  # after every plugin's own post-build step: print-site has written print_page/
    def _fix_print_page(self, config):
        self._finish_notebooks()
        rewrite_print_page(Path(config.site_dir), lambda html: print_fixes.fix_print_page_citations(
            print_fixes.fix_print_page_ids(html), self.build.print_keys))

    @event_priority(-50)  # after the print-site plugin wrote print_page/, before the site is published
    def _relative_print_base(self, config):
        rewrite_print_page(Path(config.site_dir), lambda html: safe_output.relative_print_base(
            html, config.site_url, config.use_directory_urls))

    @event_priority(-60)  # the site complete, print_page/ included; before it is published
    def _trim_theme_css(self, config):
        """Material's stylesheets without the rules no page of this site can use (transforms/material_css.py)
        and its palette stylesheet with the site's own colours only (transforms/palette.py)."""
        material_css.trim_site(Path(config.site_dir))
        palette.trim_site(Path(config.site_dir), config.theme["palette"])

    @event_priority(-100)  # after every plugin has written its files
    def _publish(self, config):
        handlers = logging.getLogger("mkdocs").handlers
        if sum(n for h in handlers if isinstance(h, CountHandler) for _, n in h.get_counts()):
            return  # strict mode aborts next; on_build_error removes the partial site
        safe_site.publish(self.partial, self.final)
        config.site_dir = str(self.final)

    on_post_build = CombinedEvent(_fix_print_page, _relative_print_base, _trim_theme_css, _publish)

    def on_build_error(self, error):
        if self.partial is not None:
            safe_site.discard(self.partial)
        job, self.notebook_job = self.notebook_job, None
        if job is not None:
            job.kill()
            job.communicate()

    def on_serve(self, server, config, builder):
        for folder in (paths.DATA, paths.ANALYSIS, paths.DOCS / "stylesheets", paths.DOCS / "javascripts"):
            server.watch(str(folder))
        return serve_guard(server, log)

    def _finish_notebooks(self) -> None:
        job, self.notebook_job = self.notebook_job, None
        notebooks.finish(job, log)


def _stop_on_error(func, *args):
    """Call a step; the project's own errors stop the build as the engine's."""
    try:
        return func(*args)
    except PROJECT_ERRORS as exc:
        raise PluginError(str(exc)) from exc
