package com.vpbank.creditscore.store;

/**
 * The prediction's transaction was cancelled because another transaction was writing the
 * same item (DynamoDB's {@code TransactionConflict}); nothing of it was stored, and the
 * store step may be tried again.
 */
public class TransactionConflictException extends RuntimeException {

    public TransactionConflictException(Throwable cause) {
        super("Another transaction was writing the same item", cause);
    }
}
