/// Small pieces of English every channel uses.
public enum Wording {
    /// `A`, `A and B`, `A, B and C`.
    public static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
