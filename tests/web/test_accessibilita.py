# SPDX-License-Identifier: EUPL-1.2
"""test_accessibilita.py — every page of `schede web` as each role sees it,
in a real headless Chromium, at 1366 and at 320 CSS px (WCAG 2.1 1.4.10
reflow: nothing scrolls sideways; tables become one card per row), audited
with axe-core (npm axe-core, tests/web/package.json, installed by
scripts/install-deps.sh --test) for the WCAG 2.1 A and AA rules: no
violation on any page. The archive is in the middle of a year, so that the
pages carry what they carry in real use: objectives sent, validated, sent
back with a reason, a monitoring open, valutazioni communicated, a
confirmation page, the differences of an upload. Screenshots are kept in
SCHEDE_ARTEFATTI (default: the build folder's web-screenshots/). Skipped
(77) when Chromium, its driver or axe-core is missing."""
import json
import os
import shutil
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    webdriver = None

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node_modules", "axe-core", "axe.min.js")
SHOTS = os.environ.get("SCHEDE_ARTEFATTI", os.path.join(os.getcwd(), "web-screenshots"))
WIDTHS = (1366, 320)
S = None

# what each role opens in a year's work (GET); the POST pages are reached below through their forms
PAGES = {
    "segreteria": ["/", "/obiettivi", "/obiettivi?stato=inviata", "/obiettivi/SG-01", "/persone", "/persone/bogo-a",
                   "/piano", "/utenti", "/valutazioni", "/storia", "/storia?tipo=accessi",
                   "/obiettivi/SG-01?periodo=2024-06-30"],
    "segretario": ["/", "/obiettivi", "/obiettivi/SG-02", "/obiettivi/SG-03"],
    "personale": ["/", "/valutazioni", "/persone", "/persone?stato=comunicata", "/persone/bogo-a"],
    "oiv": ["/", "/obiettivi?stato=inviata", "/obiettivi/SG-03", "/storia", "/persone/tronfi-a"],
    "bogo": ["/", "/persone/bogo-a"],
}


def setUpModule():
    global S
    if not (webdriver and CHROMIUM and DRIVER and os.path.exists(AXE)):
        print("test_accessibilita: Chromium, chromedriver, python3-selenium o axe-core (npm) mancano: prova saltata")
        sys.exit(77)
    S = type("S", (), {})()
    S.scratch = w.Scratch()
    S.db = w.make_archive_mid_year(S.scratch.dir)
    S.server = w.Server(S.db)
    os.makedirs(SHOTS, exist_ok=True)
    S.browser = w.chromium(webdriver, Service, 1366)
    S.browser.implicitly_wait(2)
    with open(AXE, encoding="utf-8") as f:
        S.axe = f.read()


def tearDownModule():
    S.browser.quit()
    rc, out, err = S.server.stop()
    assert rc == 0, (rc, err)
    S.scratch.remove()


def url(path):
    return "http://127.0.0.1:%d%s" % (S.server.port, path)


def login(user):
    b = S.browser
    b.delete_all_cookies()
    b.get(url("/accesso"))
    b.find_element(By.ID, "utente").send_keys(user)
    b.find_element(By.ID, "password").send_keys(w.PASSWORD[user])
    b.find_element(By.CSS_SELECTOR, "main form button").click()
    WebDriverWait(b, 10).until(lambda d: d.current_url == url("/"))  # logged in: the home page


def wait_for_text(text):
    """After a click the next page loads: wait until it says text."""
    WebDriverWait(S.browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: text in b.find_element(By.TAG_NAME, "main").text)


def width(px):
    S.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": px, "height": 900, "deviceScaleFactor": 1, "mobile": px < 600})


def slug(path):
    return (path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-").replace("&", "-") or "inizio")


class Accessibilita(unittest.TestCase):
    def audit(self, name):
        """The page now in the browser, at each width: nothing scrolls sideways, no axe violation; screenshots."""
        b = S.browser
        problems = []
        for px in WIDTHS:
            width(px)
            overflow = b.execute_script(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];")
            if overflow[0] > overflow[1] + 1:
                wide = b.execute_script(
                    "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('main *')]"
                    ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 3).map(e => e.outerHTML.slice(0, 120));")
                problems.append("%s a %d px scorre di lato (%d > %d): %s" % (name, px, overflow[0], overflow[1], wide))
            b.save_screenshot(os.path.join(SHOTS, "a11y-%s-%d.png" % (name, px)))
            b.execute_script(S.axe)
            result = b.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help,"
                " nodes: v.nodes.slice(0, 3).map(n => n.html)})))));")
            for v in json.loads(result):
                problems.append("%s a %d px: %s (%s): %s" % (name, px, v["id"], v["help"], v["nodes"]))
        width(1366)
        return problems

    def test_the_audit_finds_a_violation_planted_on_a_page(self):
        """The audit itself works: an image without its text, added to a page, is found (image-alt)."""
        login("bogo")
        S.browser.get(url("/"))
        S.browser.execute_script("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
        problems = self.audit("bogo-con-errore")
        self.assertTrue(any("image-alt" in p for p in problems), problems)

    def test_every_page_of_every_role(self):
        problems = []
        for user, paths in PAGES.items():
            login(user)
            for path in paths:
                S.browser.get(url(path))
                self.assertNotIn("Errore", S.browser.title, "%s come %s" % (path, user))
                problems += self.audit("%s-%s" % (user, slug(path)))
        self.assertEqual(problems, [], "\n".join(problems))

    def test_the_pages_reached_through_a_form(self):
        b = S.browser
        problems = []
        # a confirmation page: the Segreteria closes the monitoring
        login("segreteria")
        b.get(url("/"))
        b.find_element(By.XPATH, "//form[@action='/raccolta']//button[contains(., 'Chiudi la raccolta')]").click()
        wait_for_text("Conferma")
        problems += self.audit("segreteria-conferma")
        # a form's errors on its page: a monitoring at a day that does not exist
        b.get(url("/"))
        b.find_element(By.ID, "nuovo").send_keys("31/06/2024")
        b.find_element(By.XPATH, "//button[contains(., 'Apri il monitoraggio')]").click()
        wait_for_text("non esiste")
        problems += self.audit("segreteria-errori")
        # the differences of an upload of valutazioni
        login("personale")
        b.get(url("/valutazioni"))
        changed = os.path.join(S.scratch.dir, "valutazioni-nuove.csv")
        with open(os.path.join(w.SOURCES, "samples", "valutazioni-2024.csv"), encoding="utf-8-sig") as f:
            rows = f.read().splitlines()
        with open(changed, "w", encoding="utf-8") as f:  # Alessia Tronfi's C1 from 8 to 10
            f.write("\n".join([rows[0]] + [r.replace(";100;100;8;9;8;8;", ";100;100;10;9;8;8;") for r in rows[1:]]))
        b.find_element(By.ID, "file").send_keys(changed)
        b.find_element(By.XPATH, "//button[contains(., 'Controlla il file')]").click()
        wait_for_text("Che cosa cambia")
        problems += self.audit("personale-differenze")
        self.assertEqual(problems, [], "\n".join(problems))


if __name__ == "__main__":
    unittest.main(verbosity=2)
