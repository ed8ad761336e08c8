"""Single sign-on on the web desk against oidc-provider-mock, a real OpenID Connect provider, both on 127.0.0.1.

Each sign-in is a fresh browser (an httpx client keeping its cookies, following no redirect by itself): the desk's
sign-in page, "Sign in with your council account" (a form with its CSRF token), the provider's authorization page,
where the person is chosen, and back to the desk's callback. A person on the roster gets in, as an ordinary desk
session audited like the others. An unknown person, a token for another audience, from another issuer, an expired
one, a replayed nonce, a replayed callback and a callback in another browser are each refused with the desk's sign-in
page saying why, and nothing is recorded as signed in (no session with a person, no `signin` in the audit trail).

The mock copies a user's extra claims over the ID token's own (authlib's OpenIDCode), so a user whose claims include
`aud`, `iss`, `exp` or `nonce` gets a token, properly signed with the provider's published key, that is wrong in
exactly that way.

usage: sso_test.py DESK_URL PROVIDER_URL DATABASE
"""
import html.parser
import sqlite3
import sys
import time
import urllib.parse

import httpx

DESK, PROVIDER, DATABASE = sys.argv[1:4]
ASHA = "cllr.asha.patel@example.gov.uk"   # m-patel on the demo council's roster
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


class Page(html.parser.HTMLParser):
    """The text of a page's <main>, its CSRF field and whether it is in the desk's layout."""

    def __init__(self, body):
        super().__init__()
        self.inputs, self.main, self.depth, self.layout = {}, [], 0, False
        self.feed(body)
        self.text = " ".join(" ".join(self.main).split())

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.inputs.setdefault(a["name"], a.get("value") or "")
        if tag == "main":
            self.depth += 1
        if tag == "link" and a.get("href") == "/desk/static/desk.css":
            self.layout = True

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth > 0:
            self.main.append(data)


def database(sql, *args):
    with sqlite3.connect(DATABASE) as db:
        return db.execute(sql, args).fetchone()[0]


def recorded():
    """What the database says about who is signed in: sessions with a person, and sign-ins in the audit trail."""
    return (database("SELECT COUNT(*) FROM web_session WHERE person IS NOT NULL"),
            database("SELECT COUNT(*) FROM audit WHERE action = 'signin'"))


def set_user(sub, **claims):
    response = httpx.put(PROVIDER + "/users/" + urllib.parse.quote(sub), json=claims, timeout=10)
    response.raise_for_status()


class Attempt:
    """One sign-in from a fresh browser, up to the desk's answer at its callback."""

    def __init__(self, sub, browser=None):
        self.browser = browser or httpx.Client(timeout=20)
        page = self.browser.get(DESK + "/desk/signin?next=/desk/requests")
        form = Page(page.text)
        self.offered = "Sign in with your council account" in page.text
        start = self.browser.post(DESK + "/desk/signin/oidc", data={"_csrf": form.inputs.get("_csrf", ""), "next": "/desk/requests"})
        self.authorize = start.headers.get("location", "")
        self.request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.authorize).query))
        # The person picks who they are on the provider's page (the mock's form), which sends them back with a code.
        chosen = httpx.post(self.authorize, data={"sub": sub}, timeout=10)
        self.callback = chosen.headers.get("location", "")
        self.answer = self.browser.get(self.callback) if self.callback.startswith(DESK) else None
        self.page = Page(self.answer.text) if self.answer is not None else None


def refused(name, attempt, reason):
    """The desk's sign-in page (its layout, 401) saying what was wrong and what to do."""
    a = attempt.answer
    ok = a is not None and a.status_code == 401 and attempt.page.layout and "There is a problem" in attempt.page.text \
        and reason.lower() in attempt.page.text.lower() and "Sign in with your council account" in attempt.page.text
    check(ok, "%s is refused with the sign-in page saying: ...%s..." % (name, reason)
          + ("" if ok else " (got %s: %s)" % (a and a.status_code, attempt.page and attempt.page.text[:600])))
    return ok


started = time.monotonic()
before = recorded()

# 1. A person on the roster gets in.
set_user("asha", email=ASHA, email_verified=True, name="Asha Patel")
asha = Attempt("asha")
check(asha.offered, "the sign-in page offers \"Sign in with your council account\"")
check(asha.authorize.startswith(PROVIDER + "/oauth2/authorize?"), "the button sends the browser to the provider's authorization endpoint")
r = asha.request
check(r.get("response_type") == "code" and r.get("code_challenge_method") == "S256" and len(r.get("code_challenge", "")) == 43
      and len(r.get("state", "")) >= 43 and len(r.get("nonce", "")) >= 43 and "openid" in r.get("scope", "").split()
      and r.get("redirect_uri") == DESK + "/desk/signin/oidc/callback" and r.get("client_id") == "briefings-desk",
      "the authorization request is a code request with PKCE (S256), a state, a nonce and the registered redirect URI")
check(asha.callback.startswith(DESK + "/desk/signin/oidc/callback?"), "the provider sends the browser back to the desk's callback")
check(asha.answer is not None and asha.answer.status_code == 303 and asha.answer.headers.get("location") == "/desk/requests",
      "the desk signs Asha in and goes on to the page she asked for")
home = asha.browser.get(DESK + "/desk/requests")
check(home.status_code == 200 and "Signed in as Cllr Asha Patel" in home.text, "she is on the desk, signed in as Cllr Asha Patel (m-patel)")
session = database("SELECT value FROM web_session WHERE person = 'm-patel' ORDER BY created_at DESC LIMIT 1")
check(session is not None and '"method":"oidc"' in session.replace(" ", ""), "her session is an ordinary desk session, recorded as method oidc")
audit = database("SELECT details FROM audit WHERE action = 'signin' ORDER BY seq DESC LIMIT 1")
check(recorded() == (before[0] + 1, before[1] + 1) and audit is not None and "oidc" in audit,
      "one session and one `signin` audit entry (method oidc) are recorded")
asha_nonce = r.get("nonce")

# 2. Each refusal: the sign-in page says why, and nothing is recorded as signed in.
before = recorded()
failures_before = database("SELECT COUNT(*) FROM signin_failure")
set_user("stranger", email="stranger@example.gov.uk", email_verified=True)
refused("someone not on the roster", Attempt("stranger"),
        "no one on the briefings desk's roster has that address")
set_user("other-audience", email=ASHA, aud="another-app")
refused("a token for another application (audience)", Attempt("other-audience"),
        "meant for another application ('another-app'), not for this desk ('briefings-desk')")
set_user("other-issuer", email=ASHA, iss="http://127.0.0.1:1/elsewhere")
refused("a token from another issuer", Attempt("other-issuer"),
        "was issued by 'http://127.0.0.1:1/elsewhere', not by the council's identity provider")
set_user("expired", email=ASHA, exp=int(time.time()) - 3600)
refused("an expired token", Attempt("expired"), "The sign-in token expired at")
set_user("replayed", email=ASHA, nonce=asha_nonce)
refused("a token carrying the nonce of an earlier sign-in (replayed)", Attempt("replayed"),
        "its nonce is not the one this sign-in sent, so it was replayed from another sign-in")
again = asha.browser.get(asha.callback)
replay = Attempt.__new__(Attempt)
replay.answer, replay.page = again, Page(again.text)
refused("the earlier sign-in's callback sent again", replay, "this sign-in cannot be completed: it was already completed")
# A callback taken to another browser (a sign-in planted on someone else) is refused too.
planted = Attempt.__new__(Attempt)
first = httpx.Client(timeout=20)
form = Page(first.get(DESK + "/desk/signin").text)
start = first.post(DESK + "/desk/signin/oidc", data={"_csrf": form.inputs.get("_csrf", ""), "next": "/desk"})
back = httpx.post(start.headers["location"], data={"sub": "asha"}, timeout=10).headers["location"]
planted.answer = httpx.Client(timeout=20).get(back)
planted.page = Page(planted.answer.text)
refused("a callback opened in another browser", planted, "or it was started in another browser")
check(recorded() == before, "after the refusals no session with a person and no `signin` audit entry were recorded")
check(database("SELECT COUNT(*) FROM signin_failure") == failures_before + 7, "each refusal counts as a failed sign-in from the address")

# 3. Passwords and sign-in links stay: the password form is still on the page.
page = httpx.get(DESK + "/desk/signin")
check('action="/desk/signin/password"' in page.text, "the password form stays for councillors without a council account")

print("\nsingle sign-on checked in %.1f s" % (time.monotonic() - started))
if failures:
    print("\n%d check(s) failed:\n  %s" % (len(failures), "\n  ".join(failures)))
    sys.exit(1)
print("Every check passed.")
