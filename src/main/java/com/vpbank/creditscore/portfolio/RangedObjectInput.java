package com.vpbank.creditscore.portfolio;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 object's bytes from {@code from}, read by ranged GETs of at most
 * {@value #CHUNK_BYTES} bytes, each read whole before it is used: no connection is held open
 * while the batches of a chunk are scored, and a chunk that fails is tried again by the SDK
 * within the S3 call budget. Up to {@code until} (exclusive) it reads the shard's own slice;
 * past it, only as far as the reader goes on, in ranges of {@value #FOLLOW_BYTES} bytes, to
 * finish the shard's last line. Every byte read is counted in {@code bytesRead}.
 */
final class RangedObjectInput extends InputStream {

    static final int CHUNK_BYTES = 1024 * 1024;
    static final int FOLLOW_BYTES = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long size;
    private final long until;
    private final AtomicLong bytesRead;
    private long position;
    private byte[] chunk = new byte[0];
    private int offset;

    RangedObjectInput(S3Client s3, String bucket, String key, long size, long from, long until, AtomicLong bytesRead) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.position = from;
        this.until = Math.min(size, until);
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return chunk[offset++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int at, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - offset);
        System.arraycopy(chunk, offset, buffer, at, n);
        offset += n;
        return n;
    }

    /** A chunk with bytes left to read, fetched when the last one is used up; false at the object's end. */
    private boolean fill() {
        if (offset < chunk.length) {
            return true;
        }
        if (position >= size) {
            return false;
        }
        long end = position < until ? Math.min(until, position + CHUNK_BYTES) : Math.min(size, position + FOLLOW_BYTES);
        String range = "bytes=" + position + "-" + (end - 1);
        chunk = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).range(range)).asByteArray();
        if (chunk.length == 0) {
            throw new IllegalStateException("The object " + key + " gave no bytes at " + position + " of " + size);
        }
        offset = 0;
        position += chunk.length;
        bytesRead.addAndGet(chunk.length);
        return true;
    }
}
