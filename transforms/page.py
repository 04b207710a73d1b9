"""What the transforms know of a page: its addresses, front matter and text, and what the
build has counted on it so far (figure numbers, quotation and finding anchors used)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageRef:
    src_uri: str  # "china-uk/theory.md"
    file_url: str  # the engine's file URL: "china-uk/theory/", "./" for the home page
    use_directory_urls: bool = True
    canonical_url: str | None = None
    meta: dict = field(default_factory=dict)  # front matter, shared with the engine's page
    title: str | None = None
    markdown: str | None = None  # the page's Markdown as read (before any transform)
    content: str | None = None  # the rendered HTML, once there is one
    abs_src_path: str | None = None
    abs_dest_path: str | None = None
    # Counted during the build:
    numbers: dict = field(default_factory=dict)  # figure and table numbers per kind
    quote_ids: set = field(default_factory=set)  # quotations already shown on the page
    finding_ids: set = field(default_factory=set)
    cited: list = field(default_factory=list)  # bibliography entries the page cites

    @property
    def url(self) -> str:
        """The page's site-relative URL, "" for the home page."""
        return "" if self.file_url in (".", "./") else self.file_url
