package com.vpbank.creditscore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local started in the JVM prints nothing on standard output, and answers. */
class EmbeddedDynamoDbTest {

    @Test
    void startsWithoutPrintingItsConfigurationOnStandardOutput() {
        PrintStream standardOutput = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(null, 0, Path.of("target/native"));
             DynamoDbClient client = EmbeddedDynamoDb.localClient(dynamo.endpoint())) {
            assertSame(capture, System.out, "standard output is given back");
            assertEquals(List.of(), client.listTables().tableNames());
        } finally {
            System.setOut(standardOutput);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }
}
