import WFCLanguage
import WFCPlan

/// The checklist's step for the vendor's app server (`app_server`): the settings in its own
/// config folder (`wildfirechat/app-server`, `config/`) that the topology decides, and what
/// the apps are told. docs/domain.md, "The app server".
extension ChecklistEmitter {
    static func appServerSteps(_ plan: Plan) -> [String] {
        guard let a = plan.appServer else { return [] }
        let service = plan.services[a.service]
        let host = plan.hosts[service.host].name
        var out = [
            "- [ ] On `\(host)`, in the app server's `config/application.properties` and `config/im.properties` "
                + "(its own defaults, `http://localhost:18080` and `false`, are right only on a node's host without HTTPS pages):",
            "   ```properties",
            "   server.port=\(a.port)",
            "   wfc.all_client_support_ssl=\(a.allClientsSSL)",
            "   im.admin_url=\(a.adminURL)",
            "   ```",
            "   `im.admin_secret` in `im.properties` is the nodes' `http.admin.secret_key` (never its default `123456`), and "
                + "`sms.super_code` in `application.properties` is a login code for tests: remove it before going live."
        ]
        if let domain = service.domain, plan.gateway != nil {
            out.append(
                "- [ ] `\(domain.value.text)` resolves to the gateway (`getent hosts \(Shell.quote(domain.value.text))`)"
                    + (plan.https ? ", and the gateway's certificate covers it as well as `\(plan.authorizedAddress.value.text)`." : "."))
        }
        out.append(
            "- [ ] The apps point at it, not at the IM server: Android and iOS `APP_SERVER_ADDRESS = \"\(a.clientURL)\"`; "
                + "web, PC and mini-program `APP_SERVER = '\(a.clientURL)'`"
                + (a.allClientsSSL ? " (an `https` address needs `USE_WSS = true` in the web client)." : "."))
        out.append("- [ ] It answers: `curl -sS \(Shell.quote(a.clientURL + "/"))` prints `Ok`.")
        return out
    }
}
