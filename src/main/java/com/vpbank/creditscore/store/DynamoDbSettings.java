package com.vpbank.creditscore.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the service's DynamoDB is and how it is called.
 *
 * @param endpoint a DynamoDB endpoint (DynamoDB Local run elsewhere), if any
 * @param region the region of real DynamoDB, if any
 * @param createTables whether the service creates its tables at start-up
 * @param callTimeout time budget of one call, retries included
 * @param attemptTimeout time budget of one attempt of a call
 * @param localDataDir embedded default: folder of DynamoDB Local's database file; none: in memory
 * @param localPort embedded default: loopback port of DynamoDB Local (0: a free one)
 * @param localNativeDir embedded default: folder of the sqlite4java native library
 */
public record DynamoDbSettings(Optional<URI> endpoint, Optional<String> region, boolean createTables,
        Duration callTimeout, Duration attemptTimeout, Optional<Path> localDataDir, int localPort,
        Path localNativeDir) {
}
