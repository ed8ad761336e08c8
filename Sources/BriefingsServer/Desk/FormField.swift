import Foundation

/// One field of a desk form, and what it is when the form did not send it.
protocol FormField: Decodable, Sendable {
    /// The field when the form did not send it.
    static var absent: Self { get }
}

extension KeyedDecodingContainer {
    /// A field the form did not send is absent, never an error.
    func decode<Field: FormField>(_ type: Field.Type, forKey key: Key) throws -> Field {
        try decodeIfPresent(type, forKey: key) ?? .absent
    }
}

/// A text field as the desk reads it: trimmed, its lines ending in LF (a textarea sends CRLF), nil when absent or blank.
@propertyWrapper struct FormText: FormField {
    var wrappedValue: String?
    static var absent: FormText { FormText(wrappedValue: nil) }

    init(wrappedValue: String?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        wrappedValue = (try? decoder.singleValueContainer().decode(String.self)).flatMap(Self.clean)
    }

    /// A textarea's CRLF line ends as LF.
    static func lines(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }

    /// The text trimmed, its lines ending in LF; nil when blank.
    static func clean(_ text: String) -> String? {
        let trimmed = lines(text).trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// A list of checkboxes sent as `name[]`: every value ticked, trimmed, blanks left out (one sent as `name` is a list of one).
@propertyWrapper struct FormList: FormField {
    var wrappedValue: [String]
    static var absent: FormList { FormList(wrappedValue: []) }

    init(wrappedValue: [String]) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        let sent = (try? [String](from: decoder)) ?? (try? decoder.singleValueContainer().decode(String.self)).map { [$0] } ?? []
        wrappedValue = sent.compactMap(FormText.clean)
    }
}

/// Fields sent as `name[key]`, by key (`override[working-hours]`), each read as a `FormText`; blank ones left out.
@propertyWrapper struct FormKeyed: FormField {
    var wrappedValue: [String: String]
    static var absent: FormKeyed { FormKeyed(wrappedValue: [:]) }

    init(wrappedValue: [String: String]) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        wrappedValue = ((try? [String: FormText](from: decoder)) ?? [:]).compactMapValues(\.wrappedValue)
    }
}

/// A field read exactly as typed (a password): lines ending in LF, not trimmed; nil when absent.
@propertyWrapper struct FormSecret: FormField {
    var wrappedValue: String?
    static var absent: FormSecret { FormSecret(wrappedValue: nil) }

    init(wrappedValue: String?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        wrappedValue = (try? decoder.singleValueContainer().decode(String.self)).map(FormText.lines)
    }
}
