"""Renders the README's screenshots from the shipped data, in headless Chromium as the browser tests do:

python docs/screenshots/render.py          # needs Debian's chromium (or WAW_CHROMIUM) and playwright
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHOTS = {  # page of the site -> (screenshot, height of the view in pixels)
    "index.html": ("start.png", 1600),
    "monitor-2021-Q3.html": ("monitor-q3-2021.png", 1800),
    "project-zorgstart.html": ("show-zorgstart.png", 1600),
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("WAW_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no Chromium (Debian: apt-get install chromium; or set WAW_CHROMIUM)")
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        subprocess.run(["waw", "--data", str(ROOT / "data"), "site", "-o", str(site)], check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for name, (shot, height) in SHOTS.items():
                page = browser.new_page(viewport={"width": 1280, "height": height})
                page.goto((site / name).as_uri(), wait_until="load")
                page.screenshot(path=str(HERE / shot))
                page.close()
                print(HERE / shot)
            browser.close()


if __name__ == "__main__":
    main()
