#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard descriptors (0, 1, 2) refsh was started without (`refsh … >&-`). Each is
/// opened on /dev/null the first time this is asked, first thing in `main`: otherwise the next
/// file or socket refsh opens takes its number, and output meant for standard output would go
/// into it (the sandbox's database, a connection).
public enum StandardDescriptors {
    public static let closedAtStart: Set<Int32> = {
        var closed: Set<Int32> = []
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 {
            closed.insert(descriptor)
            let null = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {  // the lowest free number is this one, unless taken meanwhile
                dup2(null, descriptor)
                close(null)
            }
        }
        return closed
    }()
}
