"""HTML to PDF with WeasyPrint, bounded in time and cut off from the network (REL-05).

A PDF pack of a large meeting can take seconds to lay out; a page must not hang on it. The
rendering runs in a worker thread and the request gives up after LOVENDE_PDF_TIMEOUT seconds
with a Danish 503 page. WeasyPrint is only ever given our own HTML with charts as data: URIs,
so any other address it is asked to fetch is refused rather than fetched.
"""

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class PdfUnavailable(Exception):
    """The PDF could not be made in time; the user gets a 503 page and may try again."""


def inline_only_fetcher():
    """WeasyPrint's fetcher allowing data: URIs only: a PDF never reaches out (SSRF, hangs)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False, timeout=5)


def _write_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: it is heavy and only PDF exports need it

    return HTML(string=html, url_fetcher=inline_only_fetcher()).write_pdf()


# One small pool per process; threads outlive a timed-out request but hold no request state.
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pdf")


def html_to_pdf(html: str, *, timeout: float | None = None) -> bytes:
    """The PDF of ``html``; raises PdfUnavailable if it takes longer than the timeout."""
    limit = settings.LOVENDE_PDF_TIMEOUT if timeout is None else timeout
    future = _pool.submit(_write_pdf, html)
    try:
        return future.result(timeout=limit)
    except FutureTimeout as error:
        future.cancel()
        raise PdfUnavailable from error


class PdfUnavailableMiddleware:
    """Turns PdfUnavailable from any view into the plain Danish 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PdfUnavailable):
            return render(request, "pdf_unavailable.html", status=503)
        return None
