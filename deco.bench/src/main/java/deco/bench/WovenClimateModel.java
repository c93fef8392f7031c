package deco.bench;

import deco.core.Concurrent;
import deco.core.Synchronized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * deco's climate model as deco users write it: the plain serial program plus two annotations.
 * The build weaves this class (the offline weaver in {@code process-classes}), so
 * {@link #run()} computes its 25 cells concurrently.
 */
public final class WovenClimateModel {

    private final double[] data;
    private final long cellMillis;

    /**
     * @param seed       seed of the 200 data values
     * @param cellMillis how long one cell takes
     */
    public WovenClimateModel(long seed, long cellMillis) {
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
     * The serial loop, parallel once woven.
     *
     * @return the grid
     * @throws InterruptedException if interrupted
     */
    @Synchronized
    public List<Map<Integer, Double>> run() throws InterruptedException {
        List<Map<Integer, Double>> results = new ArrayList<>();
        for (int lat = 0; lat < ClimateModel.SIDE; lat++) {
            results.add(new HashMap<>());
        }
        for (int lat = 0; lat < ClimateModel.SIDE; lat++) {
            for (int lon = 0; lon < ClimateModel.SIDE; lon++) {
                results.get(lat).put(lon, processLatLon(lat, lon));
            }
        }
        return results;
    }
}
