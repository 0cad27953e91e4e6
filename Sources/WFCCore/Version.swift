public enum WFCVersion {
    public static let string = "0.1.0"
}
