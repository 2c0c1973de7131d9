"""Printing an HTML page to PDF with headless Chromium.

A route sheet is a page of HTML with print styles; Chromium (the browser the test
suite already uses) prints it exactly as a person would with "Save as PDF", so no
second layout engine is needed. The PDF carries Chromium's creation date: unlike
pathgraph's other outputs it is not byte-identical from one run to the next.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pathgraph.errors import MissingDependencyError, RenderError

__all__ = ["BROWSERS", "PDF_TIMEOUT", "browser", "html_to_pdf"]

#: Programs tried, in order, to print a page.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Seconds the browser may take to print one page before it is stopped.
PDF_TIMEOUT = 60.0


def browser() -> str:
    """The path of a headless-capable Chromium, or a clear error saying how to
    install one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise MissingDependencyError(
        "a PDF is printed by Chromium, which is not installed: sudo apt-get "
        "install chromium (Debian/Ubuntu) or install Google Chrome; or write "
        "the route sheet as .html and print it from any browser"
    )


def html_to_pdf(page: str, *, timeout: float = PDF_TIMEOUT) -> bytes:
    """Print the HTML document ``page`` to PDF (A4/Letter as the page's print
    styles say, no browser header or footer).

    Raises
    ------
    pathgraph.MissingDependencyError
        When no Chromium is installed.
    pathgraph.RenderError
        When the browser fails or takes longer than ``timeout`` seconds.
    """
    exe = browser()
    with tempfile.TemporaryDirectory(prefix="pathgraph-pdf-") as tmp:
        src = Path(tmp) / "page.html"
        out = Path(tmp) / "page.pdf"
        src.write_text(page, encoding="utf-8")
        cmd = [
            exe,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        try:
            done = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"{Path(exe).name} did not print the page within {timeout:g} s; "
                "write the sheet as .html and print it from a browser"
            ) from None
        if not out.is_file() or out.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise RenderError(
                f"{Path(exe).name} could not print the page (exit {done.returncode})"
                + (": " + " | ".join(tail) if tail else "")
            )
        return out.read_bytes()
