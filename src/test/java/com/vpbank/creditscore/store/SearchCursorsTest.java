package com.vpbank.creditscore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A cursor is taken back only in the exact form the service gave it. */
class SearchCursorsTest {

    private final SearchCursors cursors = SearchCursors.fromSetting("");

    @Test
    void aCursorGivenIsTakenBack() {
        String next = cursors.next("CUS-1", "2026-01-01T00:00:00Z#abc");

        assertEquals("2026-01-01T00:00:00Z#abc", cursors.sortKey("CUS-1", next));
    }

    @Test
    void aCursorWithBase64PaddingAddedIsRefused() {
        // a sort key of 24 bytes encodes to 32 characters: one of 25 bytes needs padding of 2
        String next = cursors.next("CUS-1", "2026-01-01T00:00:00Z#abcd");
        int dot = next.indexOf('.');

        for (String padded : List.of(next + "==", next.substring(0, dot) + "==" + next.substring(dot))) {
            assertThrows(InvalidCursorException.class, () -> cursors.sortKey("CUS-1", padded), padded);
        }
    }

    @Test
    void aCursorForAnotherCustomerIsRefused() {
        String next = cursors.next("CUS-1", "2026-01-01T00:00:00Z#abc");

        assertThrows(InvalidCursorException.class, () -> cursors.sortKey("CUS-2", next));
    }
}
