import StageTestSupport
import Testing

@testable import WFCLanguage
@testable import WFCPlan

@Suite("Address classes")
struct AddressClassTests {
    static let table: [(String, AddressClass)] = [
        ("8.8.8.8", .global), ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.31.255.255", .private),
        ("172.32.0.1", .global), ("192.168.1.1", .private), ("100.64.0.1", .shared), ("100.127.255.255", .shared),
        ("100.128.0.1", .global), ("127.0.0.1", .loopback), ("169.254.10.1", .linkLocal), ("0.0.0.0", .unspecified),
        ("192.0.2.5", .documentation), ("198.51.100.5", .documentation), ("203.0.113.5", .documentation),
        ("224.0.0.1", .multicast), ("255.255.255.255", .broadcast),
        ("::", .unspecified), ("::1", .loopback), ("fd00::1", .private), ("fc00::1", .private), ("fe80::1", .linkLocal),
        ("2001:db8::1", .documentation), ("2400:cb00::1", .global), ("ff02::1", .multicast),
        ("::ffff:10.0.0.1", .private), ("::ffff:8.8.8.8", .global)
    ]

    @Test(arguments: table.map { "\($0.0) \($0.1.rawValue)" })
    func classifies(_ row: String) throws {
        let (text, expected) = try #require(Self.table.first { "\($0.0) \($0.1.rawValue)" == row })
        #expect(AddressClass(try #require(IPAddress(text))) == expected)
    }

    @Test func dialable() {
        #expect(AddressClass.private.isDialable(on: .intranet))
        #expect(!AddressClass.private.isDialable(on: .internet))
        #expect(AddressClass.shared.isDialable(on: .intranet))
        #expect(!AddressClass.loopback.isDialable(on: .intranet))
        #expect(AddressClass.documentation.isDialable(on: .internet))
    }

    @Test func ranges() throws {
        #expect(AddressClass(range: try #require(AddressRange("10.0.0.0/8"))) == .private)
        #expect(AddressClass(range: try #require(AddressRange("10.1.0.0/16"))) == .private)
        #expect(AddressClass(range: try #require(AddressRange("0.0.0.0/0"))) == nil)
        #expect(AddressClass(range: try #require(AddressRange("8.0.0.0/8"))) == .global)
        #expect(AddressClass(range: try #require(AddressRange("172.0.0.0/8"))) == nil)
    }
}
