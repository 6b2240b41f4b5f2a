"""report.html in headless Chromium (Debian's `chromium`): no console errors, no blocked
fetches, and the quote filters really hide other themes', priorities' and groups' quotes."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.report import build_report, write_reports
from tests import report_fixtures as fx

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install chromium)"),
]

# Runs before the page's own script: records uncaught errors and CSP violations.
CATCHER = """<script>window.__errs=[];
window.addEventListener('error',function(e){window.__errs.push('error: '+e.message);});
document.addEventListener('securitypolicyviolation',function(e){window.__errs.push('csp: '+e.blockedURI);});
</script>"""

# Runs after the page's script: drives the filters as a reader would and records what shows.
DRIVER = """<script>(function(){
  function visible(){return Array.prototype.filter.call(document.querySelectorAll('#quote-list .quote-item'),
      function(e){return !e.hidden && getComputedStyle(e).display!=='none';});}
  function pick(id,v){var s=document.getElementById(id); s.focus(); s.value=v; s.dispatchEvent(new Event('change'));}
  var out={};
  out.total=visible().length;
  out.all=document.querySelectorAll('#quote-list .quote-item').length;
  pick('filter-theme','1'); out.focused=document.activeElement.id;
  out.theme=visible().map(function(e){return e.getAttribute('data-theme');});
  out.count_text=document.getElementById('quote-count').textContent;
  pick('filter-theme',''); pick('filter-priority','M2');
  out.prio=visible().map(function(e){return e.getAttribute('data-priorities');});
  pick('filter-priority',''); pick('filter-group','Young person');
  out.group=visible().map(function(e){return e.getAttribute('data-group');});
  pick('filter-theme','0');
  out.both=visible().length;
  document.getElementById('filter-reset').click();
  out.after_reset=visible().length;
  out.errors=window.__errs;
  var pre=document.createElement('pre'); pre.id='test-result'; pre.textContent=JSON.stringify(out);
  document.body.appendChild(pre);
})();</script>"""


def _chromium(page: Path, profile: Path) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _page_problems(stderr: str) -> list[str]:
    """Console messages, uncaught errors and blocked loads that Chromium logged for the page."""
    return [ln for ln in stderr.splitlines()
            if "CONSOLE" in ln or "Uncaught" in ln or "Refused to" in ln or "net::ERR" in ln]


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    content = build_report(fx.make_inputs())
    out = tmp_path_factory.mktemp("browser")
    return content, write_reports(content, out)["html"]


def test_report_renders_without_console_errors(report_html, tmp_path):
    content, page = report_html
    res = _chromium(page, tmp_path / "profile")
    assert res.returncode == 0, res.stderr[-2000:]
    assert _page_problems(res.stderr) == []
    dom = res.stdout
    n = len(content.quote_bank)
    # the page's script ran to the end: it rewrites the server-rendered count
    assert f"Showing {n} of {n} quotes." in dom
    # escaped text stays text in the live DOM: the hostile comment never became a script
    assert dom.count("<script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_quote_filters_hide_other_quotes(report_html, tmp_path):
    content, page = report_html
    html = page.read_text(encoding="utf-8")
    head_end = html.index("</head>")
    body_end = html.rindex("</body>")
    driven = html[:head_end] + CATCHER + html[head_end:body_end] + DRIVER + html[body_end:]
    test_page = tmp_path / "driven.html"
    test_page.write_text(driven, encoding="utf-8")
    res = _chromium(test_page, tmp_path / "profile")
    assert res.returncode == 0, res.stderr[-2000:]
    assert _page_problems(res.stderr) == []
    m = re.search(r'<pre id="test-result">(.*?)</pre>', res.stdout, re.S)
    assert m, "the driver script did not run"
    out = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    bank = content.quote_bank
    assert out["errors"] == []
    assert out["total"] == out["all"] == len(bank)
    assert out["focused"] == "filter-theme"  # the filter is a focusable form control

    theme1 = [q for q in bank if q.theme_id == 1]
    assert out["theme"] == ["1"] * len(theme1) and 0 < len(theme1) < len(bank)
    assert out["count_text"] == f"Showing {len(theme1)} of {len(bank)} quotes."

    m2 = [q for q in bank if "M2" in q.priority_ids]
    assert len(out["prio"]) == len(m2) > 0 and all("M2" in p.split() for p in out["prio"])

    young = [q for q in bank if q.group_label == "Young person"]
    assert len(out["group"]) == len(young) > 0 and set(out["group"]) == {"Young person"}
    assert out["both"] == len([q for q in young if q.theme_id == 0])
    assert out["after_reset"] == len(bank)
