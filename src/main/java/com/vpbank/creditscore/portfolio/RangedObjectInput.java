package com.vpbank.creditscore.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object's bytes from {@code from}, read by ranged GETs: first up to {@code until}
 * (exclusive), then, only as far as the reader goes on, in further ranges of
 * {@value #FOLLOW_BYTES} bytes to the object's end. A shard reads its own slice and the
 * rest of its last line, not the object. Every byte read is counted in {@code bytesRead}.
 */
final class RangedObjectInput extends InputStream {

    static final int FOLLOW_BYTES = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long size;
    private final AtomicLong bytesRead;
    private long position;
    private long rangeEnd;
    private ResponseInputStream<GetObjectResponse> current;

    RangedObjectInput(S3Client s3, String bucket, String key, long size, long from, long until, AtomicLong bytesRead) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.position = from;
        this.rangeEnd = Math.min(size, Math.max(until, from));
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (position >= size) {
                return -1;
            }
            if (current == null) {
                if (position >= rangeEnd) {
                    rangeEnd = Math.min(size, position + FOLLOW_BYTES);
                }
                long last = rangeEnd - 1;
                current = s3.getObject(request -> request.bucket(bucket).key(key).range("bytes=" + position + "-" + last));
            }
            int n = current.read(buffer, offset, (int) Math.min(length, rangeEnd - position));
            if (n < 0 || position + Math.max(n, 0) >= rangeEnd) {
                if (n > 0) {
                    position += n;
                    bytesRead.addAndGet(n);
                }
                current.close();
                current = null;
                if (n < 0 && position < rangeEnd) {
                    throw new IOException("The object " + key + " ended at byte " + position + " of " + size);
                }
                if (n > 0) {
                    return n;
                }
                continue;
            }
            position += n;
            bytesRead.addAndGet(n);
            return n;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            // Bytes not read are not transferred: the connection is dropped, not drained.
            current.abort();
            current.close();
            current = null;
        }
    }
}
