/// What a node's `hazelcast.xml` says about the cluster's network: its port, the members of
/// its TCP-IP join and the interface it binds, each with its line. Only these elements are
/// read (comments skipped, entities decoded); the rest of the file is the vendor's caches.
public struct HazelcastFacts: Sendable, Equatable {
    public var port: (value: Int, line: Int)?
    public var members: [(address: String, line: Int)] = []
    public var interfaces: [(address: String, line: Int)] = []

    public static func == (a: HazelcastFacts, b: HazelcastFacts) -> Bool {
        a.port?.value == b.port?.value && a.port?.line == b.port?.line && a.members.map { $0.address } == b.members.map { $0.address }
            && a.interfaces.map { $0.address } == b.interfaces.map { $0.address }
    }

    public init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes.prefix(NginxConfig.maxFileBytes), as: UTF8.self)
        var i = text.startIndex, line = 1
        /// The text of an element whose start tag begins at `i`, up to its end tag.
        func element(_ name: String) -> String? {
            guard let open = text[i...].firstIndex(of: ">") else { return nil }
            let body = text[text.index(after: open)...]
            guard let close = body.firstRange(of: "</\(name)>") else { return nil }
            return Self.decoded(String(body[..<close.lowerBound])).trimmingCharacters(in: " \t\r\n")
        }
        while i < text.endIndex {
            let c = text[i]
            if c == "\n" { line += 1 }
            guard c == "<" else {
                i = text.index(after: i)
                continue
            }
            let rest = text[i...]
            if rest.hasPrefix("<!--") {
                let end = rest.firstRange(of: "-->")?.upperBound ?? text.endIndex
                line += text[i..<end].count { $0 == "\n" }
                i = end
                continue
            }
            if rest.hasPrefix("<port"), rest.dropFirst(5).first.map({ $0 == ">" || $0 == " " }) == true, port == nil,
                let value = element("port").flatMap({ Int($0) })
            {
                port = (value, line)
            } else if rest.hasPrefix("<member>"), let value = element("member") {
                members.append((value, line))
            } else if rest.hasPrefix("<members>"), let value = element("members") {
                members += value.split(separator: ",").map { (String($0).trimmingCharacters(in: " \t\r\n"), line) }
            } else if rest.hasPrefix("<interface>"), let value = element("interface") {
                interfaces.append((value, line))
            }
            i = text.index(after: i)
        }
    }

    /// The five XML entities and numeric references.
    static func decoded(_ s: String) -> String {
        var out = s
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            out = out.replacing(entity, with: value)
        }
        return out
    }
}

extension String {
    /// Without the given characters at either end.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        let start = firstIndex { !chars.contains($0) } ?? endIndex
        let end = lastIndex { !chars.contains($0) }.map(index(after:)) ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
