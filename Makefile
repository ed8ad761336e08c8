# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test deps build clean

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build

## Build, then walk the demo council through a whole story in ./briefings-demo.sqlite.
demo: build
	$(SWIFT) run briefings demo

## Every test: the Swift test targets; the feeds against real calendar clients; the Calendar
## target again under AddressSanitizer.
test: deps
	$(SWIFT) test
	./scripts/test-clients.sh
	./scripts/test-calendar-asan.sh

clean:
	rm -rf .build briefings-demo.sqlite*
