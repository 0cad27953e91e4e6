import Glibc  // wfc runs where its outputs run: Linux (netfilter, nginx, systemd)

/// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address as one big-endian number, an IPv4 one in the low 32 bits: held inline (an
    /// array of bytes was an allocation per address) and compared under a mask in one step.
    /// Kept in two words (`number` joins them): a `UInt128` field aligns every struct and array
    /// holding an address to 16 bytes, which the Swift runtime allocates with `posix_memalign`.
    private let high: UInt64
    private let low: UInt64
    private var number: UInt128 { UInt128(high) << 64 | UInt128(low) }
    fileprivate var words: (UInt64, UInt64) { (high, low) }
    public let isIPv6: Bool
    public let description: String

    /// The address's bytes in network order: 4 or 16 of them.
    public var bytes: [UInt8] {
        let count = isIPv6 ? 16 : 4
        return (0..<count).map { UInt8(truncatingIfNeeded: number >> (8 * (count - 1 - $0))) }
    }

    /// `::ffff:a.b.c.d`: an IPv6 address that stands for an IPv4 one, which no IPv4 packet carries.
    public var isIPv4Mapped: Bool { isIPv6 && number >> 32 == 0xFFFF }

    /// The IPv4 address an IPv4-mapped one carries, written as a dotted quad.
    public var mappedIPv4: IPAddress? {
        guard isIPv4Mapped else { return nil }
        let quad = (0..<4).map { String(UInt8(truncatingIfNeeded: number >> (8 * (3 - $0)))) }.joined(separator: ".")
        return IPAddress(number: UInt128(low & 0xFFFF_FFFF), isIPv6: false, description: quad)
    }

    fileprivate init(high: UInt64, low: UInt64, isIPv6: Bool, description: String) {
        self.high = high
        self.low = low
        self.isIPv6 = isIPv6
        self.description = description
    }

    private init(number: UInt128, isIPv6: Bool, description: String) {
        high = UInt64(truncatingIfNeeded: number >> 64)
        low = UInt64(truncatingIfNeeded: number)
        self.isIPv6 = isIPv6
        self.description = description
    }

    /// Parses the strict literal forms only: dotted quad without leading zeros, or IPv6
    /// without zone; these values are written into nginx and firewall files.
    public init?(_ text: String) {
        // The bytes in one buffer: walking a String's UTF-8 view byte by byte cost more than
        // the parse itself.
        var utf8 = text
        let quad = utf8.withUTF8 { IPAddress.dottedQuad($0) }
        if let quad {
            self.init(number: UInt128(quad), isIPv6: false, description: text)
        } else {
            var raw = in6_addr()
            guard text.utf8.contains(UInt8(ascii: ":")), inet_pton(AF_INET6, text, &raw) == 1 else { return nil }
            self.init(number: withUnsafeBytes(of: &raw) { $0.reduce(0) { $0 << 8 | UInt128($1) } }, isIPv6: true, description: text)
        }
    }

    /// A dotted quad exactly as glibc's `inet_pton(AF_INET)` reads one: four decimal parts of
    /// at most 255, no leading zero, nothing else. Spelt out here, where every node's
    /// addresses are parsed: the call through C was most of the decoding of an address.
    private static func dottedQuad(_ text: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var quad: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        for byte in text {
            if isDigit(byte) {
                if digits > 0, part == 0 { return nil }  // a leading zero
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                if part > 255 { return nil }
                if digits == 0 { parts += 1 }
                digits += 1
            } else if byte == UInt8(ascii: "."), digits > 0, parts < 4 {
                quad = quad << 8 | part
                part = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard parts == 4, digits > 0 else { return nil }
        return quad << 8 | part
    }

    /// The number alone (equal addresses have equal numbers): the firewall's tables hash a
    /// source range per flow, and hashing the text too doubled that.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
        hasher.combine(low)
    }

    /// Whether the first `prefix` bits equal those of `other` (of the same family).
    public func matches(_ other: IPAddress, prefix: Int) -> Bool {
        guard isIPv6 == other.isIPv6 else { return false }
        let width = isIPv6 ? 128 : 32
        let bits = min(max(prefix, 0), width)
        return bits == 0 || (number ^ other.number) >> (width - bits) == 0
    }
}

/// A host as written in topology.yaml: an address literal or a DNS name.
public struct Host: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    /// An IP literal's number (`IPAddress`'s two words) and family: 4, 6, or 0 for a name.
    /// Held here rather than as an `IPAddress`, whose text is this one: a host is in every
    /// node's spec, plan and flows, and the second copy of its text was a third of its bytes.
    private let high: UInt64, low: UInt64
    private let family: UInt8

    /// Set when the host is an IP literal.
    public var address: IPAddress? {
        family == 0 ? nil : IPAddress(high: high, low: low, isIPv6: family == 6, description: text)
    }

    public init?(_ text: String) {
        if let address = IPAddress(text) {
            (high, low) = address.words
            family = address.isIPv6 ? 6 : 4
        } else if Host.isDNSName(text) {
            (high, low, family) = (0, 0, 0)
        } else {
            return nil
        }
        self.text = text
    }

    public var description: String { text }

    /// What two hosts are told to be one by: an IP literal's text as written (`IPAddress`
    /// equality compares it too), a name in lower case. Two nodes on one address, the gateway
    /// on a node's machine, `server_ip` against what clients must be told all compare it.
    public var identity: String { family == 0 ? text.lowercased() : text }

    /// Letters, digits and hyphens in dot-separated labels of 1 to 63, at most 253 in all,
    /// no label starting or ending with a hyphen, and a top label that is not all digits
    /// (so a mistyped IPv4 address is not taken for a name).
    static func isDNSName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.count),
                label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return labels.last.map { !$0.allSatisfy(isDigit) } ?? false
    }
}

/// An address or a CIDR block, as `firewall.allow[].from` takes them.
public struct AddressRange: Hashable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let prefix: Int
    public let description: String

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let maxPrefix = address.isIPv6 ? 128 : 32
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy(isDigit), parts[1].count <= 3,
                let prefix = Int(parts[1]), prefix <= maxPrefix
            else { return nil }
            self.prefix = prefix
        } else {
            prefix = maxPrefix
        }
        self.address = address
        description = text
    }

    /// One address as a range of its own (`/32`, `/128`), without printing and parsing it.
    public init(_ address: IPAddress) {
        self.address = address
        prefix = address.isIPv6 ? 128 : 32
        description = address.description
    }

    /// As `IPAddress`'s: the bytes and the prefix, not the text.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        hasher.combine(prefix)
    }

    /// Whether every address of `other` is in this range.
    public func covers(_ other: AddressRange) -> Bool {
        prefix <= other.prefix && other.address.matches(address, prefix: prefix)
    }
}

func isDigit(_ b: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }

package func isAlphanumeric(_ b: UInt8) -> Bool {
    isDigit(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
}

package enum Grammar {
    /// A character a path may hold (WFC405 in docs/rules.md): ASCII letters, digits and `/ . _ - +`.
    static func isPathScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "/._-+".unicodeScalars.contains(s))
    }

    /// Lowercase letters, digits and hyphens, starting with a letter, at most 63.
    /// An identifier another program matches as written: 1 to 64 letters, digits, `-`, `_`, `.`
    /// (nothing a shell, sed, libconfig or the IM config reads as syntax).
    package static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...64).contains(bytes.count)
            && bytes.allSatisfy {
                isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                    || $0 == UInt8(ascii: ".")
            }
    }

    package static func isNodeName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, (1...63).contains(bytes.count),
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return bytes.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// Why a value cannot stand after `key ` on one IM config line (docs/domain.md), if it cannot.
    /// Checked on Unicode scalars: `"\r\n"` is one Swift Character, and so is `#` with a
    /// combining mark, which Character comparisons would let through.
    package static func imConfigValueProblem(_ value: String) -> String? {
        let scalars = value.unicodeScalars
        if scalars.isEmpty { return "is empty" }
        if scalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return "holds a line break or NUL byte"
        }
        if scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true {
            return "starts or ends with white space"
        }
        // The server's rule (IMConfigBase.read): a `#` matters only on a line that does not
        // split into exactly two fields on single spaces; `key value` is two while the value
        // has no space.
        if scalars.contains("#"), scalars.contains(" ") {
            return "holds both `#` and a space, which the IM server's config parser cannot read"
        }
        return nil
    }

    /// Why a value cannot stand in `turnserver.conf` as `key="value"` (coturn's
    /// `read_config_file`: one line of at most 1,023 bytes, one pair of quotes stripped; in
    /// `user=NAME:PASSWORD` blanks after the colon are skipped and a password starting `0x`
    /// is read as a hex key), if it cannot.
    package static func turnConfigValueProblem(_ value: String) -> String? {
        if let why = imConfigValueProblem(value), !why.contains("`#`") { return why }
        if value.hasPrefix("0x") { return "starts with `0x`, which coturn reads as a hex key instead of a password" }
        if value.utf8.count > 512 { return "is longer than 512 bytes (coturn reads at most 1,023 bytes of a line)" }
        return nil
    }

    /// `mode:single`: a would-be key and value with no space after the colon.
    package static func gluedKey(_ line: String) -> (key: String, value: String)? {
        let text = line.drop { $0 == " " || $0 == "-" }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon], value = text[text.index(after: colon)...]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
            let first = value.first, first != " ", first != "/"
        else { return nil }
        return (String(key), String(value.prefix { $0 != " " && $0 != "#" }))
    }

    /// A POSIX environment variable name.
    static func isEnvName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, !isDigit(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }
}
