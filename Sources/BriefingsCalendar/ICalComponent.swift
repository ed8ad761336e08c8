import BriefingsCLibical
import Foundation

/// Owns one libical component. Freed in `deinit` unless it was handed to a parent, which then owns it.
/// Internal to the Calendar target: no C pointer leaves it.
final class ICalComponent {
    let pointer: OpaquePointer
    private var owned = true

    init(_ kind: icalcomponent_kind) {
        pointer = icalcomponent_new(kind)
    }

    /// Takes ownership of a component libical allocated (a parse result or a clone).
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        if owned { icalcomponent_free(pointer) }
    }

    /// Adds a child; the parent frees it from now on.
    func add(_ child: ICalComponent) {
        icalcomponent_add_component(pointer, child.pointer)
        child.owned = false
    }

    /// Adds a freshly created property; the component owns it.
    func add(_ property: OpaquePointer?) {
        guard let property else { return }
        icalcomponent_add_property(pointer, property)
    }

    /// Lends the component's RFC 5545 text without copying it: the `_r` serializer's buffer, freed afterwards.
    func withSerialized<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let text = icalcomponent_as_ical_string_r(pointer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { icalmemory_free_buffer(text) }
        let length = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: length) { body(UnsafeBufferPointer(start: $0, count: length)) }
    }

    var kind: icalcomponent_kind { icalcomponent_isa(pointer) }

    /// Child components of one kind (borrowed: owned by this component).
    func children(_ kind: icalcomponent_kind) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = icalcomponent_get_first_component(pointer, kind)
        while let c = child {
            result.append(c)
            child = icalcomponent_get_next_component(pointer, kind)
        }
        return result
    }
}

/// Properties of a borrowed component, by kind.
func properties(_ component: OpaquePointer, _ kind: icalproperty_kind) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var p = icalcomponent_get_first_property(component, kind)
    while let prop = p {
        result.append(prop)
        p = icalcomponent_get_next_property(component, kind)
    }
    return result
}
