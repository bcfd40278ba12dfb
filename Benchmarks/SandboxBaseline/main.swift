import Foundation
import Hummingbird
import Logging

// The limit the sandbox is measured against: the most trivial Hummingbird route, on the same
// machine, in the same run (scripts/bench-sandbox). Prints its port, serves until killed.
let router = Router()
router.get("/ping") { _, _ in "pong" }
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in
        FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8))
    },
    logger: Logger(label: "baseline", factory: { _ in SwiftLogNoOpLogHandler() }))
try await app.runService()
