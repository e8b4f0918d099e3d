package com.vpbank.creditscore.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vpbank.creditscore.scoring.BatchLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shards by byte ranges: every line of an object belongs to exactly one shard, the one its
 * first byte falls in, whatever the shard count and however the lines fall on the slices'
 * ends; a shard resumed from a checkpoint reads on with the same rows and parts.
 */
class ShardLinesTest {

    @Test
    void theShardsTogetherHoldEveryLineOnceInOrder() throws Exception {
        String text = "a\nbb\n\nccc\ndddd\ne\nffffff\ng\r\nhh";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected = Arrays.asList(text.split("\n", -1));
        expected = new ArrayList<>(expected.stream().map(line -> line.replace("\r", "")).toList());
        for (int shards = 1; shards <= bytes.length; shards++) {
            List<String> lines = new ArrayList<>();
            for (int index = 0; index < shards; index++) {
                ShardRange range = ShardRange.of(bytes.length, shards, index);
                long from = Math.max(0, range.start() - 1);
                try (ShardLines shard = new ShardLines(new ByteArrayInputStream(bytes, (int) from, bytes.length),
                        from, range.start() > 0, range.end(), 0, 1, 3)) {
                    shard.forEachRemaining(batch -> batch.lines().forEach(line -> lines.add(line.text())));
                }
            }
            assertEquals(expected, lines, shards + " shards");
        }
    }

    @Test
    void aResumedShardGoesOnWithTheSameRowsAndParts() throws Exception {
        byte[] bytes = "l1\nl2\nl3\nl4\nl5\n".getBytes(StandardCharsets.UTF_8);
        List<LineBatch> whole = new ArrayList<>();
        try (ShardLines shard = new ShardLines(new ByteArrayInputStream(bytes), 0, false, bytes.length, 0, 1, 2)) {
            shard.forEachRemaining(whole::add);
        }
        LineBatch first = whole.get(0);

        List<LineBatch> resumed = new ArrayList<>();
        try (ShardLines shard = new ShardLines(new ByteArrayInputStream(bytes, (int) first.endOffset(), bytes.length),
                first.endOffset(), false, bytes.length, first.linesRead(), first.part() + 1, 2)) {
            shard.forEachRemaining(resumed::add);
        }

        assertEquals(3, whole.size());
        assertEquals(whole.subList(1, 3), resumed);
        assertEquals(List.of(new BatchLine(5, "l5")), resumed.get(1).lines());
        assertEquals(3, resumed.get(1).part());
    }

    @Test
    void eachShardOwnsAnEqualSliceOfTheBytes() {
        assertEquals(new ShardRange(0, 333), ShardRange.of(1000, 3, 0));
        assertEquals(new ShardRange(333, 666), ShardRange.of(1000, 3, 1));
        assertEquals(new ShardRange(666, 1000), ShardRange.of(1000, 3, 2));
    }
}
