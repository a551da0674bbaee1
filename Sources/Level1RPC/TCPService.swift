import Dispatch
import Foundation
import Synchronization

/// A listening socket on 127.0.0.1 with one thread per connection and a clean `stop()`.
///
/// `CounterServer` and `FaultRelay` are both built on it. It owns the accept loop and knows every
/// open socket, so `stop()` can wake every blocked thread (by shutting its socket down), wait for
/// all of them to return, and only then close the listener: no thread is left behind, and no
/// descriptor is closed while another thread still uses it.
final class TCPService: Sendable {
  /// The port the service listens on.
  let port: UInt16

  private let listener: TCPSocket
  private let wakeup: WakePipe
  private let threads = DispatchGroup()
  private let registry = Mutex(Registry())
  private let maxConnections: Int

  private struct Registry {
    var stopping = false
    var sockets: [ObjectIdentifier: TCPSocket] = [:]
    var open = 0
    var accepted = 0
  }

  /// Binds 127.0.0.1:`port` and starts accepting; `handle` runs on a new thread per connection.
  ///
  /// - Parameters:
  ///   - port: the port, or 0 for any free one.
  ///   - name: a thread name prefix, seen in debuggers.
  ///   - maxConnections: connections beyond this many open at once are closed at once.
  ///   - handle: serves one connection and returns when done; it receives the socket, the
  ///     connection number (1, 2, ... in accept order) and the service. The service closes the
  ///     socket after `handle` returns; to close it earlier, or differently, `untrack` it first.
  init(
    port: UInt16, name: String, maxConnections: Int = 128,
    handle: @escaping @Sendable (TCPSocket, Int, TCPService) -> Void
  ) throws(RPCError) {
    listener = try TCPSocket.listen(port: port)
    wakeup = try WakePipe()
    self.port = listener.localPort
    self.maxConnections = maxConnections
    threads.enter()
    Thread { [self] in
      Thread.current.name = "\(name)-accept"
      acceptLoop(name: name, handle: handle)
      threads.leave()
    }.start()
  }

  /// Connections accepted so far (refused ones included).
  var acceptedConnections: Int { registry.withLock { $0.accepted } }

  /// Connections currently being served.
  var openConnections: Int { registry.withLock { $0.open } }

  /// Adds an extra socket (such as a relay's upstream connection) to those `stop()` shuts down.
  /// - Returns: `false` if the service is stopping; the caller then closes the socket itself.
  func track(_ socket: TCPSocket) -> Bool {
    registry.withLock { registry in
      guard !registry.stopping else { return false }
      registry.sockets[ObjectIdentifier(socket)] = socket
      return true
    }
  }

  /// Takes `socket` off the list `stop()` shuts down, so the caller may close it at any time.
  ///
  /// Closing a socket that is still listed could let `stop()` shut down a descriptor number the
  /// system has already handed to someone else.
  func untrack(_ socket: TCPSocket) {
    _ = registry.withLock { $0.sockets.removeValue(forKey: ObjectIdentifier(socket)) }
  }

  /// Stops accepting, shuts every connection down, and waits for every thread to return.
  ///
  /// Safe to call more than once and from any thread except the service's own. Call it: the
  /// service's threads keep it alive until then.
  func stop() {
    let first = registry.withLock { registry in
      guard !registry.stopping else { return false }
      registry.stopping = true
      // Shut down under the lock: a socket is removed under the same lock before it is closed,
      // so every descriptor touched here is still open.
      for socket in registry.sockets.values { socket.shutdown() }
      return true
    }
    if first { wakeup.wake() }
    threads.wait()
    listener.close()
  }

  // MARK: - Accepting

  private func acceptLoop(
    name: String, handle: @escaping @Sendable (TCPSocket, Int, TCPService) -> Void
  ) {
    var number = 0
    while true {
      let client: TCPSocket
      do {
        client = try listener.accept(orWakeUpOn: wakeup.readEnd)
      } catch .timedOut {
        return  // woken by stop()
      } catch {
        // Out of descriptors, for example: wait a little (or for stop()) instead of spinning.
        if (try? TCPSocket.waitReadable(wakeup.readEnd, for: .milliseconds(20))) == true { return }
        continue
      }
      number += 1
      let admitted = registry.withLock { registry in
        registry.accepted += 1
        guard !registry.stopping, registry.open < maxConnections else { return false }
        registry.open += 1
        registry.sockets[ObjectIdentifier(client)] = client
        return true
      }
      guard admitted else {
        client.close()
        continue
      }
      threads.enter()
      let connection = number
      Thread { [self] in
        Thread.current.name = "\(name)-\(connection)"
        handle(client, connection, self)
        registry.withLock { registry in
          registry.sockets[ObjectIdentifier(client)] = nil
          registry.open -= 1
        }
        client.close()
        threads.leave()
      }.start()
    }
  }
}
