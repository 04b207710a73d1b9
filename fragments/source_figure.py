"""The line that stands where a figure of the slides would be, when it is not redrawn."""
from __future__ import annotations

from fragments import render


def render_not_redrawn(figure_id: str, label: str, showed: str, why_url: str) -> str:
    return render("source_figure.html.j2", id=figure_id, label=label, showed=showed, why=why_url)
