import CSupport

public enum WFCVersion {
    public static let string = "0.1.0"
    /// The commit this binary was built from.
    public static var commit: String { String(cString: wfc_commit()) }
}
