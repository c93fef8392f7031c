package deco.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sync: nested scopes")
class NestingTest {

    /** A concurrent method that itself runs a synchronized loop of concurrent calls. */
    static int plusTenNested(int x) {
        int[] result = new int[1];
        try (Sync inner = Deco.synchronize()) {
            inner.set(result, 0, () -> x + 10);
        }
        return result[0];
    }

    @Test
    @DisplayName("case 11: a concurrent task that runs its own Sync of concurrent calls -> [11, 12, 13, 14]")
    void case11_nesting() {
        List<Integer> out = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 1; i <= 4; i++) {
                int n = i;
                sync.add(out, () -> plusTenNested(n));
            }
        }
        assertEquals(List.of(11, 12, 13, 14), out);
    }

    @Test
    @DisplayName("three levels deep, with Deco.map inside a task")
    void deepNesting() {
        List<List<Integer>> out = new ArrayList<>();
        try (Sync sync = Deco.synchronize()) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                sync.add(out, () -> Deco.map(List.of(1, 2, 3), x -> plusTenNested(x * n)));
            }
        }
        assertEquals(List.of(List.of(10, 10, 10), List.of(11, 12, 13), List.of(12, 14, 16)), out);
    }
}
