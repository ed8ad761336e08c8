import BriefingsStore
import Foundation

/// The parity report as an SVG drawn on the server: one panel per measure (offers received, offers taken up, officer
/// hours), a labelled horizontal bar per group with its value written at the bar's end. Readable without colour: each
/// panel is titled, each bar labelled and numbered, and each measure has its own pattern (solid, hatched, dotted); the
/// two panels of offers share one scale;
/// the same numbers are in the table beside it.
enum ParityChart {
    struct Measure: Sendable {
        var title: String
        var pattern: String
        /// Panels on the same scale draw the same value as the same length: offers received and taken up are both
        /// counts of offers, so one take-up is a fifth of five offers (issue 23 item 9); hours have a scale of their own.
        var scale: String
        var value: @Sendable (BriefingDesk.ParityRow) -> Double
        var format: @Sendable (Double) -> String
    }

    static let measures: [Measure] = [
        Measure(title: "Offers received", pattern: "solid", scale: "offers", value: { Double($0.offersReceived) }, format: { String(Int($0)) }),
        Measure(title: "Offers taken up", pattern: "hatch", scale: "offers", value: { Double($0.accepted) }, format: { String(Int($0)) }),
        Measure(title: "Officer hours", pattern: "dots", scale: "hours", value: { $0.officerHours }, format: { hours($0) }),
    ]

    static let width = 720.0, labelWidth = 250.0, rowHeight = 30.0, barHeight = 20.0, titleHeight = 34.0, gap = 16.0

    static func svg(_ rows: [BriefingDesk.ParityRow]) -> String {
        let panelHeight = titleHeight + rowHeight * Double(max(rows.count, 1)) + gap
        let height = panelHeight * Double(measures.count)
        let barSpace = width - labelWidth - 70
        var s = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="chart-title chart-desc" \
            viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" font-family="system-ui, Arial, sans-serif" font-size="15">
            <title id="chart-title">Parity by group: offers received, offers taken up and officer hours</title>
            <desc id="chart-desc">\(escape(description(rows)))</desc>
            <defs>
            <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="8" height="8" fill="#ffffff"/><rect width="4" height="8" fill="#0b0c0c"/></pattern>
            <pattern id="dots" width="8" height="8" patternUnits="userSpaceOnUse">\
            <rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2.4" fill="#0b0c0c"/></pattern>
            </defs>

            """
        for (i, m) in measures.enumerated() {
            let top = Double(i) * panelHeight
            let biggest = max(measures.filter { $0.scale == m.scale }.flatMap { same in rows.map(same.value) }.max() ?? 0, 1)
            s += "<g>\n<text x=\"0\" y=\"\(f(top + 22))\" font-weight=\"700\" font-size=\"17\" fill=\"#0b0c0c\">\(escape(m.title))</text>\n"
            for (j, row) in rows.enumerated() {
                let y = top + titleHeight + Double(j) * rowHeight
                let value = m.value(row), length = max(value / biggest * barSpace, value > 0 ? 2 : 0)
                let fill = m.pattern == "solid" ? "#1d70b8" : "url(#\(m.pattern))"
                let name = label(row.name)
                s += "<text x=\"\(f(labelWidth - 10))\" y=\"\(f(y + 15))\" text-anchor=\"end\" fill=\"#0b0c0c\">"
                    + (name == row.name ? escape(name) : "<title>\(escape(row.name))</title>\(escape(name))") + "</text>\n"
                s += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y))\" width=\"\(f(length))\" height=\"\(f(barHeight))\" fill=\"\(fill)\" stroke=\"#0b0c0c\" stroke-width=\"\(value > 0 ? 1 : 0)\"/>\n"
                s += "<text x=\"\(f(labelWidth + length + 8))\" y=\"\(f(y + 15))\" fill=\"#0b0c0c\">\(escape(m.format(value)))</text>\n"
            }
            s += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(top + titleHeight - 4))\" x2=\"\(f(labelWidth))\" y2=\"\(f(top + titleHeight + rowHeight * Double(rows.count) - 6))\" stroke=\"#0b0c0c\"/>\n</g>\n"
        }
        return s + "</svg>"
    }

    /// A group's name short enough for the label column: a councillor's name without its note in brackets, or cut
    /// with an ellipsis (the full name is the label's tooltip, and in the table).
    static func label(_ name: String) -> String {
        let most = 30
        if name.count <= most { return name }
        if let bracket = name.range(of: " ("), name.distance(from: name.startIndex, to: bracket.lowerBound) <= most { return String(name[..<bracket.lowerBound]) }
        return String(name.prefix(most - 1)) + "…"
    }

    /// The chart in words, for its `<desc>`.
    static func description(_ rows: [BriefingDesk.ParityRow]) -> String {
        rows.map { "\($0.name): \($0.offersReceived) offers received, \($0.accepted) taken up, \(hours($0.officerHours)) officer hours" }
            .joined(separator: "; ") + "."
    }

    static func hours(_ h: Double) -> String {
        h == h.rounded() ? String(Int(h)) : String(format: "%.2f", h).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
