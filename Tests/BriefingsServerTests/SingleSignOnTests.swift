@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import Synchronization
import Testing

/// The ID token's checks (OpenID Connect Core §3.1.3.7) against a provider on 127.0.0.1 that publishes a discovery
/// document and its keys, with tokens the test signs: each check refuses on its own, with its own reason. The whole
/// sign-in against a real provider (`oidc-provider-mock`) is `scripts/test-sso.sh`.
@Suite("Single sign-on: the ID token's checks")
struct SingleSignOnTests {
    /// A provider's published side: its discovery document (issuer = its own 127.0.0.1 address) and its key set, which a test may
    /// replace (the provider rotating its keys).
    final class PublishedKeys: Sendable {
        let set = Mutex<String>("")
    }

    static func jwk(_ key: ES256PrivateKey, kid: String) -> String {
        let p = key.publicKey.parameters!
        return #"{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"\#(kid)","x":"\#(p.x)","y":"\#(p.y)"}"#
    }

    /// An encryption key, which a key set may hold (Keycloak publishes one) and the desk must pass over.
    static let encryptionKey = #"{"kty":"RSA","use":"enc","alg":"RSA-OAEP","kid":"enc-1","n":"sXch","e":"AQAB"}"#

    static func provider(_ published: PublishedKeys) -> some ApplicationProtocol {
        let router = Router()
        router.get(".well-known/openid-configuration") { request, _ -> Response in
            // Its issuer is always its 127.0.0.1 address, whatever host name it was asked by.
            let base = "http://127.0.0.1:\(request.head.authority?.split(separator: ":").last ?? "")"
            let doc = #"{"issuer":"\#(base)","authorization_endpoint":"\#(base)/authorize","token_endpoint":"\#(base)/token","jwks_uri":"\#(base)/jwks"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: doc)))
        }
        router.get("jwks") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: published.set.withLock { $0 })))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func refusal(_ body: () async throws -> IDToken) async -> String? {
        do { _ = try await body(); return nil } catch let refusal as SignInRefusal { return refusal.message } catch { return "not a refusal: \(error)" }
    }

    @Test("a good token passes; a wrong issuer, audience, expiry or nonce, another key's signature, no signature, and several audiences without this desk as the authorised party are each refused with their reason; a rotated key is fetched")
    func checks() async throws {
        let published = PublishedKeys()
        let key = ES256PrivateKey(), other = ES256PrivateKey()
        published.set.withLock { $0 = #"{"keys":[\#(Self.encryptionKey),\#(Self.jwk(key, kid: "k1"))]}"# }
        try await Self.provider(published).test(.live) { client in
            let issuer = "http://127.0.0.1:\(client.port!)"
            let provider = OpenIDProvider(settings: SingleSignOn(issuer: issuer, clientID: "briefings-desk", clientSecret: nil))
            let now = Date()
            func signed(_ token: IDToken, with signer: ES256PrivateKey? = nil, kid: String = "k1") async throws -> String {
                try await JWTKeyCollection().add(ecdsa: signer ?? key, kid: JWKIdentifier(string: kid)).sign(token, kid: JWKIdentifier(string: kid))
            }
            func token(iss: String? = nil, aud: [String] = ["briefings-desk"], exp: TimeInterval = 300, nonce: String? = "n-1", azp: String? = nil) -> IDToken {
                IDToken(issuer: iss ?? issuer, audience: aud, expires: now.addingTimeInterval(exp), nonce: nonce,
                        texts: ["sub": "abc", "email": "cllr.asha.patel@example.gov.uk"], flags: ["email_verified": true], authorizedParty: azp)
            }

            let good = try await provider.verify(try await signed(token()), nonce: "n-1", now: now)
            #expect(good.texts["email"] == "cllr.asha.patel@example.gov.uk" && good.emailVerified == true)

            let wrongIssuer = await Self.refusal { try await provider.verify(try await signed(token(iss: "https://elsewhere.example")), nonce: "n-1", now: now) }
            #expect(wrongIssuer?.contains("was issued by 'https://elsewhere.example', not by the council's identity provider") == true, "\(wrongIssuer ?? "accepted")")

            let wrongAudience = await Self.refusal { try await provider.verify(try await signed(token(aud: ["another-app"])), nonce: "n-1", now: now) }
            #expect(wrongAudience?.contains("meant for another application ('another-app'), not for this desk ('briefings-desk')") == true, "\(wrongAudience ?? "accepted")")

            let expired = await Self.refusal { try await provider.verify(try await signed(token(exp: -3600)), nonce: "n-1", now: now) }
            #expect(expired?.contains("the sign-in token expired at") == true, "\(expired ?? "accepted")")
            let withinLeeway = await Self.refusal { try await provider.verify(try await signed(token(exp: -30)), nonce: "n-1", now: now) }
            #expect(withinLeeway == nil, "half a minute of clock difference is allowed: \(withinLeeway ?? "")")

            let replayed = await Self.refusal { try await provider.verify(try await signed(token(nonce: "n-0")), nonce: "n-1", now: now) }
            #expect(replayed?.contains("replayed from another sign-in") == true, "\(replayed ?? "accepted")")
            let noNonce = await Self.refusal { try await provider.verify(try await signed(token(nonce: nil)), nonce: "n-1", now: now) }
            #expect(noNonce?.contains("carries no nonce") == true, "\(noNonce ?? "accepted")")

            let forged = await Self.refusal { try await provider.verify(try await signed(token(), with: other), nonce: "n-1", now: now) }
            #expect(forged?.contains("signature does not match the keys") == true, "\(forged ?? "accepted")")
            let parts = try await signed(token()).split(separator: ".")
            let unsigned = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") + "." + parts[1] + "."
            let none = await Self.refusal { try await provider.verify(unsigned, nonce: "n-1", now: now) }
            #expect(none?.contains("signature does not match the keys") == true, "\(none ?? "accepted")")

            let shared = await Self.refusal { try await provider.verify(try await signed(token(aud: ["briefings-desk", "another-app"])), nonce: "n-1", now: now) }
            #expect(shared?.contains("several audiences") == true, "\(shared ?? "accepted")")
            let presented = await Self.refusal {
                try await provider.verify(try await signed(token(aud: ["briefings-desk", "another-app"], azp: "briefings-desk")), nonce: "n-1", now: now)
            }
            #expect(presented == nil, "\(presented ?? "")")

            // The provider rotates its keys: a token under the new key is accepted once the desk fetches them again.
            let rotated = ES256PrivateKey()
            published.set.withLock { $0 = #"{"keys":[\#(Self.jwk(rotated, kid: "k2"))]}"# }
            let later = now.addingTimeInterval(120)
            let fresh = await Self.refusal { try await provider.verify(try await signed(token(exp: 600), with: rotated, kid: "k2"), nonce: "n-1", now: later) }
            #expect(fresh == nil, "\(fresh ?? "")")
        }
    }

    @Test("a discovery document naming another issuer, or a provider that cannot be reached, is the provider's failure (502), not the person's")
    func providerFailures() async throws {
        let published = PublishedKeys()
        try await Self.provider(published).test(.live) { client in
            let wrong = OpenIDProvider(settings: SingleSignOn(issuer: "http://127.0.0.1:\(client.port!)/realms/council", clientID: "d", clientSecret: nil))
            do { _ = try await wrong.metadata(now: Date()); Issue.record("a missing discovery document was accepted") } catch let refusal as SignInRefusal {
                #expect(refusal.unavailable && refusal.message.contains("its discovery document answered HTTP 404"), "\(refusal.message)")
            }
            let mismatched = OpenIDProvider(settings: SingleSignOn(issuer: "http://localhost:\(client.port!)", clientID: "d", clientSecret: nil))
            do { _ = try await mismatched.metadata(now: Date()); Issue.record("a mismatched issuer was accepted") } catch let refusal as SignInRefusal {
                #expect(refusal.unavailable && refusal.message.contains("names the issuer 'http://127.0.0.1:") && refusal.message.contains("not 'http://localhost:"), "\(refusal.message)")
            }
        }
        let unreachable = OpenIDProvider(settings: SingleSignOn(issuer: "http://127.0.0.1:9", clientID: "d", clientSecret: nil))
        do { _ = try await unreachable.metadata(now: Date()); Issue.record("an unreachable provider gave a document") } catch let refusal as SignInRefusal {
            #expect(refusal.unavailable && refusal.message.contains("could not be reached"), "\(refusal.message)")
        }
    }

    @Test("serve's settings: an http issuer away from this machine, an empty client id or claim are refused")
    func settings() {
        #expect(SingleSignOn(issuer: "https://login.microsoftonline.com/t/v2.0", clientID: "c", clientSecret: "s").problem == nil)
        #expect(SingleSignOn(issuer: "http://127.0.0.1:9400", clientID: "c", clientSecret: nil).problem == nil)
        #expect(SingleSignOn(issuer: "http://idp.example.gov.uk", clientID: "c", clientSecret: nil).problem?.contains("not an https://") == true)
        #expect(SingleSignOn(issuer: "https://idp.example.gov.uk", clientID: " ", clientSecret: nil).problem == "the client id is empty")
        #expect(SingleSignOn(issuer: "https://idp.example.gov.uk", clientID: "c", clientSecret: nil, claim: "").problem == "the claim is empty")
        #expect(SingleSignOn.redirectURI(publicURL: "https://briefings.example.gov.uk") == "https://briefings.example.gov.uk/desk/signin/oidc/callback")
        // RFC 7636 appendix B's example verifier and challenge.
        #expect(CouncilAccountSignIn.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }
}
