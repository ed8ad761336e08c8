/// Short human-readable ids: `RQ-0007`, `BR-0002`, `OF-0011`, `SE-0003`.
public enum Reference {
    public static func format(_ prefix: String, _ id: Int64) -> String {
        let digits = String(id)
        return prefix + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
