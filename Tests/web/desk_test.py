"""Drives the briefings web desk in headless Chromium against `briefings serve` over a fresh demo council.

The story: a group leader checks a request against the rules and sends it; the Chief Executive signs in, sees its
`refer` verdict, is refused without a reason and approves with one; the other group's leader sees the offer and takes
it up; an officer confirms; the Monitoring Officer sees the parity chart and the verified audit trail. And the
refusals: another group's request is a 403 page, a form without its CSRF token is refused, a sign-in link works once.
axe-core (axe-selenium-python) checks every page for serious or critical accessibility violations. Screenshots of the
queue, the request form with its verdicts and the parity chart go to the directory given.

usage: desk_test.py BASE_URL DATABASE BRIEFINGS_BINARY SCREENSHOT_DIR
"""
import datetime
import json
import os
import re
import subprocess
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

BASE, DATABASE, BINARY, SHOTS = sys.argv[1:5]
failures = []
pages_checked = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                 "--lang=en-GB", "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(30)
    return driver


def signin_link(person):
    out = subprocess.run([BINARY, "person", "signin-link", "--for", person, "--database", DATABASE, "--base-url", BASE, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["url"]


NARROW = 375


def narrow(driver, on):
    """A phone's viewport, 375 CSS pixels wide (the page's own viewport meta applies), or back to the desktop window."""
    if on:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": NARROW, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def accessible(driver, name):
    """axe-core on the page as it stands: no violation of any impact; and at 375 pixels the page does not scroll sideways."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = results["violations"]
    for v in bad:
        print("     axe: %s (%s): %s; %s" % (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5]))
    pages_checked.append(name)
    check(not bad, "axe finds no violation of any impact on %s" % name)
    narrow(driver, True)
    try:
        width = driver.execute_script("return document.documentElement.scrollWidth")
        wide = driver.execute_script("""
            const out = [];
            for (const e of document.querySelectorAll('body *')) {
                const r = e.getBoundingClientRect();
                if (r.right > arguments[0] + 1 && r.width > 0) out.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + Math.round(r.right));
            }
            return out.slice(0, 6);""", NARROW)
        check(width <= NARROW, "%s fits %d pixels without scrolling sideways (%d px wide%s)"
              % (name, NARROW, width, "; widest: " + ", ".join(wide) if wide else ""))
    finally:
        narrow(driver, False)


def status(driver, path, method="GET", body=None):
    """The HTTP status of a same-origin request made by the page, with its cookies (what a person's browser would get)."""
    script = """
        const cb = arguments[arguments.length - 1];
        const init = {method: arguments[1], credentials: 'same-origin', redirect: 'manual'};
        if (arguments[2] !== null) { init.body = arguments[2]; init.headers = {'Content-Type': 'application/x-www-form-urlencoded'}; }
        fetch(arguments[0], init).then(r => cb(r.status)).catch(e => cb(String(e)));
    """
    return driver.execute_async_script(script, path, method, body)


def screenshot_narrow(driver, name):
    """The page at 375 pixels, as a phone shows it, its whole height."""
    narrow(driver, True)
    try:
        height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": NARROW, "height": min(max(height, 800), 6000),
                                                                       "deviceScaleFactor": 1, "mobile": True})
        driver.execute_script("window.scrollTo(0, 0)")
        path = os.path.join(SHOTS, name)
        driver.save_screenshot(path)
        print("     screenshot: " + path)
    finally:
        narrow(driver, False)


def screenshot(driver, name):
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(1280, min(max(height + 40, 800), 6000))
    path = os.path.join(SHOTS, name)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(path)
    driver.set_window_size(1280, 1000)
    print("     screenshot: " + path)


def press(driver, button):
    """Clicks a button or link that loads a new page, and waits for it."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()

    def replaced(_):
        try:
            old.is_enabled()
            return False
        except WebDriverException:   # stale, or chromedriver's "node does not belong to the document"
            return True

    WebDriverWait(driver, 30).until(replaced)


def text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def sign_in_with_link(driver, person):
    url = signin_link(person)
    driver.get(url)
    accessible(driver, "the sign-in link page")
    press(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/desk/signin/link'] button"))
    check("Signed in as" in text(driver), "%s signs in with a one-time link" % person)
    return url


def sign_out(driver):
    press(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/desk/signout'] button"))


def section(driver, containing):
    for s in driver.find_elements(By.CSS_SELECTOR, "main section"):
        if containing in s.text:
            return s
    raise AssertionError("no section mentioning %r on %s" % (containing, driver.current_url))


# A weekday evening three weeks on: outside the Director of Place's hours (08:00-18:00), so working-hours refers it.
today = datetime.date.today()
day = today + datetime.timedelta(days=21)
while day.weekday() != 2:   # a Wednesday
    day += datetime.timedelta(days=1)
MATTER = "Town centre car parks: charging options"

d = browser()
try:
    # Signed out: an unknown address is the desk's 404 page; a page asks to sign in.
    d.get(BASE + "/desk/nothing/here")
    check("Page not found" in text(d) and "{" not in d.find_element(By.TAG_NAME, "body").text[:5],
          "signed out, an unknown desk address is the desk's 404 page")
    accessible(d, "the 404 page, signed out")
    d.get(BASE + "/desk/queue")
    check(d.current_url.startswith(BASE + "/desk/signin"), "signed out, the queue sends the browser to sign in")
    accessible(d, "the sign-in page")

    # 1. The Labour leader checks a request against the rules, then sends it.
    sign_in_with_link(d, "m-patel")
    accessible(d, "the home page")
    d.get(BASE + "/desk/requests/new")
    accessible(d, "the request form")
    screenshot(d, "request-form.png")
    screenshot_narrow(d, "request-form-375.png")
    check(d.find_element(By.CSS_SELECTOR, "#area option:checked").text == "Choose a service area", "no service area is chosen for the person")
    # The committee calendar's forthcoming meetings (imported by test-web.sh), none chosen until the person picks one.
    meetings = d.find_elements(By.CSS_SELECTOR, "#meetingId option")
    check(len(meetings) == 3 and meetings[0].text == "Not listed" and meetings[0].is_selected()
          and meetings[1].get_attribute("value") == "CM-0001" and meetings[1].text.startswith("Planning and Highways Committee, "),
          "the request form offers the committee calendar's meetings, none chosen")
    check(d.find_element(By.ID, "room").is_displayed() and not d.find_element(By.ID, "virtual").is_displayed()
          and not d.find_element(By.ID, "premises").is_displayed(), "only the chosen venue's box shows: a council room")
    d.find_element(By.CSS_SELECTOR, "label[for='venue-premises']").click()
    check(d.find_element(By.ID, "premises").is_displayed() and d.find_element(By.ID, "premisesKind-other").is_displayed()
          and not d.find_element(By.ID, "room").is_displayed(), "choosing other premises reveals their boxes and hides the room")
    d.find_element(By.CSS_SELECTOR, "label[for='venue-room']").click()
    # A written report instead of officers attending (001 §4.10): its date box shows, the meeting's boxes hide.
    d.find_element(By.CSS_SELECTOR, "label[for='kind-report']").click()
    check(d.find_element(By.ID, "reportDue").is_displayed() and not d.find_element(By.ID, "startDate").is_displayed()
          and not d.find_element(By.ID, "room").is_displayed(), "asking for a written report shows its date and hides the meeting's boxes")
    check(d.find_element(By.ID, "nominee").is_displayed() and d.find_element(By.ID, "nominator").is_displayed(),
          "a nominee and the senior officer who nominates them can be named")
    accessible(d, "the request form asking for a written report")
    screenshot(d, "request-form-report.png")
    screenshot_narrow(d, "request-form-report-375.png")
    d.find_element(By.CSS_SELECTOR, "label[for='kind-meeting']").click()
    check(d.find_element(By.ID, "startDate").is_displayed() and not d.find_element(By.ID, "reportDue").is_displayed(),
          "back to officers attending: the meeting's boxes show again")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Check against the rules']"))
    summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
    links = [a.get_attribute("hash") for a in summary.find_elements(By.TAG_NAME, "a")]
    check(links == ["#matter", "#area", "#officers", "#startDate", "#startTime"],
          "an empty form shows every problem at once, each linked to its box: %s" % links)
    check(not re.search(r"YYYY|HH:MM|--|partyPremises|over the API|not a local time|token", text(d)),
          "the errors are in plain English, with no command-line or API words")
    check(d.switch_to.active_element == summary, "the error summary has the focus")
    accessible(d, "the request form with every error")
    screenshot(d, "request-form-errors.png")
    screenshot_narrow(d, "request-form-errors-375.png")
    d.find_element(By.ID, "matter").send_keys(MATTER)
    d.find_element(By.CSS_SELECTOR, "#area option[value='transport']").click()
    d.find_element(By.ID, "meeting").send_keys("Cabinet")
    d.execute_script("document.getElementById('meetingDate').value = arguments[0]", (day + datetime.timedelta(days=7)).isoformat())
    d.find_element(By.ID, "officer-o-dir-place").click()
    d.execute_script("document.getElementById('startDate').value = arguments[0]", day.isoformat())
    d.execute_script("document.getElementById('startTime').value = arguments[0]", "18:30")
    d.find_element(By.CSS_SELECTOR, "#room option[value='cr2']").click()
    d.find_element(By.ID, "attendee-m-okafor").click()
    check(d.find_element(By.ID, "attendee-m-okafor").get_attribute("name") == "attendee[]"
          and d.find_element(By.ID, "officer-o-dir-place").get_attribute("name") == "officer[]",
          "a list of checkboxes is sent as name[] (attendee[], officer[])")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Check against the rules']"))
    page = text(d)
    check("What the rules say" in page and "working-hours" in page and "Needs the approver's reason" in page,
          "checking the request shows its verdicts, working-hours needing the approver's reason")
    check(d.find_element(By.ID, "matter").get_attribute("value") == MATTER, "what was typed is kept after the check")
    check(d.find_element(By.ID, "attendee-m-patel").is_selected() and d.find_element(By.ID, "attendee-m-okafor").is_selected(),
          "both attendees ticked are still ticked after the check")
    accessible(d, "the request form with its verdicts")
    screenshot(d, "request-form-verdicts.png")
    screenshot_narrow(d, "request-form-verdicts-375.png")
    press(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Send the request')]"))
    check("is in the Chief Executive's queue" in text(d), "the request is sent to the Chief Executive's queue")
    ref = d.find_element(By.CSS_SELECTOR, "h1 .ref").text
    check("Cllr Asha Patel, Cllr Tunde Okafor" in text(d), "the request sent names both attendees ticked")
    accessible(d, "a request's page")
    d.get(BASE + "/desk/requests")
    accessible(d, "the group's requests")
    screenshot_narrow(d, "requests-375.png")
    # Signed out in another window while the form is open: sending it says so plainly.
    d.get(BASE + "/desk/requests/new")
    token = d.find_element(By.CSS_SELECTOR, "form[action='/desk/signout'] input[name='_csrf']").get_attribute("value")
    # (a redirect not followed is an opaque answer, status 0, to a page's fetch)
    check(status(d, "/desk/signout", "POST", "_csrf=" + token) in (0, 303), "signed out in another window")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Check against the rules']"))
    check("You were signed out" in text(d) and "Sign in again" in text(d) and "token" not in text(d),
          "a form sent after signing out elsewhere gets a page saying you were signed out")
    accessible(d, "the signed-out page")
    screenshot(d, "signed-out.png")

    # 2. The Chief Executive signs in with a password, is refused without a reason, approves with one.
    subprocess.run([BINARY, "person", "password", "--for", "o-ceo", "--database", DATABASE], input="quiet evening chamber\n",
                   check=True, capture_output=True, text=True)
    d.get(BASE + "/desk/signin")
    d.find_element(By.ID, "person").send_keys("o-ceo")
    d.find_element(By.ID, "password").send_keys("quiet evening chamber")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Sign in']"))
    check("Signed in as Catherine Moss" in text(d), "the Chief Executive signs in with a password")
    press(d, d.find_element(By.LINK_TEXT, "Queue"))
    row = [r for r in d.find_elements(By.CSS_SELECTOR, "tr.queue-row") if MATTER in r.text][0]
    check("Labour Group" in row.text and "working day" in row.text and "1 rule needs your reason" in row.text,
          "the queue lists %s in one row: group, matter, days waiting, a rule needing a reason" % ref)
    check(len(d.find_elements(By.CSS_SELECTOR, "main textarea")) == 0 and d.execute_script("return document.body.scrollHeight") < 2000,
          "the queue is a compact list (no forms, %d px tall)" % d.execute_script("return document.body.scrollHeight"))
    accessible(d, "the queue")
    screenshot(d, "queue.png")
    screenshot_narrow(d, "queue-375.png")
    press(d, row.find_element(By.LINK_TEXT, ref))
    check(d.current_url.endswith("/desk/queue/" + ref), "a row opens to the request's own page")
    page = text(d)
    check("working-hours" in page and "Needs a reason" in page, "the request's page shows its refer verdict")
    check("Committee Room 2" in page and "Cllr Asha Patel, Cllr Tunde Okafor" in page and "Group meeting" in page,
          "the request's page shows the venue, the meeting and who attends")
    check("Waiting" in page and "Answer by" in page and "Acknowledged" in page,
          "the request's page shows working days waiting, the answer-by date and the acknowledgement")
    check(re.search(r"\b(Mon|Tue|Wed|Thu|Fri) \d{1,2} \w{3} \d{4}, \d{2}:\d{2}", page) is not None
          and re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{2}:\d{2} (GMT|BST)", page) is None,
          "every time on the request's page is written one way (Mon 21 Dec 2026, 18:30)")
    accessible(d, "a request's page in the queue")
    screenshot(d, "queue-item.png")
    screenshot_narrow(d, "queue-item-375.png")
    # Issue 25 item 6: an acknowledgement gives the date the requester will hear by; a date after the response date
    # needs its reason, asked for beside its own box.
    d.find_element(By.XPATH, "//summary[contains(., 'acknowledge')]").click()
    d.find_element(By.ID, "acknowledge-%s" % ref).send_keys("The Director is checking the evening with the group")
    d.execute_script("arguments[0].value = '2027-06-30'", d.find_element(By.ID, "acknowledge-%s-replyBy" % ref))
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Send acknowledgement']"))
    summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
    check(summary.find_element(By.TAG_NAME, "a").get_attribute("hash") == "#acknowledge-%s-reason" % ref
          and "response date" in summary.text and not re.search(r"--|briefings ", summary.text),
          "a reply-by date after the response date asks why, beside the reason box: " + summary.text[:200])
    accessible(d, "a request's page with the acknowledgement refused")
    screenshot(d, "acknowledge-refused.png")
    d.find_element(By.ID, "acknowledge-%s-reason" % ref).send_keys("The Director is at a public inquiry until June")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Send acknowledgement']"))
    check("%s acknowledged" % ref in text(d) and "they were told they will hear by Wed 30 Jun 2027" in text(d),
          "acknowledged with its reason; the page says the date they were given")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Approve %s']" % ref))
    summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
    link = summary.find_element(By.TAG_NAME, "a").get_attribute("href")
    check("working-hours" in summary.text and link.endswith("#override-%s-working-hours" % ref),
          "approving without a reason is refused, the error summary linking to the reason box")
    check(d.switch_to.active_element == summary, "the error summary has the focus")
    accessible(d, "a request's page in the queue with an error summary")
    screenshot(d, "queue-refused.png")
    box = d.find_element(By.ID, "override-%s-working-hours" % ref)
    box.send_keys("The Director agreed the evening; time off in lieu")
    # Issue 25 item 12: what the rules cannot judge, the Chief Executive ticks as judged, one box a rule.
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Approve %s']" % ref))
    summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
    check(summary.find_element(By.TAG_NAME, "a").get_attribute("hash") == "#judged-%s" % ref
          and "What you judged" in summary.text and not re.search(r"--|briefings ", summary.text),
          "approving without saying what was judged is refused, linking to the boxes: " + summary.text[:200])
    check(d.find_element(By.ID, "override-%s-working-hours" % ref).get_attribute("value").startswith("The Director agreed"),
          "the reason typed is kept")
    accessible(d, "a request's page with the judgement refused")
    screenshot(d, "queue-judged-refused.png")
    screenshot_narrow(d, "queue-judged-refused-375.png")
    for rule in ("council-business", "no-individual-matter"):
        box = d.find_element(By.ID, "judged-%s-%s" % (ref, rule))
        if not box.is_selected():
            d.find_element(By.CSS_SELECTOR, "label[for='judged-%s-%s']" % (ref, rule)).click()
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Approve %s']" % ref))
    check("%s approved" % ref in text(d) and "offered to every other group" in text(d), "approved with a reason; offered to every other group")
    d.get(BASE + "/desk/queue/" + ref)
    check(d.current_url.endswith("/desk/requests/" + ref) and "%s is no longer waiting" % ref in text(d),
          "the queue's page of a decided request leads to the request, saying it is decided")
    check(d.execute_script("return !!document.getElementById(arguments[0])", d.find_element(By.CSS_SELECTOR, ".skip-link").get_attribute("hash")[1:]),
          "the skip link's target is on the page")
    accessible(d, "an already decided request")
    for path, name in (("/desk/offers", "every offer"), ("/desk/sessions", "every session"), ("/desk/requests", "every request")):
        d.get(BASE + path)
        accessible(d, name)
    # The briefing agreed: the approver's list and its page, where closing it waits for every group's answer (equal-offer).
    d.get(BASE + "/desk/briefings")
    accessible(d, "every briefing")
    screenshot_narrow(d, "briefings-375.png")
    row = [r for r in d.find_elements(By.CSS_SELECTOR, "main tbody tr") if MATTER in r.text][0]
    briefing_ref = row.find_element(By.CSS_SELECTOR, "a").text
    press(d, row.find_element(By.CSS_SELECTOR, "a"))
    check(briefing_ref in text(d) and "Offers to the groups" in text(d) and d.find_elements(By.PARTIAL_LINK_TEXT, "OF-"),
          "the briefing's page lists the offers to the groups, linked")
    accessible(d, "a briefing's page, for the approver")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Close %s']" % briefing_ref))
    summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
    check("equal-offer" in summary.text and summary.find_element(By.TAG_NAME, "a").get_attribute("hash") == "#close"
          and not re.search(r"--|briefings ", summary.text),
          "closing with offers open is refused by equal-offer, in desk words: " + summary.text[:200])
    accessible(d, "a briefing's page with an error summary")
    screenshot(d, "briefing-close-refused.png")
    sign_out(d)

    # 3. The Conservative leader sees the offer and takes it up with a session of the group's own.
    hughes_link = sign_in_with_link(d, "m-hughes")
    d.get(BASE + "/desk/offers")
    offer = section(d, MATTER)
    check("Open" in offer.text, "the other group's leader sees the offer, open")
    accessible(d, "the group's offers")
    screenshot(d, "offers.png")
    screenshot_narrow(d, "offers-375.png")
    offer_ref = offer.find_element(By.CSS_SELECTOR, "h2 .ref").text
    check("Free times for the officers" in offer.text and offer.find_elements(By.PARTIAL_LINK_TEXT, "Use this time"),
          "the offer shows the free times the command line suggests")
    press(d, offer.find_element(By.PARTIAL_LINK_TEXT, "Use this time"))
    offer = section(d, MATTER)
    filled_date = d.find_element(By.ID, "accept-%s-startDate" % offer_ref).get_attribute("value")
    filled_time = d.find_element(By.ID, "accept-%s-startTime" % offer_ref).get_attribute("value")
    check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", filled_date or "") and re.fullmatch(r"\d{2}:\d{2}", filled_time or "")
          and "Chosen" in offer.text, "one click fills the take-up form with a free time (%s %s)" % (filled_date, filled_time))
    accessible(d, "an offer's form filled with a free time")
    screenshot(d, "offers-filled.png")
    screenshot_narrow(d, "offers-filled-375.png")
    press(d, offer.find_element(By.XPATH, ".//button[normalize-space()='Take up %s']" % offer_ref))
    check("SE-" in text(d) and "There is a problem" not in text(d), "the offer is taken up with a session of the group's own: " + text(d)[:160])
    d.get(BASE + "/desk/sessions")
    check(MATTER in text(d), "the group sees its new session")
    accessible(d, "the group's sessions")

    # The refusals a group leader meets.
    check(status(d, "/desk/requests/" + ref) == 403, "a group leader cannot open another group's request (403)")
    d.get(BASE + "/desk/requests/" + ref)
    check("You cannot open this" in text(d) and MATTER not in text(d), "the 403 page says so without showing the request")
    accessible(d, "the 403 page")
    d.get(BASE + "/desk/offers/OF-0016")
    check("Page not found" in text(d) and d.find_element(By.LINK_TEXT, "Go to your desk").get_attribute("href") == BASE + "/desk"
          and d.find_elements(By.CSS_SELECTOR, "nav[aria-label='Desk']"),
          "an unknown desk address is the desk's own 404 page, with the navigation and a link home (not JSON)")
    check(status(d, "/desk/offers/OF-0016") == 404, "and its status is 404")
    accessible(d, "the 404 page")
    screenshot(d, "not-found.png")
    before = status(d, "/desk/offers")
    check(status(d, "/desk/offers/OF-0002/decline", "POST", "reason=no") == 403, "a form posted without its CSRF token is refused (403)")
    check(status(d, "/desk/offers/OF-0002/decline", "POST", "reason=50%zz") == 400, "a form body not properly encoded is refused (400)")
    d.get(BASE + "/desk/subscribe")
    accessible(d, "the calendar feeds page")
    press(d, d.find_element(By.CSS_SELECTOR, "form[action='/desk/subscribe'] button"))
    check(d.find_element(By.CSS_SELECTOR, "input[id^='webcal-']").get_attribute("value").startswith("webcal://"),
          "the feeds page gives a webcal:// link")
    check(d.find_element(By.CSS_SELECTOR, "input[id^='https-']").get_attribute("value").startswith(BASE + "/feeds/"),
          "and an http(s):// link to the feed")
    accessible(d, "the calendar feeds page with a new link")
    sign_out(d)
    d.get(hughes_link)
    check("This sign-in link does not work" in text(d), "a sign-in link cannot be used again")
    check(status(d, hughes_link.replace(BASE, "")) == 401, "reusing a sign-in link is refused (401)")
    accessible(d, "the used-link page")

    # 4. The Director of Place confirms the Conservatives' session.
    sign_in_with_link(d, "o-dir-place")
    d.get(BASE + "/desk/sessions")
    accessible(d, "an officer's invitations")
    screenshot(d, "invitations.png")
    invited = [s for s in d.find_elements(By.CSS_SELECTOR, "main section") if MATTER in s.text and "Conservative" in s.text][0]
    session_ref = invited.find_element(By.CSS_SELECTOR, "h2 .ref").text
    # The session's own page (where the invitation's email leads): the officer proposes another time, then confirms.
    press(d, invited.find_element(By.CSS_SELECTOR, "h2 a"))
    check(d.current_url.endswith("/desk/sessions/" + session_ref), "the list links to the session's own page")
    accessible(d, "a session's page, for its invited officer")
    screenshot_narrow(d, "session-officer-375.png")
    d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, "propose-" + session_ref),
                     "%sT10:00" % (day + datetime.timedelta(days=1)).isoformat())
    d.find_element(By.ID, "propose-%s-reason" % session_ref).send_keys("I am at a planning inquiry that day")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Propose']"))
    check("You proposed" in text(d) and d.current_url.endswith("/desk/sessions/" + session_ref),
          "the officer proposes another time on the session's page and comes back to it: " + text(d)[:160])
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Confirm %s']" % session_ref))
    check("You confirmed %s" % session_ref in text(d), "the officer confirms " + session_ref)
    # The officer attaches the briefing's material on its page; its line breaks are kept for every reader.
    d.get(BASE + "/desk/briefings")
    accessible(d, "an officer's briefings")
    press(d, [r for r in d.find_elements(By.CSS_SELECTOR, "main tbody tr") if MATTER in r.text][0].find_element(By.CSS_SELECTOR, "a"))
    d.find_element(By.ID, "material").clear()
    d.find_element(By.ID, "material").send_keys("The facts:\n1. 1,200 spaces in four car parks\n2. Charges unchanged since 2019")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Attach material']"))
    check("Material attached" in text(d) and "The facts:\n1. 1,200 spaces" in d.find_element(By.ID, "material-text").text,
          "the officer attaches material on the briefing's page, its line breaks kept")
    accessible(d, "a briefing's page with its material")
    screenshot(d, "briefing.png")
    screenshot_narrow(d, "briefing-375.png")
    briefing_url = d.current_url
    # Material advice-limits warns about waits for the approver (issue 23 item 8): no group reads it meanwhile.
    d.find_element(By.ID, "material").clear()
    d.find_element(By.ID, "material").send_keys("Options:\nI recommend option 1; it would be politically popular before the May elections")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Attach material']"))
    check("waits for the Chief Executive" in text(d) and "Material waiting for the Chief Executive" in d.find_element(By.ID, "material-held").text
          and "I recommend" not in d.find_element(By.ID, "material-text").text,
          "material advice-limits warns about is held for the approver; the page keeps the material the groups read: " + text(d)[:200])
    accessible(d, "a briefing's page with material held for the approver")
    screenshot_narrow(d, "briefing-held-375.png")
    # A PDF attached as a file (the file box of the same form): the rule cannot read it, so it is held too.
    pdf = os.path.join(SHOTS, "car-parks-options.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    d.find_element(By.ID, "material").clear()
    d.find_element(By.ID, "material-file").send_keys(os.path.abspath(pdf))
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Attach material']"))
    check("waits for the Chief Executive" in text(d), "a PDF is held for the approver: " + text(d)[:200])
    d.find_element(By.ID, "material-file").send_keys(os.path.abspath(os.path.join(SHOTS, "briefing.png")))
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Attach material']"))
    check("There is a problem" in text(d) and "briefing.png is not a kind of file the desk takes" in text(d),
          "a picture is refused, naming the kinds the desk takes: " + text(d)[:200])
    accessible(d, "a briefing's page with a refused file")
    screenshot_narrow(d, "briefing-file-refused-375.png")
    d.get(BASE + "/desk/requests")
    accessible(d, "the requests naming an officer")
    sign_out(d)

    # The Chief Executive reads the held PDF in the queue and releases it; the group then downloads it.
    sign_in_with_link(d, "o-ceo")
    d.get(BASE + "/desk/queue")
    accessible(d, "the queue with held material")
    held_link = [a for a in d.find_elements(By.CSS_SELECTOR, "main a") if a.get_attribute("href") and "/desk/queue/RQ-" in a.get_attribute("href")
                 and "Material held" in a.find_element(By.XPATH, "./ancestor::tr").text]
    check(held_link, "the queue lists the held material as an item of its own")
    press(d, held_link[-1])
    check("The material waiting for you" in text(d) and "Download car-parks-options.pdf" in text(d), "the approver reads what is held: " + text(d)[:200])
    check(status(d, d.find_element(By.CSS_SELECTOR, "#held-material-file a").get_attribute("href")) == 200, "the approver downloads the held PDF")
    accessible(d, "a held material's queue page")
    screenshot(d, "queue-material.png")
    screenshot_narrow(d, "queue-material-375.png")
    press(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Release RQ-')]"))
    d.get(briefing_url)
    check("Download car-parks-options.pdf" in text(d), "released: the briefing's page offers the PDF")
    accessible(d, "a briefing's page with a material file")
    screenshot_narrow(d, "briefing-file-375.png")
    sign_out(d)

    # 4b. The Conservative leader, host of that session: refuses the proposed time, moves the session, cancels it.
    sign_in_with_link(d, "m-hughes")
    d.get(BASE + "/desk/sessions/" + session_ref)
    check(MATTER in text(d) and "Move this session" in text(d) and "Cancel this session" in text(d),
          "the host group's leader sees the session with its move and cancel forms")
    accessible(d, "a session's page, for its host group's leader")
    screenshot(d, "session.png")
    screenshot_narrow(d, "session-375.png")
    press(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Refuse TP-')]"))
    check("There is a problem" in text(d) and "Fill in your reason" in text(d), "refusing a proposed time without a reason is refused, in plain words")
    accessible(d, "a session's page with a refused answer")
    d.find_element(By.CSS_SELECTOR, "textarea[id^='refuse-TP-']").send_keys("The group meets on Wednesdays")
    press(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Refuse TP-')]"))
    check("You refused TP-" in text(d), "the host group refuses the proposed time with its reason")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Move %s']" % session_ref))
    check("There is a problem" in text(d) and "Fill in your reason" in text(d), "moving without a reason names the box, in plain words")
    accessible(d, "a session's move form with its problem")
    screenshot_narrow(d, "session-move-error-375.png")
    d.find_element(By.ID, "move-reason").send_keys("The group meeting starts later")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Move %s']" % session_ref))
    check("There is a problem" not in text(d) and "role=\"status\"" in d.page_source, "the host group moves the session: " + text(d)[:200])
    d.find_element(By.ID, "cancel-reason").send_keys("The matter was settled at Cabinet")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Cancel %s for everyone']" % session_ref))
    check("You cancelled %s" % session_ref in text(d) and "Cancelled" in text(d), "the host group cancels the session with its reason")
    accessible(d, "a cancelled session's page")
    sign_out(d)

    # 5. The Monitoring Officer: the parity chart and the audit trail, verified.
    sign_in_with_link(d, "o-mo")
    d.get(BASE + "/desk/parity")
    svg = d.find_element(By.CSS_SELECTOR, "svg.chart")
    check(svg.get_attribute("role") == "img" and "Conservative Group" in svg.get_attribute("innerHTML"),
          "the Monitoring Officer sees the parity chart, each bar labelled")
    check(len(d.find_elements(By.CSS_SELECTOR, "svg.chart pattern")) >= 2, "the chart tells measures apart by pattern, not only colour")
    accessible(d, "the parity report")
    screenshot(d, "parity.png")
    screenshot_narrow(d, "parity-375.png")
    d.get(BASE + "/desk/audit")
    check("Verified: the audit trail is intact" in text(d), "the audit trail is shown verified")
    accessible(d, "the audit trail")
    screenshot_narrow(d, "audit-375.png")
    sign_out(d)

    # 5b. The Chief Executive records an absence on the desk: every empty box named at once, then recorded.
    sign_in_with_link(d, "o-ceo")
    press(d, d.find_element(By.CSS_SELECTOR, "nav a[href='/desk/absences']"))
    accessible(d, "the approver's absences")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Record the absence']"))
    check("Fill in the first day of the absence" in text(d) and "Fill in the last day of the absence" in text(d),
          "an empty absence names both boxes at once, in plain words")
    accessible(d, "the absences form with its problems")
    screenshot_narrow(d, "absences-error-375.png")
    for box, days in (("absence-from", 10), ("absence-until", 12)):
        d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, box), (today + datetime.timedelta(days=days)).isoformat())
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Record the absence']"))
    check("is recorded" in text(d) and "There is a problem" not in text(d), "the Chief Executive records an absence: " + text(d)[:160])
    accessible(d, "the approver's absences, one recorded")
    screenshot(d, "absences.png")
    screenshot_narrow(d, "absences-375.png")
    sign_out(d)

    # 6. The deputy: with the Chief Executive in, no answers but a line saying when they may decide; once the Chief
    # Executive records an absence, a banner on every page and the answers.
    sign_in_with_link(d, "o-dce")
    d.get(BASE + "/desk/queue")
    waiting = d.find_element(By.CSS_SELECTOR, "tr.queue-row a").text
    press(d, d.find_element(By.LINK_TEXT, waiting))
    check(not d.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Approve') or starts-with(normalize-space(), 'Decline')]")
          and "You may decide only while the Chief Executive" in text(d),
          "the deputy sees no Approve or Decline on %s while the Chief Executive is in, but when they may decide" % waiting)
    accessible(d, "a request's page, for the deputy not acting")
    screenshot(d, "deputy-not-acting.png")
    subprocess.run([BINARY, "approver", "away", "--as", "o-ceo", "--from", today.isoformat(),
                    "--until", (today + datetime.timedelta(days=3)).isoformat(), "--database", DATABASE], check=True, capture_output=True)
    d.refresh()
    check("You are acting for the Chief Executive (Catherine Moss)" in text(d)
          and d.find_elements(By.XPATH, "//button[normalize-space()='Approve %s']" % waiting),
          "with the absence recorded, the deputy sees the acting banner and may approve")
    accessible(d, "a request's page, for the deputy acting")
    screenshot(d, "deputy-acting.png")
    d.get(BASE + "/desk")
    check("You are acting for the Chief Executive" in text(d), "the banner is on every page, the home page too")
    d.get(BASE + "/desk/absences")
    check("You are acting for the Chief Executive" in text(d) and not d.find_elements(By.CSS_SELECTOR, "form[action='/desk/absences']"),
          "the deputy reads the absences, with the banner and no form to record one")
    accessible(d, "the approver's absences, for the deputy acting")
    screenshot_narrow(d, "absences-deputy-375.png")
    sign_out(d)

    # 7. The administrator: the roster at a glance, a person's sign-in link, password, token and feed links, the outbox.
    sign_in_with_link(d, "ds-admin")
    press(d, d.find_element(By.LINK_TEXT, "Administration"))
    page = text(d)
    check("Groups and their members" in page and "Cllr Gareth Hughes" in page and "Head of Service" in page and "Committee Room 2" in page,
          "the administrator sees the roster at a glance: members by group, officers with their grade, rooms")
    accessible(d, "the administrator's roster")
    screenshot(d, "admin.png")
    screenshot_narrow(d, "admin-375.png")
    # The roster's sheets (issue 26 item 4): exported, a member added as in a spreadsheet, uploaded, previewed, imported.
    sheets = os.path.abspath(os.path.join(SHOTS, "roster-sheets"))
    os.makedirs(sheets, exist_ok=True)
    subprocess.run([BINARY, "roster", "export", sheets, "--database", DATABASE], check=True, capture_output=True)
    with open(os.path.join(sheets, "members.csv"), "a", encoding="utf-8") as f:
        f.write("m-new,Cllr Nia Jones,cllr.nia.jones@example.gov.uk,LAB,elected\n")
    for box in ["groups", "members", "assistants", "officers", "rooms"]:
        d.find_element(By.ID, "roster-" + box).send_keys(os.path.join(sheets, box + ".csv"))
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Preview the changes']"))
    check("Joins: Cllr Nia Jones (m-new)" in d.find_element(By.ID, "roster-preview").text and "Nothing has been written yet" in text(d),
          "the administrator previews the sheets: who joins, nothing written: " + text(d)[:200])
    accessible(d, "the administrator's roster import preview")
    screenshot_narrow(d, "admin-roster-preview-375.png")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Import the roster']"))
    check("Imported the roster" in text(d) and "Cllr Nia Jones" in text(d), "the roster is imported as previewed")
    press(d, d.find_element(By.LINK_TEXT, "Cllr Gareth Hughes"))
    check("Calendar feed links" in text(d) and "Conservative Group's sessions and offers" in text(d),
          "a person's page lists the feed link they took")
    accessible(d, "a person's page")
    press(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Give Cllr Gareth Hughes a sign-in link')]"))
    hughes_new_link = d.find_element(By.ID, "signin-link").get_attribute("value")
    check(hughes_new_link.startswith(BASE + "/desk/signin/link/sil_") and "shown only once" in text(d),
          "the administrator gives Cllr Hughes a sign-in link, shown once with its expiry")
    accessible(d, "a person's page with a new sign-in link")
    screenshot(d, "admin-person-link.png")
    screenshot_narrow(d, "admin-person-link-375.png")
    d.find_element(By.ID, "password").send_keys("a long enough password")
    d.find_element(By.ID, "again").send_keys("a different password")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Set the password']"))
    summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
    check("The two passwords differ" in summary.text and summary.find_element(By.TAG_NAME, "a").get_attribute("hash") == "#password"
          and d.switch_to.active_element == summary, "two different passwords are refused in plain English, the summary linked to the box")
    check(d.find_element(By.ID, "password").get_attribute("value") == "", "the password is not shown back")
    accessible(d, "a person's page with a password error")
    d.find_element(By.ID, "password").send_keys("a long enough password")
    d.find_element(By.ID, "again").send_keys("a long enough password")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Set the password']"))
    check("password is set" in text(d) and "a long enough password" not in d.page_source, "the password is set, and never shown")
    d.find_element(By.ID, "label").send_keys("tablet")
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Issue a token']"))
    token = d.find_element(By.ID, "new-token").get_attribute("value")
    check(token.startswith("brf_"), "a token is issued and shown once")
    accessible(d, "a person's page with a new token")
    screenshot(d, "admin-person-token.png")
    token_id = re.search(r"Token (\d+) for", text(d)).group(1)
    press(d, d.find_element(By.XPATH, "//button[normalize-space()='Revoke token %s']" % token_id))
    check("Token %s of Cllr Gareth Hughes is revoked" % token_id in text(d) and token not in d.page_source, "the token is revoked on the page")
    press(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Withdraw this link')]"))
    check("1 calendar feed link of Cllr Gareth Hughes withdrawn" in text(d), "the feed link is withdrawn on the page")
    accessible(d, "a person's page after its forms")
    screenshot_narrow(d, "admin-person-375.png")
    d.get(BASE + "/desk/admin/outbox")
    check("Outgoing email" in text(d) and "Waiting to be sent" in text(d), "the administrator sees the outbox's counts")
    accessible(d, "the outbox")
    screenshot_narrow(d, "admin-outbox-375.png")
    sign_out(d)
    # The link given on the page signs Cllr Hughes in; he has no Administration page.
    d.get(hughes_new_link)
    press(d, d.find_element(By.CSS_SELECTOR, "form[action='/desk/signin/link'] button"))
    check("Signed in as" in text(d) and "Gareth Hughes" in text(d), "the link given on the administrator's page signs Cllr Hughes in")
    check(not d.find_elements(By.LINK_TEXT, "Administration") and status(d, "/desk/admin") == 403,
          "a group leader has no Administration link, and the page is a 403 for him")
    d.get(BASE + "/desk/admin")
    accessible(d, "the administrator's page refused (403)")
    sign_out(d)
finally:
    d.quit()

print("\naxe checked %d pages: %s" % (len(pages_checked), ", ".join(sorted(set(pages_checked)))))
if failures:
    print("\n%d check(s) failed:\n  %s" % (len(failures), "\n  ".join(failures)))
    sys.exit(1)
print("Every check passed.")
