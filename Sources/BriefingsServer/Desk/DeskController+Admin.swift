import BriefingsDomain
import BriefingsImports
import BriefingsMessages
import BriefingsStore
import Foundation
import Hummingbird

/// The administrator's pages (issue 23, item 1): the roster at a glance with how each person signs in
/// (`/desk/admin`), one person's sign-in link, password, API tokens, feed links and signed-in browsers
/// (`/desk/admin/people/:person`), and the outbox (`/desk/admin/outbox`). Each form is the command line's own step, the
/// same store call with the same audit entry (`issueSignInLink`, `setPassword`, `removePassword`, `endWebSessions`,
/// `issueToken`, `revokeToken`, `revokeFeedSecrets`, `retryMessage`). Only an administrator opens them; a secret
/// (a link, a token) is shown once, on the page that answers the form, and never stored, logged or flashed.
extension DeskController {
    func addAdminRoutes(to group: RouterGroup<DeskContext>) {
        group.get("admin") { request, context in try await adminPage(request, context) }
        // The roster as CSV sheets (issue 26 item 4): uploaded, previewed (who joins, leaves, changes group or grade),
        // then imported as previewed; a sheet's bad rows are refused by row, nothing written.
        group.post("admin/roster/preview") { request, context in
            let v = try await administrator(context)
            var sheets: [String: Data] = [:]
            for sheet in RosterCSV.sheets {
                if let upload = context.form.files[String(sheet.file.dropLast(4))] { sheets[sheet.file] = upload.content }
            }
            let data: Data, new: Roster
            do {
                data = try RosterCSV.rosterFile(sheets: sheets, council: v.council.roster, missing: DeskText.Administration.missingSheet)
                new = try RosterFile.parse(data)
            } catch let e as RosterCSV.Problems {
                return try await adminPage(request, context, problems: e.problems, status: .badRequest)
            } catch let e as RosterFile.Problems {
                return try await adminPage(request, context, problems: e.problems, status: .badRequest)
            }
            let changes = v.council.roster.changes(to: new).map(DeskText.Administration.rosterChange)
            return try await adminPage(request, context, preview: ["changes": changes, "hasChanges": !changes.isEmpty,
                                                                   "unchanged": DeskText.Administration.rosterUnchanged,
                                                                   "roster": String(decoding: data, as: UTF8.self)])
        }
        group.post("admin/roster/import") { request, context in
            let v = try await administrator(context)
            let f = try context.form.decode(RosterImportFields.self)
            guard let roster = f.roster else { return Response.seeOther("/desk/admin") }
            do {
                let s = try await desk.importRoster(Data(roster.utf8), as: v.id)
                flash("Imported the roster: \(s.groups) groups, \(s.members) members, \(s.assistants) assistants, \(s.officers) officers, \(s.rooms) rooms."
                      + (s.retired.isEmpty ? "" : " No longer on the roster (kept as inactive): \(s.retired.joined(separator: ", ")).") , context)
                return Response.seeOther("/desk/admin")
            } catch let e as DeskError where e.kind == .invalid {
                return try await adminPage(request, context, problems: [e.message], status: .badRequest)
            }
        }
        group.get("admin/outbox") { request, context in try await outboxPage(request, context) }
        group.post("admin/outbox/:message/retry") { _, context in
            _ = try await administrator(context)
            guard let id = context.parameters.get("message").flatMap({ Int64($0) }) else { throw DeskPageError.notFound }
            let item = try await desk.retryMessage(id)
            flash("Message \(item.id) (“\(item.subject)”) will be sent at the next delivery, its tries counted afresh.", context)
            return Response.seeOther("/desk/admin/outbox")
        }
        group.get("admin/people/:person") { request, context in try await personPage(request, context) }
        group.post("admin/people/:person/signin-link") { request, context in
            let (v, person) = try await adminPerson(context)
            let link = try await desk.issueSignInLink(for: person, by: v.id)
            return try await personPage(request, context, issued: .link(url: "\(publicBase(request))/desk/signin/link/\(link.secret)", expires: link.expires))
        }
        group.post("admin/people/:person/password") { request, context in
            let (v, person) = try await adminPerson(context)
            let f = try context.form.decode(PasswordFields.self)
            let words = DeskText.Administration.self
            guard let password = f.password, !password.isEmpty else {
                return try await personPage(request, context, problem: .init(field: "password", message: words.givePassword.message, fix: words.givePassword.fix),
                                            status: .unprocessableContent)
            }
            guard f.again == password else {
                return try await personPage(request, context, problem: .init(field: "password", message: words.passwordsDiffer.message, fix: words.passwordsDiffer.fix),
                                            status: .unprocessableContent)
            }
            do {
                try await desk.setPassword(for: person, to: password, by: v.id)
            } catch let e as DeskError where e.kind == .invalid {
                return try await personPage(request, context, problem: .init(field: "password", message: e.message, fix: e.deskFix),
                                            status: .unprocessableContent)
            }
            flash("\(v.council.name(person))'s password is set. Tell them it in person or by phone, never by email; only its scrambled form is kept.", context)
            return Response.seeOther(Self.personPath(person))
        }
        group.post("admin/people/:person/password/remove") { _, context in
            let (v, person) = try await adminPerson(context)
            try await desk.removePassword(for: person, by: v.id)
            flash("\(v.council.name(person))'s password is removed: they sign in with a sign-in link (or their council account, where the council has one).", context)
            return Response.seeOther(Self.personPath(person))
        }
        group.post("admin/people/:person/signout") { _, context in
            let (v, person) = try await adminPerson(context)
            let n = try await desk.endWebSessions(for: person, by: v.id)
            flash("\(v.council.name(person)) is signed out of \(Self.count(n, "browser")).", context)
            return Response.seeOther(Self.personPath(person))
        }
        group.post("admin/people/:person/tokens") { request, context in
            let (v, person) = try await adminPerson(context)
            let label = try context.form.decode(TokenFields.self).label ?? ""
            do {
                let issued = try await desk.issueToken(for: person, label: label, by: v.id)
                return try await personPage(request, context, issued: .token(id: issued.id, secret: issued.token))
            } catch let e as DeskError where e.kind == .invalid {
                return try await personPage(request, context, problem: .init(field: "label", message: e.message, fix: e.deskFix), status: .unprocessableContent)
            }
        }
        group.post("admin/people/:person/tokens/:token/revoke") { request, context in
            let (v, person) = try await adminPerson(context)
            let id = context.parameters.get("token").flatMap({ Int64($0) })
            guard let id, try await desk.access(of: person).liveTokens.contains(where: { $0.id == id }) else {
                let gone = DeskText.Administration.tokenGone
                return try await personPage(request, context, problem: .init(field: "tokens", message: gone.message, fix: gone.fix), status: .conflict)
            }
            try await desk.revokeToken(id, by: v.id)
            flash("Token \(id) of \(v.council.name(person)) is revoked: it no longer works, and they are signed out of every browser.", context)
            return Response.seeOther(Self.personPath(person))
        }
        group.post("admin/people/:person/feeds/revoke") { _, context in
            let (v, person) = try await adminPerson(context)
            let subject = try context.form.decode(FeedRevokeFields.self).feed.flatMap(BriefingDesk.FeedSubject.init(key:))
            let n = try await desk.revokeFeedSecrets(for: person, subject: subject, by: v.id)
            flash("\(Self.count(n, "calendar feed link")) of \(v.council.name(person)) withdrawn: \(n == 1 ? "it no longer works" : "they no longer work").", context)
            return Response.seeOther(Self.personPath(person))
        }
    }

    /// The viewer, who must be an administrator: anyone else gets the desk's 403 page, before anything is read or changed.
    func administrator(_ context: DeskContext) async throws -> Viewer {
        let v = try await viewer(context)
        guard v.roles.contains(.administrator) else {
            let words = DeskText.Administration.onlyAdministrators
            throw DeskError(.forbidden, words.message, fix: words.fix)
        }
        return v
    }

    /// The administrator and the roster person the address names (`/desk/admin/people/m-patel`); no such person: 404.
    func adminPerson(_ context: DeskContext) async throws -> (Viewer, String) {
        let v = try await administrator(context)
        guard let person = context.parameters.get("person"), !v.council.roster.roles(of: person).isEmpty else { throw DeskPageError.notFound }
        return (v, person)
    }

    static func personPath(_ person: String) -> String { "/desk/admin/people/\(person)" }

    /// The address people reach the desk at: `--public-url`, else the host this request came to.
    func publicBase(_ request: Request) -> String { publicURL ?? "http://\(request.head.authority ?? "127.0.0.1:8080")" }

    // MARK: The roster at a glance

    func adminPage(_ request: Request, _ context: DeskContext, preview: [String: Any]? = nil, problems: [String] = [],
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let v = try await administrator(context)
        let c = v.council, r = c.roster
        let access = try await desk.access()
        func person(_ id: String) -> [String: Any] {
            ["id": id, "name": c.name(id), "href": Self.personPath(id), "email": r.email(of: id) ?? "", "signIn": Self.signInLine(access[id])]
        }
        let groups = r.groups.map { g -> [String: Any] in
            let members = r.members(of: g.id).map { m -> [String: Any] in
                var d = person(m.id)
                d["role"] = g.leader == m.id ? (g.controlling ? "Group leader; Leader of the Council" : "Group leader")
                    : m.kind == .coopted ? "Co-opted member" : "Member"
                return d
            }
            let assistants = r.assistants.filter { $0.group == g.id }.map { a -> [String: Any] in
                var d = person(a.id)
                d["role"] = "Political assistant"
                return d
            }
            return ["id": g.id, "name": g.name, "individual": g.individual, "controlling": g.controlling,
                    "leader": c.name(g.leader), "people": members + assistants]
        }
        let officers = r.officers.map { o -> [String: Any] in
            var d = person(o.id)
            d["title"] = o.title
            d["grade"] = Self.gradeName(o.grade)
            d["remit"] = o.remit.joined(separator: ", ")
            d["hours"] = o.hours.description
            return d
        }
        let rooms = r.rooms.map { ["name": $0.name, "capacity": $0.capacity.map(String.init) ?? "not given"] }
        let counts = try await desk.outboxCounts()
        let calendars = try await desk.busyCalendars().map { cal -> [String: Any] in
            var d: [String: Any] = ["officer": c.name(cal.officer), "address": cal.address, "status": DeskTime.text(Self.calendarStatus(cal)),
                                    "read": cal.read.map(DeskTime.at) ?? "never", "failed": cal.status == .failed]
            if let error = cal.error { d["error"] = Page.Problem.sentence(error) }
            return d
        }
        let values: [String: Any] = [
            "councilInfo": ["name": r.councilName, "email": r.councilEmail ?? "not set (the desk sends no email until it is)",
                        "profile": "\(c.profile.name): \(c.profile.description)",
                        "approver": "\(c.name(r.approver)) (\(c.profile.approverTitle))",
                        "deputy": r.deputyApprover.map(c.name) ?? "none", "monitoringOfficer": r.monitoringOfficer.map(c.name) ?? "none"],
            "groups": groups, "officers": officers, "rooms": rooms, "hasRooms": !rooms.isEmpty,
            "administrators": r.administrators.map { person($0.id) },
            "outbox": Self.outboxValues(counts), "calendars": calendars, "hasCalendars": !calendars.isEmpty,
            "preview": preview ?? false,
            "committeeCalendar": try await committeeCalendar(),
        ]
        var page = Page(template: "admin", title: "Administration", status: status, values: values)
        page.errors = problems.map { Page.Problem(field: "roster-groups", message: Self.sheetProblem($0), fix: "Correct those rows in the sheets and choose them again; nothing was imported.") }
        return try await render(page, request, context)
    }

    /// The committee calendar (issue 26 item 2) as the administrator's page shows it: where it comes from (the address
    /// only as its scheme and host), how the last read went, when `serve` reads it next, and the meetings to come.
    func committeeCalendar() async throws -> [String: Any] {
        let meetings = try await desk.committeeMeetings().map { m -> [String: Any] in
            let state = m.status == .cancelled ? "cancelled" : m.previousDate.map { "moved from \(DeskTime.day($0))" } ?? ""
            return ["ref": m.ref, "when": DeskTime.day(m.date) + (m.time.map { ", \($0)" } ?? ""), "committee": m.committee, "state": state]
        }
        var values: [String: Any] = ["meetings": meetings, "hasMeetings": !meetings.isEmpty]
        if let s = try await desk.meetingSource() {
            values["source"] = [
                "kind": s.kind == .moderngov ? "ModernGov's web service" : "An iCalendar feed of meetings", "address": s.address,
                "committees": s.committees.isEmpty ? "Every current committee" : "Committees " + s.committees.joined(separator: ", "),
                "read": s.imported.map(DeskTime.at) ?? "never", "next": DeskTime.at(s.next), "failed": s.status == .failed,
                "status": s.status == .failed
                    ? "The last read failed (\(s.failures) \(s.failures == 1 ? "time" : "times")). " + Page.Problem.sentence(s.error ?? "no reason was given.")
                    : "Read without error",
            ]
        }
        return values
    }

    /// A roster problem as the page says it: one about a sheet's row names the sheet first ("The sheet members.csv row 4: …"),
    /// since the page starts each problem with a capital.
    static func sheetProblem(_ problem: String) -> String {
        RosterCSV.sheets.contains { problem.hasPrefix($0.file) } ? "The sheet " + problem : problem
    }

    /// The roster previewed, sent back to be imported as it was shown.
    struct RosterImportFields: Decodable, Sendable {
        @FormText var roster: String?
    }

    /// How a person signs in, in a line: `Password; 2 API tokens; 1 feed link`.
    static func signInLine(_ a: BriefingDesk.Access?) -> String {
        guard let a else { return "Nothing set" }
        var parts: [String] = []
        if a.passwordSet != nil { parts.append("Password") }
        if a.linkExpires != nil { parts.append("Sign-in link waiting") }
        if !a.liveTokens.isEmpty { parts.append(count(a.liveTokens.count, "API token")) }
        if !a.feeds.isEmpty { parts.append(count(a.feeds.count, "feed link")) }
        if a.webSessions > 0 { parts.append("signed in on \(count(a.webSessions, "browser"))") }
        return parts.isEmpty ? "Nothing set" : parts.joined(separator: "; ")
    }

    static func gradeName(_ grade: Officer.Grade) -> String {
        switch grade {
        case .chiefExecutive: "Chief Executive"
        case .deputyChiefExecutive: "Deputy Chief Executive"
        case .director: "Director"
        case .assistantDirector: "Assistant Director"
        case .headOfService: "Head of Service"
        case .manager: "Manager"
        case .officer: "Officer"
        }
    }

    // MARK: One person

    /// A secret just issued, shown once on the page that answers the form.
    enum Issued {
        case link(url: String, expires: Date)
        case token(id: Int64, secret: String)
    }

    func personPage(_ request: Request, _ context: DeskContext, issued: Issued? = nil, problem: Page.Problem? = nil,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let (v, person) = try await adminPerson(context)
        let c = v.council
        let a = try await desk.access(of: person)
        let name = c.name(person)
        var values: [String: Any] = [
            "id": person, "name": name, "roles": c.roster.roles(of: person).map(\.description).joined(separator: ", "),
            "email": c.roster.email(of: person) ?? "none on the roster",
            "password": a.passwordSet.map { "Set \(DeskTime.at($0))" } ?? "None", "hasPassword": a.passwordSet != nil,
            "link": a.linkExpires.map { "One not yet used, working until \(DeskTime.at($0))" } ?? "None waiting",
            "browsers": a.webSessions == 0 ? "Not signed in anywhere" : "Signed in on \(Self.count(a.webSessions, "browser"))",
            "signedIn": a.webSessions > 0,
            "tokens": a.tokens.reversed().map { t -> [String: Any] in
                ["id": t.id, "label": t.label.isEmpty ? "no label" : t.label, "issued": DeskTime.at(t.created),
                 "revoked": t.revoked.map(DeskTime.at) ?? "", "live": t.revoked == nil]
            },
            "hasTokens": !a.tokens.isEmpty,
            "feeds": a.feeds.map { ["key": $0.subject, "title": Self.feedTitle($0.subject, c), "issued": DeskTime.at($0.created)] },
            "hasFeeds": !a.feeds.isEmpty, "manyFeeds": a.feeds.count > 1,
            "path": Self.personPath(person),
        ]
        switch issued {
        case .link(let url, let expires)?: values["issuedLink"] = ["url": url, "expires": DeskTime.at(expires)]
        case .token(let id, let secret)?: values["issuedToken"] = ["id": id, "secret": secret]
        case nil: break
        }
        if let problem {
            values["\(problem.field ?? "main")Error"] = Page.Problem.sentence(problem.message)
            if problem.field == "label" { values["labelTyped"] = (try? context.form.decode(TokenFields.self).label) ?? "" }
        }
        var page = Page(template: "admin-person", title: name, status: status, values: values)
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    /// A feed by its key, as the subscribe page names it.
    static func feedTitle(_ key: String, _ c: BriefingDesk.Council) -> String {
        switch BriefingDesk.FeedSubject(key: key) {
        case .officer(let id)?: "\(c.name(id))'s sessions as an officer"
        case .group(let g)?: "\(c.name(g))'s sessions and offers"
        case .member(let m)?: "\(c.name(m))'s group's sessions (member)"
        case .overview?: "Every session (overview)"
        case nil: key
        }
    }

    // MARK: The outbox

    static func outboxValues(_ n: BriefingDesk.OutboxCounts) -> [String: Any] {
        var d: [String: Any] = ["waiting": n.pending, "retrying": n.retrying, "sending": n.sending, "sent": n.sent, "failed": n.failed,
                                "trouble": n.failed + n.retrying > 0]
        if n.retrying > 0 { d["afterFailure"] = "\(n.retrying) after a failed try" }
        return d
    }

    func outboxPage(_ request: Request, _ context: DeskContext) async throws -> Response {
        _ = try await administrator(context)
        let counts = try await desk.outboxCounts()
        let failed = try await desk.outbox(failedOnly: true).map { m -> [String: Any] in
            ["id": m.id, "subject": m.subject, "to": m.to.joined(separator: ", "), "created": DeskTime.at(m.created),
             "tries": m.attempts, "error": m.lastError.map(Page.Problem.sentence) ?? "",
             "state": m.status == "failed" ? "Given up" : m.status == "sending" ? "Being sent" : "Tried again \(m.nextAttempt.map(DeskTime.at) ?? "soon")",
             "givenUp": m.status == "failed", "retry": m.status == "failed" || m.status == "pending"]
        }
        return try await render(Page(template: "admin-outbox", title: "Outgoing email",
                                     values: ["counts": Self.outboxValues(counts), "failed": failed, "hasFailed": !failed.isEmpty,
                                              "maxTries": OutboxPolicy.maxAttempts]),
                                request, context)
    }
}

/// Setting a password (`admin-person.mustache`): read exactly as typed, as the sign-in form reads it.
struct PasswordFields: Decodable, Sendable {
    @FormSecret var password: String?
    @FormSecret var again: String?
}

/// Issuing an API token: a label to recognise it by.
struct TokenFields: Decodable, Sendable {
    @FormText var label: String?
}

/// Withdrawing feed links: one feed's (`feed`, its key), or every one of the person's when absent.
struct FeedRevokeFields: Decodable, Sendable {
    @FormText var feed: String?
}
