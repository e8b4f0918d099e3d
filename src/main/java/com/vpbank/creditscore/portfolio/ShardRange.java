package com.vpbank.creditscore.portfolio;

/**
 * The bytes of an object one shard owns: the lines that start at or after {@code start} and
 * before {@code end}. Shard {@code index} of {@code shards} owns the {@code index}-th equal
 * slice of the object's bytes; a line that crosses a slice's end belongs to the slice it
 * starts in, so the shards' lines together are every line of the object once.
 */
public record ShardRange(long start, long end) {

    public static ShardRange of(long size, int shards, int index) {
        if (shards < 1 || index < 0 || index >= shards) {
            throw new IllegalArgumentException("Shard " + index + " of " + shards + " does not exist");
        }
        return new ShardRange(slice(size, shards, index), slice(size, shards, index + 1));
    }

    private static long slice(long size, int shards, int index) {
        return Math.multiplyExact(size, index) / shards;
    }
}
