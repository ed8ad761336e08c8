// swift-tools-version: 6.1
import PackageDescription

// The Calendar tests alone, for scripts/test-calendar-asan.sh: each target here is a link to the one of the same
// name in the root package, with the same dependencies (keep them in step with ../../Package.swift).

let package = Package(
    name: "calendar-asan",
    targets: [
        .systemLibrary(name: "BriefingsCLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .target(name: "BriefingsDomain"),
        .target(name: "BriefingsCalendar", dependencies: ["BriefingsDomain", "BriefingsCLibical"]),
        .testTarget(name: "BriefingsCalendarTests", dependencies: ["BriefingsCalendar", "BriefingsDomain"]),
    ],
    swiftLanguageModes: [.v6]
)
