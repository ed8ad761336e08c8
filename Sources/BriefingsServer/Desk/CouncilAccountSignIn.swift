import AsyncHTTPClient
import BriefingsDomain
import BriefingsStore
import Crypto
import Foundation
import Hummingbird
import JWTKit
import NIOCore

/// Single sign-on with the council's identity provider (Microsoft Entra ID, Google Workspace, Keycloak) over OpenID
/// Connect: `serve --oidc-issuer … --oidc-client-id …` with the client secret from a file or the environment. Staff
/// sign in with their council account; the ID token's claim (`email` unless told otherwise) is matched to the
/// roster's email addresses. Passwords and sign-in links stay for councillors without a council account.
public struct SingleSignOn: Sendable {
    /// The provider's issuer, exactly as its discovery document gives it (`https://login.microsoftonline.com/TENANT/v2.0`).
    public var issuer: String
    /// The application (client) id the provider registered the desk under: the audience of its ID tokens.
    public var clientID: String
    /// The client secret, read from a file or the environment, never the command line; nil for a public client (PKCE only).
    public var clientSecret: String?
    /// The ID token's claim whose value is matched to the roster's email addresses.
    public var claim: String

    public init(issuer: String, clientID: String, clientSecret: String?, claim: String = "email") {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.claim = claim
    }

    /// What `serve` refuses to start with: an issuer that is not an https address (plain http only on this machine,
    /// for tests), an empty client id, secret or claim. Nil when the settings are usable.
    public var problem: String? {
        guard let url = URL(string: issuer), let host = url.host, url.query == nil, url.fragment == nil,
              url.scheme == "https" || (url.scheme == "http" && Self.loopback(host)) else {
            return "the issuer '\(issuer)' is not an https:// address (plain http is allowed only on this machine, for tests)"
        }
        if clientID.trimmingCharacters(in: .whitespaces).isEmpty { return "the client id is empty" }
        if claim.trimmingCharacters(in: .whitespaces).isEmpty { return "the claim is empty" }
        if clientSecret?.isEmpty == true { return "the client secret is empty" }
        return nil
    }

    static func loopback(_ host: String) -> Bool { host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" }

    /// Where the provider sends people back: register this redirect URI with it.
    public static func redirectURI(publicURL: String) -> String { publicURL + "/desk/signin/oidc/callback" }
}

/// The council's identity provider as the desk talks to it: its discovery document and published keys (fetched with
/// async-http-client and kept), the authorization request, the code exchange at its token endpoint, and the ID
/// token's checks. Every failure is a `SignInRefusal` saying what was wrong and what to do.
actor OpenIDProvider {
    let settings: SingleSignOn
    let http: HTTPClient
    private var discovered: (metadata: Metadata, at: Date)?
    private var keys: (collection: JWTKeyCollection, at: Date)?

    /// How long the discovery document and keys are kept; keys are fetched again sooner when a token is signed with
    /// one the desk has not seen, at most once a minute.
    static let metadataLifetime: TimeInterval = 3600
    static let keyRefetchInterval: TimeInterval = 60
    /// A token is refused a minute after its expiry, not before: the provider's clock and this server's differ a little.
    static let leeway: TimeInterval = 60
    static let timeout: TimeAmount = .seconds(10)
    static let largestAnswer = 1 << 20

    init(settings: SingleSignOn, http: HTTPClient = .shared) {
        self.settings = settings
        self.http = http
    }

    /// The discovery document's fields the desk uses (OpenID Connect Discovery 1.0 §3).
    struct Metadata: Decodable, Sendable {
        var issuer: String
        var authorizationEndpoint: String
        var tokenEndpoint: String
        var jwksURI: String
        var tokenEndpointAuthMethods: [String]?

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
            case tokenEndpointAuthMethods = "token_endpoint_auth_methods_supported"
        }
    }

    /// The authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636, and OpenID Connect's nonce).
    struct AuthorizationRequest: Encodable {
        var responseType = "code"
        var clientID: String
        var redirectURI: String
        var scope: String
        var state: String
        var nonce: String
        var codeChallenge: String
        var codeChallengeMethod = "S256"

        enum CodingKeys: String, CodingKey {
            case responseType = "response_type", clientID = "client_id", redirectURI = "redirect_uri", scope, state, nonce
            case codeChallenge = "code_challenge", codeChallengeMethod = "code_challenge_method"
        }
    }

    /// The token request (RFC 6749 §4.1.3, with PKCE's verifier); the client secret in the body only when the provider
    /// takes `client_secret_post` and not `client_secret_basic`.
    struct TokenRequest: Encodable {
        var grantType = "authorization_code"
        var code: String
        var redirectURI: String
        var codeVerifier: String
        var clientID: String
        var clientSecret: String?

        enum CodingKeys: String, CodingKey {
            case grantType = "grant_type", code, redirectURI = "redirect_uri", codeVerifier = "code_verifier"
            case clientID = "client_id", clientSecret = "client_secret"
        }
    }

    struct TokenResponse: Decodable {
        var idToken: String?
        var error: String?
        var errorDescription: String?
        enum CodingKeys: String, CodingKey { case idToken = "id_token", error, errorDescription = "error_description" }
    }

    /// The provider's discovery document, fetched once an hour; its issuer must be the configured one.
    func metadata(now: Date) async throws -> Metadata {
        if let discovered, now.timeIntervalSince(discovered.at) < Self.metadataLifetime { return discovered.metadata }
        let base = settings.issuer.hasSuffix("/") ? String(settings.issuer.dropLast()) : settings.issuer
        let document = try await get(base + "/.well-known/openid-configuration", what: "its discovery document")
        let metadata = try JSONDecoder().decode(Metadata.self, from: document, what: "its discovery document")
        guard Self.sameIssuer(metadata.issuer, settings.issuer) else {
            throw Self.unavailable("its discovery document names the issuer '\(metadata.issuer)', not '\(settings.issuer)' as the desk is set up")
        }
        for endpoint in [metadata.authorizationEndpoint, metadata.tokenEndpoint, metadata.jwksURI] where !Self.acceptable(endpoint) {
            throw Self.unavailable("its discovery document gives the address '\(endpoint)', which is not https")
        }
        discovered = (metadata, now)
        return metadata
    }

    /// Where to send the browser: the provider's authorization endpoint with the request's parameters.
    func authorizationURL(redirectURI: String, state: String, nonce: String, challenge: String, now: Date) async throws -> String {
        let endpoint = try await metadata(now: now).authorizationEndpoint
        let query = try URLEncodedFormEncoder().encode(AuthorizationRequest(clientID: settings.clientID, redirectURI: redirectURI,
                                                                             scope: "openid email profile", state: state, nonce: nonce,
                                                                             codeChallenge: challenge))
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query
    }

    /// Exchanges the code for the ID token at the token endpoint, proving the desk with its secret and PKCE's verifier.
    func exchange(code: String, verifier: String, redirectURI: String, now: Date) async throws -> String {
        let metadata = try await metadata(now: now)
        // client_secret_basic is the default (OpenID Connect Discovery §3); post only when the provider offers no basic.
        let post = settings.clientSecret != nil
            && metadata.tokenEndpointAuthMethods.map { !$0.contains("client_secret_basic") && $0.contains("client_secret_post") } == true
        var request = HTTPClientRequest(url: metadata.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if let secret = settings.clientSecret, !post {
            // RFC 6749 §2.3.1: each part form-encoded, then joined and base64'd.
            let pair = Self.formEncoded(settings.clientID) + ":" + Self.formEncoded(secret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        let body = try URLEncodedFormEncoder().encode(TokenRequest(code: code, redirectURI: redirectURI, codeVerifier: verifier,
                                                                    clientID: settings.clientID, clientSecret: post ? settings.clientSecret : nil))
        request.body = .bytes(ByteBuffer(string: body))
        let (status, data) = try await send(request, what: "its token endpoint")
        let answer = try? JSONDecoder().decode(TokenResponse.self, from: data)
        guard status == 200, let idToken = answer?.idToken else {
            if let error = answer?.error {
                throw SignInRefusal(message: "the council's sign-in service refused to complete the sign-in: \(error)" + (answer?.errorDescription.map { " (\($0))" } ?? ""),
                                    fix: error == "invalid_client"
                                        ? "Tell the council's IT team: the desk's client id or secret is not the one registered with the identity provider."
                                        : "Start again from the sign-in page; a sign-in can be completed only once, within a few minutes.")
            }
            throw Self.unavailable("its token endpoint answered HTTP \(status) without an ID token")
        }
        return idToken
    }

    /// The ID token's checks (OpenID Connect Core §3.1.3.7): its signature against the provider's published keys, then
    /// its issuer, its audience (and authorised party), its expiry and this sign-in's nonce. Each failure is refused with
    /// its own reason.
    func verify(_ token: String, nonce: String, now: Date) async throws -> IDToken {
        let claims = try await verifiedSignature(token, now: now)
        let issuer = try await metadata(now: now).issuer
        guard claims.issuer.value == issuer else {
            throw SignInRefusal(message: "the sign-in token was issued by '\(claims.issuer.value)', not by the council's identity provider '\(issuer)'",
                                fix: "Start again from the sign-in page. If it happens again, tell the council's IT team: the desk trusts tokens from '\(issuer)' only.")
        }
        do { try claims.audience.verifyIntendedAudience(includes: settings.clientID) } catch {
            throw SignInRefusal(message: "the sign-in token is meant for another application (\(claims.audience.value.map { "'\($0)'" }.joined(separator: ", "))), not for this desk ('\(settings.clientID)')",
                                fix: "Start again from the sign-in page. If it happens again, tell the council's IT team: the desk's client id must be the one the identity provider registered for it.")
        }
        if claims.audience.value.count > 1, claims.authorizedParty != settings.clientID {
            throw SignInRefusal(message: "the sign-in token names several audiences but was not issued to this desk ('\(settings.clientID)')",
                                fix: "Start again from the sign-in page. If it happens again, tell the council's IT team.")
        }
        do { try claims.expires.verifyNotExpired(currentDate: now.addingTimeInterval(-Self.leeway)) } catch {
            throw SignInRefusal(message: "the sign-in token expired at \(LondonTime.format(claims.expires.value)) (London time)",
                                fix: "Start again from the sign-in page. If it happens again, the clock of this server or of the identity provider is wrong: tell the council's IT team.")
        }
        guard let sent = claims.nonce, DeskGate.same(sent, nonce) else {
            throw SignInRefusal(message: "the sign-in token does not belong to this sign-in: "
                                    + (claims.nonce == nil ? "it carries no nonce" : "its nonce is not the one this sign-in sent, so it was replayed from another sign-in"),
                                fix: "Start again from the sign-in page, in one browser tab.")
        }
        return claims
    }

    /// The token's signature checked against the provider's keys. A token signed with a key the desk has not seen (the
    /// provider rotated its keys) fetches them again, at most once a minute.
    private func verifiedSignature(_ token: String, now: Date) async throws -> IDToken {
        if keys == nil || now.timeIntervalSince(keys!.at) > Self.metadataLifetime { try await fetchKeys(now: now) }
        do {
            return try await keys!.collection.verify(token, as: IDToken.self)
        } catch let error as JWTError where [.signatureVerificationFailed, .unknownKID, .noKeyProvided].contains(error.errorType)
                    && now.timeIntervalSince(keys!.at) >= Self.keyRefetchInterval {
            try await fetchKeys(now: now)
        } catch {
            throw Self.badSignature(error)
        }
        do { return try await keys!.collection.verify(token, as: IDToken.self) } catch { throw Self.badSignature(error) }
    }

    private static func badSignature(_ error: any Error) -> SignInRefusal {
        SignInRefusal(message: "the sign-in token's signature does not match the keys the council's identity provider publishes (\((error as? JWTError)?.errorType.description ?? "an unreadable token"))",
                      fix: "Start again from the sign-in page. If it happens again, tell the council's IT team.")
    }

    /// The provider's published keys (its `jwks_uri`). A key the desk cannot use (an encryption key, an unknown
    /// algorithm) is passed over rather than refusing the whole set.
    private func fetchKeys(now: Date) async throws {
        struct KeySet: Decodable {
            struct Entry: Decodable {
                var key: JWK?
                var use: String?
                enum CodingKeys: String, CodingKey { case use }
                init(from decoder: any Decoder) throws {
                    use = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .use)
                    key = try? JWK(from: decoder)
                }
            }
            var keys: [Entry]
        }
        let document = try await get(try await metadata(now: now).jwksURI, what: "its published keys")
        let set = try JSONDecoder().decode(KeySet.self, from: document, what: "its published keys")
        let collection = JWTKeyCollection()
        for entry in set.keys where entry.use != "enc" {
            if let key = entry.key { _ = try? await collection.add(jwk: key) }
        }
        keys = (collection, now)
    }

    // MARK: HTTP

    private func get(_ url: String, what: String) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let (status, data) = try await send(request, what: what)
        guard status == 200 else { throw Self.unavailable("\(what) answered HTTP \(status)") }
        return data
    }

    private func send(_ request: HTTPClientRequest, what: String) async throws -> (Int, Data) {
        do {
            let response = try await http.execute(request, timeout: Self.timeout)
            let body = try await response.body.collect(upTo: Self.largestAnswer)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch {
            throw Self.unavailable("\(what) could not be reached (\(error))")
        }
    }

    static func unavailable(_ what: String) -> SignInRefusal {
        SignInRefusal(message: "the council's sign-in service is not working as the desk expects: \(what)",
                      fix: "Try again in a few minutes, or sign in with a password or a sign-in link. If it persists, tell the council's IT team the time it happened.",
                      unavailable: true)
    }

    static func sameIssuer(_ a: String, _ b: String) -> Bool {
        (a.hasSuffix("/") ? String(a.dropLast()) : a) == (b.hasSuffix("/") ? String(b.dropLast()) : b)
    }

    /// An endpoint the desk will talk to: https, or plain http on this machine (tests).
    static func acceptable(_ address: String) -> Bool {
        guard let url = URL(string: address), let host = url.host else { return false }
        return url.scheme == "https" || (url.scheme == "http" && SingleSignOn.loopback(host))
    }

    /// A value as `application/x-www-form-urlencoded` writes it (unreserved characters as they are).
    static func formEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? value
    }
}

extension JSONDecoder {
    /// Decodes what the identity provider sent; nonsense is the provider's failure, and said so.
    func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws -> T {
        do { return try decode(type, from: data) } catch {
            throw OpenIDProvider.unavailable("\(what) is not the JSON OpenID Connect describes")
        }
    }
}

/// An ID token's claims: the ones the desk checks, and every text or true/false claim by name, for the one the
/// council matches to the roster (`email` unless configured otherwise). The checks are `OpenIDProvider.verify`'s,
/// one refusal each, so `verify(using:)` checks nothing more.
struct IDToken: JWTPayload {
    var issuer: IssuerClaim
    var audience: AudienceClaim
    var expires: ExpirationClaim
    var nonce: String?
    var authorizedParty: String?
    var texts: [String: String]
    var flags: [String: Bool]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(issuer: String, audience: [String], expires: Date, nonce: String?, texts: [String: String] = [:], flags: [String: Bool] = [:],
         authorizedParty: String? = nil) {
        self.issuer = IssuerClaim(value: issuer)
        self.audience = AudienceClaim(value: audience)
        self.expires = ExpirationClaim(value: expires)
        self.nonce = nonce
        self.authorizedParty = authorizedParty
        self.texts = texts
        self.flags = flags
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        issuer = try c.decode(IssuerClaim.self, forKey: Key("iss"))
        audience = try c.decode(AudienceClaim.self, forKey: Key("aud"))
        expires = try c.decode(ExpirationClaim.self, forKey: Key("exp"))
        nonce = try c.decodeIfPresent(String.self, forKey: Key("nonce"))
        authorizedParty = try c.decodeIfPresent(String.self, forKey: Key("azp"))
        var texts: [String: String] = [:], flags: [String: Bool] = [:]
        for key in c.allKeys {
            if let text = try? c.decode(String.self, forKey: key) { texts[key.stringValue] = text }
            if let flag = try? c.decode(Bool.self, forKey: key) { flags[key.stringValue] = flag }
        }
        self.texts = texts
        self.flags = flags
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (name, text) in texts { try c.encode(text, forKey: Key(name)) }
        for (name, flag) in flags { try c.encode(flag, forKey: Key(name)) }
        try c.encode(issuer, forKey: Key("iss"))
        try c.encode(audience, forKey: Key("aud"))
        try c.encode(expires, forKey: Key("exp"))
        try c.encodeIfPresent(nonce, forKey: Key("nonce"))
        try c.encodeIfPresent(authorizedParty, forKey: Key("azp"))
    }

    func verify(using _: some JWTAlgorithm) throws {}

    /// Whether the provider says the address is verified: `email_verified`, as true/false or as text; nil when it does not say.
    var emailVerified: Bool? { flags["email_verified"] ?? texts["email_verified"].map { $0.lowercased() == "true" } }
}

/// "Sign in with your council account": the button posts to `/desk/signin/oidc`, which keeps a state, a nonce and
/// PKCE's verifier for this browser (bound to its pre-sign-in cookie, for ten minutes, used once) and sends it to the
/// provider; the provider sends it back to `/desk/signin/oidc/callback`, where the code is exchanged, the ID token
/// checked, and the person matched to the roster signs in through `SignInFlow.complete`: an ordinary desk session,
/// audited like the others.
struct CouncilAccountSignIn: SignInMethod {
    let desk: BriefingDesk
    let provider: OpenIDProvider
    let redirectURI: String
    var name: String { "oidc" }
    var template: String? { "signin-oidc" }

    /// How long a started sign-in waits for the provider to send the browser back.
    static let pendingLifetime: TimeInterval = 10 * 60

    /// What a started sign-in keeps, in the `web_session` table under its state (only the state's hash is stored).
    struct Pending: Codable {
        var nonce: String
        var verifier: String
        var next: String
        /// A hash of the browser's pre-sign-in cookie: the sign-in completes only in the browser that started it.
        var browser: String
    }

    static func key(_ state: String) -> String { "oidc." + state }

    static func hash(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }

    /// PKCE's S256 challenge for a verifier (RFC 7636 §4.2).
    static func challenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    func addRoutes(to group: RouterGroup<DeskContext>, flow: SignInFlow) {
        group.post("signin/oidc") { request, context in
            let f = try context.form.decode(CouncilAccountSignInFields.self)
            let next = DeskController.safeNext(f.next)
            if context.person != nil { return Response.seeOther(next) }
            // DeskGate checked the form's token against this cookie, so it is there.
            guard let browser = request.cookies[DeskGate.formCookie]?.value else { throw DeskPageError.csrf }
            do {
                try await desk.limitSignIns(person: nil, address: context.peerAddress)
                let state = DeskGate.token(), nonce = DeskGate.token(), verifier = DeskGate.token()
                let url = try await provider.authorizationURL(redirectURI: redirectURI, state: state, nonce: nonce,
                                                              challenge: Self.challenge(verifier), now: desk.now())
                let pending = Pending(nonce: nonce, verifier: verifier, next: next, browser: Self.hash(String(browser)))
                _ = try await desk.saveWebSession(key: Self.key(state), person: nil, value: String(decoding: try JSONEncoder().encode(pending), as: UTF8.self),
                                                  expires: desk.now().addingTimeInterval(Self.pendingLifetime), onlyIfNew: true)
                return Response.seeOther(url)
            } catch let refusal as SignInRefusal {
                return try await flow.refused(name, refusal, request, context, next: next)
            }
        }
        group.get("signin/oidc/callback") { request, context in
            let query = request.uri.queryParameters
            let state = query["state"].map(String.init) ?? ""
            // The state is taken (used up) first, whatever follows: a callback works once.
            let stored = state.isEmpty ? nil : try await desk.takeWebSession(key: Self.key(state))
            let pending = stored.flatMap { try? JSONDecoder().decode(Pending.self, from: Data($0.utf8)) }
            return try await flow.complete(name, request, context, next: pending?.next) {
                try await desk.limitSignIns(person: nil, address: context.peerAddress)
                let claims: IDToken
                do {
                    guard let pending, let browser = request.cookies[DeskGate.formCookie]?.value,
                          DeskGate.same(Self.hash(String(browser)), pending.browser) else {
                        throw SignInRefusal(message: "this sign-in cannot be completed: it was already completed, it waited more than \(Int(Self.pendingLifetime / 60)) minutes, or it was started in another browser",
                                            fix: "Start again from the sign-in page, with \"Sign in with your council account\".")
                    }
                    if let error = query["error"] {
                        throw SignInRefusal(message: "the council's sign-in service did not sign you in: \(error)" + (query["error_description"].map { " (\($0))" } ?? ""),
                                            fix: "Try again, or sign in with a password or a sign-in link.")
                    }
                    guard let code = query["code"].map(String.init), !code.isEmpty else {
                        throw SignInRefusal(message: "the council's sign-in service sent you back without a code", fix: "Start again from the sign-in page.")
                    }
                    let token = try await provider.exchange(code: code, verifier: pending.verifier, redirectURI: redirectURI, now: desk.now())
                    claims = try await provider.verify(token, nonce: pending.nonce, now: desk.now())
                } catch let refusal as SignInRefusal {
                    // Counted toward the address's limit, like a wrong password; nothing is signed in.
                    try await desk.refuseSignIn(refusal, address: context.peerAddress)
                }
                let claim = provider.settings.claim
                return try await desk.signIn(account: claims.texts[claim], claim: claim, verified: claim == "email" ? claims.emailVerified : nil,
                                             address: context.peerAddress)
            }
        }
    }
}
