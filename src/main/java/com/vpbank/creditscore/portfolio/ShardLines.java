package com.vpbank.creditscore.portfolio;

import com.vpbank.creditscore.scoring.BatchLine;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The lines of one shard, in batches of at most {@code batchRows}, read as they are needed:
 * memory holds one batch, whatever the object's size. A line belongs to the shard when it
 * starts before the shard's end; the stream starts at a line start, or one byte before the
 * shard's start, from where the first line start is sought.
 */
final class ShardLines implements Iterator<LineBatch>, Closeable {

    /** A line longer than this is rejected (its text {@code null}), as the API refuses a body over its size limit. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream in;
    private final long end;
    private final int batchRows;
    private long position;
    private long linesRead;
    private int nextPart;
    private boolean seekLineStart;
    private boolean finished;
    private LineBatch next;

    /**
     * @param position where the stream's first byte is in the object
     * @param seekLineStart the first byte is the one before the shard's start: skip to the first line start
     * @param linesRead lines of the shard read before this position
     */
    ShardLines(InputStream in, long position, boolean seekLineStart, long end, long linesRead, int nextPart,
            int batchRows) {
        this.in = in;
        this.position = position;
        this.seekLineStart = seekLineStart;
        this.end = end;
        this.linesRead = linesRead;
        this.nextPart = nextPart;
        this.batchRows = batchRows;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = readBatch();
        }
        return next != null;
    }

    @Override
    public LineBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LineBatch batch = next;
        next = null;
        return batch;
    }

    private LineBatch readBatch() {
        try {
            if (seekLineStart) {
                seekLineStart = false;
                int b;
                do {
                    b = in.read();
                    if (b >= 0) {
                        position++;
                    }
                } while (b >= 0 && b != '\n');
            }
            List<BatchLine> lines = new ArrayList<>(batchRows);
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            while (lines.size() < batchRows) {
                if (position >= end) {
                    finished = true;
                    break;
                }
                line.reset();
                boolean tooLong = false;
                boolean any = false;
                int b;
                while ((b = in.read()) >= 0) {
                    position++;
                    any = true;
                    if (b == '\n') {
                        break;
                    }
                    if (line.size() < MAX_LINE_BYTES) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                }
                if (!any) {
                    finished = true;
                    break;
                }
                linesRead++;
                String text = tooLong ? null : stripCarriageReturn(line.toString(StandardCharsets.UTF_8));
                lines.add(new BatchLine(linesRead, text));
            }
            if (lines.isEmpty()) {
                return null;
            }
            return new LineBatch(nextPart++, lines, position, linesRead);
        } catch (IOException e) {
            throw new UncheckedIOException("The input could not be read: " + e.getMessage(), e);
        }
    }

    private static String stripCarriageReturn(String text) {
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
