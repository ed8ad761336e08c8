import BriefingsCLI
import Foundation

exit(await CLI.run(Array(CommandLine.arguments.dropFirst())))
