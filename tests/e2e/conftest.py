"""Browser fixtures: Playwright's sync API driving Debian's Chromium against ``live_server``.

Never let Playwright download a browser: we launch /usr/bin/chromium (Debian's package
``chromium``), which .ci/run installs.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
SCREENSHOTS = REPO / "out" / "screenshots"


@pytest.fixture(scope="module")
def _orm_beside_playwright() -> Iterator[None]:
    """Let the test thread use the ORM while Playwright's event loop runs in it.

    Playwright's sync API keeps an asyncio loop running in the test thread from start() to
    stop(), and Django then refuses ORM calls (SynchronousOnlyOperation). The flag is set only
    while the browser lives, so the rest of the suite keeps Django's check.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(_orm_beside_playwright: None) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class BrowserProblems:
    """JavaScript errors, console errors and failed sub-resources seen by one page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"pageerror: {error}")

    def on_console(self, message: ConsoleMessage) -> None:
        # A document answered with 404 is logged as "Failed to load resource"; the failed
        # sub-resources that matter are caught by on_response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console.error: {message.text} ({message.location})")

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            kind = response.request.resource_type
            self.errors.append(f"{response.status} for {kind} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        # A navigation (a click, a submitted form) cancels the previous page's sub-resources
        # still in flight; Chromium reports those as ERR_ABORTED. A resource that is really
        # missing answers 4xx and is caught by on_response.
        if request.failure == "net::ERR_ABORTED":
            return
        self.errors.append(f"request failed: {request.url} ({request.failure})")

    def on_csp_violation(self, violation: str) -> None:
        self.errors.append(f"CSP violation: {violation}")


# Reports every securitypolicyviolation event to the test (HDR-01: 0 expected).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__lovendeCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} (${event.sample})`
  );
});
"""


@pytest.fixture
def browser_problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture
def page(browser: Browser, browser_problems: BrowserProblems) -> Iterator[Page]:
    # The browser enforces Lovende's CSP (no bypass_csp): axe is evaluated through DevTools.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    context.expose_function(
        "__lovendeCspViolation", lambda text: browser_problems.on_csp_violation(text)
    )
    context.add_init_script(CSP_LISTENER)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", browser_problems.on_page_error)
    page.on("console", browser_problems.on_console)
    page.on("response", browser_problems.on_response)
    page.on("requestfailed", browser_problems.on_request_failed)
    yield page
    context.close()


@pytest.fixture
def assert_no_js_errors(browser_problems: BrowserProblems) -> Callable[[], None]:
    def check() -> None:
        assert browser_problems.errors == [], "\n".join(browser_problems.errors)

    return check


def _describe(violation: dict) -> str:
    nodes = "\n".join(
        f"      {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
        for node in violation["nodes"][:5]
    )
    return (
        f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
        f"({len(violation['nodes'])} element(s))\n{nodes}"
    )


def run_axe(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return its WCAG 2.0/2.1 A and AA violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make setup`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools rather than a <script> tag, which the CSP would refuse.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return results["violations"]


@pytest.fixture
def axe_check() -> Callable[[Page], list[dict]]:
    """``axe_check(page)``: fail on serious or critical violations, print the rest."""

    def check(page: Page) -> list[dict]:
        violations = run_axe(page)
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        others = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
        if others:
            print(f"axe on {page.url}: {len(others)} moderate/minor violation(s)")
            print("\n".join(_describe(v) for v in others))
        assert not blocking, f"axe on {page.url}:\n" + "\n".join(_describe(v) for v in blocking)
        return violations

    return check


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[[Page, str], Path]:
    """``screenshot(page, name)``: a full-page PNG in tmp_path and in out/screenshots/."""

    def take(page: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = tmp_path / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        (SCREENSHOTS / path.name).write_bytes(path.read_bytes())
        return path

    return take
