"""A PDF never fetches anything (REL-05); the time limit is tested with the data pack."""

import http.server
import threading

import pytest

from lovende import pdf


def test_the_renderer_fetches_inline_data_only():
    # covers REL-05: no network call from a PDF (nor a server-side request forgery)
    fetcher = pdf.inline_only_fetcher()
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", "https://example.org/a.css"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher(url)
    assert fetcher("data:text/plain,hej").read() == b"hej"


def test_a_pdf_with_a_remote_picture_is_made_without_fetching_it():
    asked = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        html = f'<p>Hej</p><img src="http://127.0.0.1:{server.server_port}/spor.png">'
        made = pdf.html_to_pdf(html, timeout=30)
    finally:
        server.shutdown()

    assert made.startswith(b"%PDF-")
    assert asked == []
