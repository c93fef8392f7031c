package deco.bench.memory;

import java.nio.file.Path;
import java.util.Map;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * MapDB's {@code HTreeMap} in one memory-mapped file, the embedded on-disk map a Java user would
 * reach for besides H2 (decision 025): {@code GrowthBench}'s peer. Not thread-safe beyond what
 * MapDB gives; used by one thread.
 *
 * @param db  the open database
 * @param map its {@code Long → Long} map
 */
record MapDbPeer(DB db, Map<Long, Long> map) implements AutoCloseable {

    /**
     * Creates the store in {@code file}, which must not exist.
     *
     * @param file where
     * @return the open store
     */
    static MapDbPeer open(Path file) {
        DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().make();
        return new MapDbPeer(db, db.hashMap("growth", Serializer.LONG, Serializer.LONG).createOrOpen());
    }

    @Override
    public void close() {
        db.close();
    }
}
