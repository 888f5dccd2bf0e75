#!/usr/bin/env python3
"""The HTML report is inert for hostile article text: loads the report of
fixtures/report/hostile-a.json (<script>, onerror=, javascript: links, </td>,
ESC [, OSC 8, BEL in titles, outlet names and sentences) in headless Chromium
and checks on the DOM Chromium built that no script ran, no element or link
came from article text, and the table kept its shape; and that the page makes
no external request (no src=/href= to anything but #anchors). Skips (exit 77)
when Chromium is absent (Debian package chromium).
usage: report_html.py CLAIMDIFF SOURCE_ROOT"""
import os, re, shutil, subprocess, sys, tempfile

binp, root = os.path.abspath(sys.argv[1]), sys.argv[2]
chrome = next((shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome")
               if shutil.which(c)), None)
html = subprocess.run([binp, "compare", "-q", "-f", "html", "fixtures/report/hostile-a.json",
                       "fixtures/report/plain-b.json"], cwd=root, capture_output=True,
                      check=True).stdout.decode()
fails = []
# static checks, with or without a browser
for bad in ("<script", "href=\"javascript", "<img", "\x1b", "\x07"):
    if bad in html:
        fails.append(f"the page source contains {bad!r}")
for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
    if re.search(r"\son[a-z]+\s*=", tag):
        fails.append(f"a tag carries an event handler: {tag[:80]!r}")
for m in re.finditer(r'(?:src|href)="([^"]*)"', html):
    if not m.group(1).startswith("#"):
        fails.append(f"the page refers to {m.group(1)!r}")
if "&lt;script&gt;" not in html:
    fails.append("the article's <script> text is not shown escaped")
if not chrome:
    print("\n".join(fails))
    print("SKIP: Chromium not found (apt-get install chromium); static checks:",
          "failed" if fails else "passed")
    sys.exit(1 if fails else 77)

with tempfile.TemporaryDirectory() as tmp:
    page = os.path.join(tmp, "report.html")
    open(page, "w").write(html)
    r = subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu",
                        "--user-data-dir=" + os.path.join(tmp, "profile"),
                        "--virtual-time-budget=3000", "--dump-dom", "file://" + page],
                       capture_output=True, timeout=120)
    dom = r.stdout.decode(errors="replace")
if "</html>" not in dom:
    fails.append(f"Chromium gave no DOM (exit {r.returncode}): {r.stderr.decode()[-300:]}")
else:
    if re.search(r'id="pwned', dom):
        fails.append("an element written by article text exists in the DOM: a script ran or "
                     "markup got through")
    if "PWNED" in re.search(r"<title>(.*?)</title>", dom, re.S).group(1):
        fails.append("a script changed the title")
    # the report's own links are in-page anchors (href="#g2"); any other
    # <a>, and any <script> or <img>, came from article text
    if re.search(r"<(script|img)\b", dom) or re.search(r'<a\b(?![^>]*href="#[a-z0-9-]+")', dom):
        fails.append("the DOM holds a <script>, <img> or a non-anchor <a> element")
    if "&lt;/td&gt;" not in dom:
        fails.append("the article's </td> is not shown as text")
    # the claims table: every row has one cell per outlet plus the row header
    for table in re.findall(r'<table class="claims">(.*?)</table>', dom, re.S):
        heads = len(re.findall(r"<th scope=\"col\"", table))
        for row in re.findall(r'<tr id="g\d+">(.*?)</tr>', table, re.S):
            cells = len(re.findall(r"<td\b", row))
            if cells != heads:
                fails.append(f"a claim row has {cells} cells for {heads} outlets")
print("\n".join(fails) if fails else "the HTML report is inert in Chromium")
sys.exit(1 if fails else 0)
