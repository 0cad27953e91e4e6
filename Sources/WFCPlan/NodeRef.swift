/// A node as every other part of the plan names it: its place in `Plan.nodes` (which is also
/// its place in `Plan.hosts`) and its name, carried together so that a purpose, a flow's
/// upstream and a host's kind say "node" the same way. Two refs are one node when their
/// indices are: the plan keeps one node per name (a copy is WFC107's, and left out).
public struct NodeRef: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let name: String

    package init(index: Int, name: String) {
        self.index = index
        self.name = name
    }

    public static func == (a: NodeRef, b: NodeRef) -> Bool { a.index == b.index }
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }
    public var description: String { name }
}
