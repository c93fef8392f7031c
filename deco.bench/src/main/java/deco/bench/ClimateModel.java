package deco.bench;

import deco.core.Concurrent;
import deco.core.Deco;
import deco.core.Sync;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * deco's climate-model example (acceptance case 5): a 5 x 5 latitude/longitude grid whose every
 * cell takes 100 ms to process. {@link #serial()} is the plain program; {@link #parallel()} is the
 * same loop with deco's explicit API.
 */
public final class ClimateModel {

    /** Grid side. */
    public static final int SIDE = 5;

    private final double[] data;
    private final long cellMillis;

    /**
     * @param seed       seed of the 200 data values
     * @param cellMillis how long one cell takes
     */
    public ClimateModel(long seed, long cellMillis) {
        Random random = new Random(seed);
        this.data = new double[200];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble();
        }
        this.cellMillis = cellMillis;
    }

    /**
     * One cell: waits as a slow simulation would, then returns {@code data[lat + lon]}.
     *
     * @param lat latitude index
     * @param lon longitude index
     * @return the cell's value
     * @throws InterruptedException if interrupted while working
     */
    @Concurrent
    public double processLatLon(int lat, int lon) throws InterruptedException {
        Thread.sleep(cellMillis);
        return data[lat + lon];
    }

    /**
     * @return the grid, computed one cell after another
     * @throws InterruptedException if interrupted
     */
    public List<Map<Integer, Double>> serial() throws InterruptedException {
        List<Map<Integer, Double>> results = emptyGrid();
        for (int lat = 0; lat < SIDE; lat++) {
            for (int lon = 0; lon < SIDE; lon++) {
                results.get(lat).put(lon, processLatLon(lat, lon));
            }
        }
        return results;
    }

    /**
     * @return the grid, every cell computed concurrently and stored at the synchronization event
     */
    public List<Map<Integer, Double>> parallel() {
        List<Map<Integer, Double>> results = emptyGrid();
        try (Sync sync = Deco.synchronize()) {
            for (int lat = 0; lat < SIDE; lat++) {
                for (int lon = 0; lon < SIDE; lon++) {
                    int la = lat;
                    int lo = lon;
                    sync.put(results.get(la), lo, () -> processLatLon(la, lo));
                }
            }
        }
        return results;
    }

    private static List<Map<Integer, Double>> emptyGrid() {
        List<Map<Integer, Double>> results = new ArrayList<>();
        for (int lat = 0; lat < SIDE; lat++) {
            results.add(new HashMap<>());
        }
        return results;
    }
}
