"""test_browser.py — `schede web` in a real headless Chromium (Debian's
chromium and chromium-driver, driven by python3-selenium): each role logs
in; the dirigente enters a rilevazione through the form, with the keyboard
alone, and sees the new % on the page and in the downloaded scheda; the
dipendente takes presa visione. Screenshots are kept in SCHEDE_ARTEFATTI
(default: the build folder's web-screenshots/). Skipped (77) when Chromium
or its driver is missing."""
import os
import re
import shutil
import subprocess
import sys
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    webdriver = None

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
SHOTS = os.environ.get("SCHEDE_ARTEFATTI", os.path.join(os.getcwd(), "web-screenshots"))
S = None


def setUpModule():
    global S
    S = type("S", (), {})()
    S.scratch = w.Scratch()
    S.db = w.make_archive(S.scratch.dir, valutazioni=True)
    # Alessandra Bogo's valutazione is communicated, so that she can take presa visione
    S.server = w.Server(S.db)
    office = w.Client(S.server.port)
    office.login("personale")
    office.get("/persone/bogo-a")
    assert office.step("/persone/bogo-a/comunicazione", {}).status == 303
    os.makedirs(SHOTS, exist_ok=True)
    S.browser = w.chromium(webdriver, Service)
    S.browser.implicitly_wait(5)


def tearDownModule():
    S.browser.quit()
    rc, out, err = S.server.stop()
    assert rc == 0, (rc, err)
    S.scratch.remove()


def url(path):
    return "http://127.0.0.1:%d%s" % (S.server.port, path)


def shot(name):
    S.browser.save_screenshot(os.path.join(SHOTS, name + ".png"))


def active():
    return S.browser.switch_to.active_element


def wait_for(condition):
    """After a click or an Enter the next page loads: wait for it (the old page's elements go stale)."""
    WebDriverWait(S.browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(lambda b: condition())


def text_of(element_id):
    return S.browser.find_element(By.ID, element_id).text


def logout():
    S.browser.delete_all_cookies()


def login_with_keyboard(user):
    """The login form with the keyboard alone: Tab to the skip link, Enter on it (to the content), Tab to
    each field, Enter."""
    b = S.browser
    b.get(url("/accesso"))
    body = b.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert active().text == "Vai al contenuto", active().text
    active().send_keys(Keys.ENTER)
    active().send_keys(Keys.TAB)
    assert active().get_attribute("id") == "utente", active().get_attribute("outerHTML")
    active().send_keys(user, Keys.TAB)
    assert active().get_attribute("id") == "password"
    active().send_keys(w.PASSWORD[user], Keys.ENTER)
    # the skip link left "#contenuto" on the login page's address: wait for another page, not another address
    wait_for(lambda: urllib.parse.urlsplit(S.browser.current_url).path != "/accesso")


class Browser(unittest.TestCase):
    def setUp(self):
        logout()

    def test_every_role_logs_in_and_sees_its_home(self):
        expected = {"segreteria": "Utenti", "segretario": "Obiettivi", "personale": "Premi",
                    "oiv": "Storia delle modifiche", "bogo": "La mia scheda"}
        for user, link in expected.items():
            logout()
            login_with_keyboard(user)
            self.assertEqual(S.browser.current_url, url("/"))
            self.assertIn(link, S.browser.find_element(By.TAG_NAME, "main").text)
            self.assertEqual(S.browser.find_element(By.TAG_NAME, "html").get_attribute("lang"), "it")
            shot("home-" + user)

    def test_focus_is_visible(self):
        login_with_keyboard("oiv")
        S.browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        outline = S.browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
        self.assertEqual(outline, "solid")

    def test_the_dirigente_enters_a_rilevazione_with_the_keyboard(self):
        b = S.browser
        login_with_keyboard("segretario")
        b.get(url("/obiettivi/SG-02"))
        shot("obiettivo-prima")
        before = b.find_element(By.ID, "risultato").text
        self.assertEqual(before, "non rilevato")
        # to the form's first field with Tab alone, from the page's top
        b.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        for _ in range(60):
            if active().get_attribute("id") == "azione":
                break
            active().send_keys(Keys.TAB)
        self.assertEqual(active().get_attribute("id"), "azione")
        active().send_keys(Keys.TAB)  # action 1, the first
        self.assertEqual(active().get_attribute("id"), "data")
        active().send_keys(Keys.TAB)
        self.assertEqual(active().get_attribute("id"), "percentuale")
        active().send_keys("55", Keys.TAB)
        self.assertEqual(active().get_attribute("id"), "nota")
        active().send_keys("corso svolto in parte", Keys.ENTER)
        wait_for(lambda: b.current_url.endswith("#azione-1"))
        self.assertTrue(b.current_url.endswith("/obiettivi/SG-02?salvato=1#azione-1"), b.current_url)
        self.assertIn("Rilevazione dell'azione 1 salvata", b.find_element(By.CSS_SELECTOR, "p.fatto").text)
        self.assertTrue(b.find_element(By.ID, "risultato").text.startswith("55 %"))  # one weighted action: its %
        self.assertIn("55 %", b.find_element(By.ID, "azione-1").text)
        self.assertIn("segretario:", b.find_element(By.CSS_SELECTOR, "ol.storia").text)
        shot("obiettivo-dopo")
        # the scheda downloaded with the browser's cookie
        cookie = b.get_cookie("schede_sessione")["value"]
        req = urllib.request.Request(url("/obiettivi/SG-02/scheda.pdf"), headers={"Cookie": "schede_sessione=" + cookie})
        pdf = urllib.request.urlopen(req).read()
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True).stdout.decode()
        self.assertIn("SG-02", text)
        self.assertRegex(text, r"55(,00)? ?%")

    def test_an_error_is_shown_next_to_its_field(self):
        b = S.browser
        login_with_keyboard("segretario")
        b.get(url("/obiettivi/SG-03"))
        b.find_element(By.ID, "data").send_keys("32/13/2024")
        b.find_element(By.ID, "data").send_keys(Keys.ENTER)
        wait_for(lambda: b.find_elements(By.ID, "errore-data"))
        err = b.find_element(By.ID, "errore-data")
        self.assertIn("La data non è valida", err.text)
        self.assertEqual(b.find_element(By.ID, "data").get_attribute("aria-invalid"), "true")
        self.assertIn("errore-data", b.find_element(By.ID, "data").get_attribute("aria-describedby"))
        summary = b.find_element(By.ID, "riepilogo")
        self.assertIn("La data non è valida", summary.text)
        summary.find_element(By.TAG_NAME, "a").click()  # the summary's link takes to the field
        self.assertEqual(active().get_attribute("id"), "data")
        shot("errore-data")

    def test_the_dipendente_takes_presa_visione(self):
        b = S.browser
        login_with_keyboard("bogo")
        b.find_element(By.LINK_TEXT, "La mia scheda").click()
        wait_for(lambda: b.current_url == url("/persone/bogo-a"))
        self.assertEqual(b.find_element(By.ID, "stato-valutazione").text, "comunicata")
        main = b.find_element(By.TAG_NAME, "main").text
        self.assertIn("Punteggio finale", main)  # the valutazione itself, before its presa visione
        self.assertIn("Prendere visione non vuol dire essere d'accordo", main)  # and what the button declares
        b.find_element(By.XPATH, "//button[contains(., 'Prendo visione')]").click()
        # what it means, then the step: nothing irreversible without a confirmation
        wait_for(lambda: b.find_elements(By.XPATH, "//button[starts-with(., 'Conferma')]"))
        shot("presa-visione-conferma")
        b.find_element(By.XPATH, "//button[starts-with(., 'Conferma')]").click()
        wait_for(lambda: text_of("stato-valutazione") == "presa visione")
        shot("presa-visione")
        b.get(url("/persone/tronfi-a"))
        self.assertIn("Accesso non consentito", b.find_element(By.TAG_NAME, "h1").text)


if __name__ == "__main__":
    if webdriver is None or not CHROMIUM or not DRIVER:
        print("SKIP: mancano chromium, chromium-driver o python3-selenium (scripts/install-deps.sh --test)")
        sys.exit(77)
    unittest.main(verbosity=2)
