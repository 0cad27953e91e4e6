import CProbe

/// The digests of STUN's long-term credentials, from libcrypto (linked in).
enum STUNCrypto {
    static func hmacSHA1(_ key: [UInt8], _ data: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 20)
        return wfc_probe_hmac_sha1(key, key.count, data, data.count, &out) == 0 ? out : nil
    }

    /// The long-term credential key: MD5(username ":" realm ":" password).
    static func longTermKey(user: String, realm: String, password: String) -> [UInt8]? {
        let input = Array("\(user):\(realm):\(password)".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        return wfc_probe_md5(input, input.count, &out) == 0 ? out : nil
    }
}
