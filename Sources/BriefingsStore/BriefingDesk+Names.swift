import BriefingsDomain

/// The desk's values under the names the store, the server and the command line have always used: each is declared
/// in `BriefingsDomain` (`Desk`), where the command line's remote client builds them without linking the store.
extension BriefingDesk {
    public typealias Receipt = Desk.Receipt
    public typealias Flag = Desk.Flag
    public typealias QueueItem = Desk.QueueItem
    public typealias QueueDetail = Desk.QueueDetail
    public typealias Approval = Desk.Approval
    public typealias OfferView = Desk.OfferView
    public typealias Slot = Desk.Slot
    public typealias OfferSlots = Desk.OfferSlots
    public typealias NoteView = Desk.NoteView
    public typealias AbsenceView = Desk.AbsenceView
    public typealias TimeProposalView = Desk.TimeProposalView
    public typealias ProposalAnswer = Desk.ProposalAnswer
    public typealias OfficerAnswer = Desk.OfficerAnswer
    public typealias FeedSubject = Desk.FeedSubject
    public typealias SessionView = Desk.SessionView
    public typealias RequestView = Desk.RequestView
    public typealias RulesView = Desk.RulesView
    public typealias RequestLine = Desk.RequestLine
    public typealias ParityRow = Desk.ParityRow
    public typealias BriefingLine = Desk.BriefingLine
    public typealias BriefingView = Desk.BriefingView
    public typealias NotificationView = Desk.NotificationView
}

extension AuditTrail {
    public typealias Entry = Desk.AuditEntry
    public typealias Report = Desk.AuditReport
}
