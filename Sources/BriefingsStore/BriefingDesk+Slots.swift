import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// Up to three free times to take an open offer up, for the people who see it: its group's, and the oversight roles.
    /// Each is a session like the briefing's own (its length and officers' part), with the briefing's officers, on a
    /// different working day, judged as a take-up is (`SlotSearch`): inside every officer's working hours, clear of their
    /// sessions, held changes and imported busy times, in a council room free with the council's buffer, before the linked
    /// meeting. A suggestion is only a suggestion: `acceptOffer` judges it again like any other time. Writes nothing.
    public func suggestSlots(offer ref: String, as actorID: String) async throws -> OfferSlots {
        let at = now()
        return try await database.read { db in
            let c = try council(db)
            let offer = try offerRecord(db, ref)
            try requireSees(offer, actorID, c)
            try requireOpen(db, offer, c)
            return try slots(db, c, offer: offer, at: at)
        }
    }

    /// Refuses anyone who does not see the offer: its group's people and the oversight roles do; another group sees only
    /// whether it is open or answered (`confidentiality`).
    func requireSees(_ offer: OfferRecord, _ actorID: String, _ c: Council) throws {
        switch try scope(actorID, c) {
        case .everything: return
        case .group(let g) where g == offer.groupID: return
        default:
            throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                            "\(offer.ref) is offered to \(c.name(offer.groupID)); other groups see only whether it is open or answered",
                            remedy: .seeList(.offers))
        }
    }

    /// The search for an offer: the take-up its group's leader would propose, shaped like the request the briefing was
    /// approved from, judged at each candidate by the rule engine's take-up rules that its time and room decide
    /// (`RuleEngine.slotRules`), over the bookings of the officers and rooms for the days searched, read once. The officers'
    /// side is judged against their bookings alone, then each room against its own: `no-double-booking` fails for the
    /// candidate exactly when it fails for one of the two, so together they are the take-up's verdicts.
    func slots(_ db: Database, _ c: Council, offer: OfferRecord, at: Date) throws -> OfferSlots {
        guard let requestID = try db.value(Int64.self, sql: "SELECT request_id FROM briefing WHERE id = ?", arguments: [offer.briefingID]),
              let approved = try RequestRecord.fetchOne(db, key: requestID) else {
            throw DeskError(.notFound, "no briefing \(Ref.format("BR", offer.briefingID))", remedy: .seeList(.briefings))
        }
        var template = approved.proposal
        template.requester = c.roster.group(offer.groupID)?.leader ?? template.requester
        template.onBehalfOf = nil
        template.attendees = []
        template.jointWish = false
        template = try takeUp(db, offer: offer, template, at: at)
        let days = try workingDays(db)
        let search = SlotSearch(template: template, now: at, workingDays: days, rooms: c.roster.rooms.map(\.id))
        var officerBookings: [Booking] = [], roomBookings: [String: [Booking]] = [:]
        if let first = search.days.first, let last = search.days.last {
            // Through the day after the last: a late meeting may run past midnight.
            let from = first.startInstant, to = last.adding(days: 2).startInstant
            for o in template.officers { officerBookings += try bookings(db, of: .officer(o.officer), from: from, to: to, profile: c.profile) }
            for room in search.rooms { roomBookings[room] = try bookings(db, of: .room(room), from: from, to: to, profile: c.profile) }
        }
        let rules = RuleEngine.slotRules.intersection(RequestKind.acceptance.transition.judged)
        func engine(_ bookings: [Booking]) -> RuleEngine { RuleEngine(ValidationContext(roster: c.roster, profile: c.profile, bookings: bookings, bankHolidays: days.holidays)) }
        let officers = engine(officerBookings)
        let rooms = roomBookings.mapValues(engine)
        let found = search.search(officersFit: { officers.passes($0, rules) },
                                  roomFits: { p in rooms[p.venue.roomID ?? ""]?.passes(p, [.venue, .noDoubleBooking]) ?? false })
        return OfferSlots(offer: offer.ref, group: offer.groupID, from: search.from.description, until: search.until.description,
                          slots: found.map { Slot($0, c) })
    }
}
