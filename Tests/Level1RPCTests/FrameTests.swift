import Testing

@testable import Level1RPC
