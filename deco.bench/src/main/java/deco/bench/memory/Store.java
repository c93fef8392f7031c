package deco.bench.memory;

import deco.memory.DiskDict;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The maps the memory benchmarks compare, behind one small interface: deco's {@link DiskDict},
 * raw Chronicle Map with the same settings, H2's MVStore (on disk) and {@link ConcurrentHashMap}
 * (on heap, as a ceiling).
 */
public interface Store<K, V> extends AutoCloseable {

    /**
     * @param key a key
     * @return its value
     */
    V get(K key);

    /**
     * @param key   a key
     * @param value its value
     */
    void put(K key, V value);

    /** @return how many entries a full visit saw */
    long iterate();

    /** @return the store as the {@link Map} it is, for its views */
    Map<K, V> asMap();

    @Override
    void close();

    /** Which implementation. */
    enum Kind {
        /** deco's DiskDict. */
        DECO,
        /** Raw Chronicle Map, same settings. */
        CHRONICLE,
        /** H2 MVStore's MVMap, on disk. */
        MVSTORE,
        /** ConcurrentHashMap, on heap. */
        CHM
    }

    /**
     * Opens a store of {@code kind}.
     *
     * @param kind             which implementation
     * @param keys             key class
     * @param values           value class
     * @param entries          expected entries (Chronicle's sizing; deco's first part)
     * @param averageKeySize   bytes, for variable-size keys
     * @param averageValueSize bytes, for variable-size values
     * @param directory        where files go; deleted on close
     * @param <K>              key type
     * @param <V>              value type
     * @return the store
     */
    static <K, V> Store<K, V> open(Kind kind, Class<K> keys, Class<V> values, long entries, double averageKeySize,
                                   double averageValueSize, Path directory) {
        return switch (kind) {
            case DECO -> new MapStore<>(DiskDict.builder(directory.resolve("deco"), keys, values)
                    .initialCapacity(entries).averageKeySize(averageKeySize).averageValueSize(averageValueSize)
                    .open(), directory);
            case CHRONICLE -> {
                var builder = ChronicleMap.of(keys, values).entries(entries);
                if (keys == String.class) {
                    builder.averageKeySize(averageKeySize);
                }
                if (values == String.class) {
                    builder.averageValueSize(averageValueSize);
                }
                try {
                    yield new MapStore<>(builder.createPersistedTo(directory.resolve("raw.cm").toFile()), directory);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case MVSTORE -> {
                MVStore store = MVStore.open(directory.resolve("mv.db").toString());
                MVMap<K, V> map = store.openMap("bench");
                yield new MapStore<>(map, directory) {
                    @Override
                    public void close() {
                        store.close();
                        super.close();
                    }
                };
            }
            case CHM -> new MapStore<>(new ConcurrentHashMap<>(), directory);
        };
    }

    /**
     * Opens a {@code Long → Long} store of {@code kind} in a new temporary directory, sized for
     * and filled with keys {@code 0 .. entries - 1}.
     *
     * @param kind    which implementation
     * @param entries how many entries
     * @param value   the value of key {@code i}
     * @return the filled store
     * @throws IOException if the temporary directory cannot be made
     */
    static Store<Long, Long> filledLongs(Kind kind, int entries, java.util.function.LongUnaryOperator value)
            throws IOException {
        Store<Long, Long> store = open(kind, Long.class, Long.class, entries, 8, 8,
                java.nio.file.Files.createTempDirectory("deco-bench"));
        Map<Long, Long> map = store.asMap();
        for (long i = 0; i < entries; i++) {
            map.put(i, value.applyAsLong(i));
        }
        return store;
    }

    /** Any {@link Map}; closes it if it is closeable and deletes the directory. */
    class MapStore<K, V> implements Store<K, V> {
        private final Map<K, V> map;
        private final Path directory;

        MapStore(Map<K, V> map, Path directory) {
            this.map = map;
            this.directory = directory;
        }

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public Map<K, V> asMap() {
            return map;
        }

        @Override
        public long iterate() {
            long count = 0;
            for (Map.Entry<K, V> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public void close() {
            if (map instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            deleteTree(directory);
        }
    }

    static void deleteTree(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
