import ArgumentParser

struct Hello: ParsableCommand {
    @Argument var files: [String] = []
    @Flag var strict = false

    func run() { print("hello, \(files.count) files") }
}

Hello.main()
