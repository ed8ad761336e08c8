/// The API's OpenAPI 3.1 description, served at `/openapi.yaml`. The repository's `openapi.yaml` is this
/// text (`briefings openapi > openapi.yaml`); a test keeps the two equal.
public enum OpenAPIDocument {
    public static let yaml = #"""
    openapi: 3.1.0
    info:
      title: briefings
      version: 1.0.0
      summary: A UK council's briefing desk for its political groups.
      description: |
        Every workflow step of the briefing desk: requests, the approver's queue, decisions, the equal
        offers to every group, sessions, officers' answers, and the oversight reads. Every rule verdict
        cites the protocol clause it comes from. Times are Europe/London local times (2026-12-07T18:00);
        lengths are 30m, 2h, 1h30m. Authenticate with `Authorization: Bearer TOKEN` (issued on the server
        with `briefings token issue`). Errors are JSON `{error, rule, clauses, message, fix}`.
    servers:
      - url: http://127.0.0.1:8080
    security:
      - bearer: []
    paths:
      /health:
        get:
          summary: Whether the service can reach its database.
          security: []
          responses:
            "200": {description: Healthy, content: {application/json: {schema: {type: object, properties: {status: {type: string}}}}}}
            "503": {description: The database is unavailable}
      /metrics:
        get:
          summary: Prometheus metrics (request counts and latencies, queue depth).
          security: []
          responses:
            "200": {description: Prometheus text format, content: {text/plain: {schema: {type: string}}}}
      /openapi.yaml:
        get:
          summary: This document.
          security: []
          responses:
            "200": {description: OpenAPI 3.1, content: {application/yaml: {schema: {type: string}}}}
      /feeds/{file}:
        get:
          summary: A calendar feed by its secret (`SECRET.ics`), for calendar apps.
          security: []
          parameters:
            - {name: file, in: path, required: true, schema: {type: string, pattern: '^.+\.ics$'}}
            - {name: If-None-Match, in: header, schema: {type: string}}
            - {name: If-Modified-Since, in: header, schema: {type: string}}
          responses:
            "200":
              description: The feed
              headers:
                ETag: {schema: {type: string}}
                Last-Modified: {schema: {type: string}}
              content: {text/calendar: {schema: {type: string}}}
            "304": {description: Not modified since the ETag or date given}
            "404": {description: Unknown or revoked secret (indistinguishable)}
      /api/me:
        get:
          summary: Who the token belongs to, and their roles.
          responses:
            "200": {description: The person, content: {application/json: {schema: {type: object, properties: {person: {type: string}, roles: {type: array, items: {type: string}}}}}}}
            "401": {$ref: '#/components/responses/Error'}
      /api/rules:
        get:
          summary: The rule catalogue as enforced under the council's profile.
          responses:
            "200": {description: Rules, content: {application/json: {schema: {$ref: '#/components/schemas/Rules'}}}}
            "401": {$ref: '#/components/responses/Error'}
      /api/requests:
        get:
          summary: The caller's group's requests oldest first, with their status (every group's for oversight roles; officers are refused).
          responses:
            "200": {description: Requests, content: {application/json: {schema: {type: array, items: {type: object}}}}}
            "401": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
        post:
          summary: A group leader (or its assistant on behalf of a member) requests a briefing.
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/RequestForm'}}}}
          responses:
            "201": {description: "In the approver's queue, with every verdict", content: {application/json: {schema: {$ref: '#/components/schemas/Receipt'}}}}
            "400": {$ref: '#/components/responses/Error'}
            "401": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
            "413": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/requests/{ref}:
        get:
          summary: A request in full (its own group, the approver and oversight roles only).
          parameters: [{$ref: '#/components/parameters/ref'}]
          responses:
            "200": {description: The request, content: {application/json: {schema: {type: object}}}}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
      /api/requests/{ref}/acknowledge:
        post:
          summary: The approver acknowledges a request.
          parameters: [{$ref: '#/components/parameters/ref'}]
          responses:
            "204": {description: Acknowledged}
            "403": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/requests/{ref}/flag:
        post:
          summary: An officer named in a pending request flags it as unreasonable, with a reason, for the approver to determine (001 §4.10).
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "204": {description: Flagged; the approver sees it in the queue}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/requests/{ref}/approve:
        post:
          summary: The approver (or deputy) agrees; every refer verdict needs a recorded reason.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  properties:
                    overrides: {type: object, additionalProperties: {type: string}, description: 'rule id → reason'}
          responses:
            "200": {description: "The briefing, its session and the offers to every other group", content: {application/json: {schema: {type: object}}}}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/requests/{ref}/decline:
        post:
          summary: The approver declines with a reason.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "204": {description: Declined}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/queue:
        get:
          summary: Open requests oldest first, with verdicts, working days waiting and overdue flags.
          responses:
            "200": {description: The queue, content: {application/json: {schema: {type: array, items: {type: object}}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/offers:
        get:
          summary: The caller's group's offers (all offers for oversight roles).
          responses:
            "200": {description: Offers, content: {application/json: {schema: {type: array, items: {type: object}}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/offers/{ref}/accept:
        post:
          summary: Accept an offer with the group's own session (judged by the same rules) or by joining a joint session.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  properties:
                    onBehalfOf: {type: string}
                    join: {type: string, description: A joint session id}
                    session: {$ref: '#/components/schemas/SessionForm'}
                    attendees: {type: array, items: {type: string}}
                    guests: {type: array, items: {type: string}}
          responses:
            "201": {description: "Booked, or sent to the queue", content: {application/json: {schema: {$ref: '#/components/schemas/Receipt'}}}}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/offers/{ref}/decline:
        post:
          summary: A group declines its offer with a reason.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "204": {description: Declined}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/offers/{ref}/lapse:
        post:
          summary: The approver records an unanswered offer as lapsed.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "204": {description: Lapsed}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/briefings:
        get:
          summary: Every briefing with each group's offer status (oversight roles).
          responses:
            "200": {description: Briefings, content: {application/json: {schema: {type: array, items: {type: object}}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/briefings/{ref}/material:
        post:
          summary: One of its officers attaches the briefing's material (checked by advice-limits).
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {type: object, additionalProperties: false, required: [text], properties: {text: {type: string}}}}}}
          responses:
            "200": {description: The advice-limits verdict, content: {application/json: {schema: {$ref: '#/components/schemas/Verdict'}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/briefings/{ref}/close:
        post:
          summary: The approver closes a briefing once every offer is answered (equal-offer).
          parameters: [{$ref: '#/components/parameters/ref'}]
          responses:
            "204": {description: Closed}
            "403": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/briefings/{ref}/release:
        post:
          summary: The leader of the group whose budget briefing it is releases it; other groups then see what it was about (003 §7.13).
          parameters: [{$ref: '#/components/parameters/ref'}]
          responses:
            "204": {description: Released}
            "403": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/sessions:
        get:
          summary: The sessions the caller may see (officers see only their segment).
          responses:
            "200": {description: Sessions, content: {application/json: {schema: {type: array, items: {type: object}}}}}
      /api/sessions/{ref}:
        get:
          summary: One session, if it is the caller's to see.
          parameters: [{$ref: '#/components/parameters/ref'}]
          responses:
            "200": {description: The session, content: {application/json: {schema: {type: object}}}}
            "403": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
      /api/sessions/{ref}/respond:
        post:
          summary: An invited officer confirms, declines (until they have confirmed a session of the briefing) or nominates a representative; the senior officer a group named as nominating an officer endorses or refuses that nominee.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [answer]
                  properties:
                    answer: {type: string, enum: [confirm, decline, nominate, endorse, refuse-nominee]}
                    reason: {type: string}
                    nominee: {type: string}
                    representative: {type: string}
          responses:
            "200": {description: The verdicts seen, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Verdict'}}}}}
            "403": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/sessions/{ref}/reschedule:
        post:
          summary: Move a session (its group's leader, or the approver with overrides).
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [session, reason]
                  properties:
                    session: {$ref: '#/components/schemas/SessionForm'}
                    reason: {type: string}
                    overrides: {type: object, additionalProperties: {type: string}}
          responses:
            "200": {description: Moved, content: {application/json: {schema: {$ref: '#/components/schemas/Receipt'}}}}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/sessions/{ref}/cancel:
        post:
          summary: Cancel a session with a reason.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "204": {description: Cancelled}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/sessions/{ref}/withdraw:
        post:
          summary: A group that joined a joint session takes itself out; the host group's session stands and the group's offer is open again.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "204": {description: Withdrawn}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/sessions/{ref}/propose:
        post:
          summary: An officer invited to a session proposes another time for it; the host group takes or refuses it.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [session, reason]
                  properties:
                    session: {$ref: '#/components/schemas/SessionForm'}
                    reason: {type: string}
          responses:
            "201": {description: The proposed time (TP-…), content: {application/json: {schema: {type: object}}}}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
      /api/proposals/{ref}/take:
        post:
          summary: The host group's leader takes an officer's proposed time; it is judged as the group's reschedule (a refer goes to the approver).
          parameters: [{$ref: '#/components/parameters/ref'}]
          responses:
            "200": {description: The answered proposal and the reschedule's receipt, content: {application/json: {schema: {type: object}}}}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/proposals/{ref}/refuse:
        post:
          summary: The host group's leader refuses an officer's proposed time, with a reason.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Reason'}}}}
          responses:
            "200": {description: The answered proposal, content: {application/json: {schema: {type: object}}}}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/approver/absences:
        get:
          summary: The approver's recorded absences that have not ended (the deputy decides during them).
          responses:
            "200":
              description: Absences, soonest first
              content:
                application/json:
                  schema:
                    type: array
                    items:
                      type: object
                      required: [from, until, recordedBy]
                      properties:
                        from: {type: string, format: date}
                        until: {type: string, format: date}
                        recordedBy: {type: string}
        post:
          summary: Record that the approver is away from one date to another, both included (the approver, the deputy or an administrator).
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties: false
                  required: [from, until]
                  properties:
                    from: {type: string, format: date}
                    until: {type: string, format: date}
          responses:
            "204": {description: Recorded}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
      /api/notes:
        get:
          summary: Group records the caller may see (their group's; an officer's sessions').
          responses:
            "200": {description: Records, content: {application/json: {schema: {type: array, items: {type: object}}}}}
      /api/sessions/{ref}/notes:
        post:
          summary: A member of a group the session served starts a draft record of it.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {required: true, content: {application/json: {schema: {type: object, additionalProperties: false, required: [text], properties: {text: {type: string}}}}}}
          responses:
            "201": {description: The draft record, content: {application/json: {schema: {type: object}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/notes/{ref}/verify:
        post:
          summary: One of the session's officers verifies the record (003 §7.10), with an optional correction.
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {content: {application/json: {schema: {type: object, additionalProperties: false, properties: {correction: {type: string}}}}}}
          responses:
            "200": {description: The record, content: {application/json: {schema: {type: object}}}}
            "403": {$ref: '#/components/responses/Error'}
            "409": {$ref: '#/components/responses/Error'}
      /api/notes/{ref}/finalise:
        post:
          summary: The group makes its record final, once verified or with a recorded reason (record-verification).
          parameters: [{$ref: '#/components/parameters/ref'}]
          requestBody: {content: {application/json: {schema: {type: object, additionalProperties: false, properties: {unverifiedReason: {type: string}}}}}}
          responses:
            "200": {description: The final record, content: {application/json: {schema: {type: object}}}}
            "403": {$ref: '#/components/responses/Error'}
            "422": {$ref: '#/components/responses/Error'}
      /api/feeds:
        post:
          summary: A new secret feed URL for the token's holder (replacing their earlier one for that feed). Only feeds they may see.
          requestBody:
            required: true
            content: {application/json: {schema: {type: object, required: [feed], additionalProperties: false, properties: {feed: {type: string, description: 'officer:ID, group:ID, member:ID or overview'}}}}}
          responses:
            "201": {description: 'The secret, and the path under the service that opens the feed', content: {application/json: {schema: {type: object, properties: {secret: {type: string}, path: {type: string}}}}}}
            "400": {$ref: '#/components/responses/Error'}
            "403": {$ref: '#/components/responses/Error'}
            "404": {$ref: '#/components/responses/Error'}
      /api/feeds/revoke:
        post:
          summary: Withdraws the token holder's feed URLs, for one feed or (without feed) all of them.
          requestBody:
            required: true
            content: {application/json: {schema: {type: object, additionalProperties: false, properties: {feed: {type: [string, "null"]}}}}}
          responses:
            "200": {description: How many were withdrawn, content: {application/json: {schema: {type: object, properties: {revoked: {type: integer}}}}}}
            "400": {$ref: '#/components/responses/Error'}
      /api/audit:
        get:
          summary: The hash-chained audit trail (oversight roles).
          responses:
            "200": {description: Entries, content: {application/json: {schema: {type: array, items: {type: object}}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/audit/verify:
        get:
          summary: Recompute the chain and report any edited or deleted entry.
          responses:
            "200": {description: The report, content: {application/json: {schema: {type: object, properties: {entries: {type: integer}, intact: {type: boolean}, problems: {type: array, items: {type: string}}}}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/parity:
        get:
          summary: Per group, offers, answers, sessions and officer hours (oversight roles).
          responses:
            "200": {description: Parity rows, content: {application/json: {schema: {type: array, items: {type: object}}}}}
            "403": {$ref: '#/components/responses/Error'}
      /api/notifications:
        get:
          summary: Notifications sent to the caller, each naming every recipient.
          responses:
            "200": {description: Notifications, content: {application/json: {schema: {type: array, items: {type: object}}}}}
    components:
      securitySchemes:
        bearer: {type: http, scheme: bearer}
      parameters:
        ref: {name: ref, in: path, required: true, schema: {type: string}, description: 'A short id: RQ-0001, OF-0002, BR-0001, SE-0001'}
      responses:
        Error:
          description: 'A refusal: 400 malformed, 401 no valid token, 403 role or confidentiality, 404 unknown, 409 state, 413 too large, 422 a rule'
          content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}
      schemas:
        Error:
          type: object
          required: [status, error, clauses, message, fix]
          properties:
            status: {type: integer}
            error: {type: string}
            rule: {type: string}
            clauses: {type: array, items: {type: string}}
            message: {type: string}
            fix: {type: string}
            verdicts: {type: array, items: {$ref: '#/components/schemas/Verdict'}}
        Rules:
          type: object
          required: [profile, description, approver, approverClauses, acknowledgeWorkingDays, respondWorkingDays, jointBriefingsPreferred, budgetEmbargo, roomBufferMinutes, rules]
          properties:
            profile: {type: string, description: 'model, or 000 … 004'}
            description: {type: string}
            approver: {type: string}
            approverClauses: {type: array, items: {type: string}}
            acknowledgeWorkingDays: {type: integer}
            respondWorkingDays: {type: integer}
            jointBriefingsPreferred: {type: boolean}
            budgetEmbargo: {type: boolean}
            roomBufferMinutes: {type: integer}
            rules:
              type: array
              items:
                type: object
                required: [id, severity, clauses, rule]
                properties:
                  id: {type: string}
                  severity: {type: string, enum: [info, warn, refer, block]}
                  clauses: {type: array, items: {type: string}}
                  rule: {type: string}
        Verdict:
          type: object
          properties:
            rule: {type: string}
            passed: {type: boolean}
            severity: {type: string, enum: [info, warn, refer, block]}
            clauses: {type: array, items: {type: string}}
            message: {type: string}
            fix: {type: string}
        Receipt:
          type: object
          properties:
            ref: {type: string}
            status: {type: string}
            message: {type: string}
            verdicts: {type: array, items: {$ref: '#/components/schemas/Verdict'}}
        Reason:
          type: object
          additionalProperties: false
          required: [reason]
          properties:
            reason: {type: string}
            onBehalfOf: {type: string}
        SessionForm:
          type: object
          additionalProperties: false
          required: [start]
          properties:
            start: {type: string, examples: ['2026-12-07T18:00']}
            duration: {type: string, examples: [2h]}
            segmentStart: {type: string}
            segment: {type: string, examples: [45m]}
            room: {type: string}
            virtual: {type: string}
            premises: {type: string}
            partyPremises: {type: boolean, description: "Required with premises: true for a political party's premises (never allowed), false for other non-council premises."}
            attendees: {type: array, items: {type: string}}
            guests: {type: array, items: {type: string}}
        RequestForm:
          type: object
          additionalProperties: false
          required: [matter, area, officers, session]
          properties:
            group: {type: string, description: "The requesting group; left out, the requester's own (a councillor without a group asks for themself)."}
            onBehalfOf: {type: string}
            matter: {type: string}
            details: {type: string}
            area: {type: string}
            meeting: {type: string}
            meetingDate: {type: string, format: date, description: "The linked meeting's date: a briefing after it is referred under council-business."}
            decisionDate: {type: string, format: date}
            embargoUntil: {type: string, format: date}
            budget: {type: boolean, description: "A budget briefing (003 §7.13): other groups are offered confidential discussions of their own, never its title or material"}
            officers: {type: array, items: {type: string}}
            nominees: {type: array, items: {type: string, description: OFFICER=SENIOR}}
            joint: {type: boolean}
            session: {$ref: '#/components/schemas/SessionForm'}
    """#
}
