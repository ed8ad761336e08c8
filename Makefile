# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test deps build clean

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build

## Build, then start the service on http://127.0.0.1:8080 with the demo council in ./briefings-demo.sqlite,
## printing for each demo person a sign-in link to the web desk (http://127.0.0.1:8080/desk), a token, a feed URL and
## a command to try. Ctrl-C stops it.
demo: build
	$(SWIFT) run briefings serve --demo --database briefings-demo.sqlite

# Drills that time the real service's answers against its lock wait run on their own after the rest: beside 400 other
# tests on two cores their clients starve, and the wait they measure is the test machine's, not the service's.
TIMED_DRILLS = WriteDeadlineTests|LiveServiceTests

## Every test: the Swift test targets (the timed drills last, alone); the feeds against real calendar clients; the JSON API against
## openapi.yaml with schemathesis (a few minutes, bounded); 20,000 made-up paths that must leave /metrics and the
## server's memory where they were; email end to end through msmtp to a local SMTP server
## (a whole story, a broken transport, kill -9 mid-delivery); the web desk in headless Chromium with axe-core
## (screenshots in test-output/web/); single sign-on against oidc-provider-mock (a roster person gets in; an unknown
## person, a wrong audience or issuer, an expired token and a replayed nonce are refused); the Calendar target again under
## AddressSanitizer; a minute of libFuzzer on each reader of outside files (ICS imports, roster JSON).
## A long session: scripts/fuzz.sh 1800.
test: deps
	$(SWIFT) test --skip '$(TIMED_DRILLS)'
	$(SWIFT) test --skip-build --filter '$(TIMED_DRILLS)'
	./scripts/test-clients.sh
	./scripts/test-api.sh
	./scripts/test-paths.sh
	./scripts/test-mail.sh
	./scripts/test-web.sh
	./scripts/test-sso.sh
	./scripts/test-calendar-asan.sh
	./scripts/fuzz.sh 60

clean:
	rm -rf .build .build-fuzz briefings-demo.sqlite* test-output
