package deco.bench;

import deco.core.Synchronized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * deco's climate model as deco users write it: the plain serial program plus two annotations.
 * The build weaves this class (the offline weaver in {@code process-classes}), so
 * {@link #run()} computes its 25 cells concurrently.
 */
public final class WovenClimateModel {

    private final ClimateModel model;

    /**
     * @param seed       seed of the 200 data values
     * @param cellMillis how long one cell takes
     */
    public WovenClimateModel(long seed, long cellMillis) {
        this.model = new ClimateModel(seed, cellMillis);
    }

    /**
     * The serial loop, parallel once woven: each {@link ClimateModel#processLatLon} (a
     * {@code @Concurrent} method of another class) is forked, each {@code put} deferred.
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
                results.get(lat).put(lon, model.processLatLon(lat, lon));
            }
        }
        return results;
    }
}
